/**
 * `pg_dump --format=custom` from a container of the server's major version, written straight
 * into the backup folder through a bind mount (no copy through memory, whatever the size), as
 * the runner's user so the workflow can upload and delete the file.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Exec } from '../docker/exec.js';
import { UserError } from '../errors.js';
import { runClient } from './postgres.js';
import { SourceSession } from './session.js';
import { SNAPSHOT_SQL, parseSnapshot, type Snapshot } from './snapshot.js';
import type { DatabaseUrl } from './url.js';

export interface DumpOptions {
  runId: string;
  image: string;
  /** Absolute path of the dump file to write. */
  file: string;
  timeoutMs?: number;
  /** Also count the source's rows, in the very snapshot pg_dump dumps (for the drill). */
  counts?: boolean;
}

export interface Dumped {
  bytes: number;
  /** With `counts`: the source's tables and revisions as of the dump. */
  source?: Snapshot;
}

export function dumpDockerArgs(file: string): string[] {
  const user =
    typeof process.getuid === 'function'
      ? ['--user', `${process.getuid()}:${process.getgid!()}`]
      : [];
  return ['-v', `${path.dirname(file)}:/backup`, ...user];
}

/** Writes the dump; with `counts`, pg_dump runs inside a session's exported snapshot. */
export async function dumpDatabase(
  exec: Exec,
  db: DatabaseUrl,
  options: DumpOptions,
): Promise<Dumped> {
  if (!options.counts) return { bytes: await pgDump(exec, db, options) };
  const { session, snapshot } = await SourceSession.open(db, options.runId, options.image);
  try {
    const bytes = await pgDump(exec, db, options, [`--snapshot=${snapshot}`]);
    const source = parseSnapshot((await session.query(`${SNAPSHOT_SQL};`)).join('\n'));
    return { bytes, source };
  } finally {
    await session.close();
  }
}

async function pgDump(exec: Exec, db: DatabaseUrl, options: DumpOptions, extra: string[] = []) {
  await runClient(exec, db, {
    runId: options.runId,
    role: 'dump',
    image: options.image,
    tool: 'pg_dump',
    args: [
      '--format=custom',
      '--no-password',
      ...extra,
      `--file=/backup/${path.basename(options.file)}`,
    ],
    docker: dumpDockerArgs(options.file),
    timeoutMs: options.timeoutMs,
  });
  const size = statSync(options.file, { throwIfNoEntry: false })?.size ?? 0;
  if (size === 0) throw new UserError(`pg_dump of ${db.display} wrote no data to ${options.file}.`);
  return size;
}
