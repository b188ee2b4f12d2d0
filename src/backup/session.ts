/**
 * One psql session on the source that holds a REPEATABLE READ transaction open while pg_dump
 * runs: pg_dump takes the session's exported snapshot (`--snapshot`), and the drill counts the
 * source's rows in that same transaction, so the counts are those of the data in the dump
 * even while the app keeps writing. The exec wrapper runs programs to completion; this is the
 * one program that must stay open and be talked to, so it has its own small spawn, with the
 * same rules: array arguments, the URL only in the environment, any exit while busy an error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { CommandError } from '../docker/exec.js';
import { clientRunArgs, explain, URL_ENV } from './postgres.js';
import type { DatabaseUrl } from './url.js';

const DONE = '__deploy_action_done__';

interface Pending {
  lines: string[];
  resolve: (lines: string[]) => void;
  reject: (error: Error) => void;
}

export class SourceSession {
  private pending?: Pending;
  private stderr = '';
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly db: DatabaseUrl,
    private readonly args: string[],
  ) {
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.line(line);
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    child.stdin!.on('error', () => {}); // psql may be gone already: `close` says why
    child.on('error', (error) => this.fail(error));
    child.on('close', (code) => {
      this.exited = true;
      this.fail(
        explain(new CommandError(['docker', ...this.args], code, this.stderr, ''), this.db, 'psql'),
      );
    });
  }

  /** Connects, opens the transaction and returns the session with its exported snapshot. */
  static async open(db: DatabaseUrl, runId: string, image: string) {
    const args = clientRunArgs({
      runId,
      role: 'session',
      image,
      tool: 'psql',
      docker: ['-i'],
      args: ['-X', '-A', '-t', '-q', '-F', '\t', '-v', 'ON_ERROR_STOP=1'],
    });
    const child = spawn('docker', args, {
      env: { ...process.env, [URL_ENV]: db.url },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const session = new SourceSession(child, db, args);
    const [snapshot] = await session.query(
      'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT pg_export_snapshot();',
    );
    return { session, snapshot: snapshot! };
  }

  /** The rows of one statement (or a few), as psql prints them unaligned. */
  query(sql: string): Promise<string[]> {
    if (this.exited || this.pending) return Promise.reject(new Error('psql session is not ready'));
    return new Promise((resolve, reject) => {
      this.pending = { lines: [], resolve, reject };
      this.child.stdin!.write(`${sql}\n\\echo ${DONE}\n`);
    });
  }

  /** Ends the transaction (read only: nothing to keep) and waits for psql to leave. */
  async close(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    this.child.stdin!.end('ROLLBACK;\n\\q\n');
    await gone;
  }

  private line(line: string): void {
    const pending = this.pending;
    if (!pending) return;
    if (line !== DONE) {
      pending.lines.push(line);
      return;
    }
    this.pending = undefined;
    pending.resolve(pending.lines);
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }
}
