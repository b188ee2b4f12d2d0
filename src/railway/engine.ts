/**
 * What the deploy and rollback state machines share: their dependencies and fetching the log
 * tail of a deployment that failed (for the job summary).
 */
import { errorMessage } from '../errors.js';
import { printUntrusted, type UntrustedWriter } from '../untrusted.js';
import type { RailwayApi } from './api.js';
import type { DeploymentFeed } from './feed.js';
import { InterruptedError } from './machine.js';
import type { BackupMode, OnTransition } from './state.js';
import type { Clock } from './wait.js';

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  untrusted?(): UntrustedWriter;
}

export interface EngineDeps {
  api: RailwayApi;
  clock: Clock;
  /** deploy-timeout: bounds the whole rollout, and again each wave of the rollback. */
  timeoutMs: number;
  /** stable-for: how long new deployments must stay up after the last wave (0: not watched). */
  stableForMs: number;
  onTransition: OnTransition;
  log: Log;
  /** The log tail of a failed deployment, for the job summary. */
  onLogs?: (service: string, deploymentId: string, lines: string[]) => void;
  /** Aborted: the engine stops at its next move or sleep (see Run). */
  signal?: AbortSignal;
  /** Deployments followed over Railway's subscription socket; absent: polling only. */
  feed?: DeploymentFeed;
  /** How long the feed may be silent before a poll looks. */
  quietMs?: number;
  /** Post-deploy checks of the public URLs (verify-timeout); absent: not checked. */
  verify?: { timeoutMs: number; fetch?: typeof fetch; requestTimeoutMs?: number };
  /** Volume backups before a migrating deploy, and restores: mode, bound, backup name. */
  backup?: { mode: BackupMode; timeoutMs: number; name: string };
}

const LOG_LINES = 30;

/** A clock whose sleeps end with an InterruptedError once `signal` aborts. */
export function interruptible(clock: Clock, signal: AbortSignal | undefined): Clock {
  if (!signal) return clock;
  return {
    now: clock.now,
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(new InterruptedError());
        const stop = () => reject(new InterruptedError());
        signal.addEventListener('abort', stop, { once: true });
        void clock.sleep(ms).then(() => {
          signal.removeEventListener('abort', stop);
          resolve();
        });
      }),
  };
}

/** Logs and hands on the last lines of a deployment; logs that cannot be read only warn. */
export async function fetchLogs(service: string, deploymentId: string, deps: EngineDeps) {
  try {
    const logs = await deps.api.logs(deploymentId, LOG_LINES);
    const lines = [...logs.build, ...logs.deploy]
      .map((l) => `${l.timestamp} ${l.message}`)
      .slice(-LOG_LINES);
    deps.log.info(`${service}: last log lines of deployment ${deploymentId}:`);
    // The service's own output: it may hold anything, workflow commands included.
    printUntrusted(deps.log, lines.length ? lines : ['(no log lines)']);
    deps.onLogs?.(service, deploymentId, lines);
  } catch (error) {
    deps.log.warn(
      `${service}: could not fetch the logs of ${deploymentId}: ${errorMessage(error)}`,
    );
  }
}
