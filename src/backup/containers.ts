/**
 * Every container the backup starts (the psql probe, pg_dump, the throwaway restore database)
 * carries one label with the run's id, so one sweep removes them all: at the end of the main
 * phase, and from the post phase when the main phase was cancelled or killed.
 */
import type { Exec } from '../docker/exec.js';
import { errorMessage } from '../errors.js';
import { sleep as realSleep } from '../time.js';

export const BACKUP_LABEL = 'deploy-action.backup';

/** What the post phase needs to clean up: never the URL, only the run's label value. */
export interface BackupIdentity {
  runId: string;
}

/** `bk<time><random>`: unique per run, and valid in container names and label values. */
export function backupRunId(now: number = Date.now(), random: () => number = Math.random) {
  const suffix = Math.floor(random() * 36 ** 5)
    .toString(36)
    .padStart(5, '0');
  return `bk${now.toString(36)}${suffix}`;
}

export function containerName(runId: string, role: string): string {
  return `deploy-action-${runId}-${role}`;
}

export function labelArgs(runId: string): string[] {
  return ['--label', `${BACKUP_LABEL}=${runId}`];
}

export async function containersOf(exec: Exec, runId: string): Promise<string[]> {
  const { stdout } = await exec('docker', [
    'ps',
    '-a',
    '-q',
    '--no-trunc',
    '--filter',
    `label=${BACKUP_LABEL}=${runId}`,
  ]);
  return stdout.split('\n').filter(Boolean);
}

export interface RemoveOptions {
  log?: (message: string) => void;
  /**
   * Looks again after this pause (the post phase): a killed main phase's `docker run` may still
   * be creating a container when the post phase starts.
   */
  settleMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Removes the run's containers with their anonymous volumes (the restore database's data).
 * Returns what is still there afterwards: nothing, unless docker refused.
 */
export async function removeContainers(
  exec: Exec,
  runId: string,
  options: RemoveOptions = {},
): Promise<string[]> {
  const passes = options.settleMs === undefined ? 1 : 3;
  let found = await containersOf(exec, runId);
  for (let pass = 1; pass <= passes; pass++) {
    if (found.length > 0) await remove(exec, found, options.log ?? (() => {}));
    if (options.settleMs !== undefined) await (options.sleep ?? realSleep)(options.settleMs);
    found = await containersOf(exec, runId);
  }
  return found;
}

async function remove(exec: Exec, ids: string[], log: (message: string) => void) {
  try {
    await exec('docker', ['rm', '-f', '-v', ...ids]);
  } catch (error) {
    log(`docker rm failed: ${errorMessage(error).split('\n')[0]}`);
  }
}
