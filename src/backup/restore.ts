/**
 * The restore drill's database: a throwaway `postgres:<major>` container with no network at all
 * (`--network none`: nothing reaches it, it reaches nothing), the dump mounted read-only,
 * pg_restore and the counting psql run inside it over its local socket. The caller removes it
 * by label, whatever happens (containers.ts).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CommandError, type Exec } from '../docker/exec.js';
import { UserError, errorMessage } from '../errors.js';
import { sleep as realSleep } from '../time.js';
import { containerName, labelArgs } from './containers.js';
import { SNAPSHOT_PSQL_ARGS, SNAPSHOT_SQL, parseSnapshot, type Snapshot } from './snapshot.js';

export interface RestoreOptions {
  runId: string;
  image: string;
  /** Absolute path of the dump on the runner. */
  file: string;
  timeoutMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RestoreResult {
  snapshot: Snapshot;
  /** pg_restore's error lines, cut so that none can quote a row. */
  errors: string[];
}

const DB = ['-U', 'postgres', '-d', 'restore'];

export async function restoreDrill(exec: Exec, options: RestoreOptions): Promise<RestoreResult> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const name = containerName(options.runId, 'restore');
  // A password nobody needs (the drill uses the local socket), so that the image initialises.
  const env = { ...process.env, POSTGRES_PASSWORD: randomBytes(12).toString('hex') };
  const run = [
    'run',
    '-d',
    '--name',
    name,
    ...labelArgs(options.runId),
    '--network',
    'none',
    '-e',
    'POSTGRES_PASSWORD',
    '-e',
    'POSTGRES_DB=restore',
    '-v',
    `${path.dirname(options.file)}:/backup:ro`,
    options.image,
  ];
  await exec('docker', run, { env });
  await waitReady(exec, name, deadline, options);
  const errors = await restore(exec, name, path.basename(options.file), deadline - now());
  const { stdout } = await exec('docker', [
    'exec',
    name,
    'psql',
    ...DB,
    ...SNAPSHOT_PSQL_ARGS,
    '-c',
    SNAPSHOT_SQL,
  ]);
  return { snapshot: parseSnapshot(stdout), errors };
}

/** Ready means the final server on TCP: the image's set-up server listens on the socket only. */
async function waitReady(exec: Exec, name: string, deadline: number, options: RestoreOptions) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  for (;;) {
    try {
      await exec('docker', ['exec', name, 'pg_isready', '-q', '-h', '127.0.0.1', '-U', 'postgres']);
      return;
    } catch {
      const state = await exec('docker', ['inspect', '--format', '{{.State.Running}}', name]);
      if (state.stdout.trim() !== 'true') {
        const logs = await exec('docker', ['logs', '--tail', '10', name]).catch(() => undefined);
        throw new UserError(
          `The restore database (${name}) stopped before it was ready:\n` +
            `${logs ? `${logs.stdout}${logs.stderr}`.trim() : '(no logs)'}`,
        );
      }
    }
    if (now() >= deadline) {
      throw new UserError(`The restore database (${name}) was not ready within restore-timeout.`);
    }
    await sleep(500);
  }
}

/** Runs pg_restore; its failure is not thrown: the counts say what it cost, the lines why. */
async function restore(exec: Exec, name: string, file: string, timeoutMs: number) {
  const args = [
    'exec',
    name,
    'pg_restore',
    '--no-owner',
    '--no-privileges',
    ...DB,
    `/backup/${file}`,
  ];
  try {
    await exec('docker', args, { timeoutMs: Math.max(1000, timeoutMs) });
    return [];
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    if (error.exitCode === null)
      throw new UserError(`pg_restore ${errorMessage(error).split('\n')[0]}`);
    const lines = restoreErrors(error.stderr);
    return lines.length ? lines : [`pg_restore exited with code ${error.exitCode}`];
  }
}

/**
 * pg_restore's `error:` lines. A failed COPY is cut to the table it names: the server's reason
 * (a duplicate key, bad input) can quote a value, and DETAIL lines are never kept.
 */
export function restoreErrors(stderr: string, max = 5): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('pg_restore: error: '))
    .map((l) => l.slice('pg_restore: error: '.length))
    .map((l) => (/^COPY failed for table/.test(l) ? l.replace(/:\s*ERROR:.*$/, '') : l))
    .map((l) => (l.length > 200 ? `${l.slice(0, 200)}...` : l))
    .slice(0, max);
}
