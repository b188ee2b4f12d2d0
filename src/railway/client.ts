/**
 * The GraphQL transport to Railway: auth header by token kind, a timeout per request, 429 with
 * Retry-After, retries that never repeat a write Railway may have applied, errors inside HTTP
 * 200, and rate-limit headers turned into a polling floor. The token appears in no message.
 */
import { secretScrubber } from '../secrets.js';
import { sleep } from '../time.js';
import {
  AUTH_FAILURE,
  NOT_SENT,
  RailwayAnswerLostError,
  RailwayApiError,
  RailwayAuthError,
  RailwayUnavailableError,
  networkCode,
  networkReason,
  parseJson,
  retryAfterMs,
  snippet,
  tokenRefused,
  type RawError,
} from './failures.js';
import type { Operation } from './operations.js';

export {
  RailwayAnswerLostError,
  RailwayApiError,
  RailwayAuthError,
  RailwayUnavailableError,
} from './failures.js';

export type TokenType = 'project' | 'account';

export interface ClientOptions {
  url: string;
  token: string;
  tokenType: TokenType;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Per request; a request that takes longer is aborted and counts as "no response". */
  timeoutMs?: number;
  /** Attempts for network errors and 5xx (429s have their own allowance). */
  maxAttempts?: number;
  /** A Retry-After longer than this fails instead of stalling the job (the hourly budget). */
  maxRetryAfterMs?: number;
  debug?: (message: string) => void;
  /** For a refused token: the environment it should be a project token of. */
  environment?: string;
  /** `railway-token-type: auto`, second try: why Railway refused it as a project token. */
  refusedAsProject?: string;
}

interface RateLimit {
  limit?: number;
  remaining?: number;
  resetAt?: number;
}

const MAX_RATE_LIMITED = 8;
/** Requests kept back for a rollback when the hourly budget runs low, until told the plan's. */
const DEFAULT_RESERVE = 12;

type Attempt<T> =
  | { ok: true; data: T }
  | { ok: false; retry: boolean; waitMs?: number; why: string; lost?: boolean };

export class RailwayClient {
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private limits: RateLimit = {};
  private reserve = DEFAULT_RESERVE;
  private scrubber?: ReturnType<typeof secretScrubber>;

  constructor(private readonly options: ClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? sleep;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  async request<T>(op: Operation<T>, variables: Record<string, unknown> = {}): Promise<T> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let failures = 0;
    let limited = 0;
    for (;;) {
      const result = await this.attempt(op, variables);
      if (result.ok) return result.data;
      const rateLimited = result.waitMs !== undefined;
      if (rateLimited) limited++;
      else failures++;
      const exhausted = rateLimited ? limited >= MAX_RATE_LIMITED : failures >= maxAttempts;
      if (result.lost) {
        throw new RailwayAnswerLostError(
          `Railway's answer to ${op.name} was lost (${result.why}); not resent, since ` +
            'Railway may have applied it',
        );
      }
      if (!result.retry || exhausted) {
        throw new RailwayUnavailableError(
          `Railway did not answer ${op.name}: ${result.why}` +
            (result.retry ? ` (gave up after ${failures + limited} attempts)` : ''),
        );
      }
      const waitMs = result.waitMs ?? this.backoff(failures);
      this.debug(`${op.name}: ${result.why}; retrying in ${waitMs} ms`);
      await this.sleep(waitMs);
    }
  }

  /** How many requests a rollback of what the run changed would need (the engine's plan). */
  setReserve(requests: number): void {
    this.reserve = Math.max(1, Math.ceil(requests));
  }

  /**
   * The least time between polls that keeps the reserve for a rollback until the hourly
   * budget resets; 0 while plenty remain.
   */
  pollFloorMs(): number {
    const { limit, remaining, resetAt } = this.limits;
    if (remaining === undefined || resetAt === undefined) return 0;
    const low = Math.max(this.reserve * 2, (limit ?? 0) / 10);
    if (remaining > low) return 0;
    const spare = Math.max(1, remaining - this.reserve);
    return Math.min(300_000, Math.ceil(Math.max(0, resetAt - this.now()) / spare));
  }

