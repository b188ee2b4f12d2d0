/**
 * The GraphQL transport to Railway: auth header by token kind, a timeout per request, 429 with
 * Retry-After, retries that never repeat a write Railway may have applied, errors inside HTTP
 * 200, and rate-limit headers turned into a polling floor. The token appears in no message.
 */
import { UserError } from '../errors.js';
import type { Operation } from './operations.js';

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
}

export interface RateLimit {
  limit?: number;
  remaining?: number;
  resetAt?: number;
}

/** Railway answered with `errors` (HTTP 200 or 400) or refused the request outright. */
export class RailwayApiError extends UserError {
  override name = 'RailwayApiError';
  constructor(
    readonly operation: string,
    readonly detail: string,
    readonly traceId?: string,
  ) {
    super(`Railway refused ${operation}: ${detail}${traceId ? ` (traceId ${traceId})` : ''}`);
  }
}

/** No usable answer after every retry: network, timeouts, 5xx or an exhausted rate limit. */
export class RailwayUnavailableError extends UserError {
  override name = 'RailwayUnavailableError';
}

const MAX_RATE_LIMITED = 8;
/** Requests kept back for a rollback when the hourly budget runs low. */
const RESERVE = 5;

type Attempt<T> =
  { ok: true; data: T } | { ok: false; retry: boolean; waitMs?: number; why: string };

export class RailwayClient {
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  private readonly random: () => number;
  private limits: RateLimit = {};
  /** Requests sent, retries included (the benchmark reads it). */
  sent = 0;

  constructor(private readonly options: ClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  get rateLimit(): RateLimit {
    return { ...this.limits };
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

  /**
   * The least time between polls that keeps RESERVE requests for a rollback until the hourly
   * budget resets; 0 while plenty remain.
   */
  pollFloorMs(): number {
    const { limit, remaining, resetAt } = this.limits;
    if (remaining === undefined || resetAt === undefined) return 0;
    const low = Math.max(RESERVE * 2, (limit ?? 0) / 10);
    if (remaining > low) return 0;
    const spare = Math.max(1, remaining - RESERVE);
    return Math.min(300_000, Math.ceil(Math.max(0, resetAt - this.now()) / spare));
  }

  private async attempt<T>(
    op: Operation<T>,
    variables: Record<string, unknown>,
  ): Promise<Attempt<T>> {
    const write = op.kind === 'mutation';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 30_000);
    let response: Response;
    this.sent++;
    try {
      response = await this.fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.authHeader() },
        body: JSON.stringify({ query: op.query, variables, operationName: op.name }),
        signal: controller.signal,
      });
    } catch (error) {
      clearTimeout(timer);
      // No response at all: Railway cannot have answered, so even a write is safe to resend.
      const why = controller.signal.aborted ? 'no answer within the timeout' : networkReason(error);
      return { ok: false, retry: true, why: this.scrub(why) };
    }
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      return {
        ok: false,
        retry: !write,
        why: this.scrub(`the answer broke off (${networkReason(error)})`),
      };
    } finally {
      clearTimeout(timer);
    }
    this.readLimits(response.headers);
    return this.interpret(op, response, body);
  }

  private interpret<T>(op: Operation<T>, response: Response, body: string): Attempt<T> {
    const write = op.kind === 'mutation';
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
      // A 5xx with a body may come from Railway having run the mutation: never resend a write.
      const retry = !write || body.trim() === '';
      return { ok: false, retry, why: `HTTP ${response.status}${snippet(this.scrub(body))}` };
    }
    const parsed = parseJson(body) as { data?: T; errors?: RawError[] } | undefined;
    if (parsed?.errors?.length) throw this.apiError(op, parsed.errors);
    if (response.status === 401 || response.status === 403) {
      throw new RailwayApiError(
        op.name,
        `HTTP ${response.status}: the railway-token was not accepted`,
      );
    }
    if (response.status !== 200 || !parsed?.data) {
      throw new RailwayApiError(
        op.name,
        `unexpected HTTP ${response.status}${snippet(this.scrub(body))}`,
      );
    }
    return { ok: true, data: parsed.data };
  }

  private apiError(op: Operation<unknown>, errors: RawError[]): RailwayApiError {
    const detail = errors.map((e) => String(e.message ?? 'unknown error')).join('; ');
    const trace = errors.map((e) => e.traceId ?? e.extensions?.traceId).find(Boolean);
    return new RailwayApiError(op.name, this.scrub(detail), trace ? String(trace) : undefined);
  }

  private authHeader(): Record<string, string> {
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

  private scrub(text: string): string {
    const token = this.options.token;
    return token ? text.split(token).join('***') : text;
  }

  private debug(message: string): void {
    this.options.debug?.(`railway client: ${message}`);
  }
}

interface RawError {
  message?: unknown;
  traceId?: unknown;
  extensions?: { traceId?: unknown };
}

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text ? `: ${text.slice(0, 200)}` : '';
}
