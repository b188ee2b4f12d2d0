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
import type { DatabaseUrl } from './url.js';

export interface DumpOptions {
  runId: string;
  image: string;
  /** Absolute path of the dump file to write. */
  file: string;
  timeoutMs?: number;
}

export function dumpDockerArgs(file: string): string[] {
  const user =
    typeof process.getuid === 'function'
      ? ['--user', `${process.getuid()}:${process.getgid!()}`]
      : [];
  return ['-v', `${path.dirname(file)}:/backup`, ...user];
}

/** Writes the dump and returns its size in bytes. */
export async function dumpDatabase(exec: Exec, db: DatabaseUrl, options: DumpOptions) {
  await runClient(exec, db, {
    runId: options.runId,
    role: 'dump',
    image: options.image,
    tool: 'pg_dump',
    args: ['--format=custom', '--no-password', `--file=/backup/${path.basename(options.file)}`],
    docker: dumpDockerArgs(options.file),
    timeoutMs: options.timeoutMs,
  });
  const size = statSync(options.file, { throwIfNoEntry: false })?.size ?? 0;
  if (size === 0) throw new UserError(`pg_dump of ${db.display} wrote no data to ${options.file}.`);
  return size;
}
