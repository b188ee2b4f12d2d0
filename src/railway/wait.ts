/**
 * Waiting on deployments: every deployment watched is polled in ONE aliased request, about 2 s
 * after the start growing to 10 s, slower when Railway's rate-limit headers say the hourly
 * budget runs low, and never past the deadline (one last look exactly at it).
 */
import { sleep } from '../time.js';
import type { Deployment, RailwayApi } from './api.js';
import type { DeploymentFeed } from './feed.js';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const POLL = { initialMs: 2000, maxMs: 10_000, factor: 2 };

export type Verdict = 'continue' | 'stop';

export interface PollOptions {
  api: RailwayApi;
  clock: Clock;
  deadline: number;
  /** Ids to look at this round (the set may shrink or grow between rounds). */
  watch: () => string[];
  /** Sees every answer; 'stop' ends the wait (all done, or a failure to act on now). */
  settle: (statuses: Map<string, Deployment>) => Verdict;
  debug?: (message: string) => void;
  /**
   * Given, a poll Railway did not answer is handed here and the wait goes on to the deadline
   * (a rollback keeps watching through an outage); without it, the error ends the wait.
   */
  onError?: (error: unknown) => void;
  /** Deployments followed over a socket: a poll only to catch up, or when it goes quiet. */
  feed?: DeploymentFeed;
  /** How long the feed may be silent before a poll looks (default 15 s). */
  quietMs?: number;
}

export const QUIET_MS = 15_000;

export async function pollUntil(options: PollOptions): Promise<'stopped' | 'timeout'> {
  const { api, clock, deadline } = options;
  let delay = POLL.initialMs;
  for (;;) {
    const left = deadline - clock.now();
    if (left <= 0) return 'timeout';
    const feed = options.feed && !options.feed.closed ? options.feed : undefined;
    if (feed) {
      const heard = await listen(feed, options, left);
      if (heard === 'stop') return 'stopped';
      if (heard === 'heard') continue;
      // New subscriptions, a quiet socket or a closed one: one poll, so nothing is missed.
    } else {
      const floor = api.pollFloorMs();
      if (floor > delay)
        options.debug?.(`railway: few requests left this hour; polling every ${floor} ms`);
      await clock.sleep(Math.min(Math.max(delay, floor), left));
    }
    const ids = options.watch();
    if (ids.length === 0) return 'stopped';
    const statuses = await api.statuses(ids).catch((error: unknown) => {
      if (!options.onError) throw error;
      options.onError(error);
      return undefined;
    });
    if (statuses && options.settle(statuses) === 'stop') return 'stopped';
    delay = Math.min(POLL.maxMs, delay * POLL.factor);
  }
}

/** Waits for the socket: 'heard' (settled, go on), 'stop', or 'poll' (catch up or fall back). */
async function listen(feed: DeploymentFeed, options: PollOptions, left: number) {
  const ids = options.watch();
  if (ids.length === 0) return 'stop';
  feed.watch(ids);
  if (feed.takeNew().length > 0) return 'poll';
  if (!(await feed.wait(Math.min(options.quietMs ?? QUIET_MS, left)))) return 'poll';
  return options.settle(feed.take(options.watch())) === 'stop' ? 'stop' : 'heard';
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep,
};
