/**
 * Health URLs checked from the host, the way a user's browser would reach the stack. Only a 2xx
 * answer is healthy; refused and reset connections, timeouts, 5xx, 4xx and redirects are retried
 * with a short capped backoff until the deadline. The cap is small on purpose: these URLs are on
 * the runner itself (published ports), a request costs next to nothing, and each interval of
 * waiting is lag added to every run (bench/health.mjs measures it).
 */
import { sleep as realSleep } from '../time.js';

export interface UrlCheckOptions {
  /** Epoch ms. */
  deadline: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  requestTimeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  /** Called after each failed attempt (debug logging). */
  onAttempt?: (attempt: number, failure: string) => void;
}

export interface UrlCheckResult {
  url: string;
  ok: boolean;
  attempts: number;
  /** Epoch ms of the first 2xx answer. */
  healthyAt?: number;
  /** HTTP status of the last answer, if any came. */
  status?: number;
  /** Why the last attempt was not healthy: "answered 500: {...}", "connection refused", ... */
  failure?: string;
}

export const DEFAULT_FIRST_DELAY_MS = 50;
export const DEFAULT_MAX_DELAY_MS = 200;
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/** 50, 100, 200, 200, ... ms: fast while a service starts, never hammering. */
export function backoff(attempt: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1));
}

export async function waitForUrl(url: string, options: UrlCheckOptions): Promise<UrlCheckResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const first = options.firstDelayMs ?? DEFAULT_FIRST_DELAY_MS;
  const max = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  let last: Attempt = { ok: false, failure: 'not checked before the deadline' };
  for (let attempt = 1; ; attempt++) {
    const left = options.deadline - now();
    if (left <= 0) return { url, attempts: attempt - 1, ...last, ok: false };
    const full = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const timeout = Math.min(full, left);
    const answer = await probe(url, timeout, options.fetch ?? fetch);
    if (answer.ok)
      return { url, ok: true, attempts: attempt, healthyAt: now(), status: answer.status };
    options.onAttempt?.(attempt, answer.failure!);
    // A request cut short by the deadline says less than the answer before it ("answered 500").
    const cut = answer.status === undefined && timeout < full && attempt > 1;
    if (!cut) last = answer;
    const wait = Math.min(backoff(attempt, first, max), options.deadline - now());
    if (wait > 0) await sleep(wait);
  }
}

interface Attempt {
  ok: boolean;
  status?: number;
  failure?: string;
}

/** One request: never throws, says why it was not healthy. */
export async function probe(url: string, timeoutMs: number, get = fetch): Promise<Attempt> {
  try {
    const response = await get(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { 'user-agent': 'deploy-action health check' },
    });
    const status = response.status;
    if (status >= 200 && status < 300) {
      await response.body?.cancel();
      return { ok: true, status };
    }
    if (status >= 300 && status < 400) {
      await response.body?.cancel();
      const to = response.headers.get('location');
      return { ok: false, status, failure: `redirected (${status})${to ? ` to ${to}` : ''}` };
    }
    const body = (await response.text().catch(() => '')).trim().replace(/\s+/g, ' ');
    const shown = body.length > 200 ? `${body.slice(0, 200)}...` : body;
    return { ok: false, status, failure: `answered ${status}${shown ? `: ${shown}` : ''}` };
  } catch (error) {
    return { ok: false, failure: describeFetchError(error, timeoutMs) };
  }
}

const CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
};

export function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return `no answer within ${timeoutMs} ms`;
  }
  const code = err?.cause?.code;
  if (code) return CODES[code] ?? `request failed (${code})`;
  return `request failed (${err?.message ?? String(error)})`;
}

/** Hosts that are this machine. Tests allow only these, so no test ever reaches elsewhere. */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The host port a URL connects to. */
export function urlPort(url: string): number {
  const parsed = new URL(url);
  if (parsed.port) return Number(parsed.port);
  return parsed.protocol === 'https:' ? 443 : 80;
}
