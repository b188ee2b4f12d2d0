/**
 * Waits until every awaited service is ready: healthy when it has a compose healthcheck, running
 * and stable (no restart for `stableMs`) when it has none. A container that exits or restarts
 * fails the wait at once, with its service named, instead of burning the whole health-timeout.
 * It looks again at each container event (`wake`), every `pollMs` besides, and exactly when
 * the first stable window ends: no fixed window is waited out.
 */
import type { ContainerState } from './state.js';

export interface WaitTarget {
  name: string;
  hasHealthcheck: boolean;
  /** A dependent waits for it with `service_completed_successfully`: exiting 0 is its success. */
  completes?: boolean;
}

export type Verdict =
  | { status: 'ready' }
  | { status: 'pending'; reason: string }
  | { status: 'failed'; reason: string };

export interface Readiness {
  service: string;
  verdict: Verdict;
  /** Epoch ms when it was first seen ready. */
  readyAt?: number;
  containers: ContainerState[];
}

export interface WaitOptions {
  /** Epoch ms. */
  deadline: number;
  /** How long a service without healthcheck must run without restarting. */
  stableMs?: number;
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Resolves at the next container event (events.ts); without it, polls alone. */
  wake?: () => Promise<void>;
  /**
   * Runs a container's own healthcheck command now (`docker exec`): true when it passes. Docker
   * runs the first check only one `interval` after the start; the same command passing earlier
   * is the same verdict, sooner. A failure proves nothing (Docker's retries decide).
   */
  probe?: (container: ContainerState) => Promise<boolean>;
}

export const DEFAULT_STABLE_MS = 1000;
export const DEFAULT_POLL_MS = 250;

/** One service's verdict from its containers (pure: the table-tested heart of the wait). */
export function judge(
  target: WaitTarget,
  containers: ContainerState[],
  now: number,
  stableMs = DEFAULT_STABLE_MS,
): Verdict {
  if (containers.length === 0) return { status: 'pending', reason: 'no container yet' };
  const verdicts = containers.map((c) => judgeContainer(target, c, now, stableMs));
  return (
    verdicts.find((v) => v.status === 'failed') ??
    verdicts.find((v) => v.status === 'pending') ?? { status: 'ready' }
  );
}

function judgeContainer(
  target: WaitTarget,
  c: ContainerState,
  now: number,
  stableMs: number,
): Verdict {
  if (c.status === 'restarting' || c.restartCount > 0) {
    // A restarted container that runs again reports exit code 0: only a stopped one's is real.
    const code = c.status === 'running' ? '' : `, last exit code ${c.exitCode}`;
    return {
      status: 'failed',
      reason: `is crash-looping: restarted ${c.restartCount} time(s)${code}`,
    };
  }
  if (c.status === 'exited' || c.status === 'dead') {
    if (c.exitCode === 0 && target.completes) return { status: 'ready' };
    return { status: 'failed', reason: `exited with code ${c.exitCode}` };
  }
  if (c.status !== 'running') return { status: 'pending', reason: `is ${c.status}` };
  if (c.health === 'unhealthy') {
    const last = c.healthLog.at(-1);
    // The last line of a probe's output is usually the verdict (the error after a traceback).
    const said = last?.output ? `: ${last.output.trim().split('\n').at(-1)}` : '';
    return { status: 'failed', reason: `is unhealthy (its healthcheck failed${said})` };
  }
  if (c.health === 'starting') return { status: 'pending', reason: 'healthcheck is starting' };
  if (c.health === 'healthy') return { status: 'ready' };
  if (target.hasHealthcheck) return { status: 'pending', reason: 'no healthcheck result yet' };
  const running = c.startedAt === undefined ? 0 : now - c.startedAt;
  if (running >= stableMs) return { status: 'ready' };
  return { status: 'pending', reason: `running for ${Math.max(0, Math.round(running))} ms` };
}

/** Polls until all targets are ready, one has failed, or the deadline passes. */
export async function waitForServices(
  read: () => Promise<ContainerState[]>,
  targets: WaitTarget[],
  options: WaitOptions,
): Promise<Readiness[]> {
  const now = options.now ?? Date.now;
  const results = new Map<string, Readiness>();
  for (;;) {
    const containers = await read();
    const time = now();
    for (const target of targets) {
      const own = containers.filter((c) => c.service === target.name);
      const previous = results.get(target.name);
      const verdict = previous?.verdict.status === 'ready' ? previous.verdict : undefined;
      const next = verdict ?? judge(target, own, time, options.stableMs);
      const readyAt = previous?.readyAt ?? (next.status === 'ready' ? time : undefined);
      results.set(target.name, { service: target.name, verdict: next, readyAt, containers: own });
    }
    if (options.probe) await probeEarly(targets, results, options.probe, time);
    const all = [...results.values()];
    if (all.every((r) => r.verdict.status === 'ready') || all.some(isFailed)) return all;
    if (time >= options.deadline) return all.map(timedOut);
    const delay = Math.min(
      options.pollMs ?? DEFAULT_POLL_MS,
      untilStable(targets, results, time, options.stableMs ?? DEFAULT_STABLE_MS),
      Math.max(0, options.deadline - time),
    );
    await pause(delay, options.sleep, options.wake);
  }
}

/** Services still waiting for Docker's first healthcheck result: run the check ourselves. */
async function probeEarly(
  targets: WaitTarget[],
  results: Map<string, Readiness>,
  probe: (container: ContainerState) => Promise<boolean>,
  time: number,
): Promise<void> {
  const waiting = targets
    .map((t) => results.get(t.name)!)
    .filter((r) => r.verdict.status === 'pending' && r.containers.length > 0)
    .filter((r) =>
      r.containers.every((c) => c.status === 'running' && c.health === 'starting' && c.healthcheck),
    );
  await Promise.all(
    waiting.map(async (r) => {
      const passed = await Promise.all(r.containers.map(probe));
      if (passed.every(Boolean))
        results.set(r.service, { ...r, verdict: { status: 'ready' }, readyAt: time });
    }),
  );
}

/** Sleeps `ms` or until woken; a real timer is cleared when woken, so none outlives the wait. */
async function pause(
  ms: number,
  sleep?: (ms: number) => Promise<void>,
  wake?: () => Promise<void>,
): Promise<void> {
  if (sleep) return Promise.race(wake ? [sleep(ms), wake()] : [sleep(ms)]);
  let timer: NodeJS.Timeout | undefined;
  const slept = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race(wake ? [slept, wake()] : [slept]);
  clearTimeout(timer);
}

/** Ms until the first pending service without a healthcheck has run its stable window. */
export function untilStable(
  targets: WaitTarget[],
  results: Map<string, Readiness>,
  now: number,
  stableMs: number,
): number {
  const ends = targets
    .filter((t) => !t.hasHealthcheck && results.get(t.name)?.verdict.status === 'pending')
    .map((t) => results.get(t.name)!.containers)
    .filter((own) => own.length > 0 && own.every((c) => c.status === 'running' && c.startedAt))
    .map((own) => Math.max(...own.map((c) => c.startedAt!)) + stableMs - now);
  // A few ms past the end, so the next look finds the window complete.
  return ends.length > 0 ? Math.max(0, Math.min(...ends)) + 5 : Infinity;
}

function isFailed(r: Readiness): boolean {
  return r.verdict.status === 'failed';
}

function timedOut(r: Readiness): Readiness {
  if (r.verdict.status !== 'pending') return r;
  return {
    ...r,
    verdict: { status: 'failed', reason: `was not ready in time (${r.verdict.reason})` },
  };
}
