/**
 * How talking to Railway fails, told apart for the caller (refused, token refused, no answer,
 * answer lost after a write may have been applied), and the small parsers behind the client.
 */
import { UserError } from '../errors.js';

/** Railway answered with `errors` (HTTP 200 or 400) or refused the request outright. */
export class RailwayApiError extends UserError {
  override name = 'RailwayApiError';
  constructor(
    readonly operation: string,
    readonly detail: string,
    readonly traceId?: string,
    message?: string,
    /** The alias or field the first error names (a wave request's `m2`, say). */
    readonly path?: string,
  ) {
    super(
      message ?? `Railway refused ${operation}: ${detail}${traceId ? ` (traceId ${traceId})` : ''}`,
    );
  }
}

/** Railway refused the token itself: the message names the inputs to fix. */
export class RailwayAuthError extends RailwayApiError {
  override name = 'RailwayAuthError';
}

/** No usable answer after every retry: network, timeouts, 5xx or an exhausted rate limit. */
export class RailwayUnavailableError extends UserError {
  override name = 'RailwayUnavailableError';
}

/**
 * A write whose answer was lost after it may have reached Railway (timeout, reset, 5xx): it was
 * not resent, since a second Deploy or Rollback would start a second deployment. The caller
 * looks at the deployment list to learn whether it was applied.
 */
export class RailwayAnswerLostError extends RailwayUnavailableError {
  override name = 'RailwayAnswerLostError';
}

/** Network errors raised before a single byte left: the request never reached Railway. */
export const NOT_SENT = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
];
export const AUTH_FAILURE =
  /not authori[sz]ed|unauthori[sz]ed|unauthenticated|invalid token|token not found/i;

/** Names the inputs to fix; in auto mode, says both kinds of token were tried. */
export function tokenRefused(
  detail: string,
  options: { environment?: string; refusedAsProject?: string },
): string {
  const { environment, refusedAsProject } = options;
  const tries =
    refusedAsProject === undefined
      ? `(${detail})`
      : `both as a project token (${refusedAsProject}) and as an account token (${detail})`;
  const env = environment ? `environment "${environment}"` : 'the environment to deploy to';
  return (
    `Railway refused the railway-token ${tries}: check that it is a project token of ${env} ` +
    '(railway-token-type: project) or an account token (railway-token-type: account).'
  );
}

export interface RawError {
  message?: unknown;
  path?: unknown;
  traceId?: unknown;
  extensions?: { traceId?: unknown };
}

export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function networkCode(error: unknown): string | undefined {
  return (error as { cause?: { code?: string } })?.cause?.code;
}

export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function snippet(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text ? `: ${text.slice(0, 200)}` : '';
}
