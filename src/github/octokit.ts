/**
 * Every GitHub call goes through one Octokit: @actions/github's (GITHUB_API_URL, proxy
 * settings) with Octokit's retry plugin (5xx and network errors, with backoff; never 4xx such
 * as a fork's 403) and throttling plugin (waits out primary and secondary rate limits, a few
 * times, then gives up so a comment never holds a build for long).
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Octokit } from './comment.js';

export const RATE_LIMIT_RETRIES = 2;

export interface OctokitOptions {
  baseUrl?: string;
  warn?: (message: string) => void;
  /** Milliseconds per second of Retry-After (the plugins' 1000); tests make it small. */
  retryAfterBaseValue?: number;
  /**
   * false: no throttling (its write queue spaces writes a second apart across the process,
   * which only slows tests down that are not about it).
   */
  throttle?: boolean;
}

export function createOctokit(token: string, options: OctokitOptions = {}): Octokit {
  const warn = options.warn ?? (() => undefined);
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _o: unknown, count: number) => {
      if (count >= RATE_LIMIT_RETRIES) return false;
      warn(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: retrying in ${retryAfter}s`,
      );
      return true;
    };
  const base = options.retryAfterBaseValue
    ? { retryAfterBaseValue: options.retryAfterBaseValue }
    : {};
  return getOctokit(
    token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      retry: { retries: 3, ...base },
      throttle: {
        enabled: options.throttle ?? true,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        ...base,
      },
    },
    retry,
    throttling,
  ) as unknown as Octokit;
}
