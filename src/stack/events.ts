/**
 * The stack's container events (`docker events`: create, start, die, health_status, ...) as a
 * wake-up for the readiness wait: it looks again the moment something happens instead of at
 * the next poll. Only a hint: the verdict always comes from `docker inspect`, and when the
 * stream cannot start or breaks, the wait's short polls carry on alone.
 */
import type { Exec } from '../docker/exec.js';
import { PROJECT_LABEL } from './compose.js';

export interface Wakeup {
  /** Resolves at the project's next container event (or when stopped). */
  next(): Promise<void>;
  stop(): void;
}

export function eventsArgs(project: string): string[] {
  return [
    'events',
    '--filter',
    `label=${PROJECT_LABEL}=${project}`,
    '--filter',
    'type=container',
    '--format',
    '{{.Status}}',
  ];
}

export function watchEvents(exec: Exec, project: string, debug?: (m: string) => void): Wakeup {
  const controller = new AbortController();
  let waiting: (() => void)[] = [];
  const wake = () => {
    const woken = waiting;
    waiting = [];
    woken.forEach((resolve) => resolve());
  };
  exec('docker', eventsArgs(project), {
    signal: controller.signal,
    onLine: (status) => {
      // exec_create/start/die: a healthcheck running (Docker's, or our early probe's, which
      // would wake us to probe again); its verdict comes as health_status.
      if (status.startsWith('exec_')) return;
      debug?.(`event: ${status}`);
      wake();
    },
  }).catch((error: unknown) => {
    if (!controller.signal.aborted) debug?.(`docker events stopped, polling alone: ${error}`);
  });
  return {
    next: () => new Promise((resolve) => waiting.push(resolve)),
    stop: () => {
      controller.abort();
      wake();
    },
  };
}