  private async attempt<T>(
    op: Operation<T>,
    variables: Record<string, unknown>,
  ): Promise<Attempt<T>> {
    const resendable = isResendable(op);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 30_000);
    // The pending request keeps the process alive; its timeout alone must not.
    timer.unref?.();
    let response: Response;
    try {
      response = await this.fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.authHeader() },
        body: JSON.stringify({ query: op.query, variables, operationName: op.name }),
        signal: controller.signal,
      });
    } catch (error) {
      clearTimeout(timer);
      const why = controller.signal.aborted ? 'no answer within the timeout' : networkReason(error);
      // A timeout or a reset may come after Railway ran the mutation: only a request that never
      // left (refused, no DNS) is certainly safe to send again.
      const unsent = !controller.signal.aborted && NOT_SENT.includes(networkCode(error) ?? '');
      const retry = resendable || unsent;
      return { ok: false, retry, lost: !retry, why: this.scrub(why) };
    }
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      return {
        ok: false,
        retry: resendable,
        lost: !resendable,
        why: this.scrub(`the answer broke off (${networkReason(error)})`),
      };
    } finally {
      clearTimeout(timer);
    }
    this.readLimits(response.headers);
    return this.interpret(op, response, body);
  }

  private interpret<T>(op: Operation<T>, response: Response, body: string): Attempt<T> {
    // Railway applies no request it throttles: a 429 is resent, even a write.
    if (response.status === 429) {
      const waitMs = retryAfterMs(response.headers.get('retry-after'), this.now());
      const wait = waitMs ?? this.backoff(1) * 4;
      if (wait > (this.options.maxRetryAfterMs ?? 300_000)) {
        const at = new Date(this.now() + wait).toISOString();
        return { ok: false, retry: false, why: `Railway's rate limit is exhausted until ${at}` };
      }
      return { ok: false, retry: true, waitMs: wait, why: 'HTTP 429 (rate limited)' };
    }
    if (response.status >= 500) {
      // Even an empty 502 may come from a proxy after Railway ran the mutation.
      const retry = isResendable(op);
      const why = `HTTP ${response.status}${snippet(this.scrub(body))}`;
      return { ok: false, retry, lost: !retry, why };
    }
    const parsed = parseJson(body) as { data?: T; errors?: RawError[] } | undefined;
    if (parsed?.errors?.length) throw this.apiError(op, parsed.errors);
    if (response.status === 401 || response.status === 403) {
      const detail = `HTTP ${response.status}`;
      throw new RailwayAuthError(op.name, detail, undefined, tokenRefused(detail, this.options));
    }
    if (response.status !== 200 || !parsed?.data) {
      const why = `unexpected HTTP ${response.status}${snippet(this.scrub(body))}`;
      // A proxy's HTML page or a cut answer to a read: asked again (a write never is).
      if (response.status === 200 && isResendable(op)) return { ok: false, retry: true, why };
      throw new RailwayApiError(op.name, why);
    }
    return { ok: true, data: parsed.data };
  }

  private apiError(op: Operation<unknown>, errors: RawError[]): RailwayApiError {
    const detail = errors.map((e) => String(e.message ?? 'unknown error')).join('; ');
    const trace = errors.map((e) => e.traceId ?? e.extensions?.traceId).find(Boolean);
    const traceId = trace ? String(trace) : undefined;
    const at = errors.map((e) => (Array.isArray(e.path) ? e.path[0] : undefined)).find(Boolean);
    const path = at === undefined ? undefined : String(at);
    if (!AUTH_FAILURE.test(detail))
      return new RailwayApiError(op.name, this.scrub(detail), traceId, undefined, path);
    const clean = this.scrub(detail);
    return new RailwayAuthError(op.name, clean, traceId, tokenRefused(clean, this.options));
  }

  /** The auth header, for the subscription socket's upgrade request too. */
  authHeader(): Record<string, string> {
    return this.options.tokenType === 'project'
      ? { 'Project-Access-Token': this.options.token }
      : { Authorization: `Bearer ${this.options.token}` };
  }

  private readLimits(headers: Headers): void {
    const number = (name: string) => {
      const value = Number(headers.get(name) ?? NaN);
      return Number.isFinite(value) ? value : undefined;
    };
    const reset = number('x-ratelimit-reset');
    this.limits = {
      limit: number('x-ratelimit-limit') ?? this.limits.limit,
      remaining: number('x-ratelimit-remaining') ?? this.limits.remaining,
      // Epoch seconds, or seconds from now when small.
      resetAt:
        reset === undefined
          ? this.limits.resetAt
          : reset > 1e9
            ? reset * 1000
            : this.now() + reset * 1000,
    };
  }

  /** Equal jitter: half the exponential step fixed, half random, so retries spread out. */
  private backoff(failures: number): number {
    const step = Math.min(8000, 500 * 2 ** Math.max(0, failures - 1));
    return Math.round(step / 2 + this.random() * (step / 2));
  }

  /** The token in every shape Railway may echo it (upper-cased, base64, URL-encoded, a prefix). */
  private scrub(text: string): string {
    this.scrubber ??= secretScrubber([this.options.token]);
    return this.scrubber.scrub(text);
  }

  private debug(message: string): void {
    this.options.debug?.(`railway client: ${message}`);
  }
}

/** Reads and idempotent writes: sending them twice leaves Railway as sending them once. */
function isResendable(op: Operation<unknown>): boolean {
  return op.kind === 'query' || op.idempotent === true;
}
