/**
 * Post-deploy checks from the runner, the way a user reaches the service: once every new
 * deployment is SUCCESS and stable, each deployed service with a public URL (its Railway
 * domain, or `x-deploy.railway.url`) is asked at its health path, with backoff, until
 * `verify-timeout`. Only a 2xx counts (a redirect does not: Railway's own healthcheck treats a
 * 308 as a miss), and where `x-deploy.railway.expect` says so a JSON field of the answer must
 * equal a value (`version: ${GITHUB_SHA}` catches an old deployment still answering 200).
 */
import { describeFetchError } from '../stack/http.js';
import type { Clock } from './wait.js';

export interface PublicCheck {
  service: string;
  url: string;
  expect?: Record<string, string>;
}

export interface CheckResult {
  service: string;
  url: string;
  ok: boolean;
  attempts: number;
  status?: number;
  /** Milliseconds of the request that passed. */
  ms?: number;
  failure?: string;
}

export interface VerifyOptions {
  clock: Clock;
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Each request's own bound (default 10 s, never past the deadline). */
  requestTimeoutMs?: number;
}

const FIRST_MS = 1000;
const MAX_MS = 10_000;

/** The URL a service is checked at: its public base URL at its health path. */
export function checkUrl(base: string, healthPath: string | undefined): string {
  return new URL(healthPath ?? '/', base.endsWith('/') ? base : `${base}/`).toString();
}

export function checkAll(checks: PublicCheck[], options: VerifyOptions): Promise<CheckResult[]> {
  const deadline = options.clock.now() + options.timeoutMs;
  return Promise.all(checks.map((c) => checkOne(c, deadline, options)));
}

async function checkOne(check: PublicCheck, deadline: number, options: VerifyOptions) {
  const { clock } = options;
  let last: Answer = { ok: false, failure: 'not checked before verify-timeout' };
  for (let attempt = 1; ; attempt++) {
    const left = deadline - clock.now();
    if (left <= 0) return { ...check, ...last, ok: false, attempts: attempt - 1 };
    const timeout = Math.min(options.requestTimeoutMs ?? 10_000, left);
    last = await ask(check, timeout, options.fetch ?? fetch);
    if (last.ok) return { ...check, ...last, attempts: attempt };
    const wait = Math.min(MAX_MS, FIRST_MS * 2 ** (attempt - 1), deadline - clock.now());
    if (wait > 0) await clock.sleep(wait);
  }
}

interface Answer {
  ok: boolean;
  status?: number;
  ms?: number;
  failure?: string;
}

async function ask(check: PublicCheck, timeoutMs: number, get: typeof fetch): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await get(check.url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'deploy-action post-deploy check', accept: 'application/json' },
    });
    const ms = Math.round(performance.now() - started);
    const { status } = response;
    const body = await response.text().catch(() => '');
    if (status < 200 || status >= 300) {
      const what = status >= 300 && status < 400 ? `redirected (${status})` : `answered ${status}`;
      return { ok: false, status, failure: what };
    }
    const wrong = check.expect ? mismatch(body, check.expect) : undefined;
    return wrong ? { ok: false, status, failure: wrong } : { ok: true, status, ms };
  } catch (error) {
    return { ok: false, failure: describeFetchError(error, timeoutMs) };
  }
}

/** The first expected field the JSON answer does not have; never echoes the whole body. */
function mismatch(body: string, expect: Record<string, string>): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'answered 2xx, but not with JSON (x-deploy.railway.expect needs a JSON answer)';
  }
  for (const [field, wanted] of Object.entries(expect)) {
    const got = field.split('.').reduce<unknown>((at, key) => {
      return at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
    }, json);
    if (got === undefined) return `answered 2xx without "${field}" (expected "${wanted}")`;
    if (String(got) !== wanted) {
      const shown = String(got).slice(0, 80);
      return `answered 2xx with ${field} "${shown}", expected "${wanted}"`;
    }
  }
  return undefined;
}
