import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BACKUP_LABEL, containersOf } from '../../src/backup/containers.js';
import { databaseUrlFromRailway } from '../../src/backup/railway-url.js';
import {
  RestoreDrillError,
  cleanUp,
  runBackup,
  type BackupDeps,
  type BackupInputs,
} from '../../src/commands/backup.js';
import { createExec, type Exec } from '../../src/docker/exec.js';
import { UserError } from '../../src/errors.js';
import {
  PASSWORD,
  REVISION,
  SECRET_ROW,
  SEED,
  startDatabase,
  type TestDatabase,
} from '../../__fixtures__/backup/database.js';
import { fakeRailway } from '../../__fixtures__/backup/railway.js';
import { docker, requireEngine } from '../../__fixtures__/engine.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';

const realExec = createExec();
let db: TestDatabase;
const runIds: string[] = [];

beforeAll(async () => {
  requireEngine();
  db = await startDatabase();
}, 120_000);
const workDirs: string[] = [];
afterAll(() => {
  db?.remove();
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

afterEach(async () => {
  // Nothing of any run is left: no probe, no pg_dump, no restore database.
  for (const runId of runIds.splice(0)) expect(await containersOf(realExec, runId)).toEqual([]);
});

function workDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-backup-'));
  workDirs.push(dir);
  return dir;
}

function inputs(url: string, overrides: Partial<BackupInputs> = {}): BackupInputs {
  return {
    databaseUrl: url || undefined,
    verifyRestore: true,
    restoreTimeoutMs: 120_000,
    sha: 'abcdef1234567',
    ...overrides,
  };
}

function deps(exec: Exec = realExec) {
  const reporter = recordingReporter();
  const masked: string[] = [];
  const given: BackupDeps = {
    exec,
    reporter,
    workDir: workDir(),
    mask: (secret) => masked.push(secret),
    onIdentity: ({ runId }) => runIds.push(runId),
  };
  return { given, reporter, masked };
}

describe('command: backup against a real PostgreSQL 15', () => {
  it('dumps with pg_dump 15 and proves the dump restores: row counts, revision', async () => {
    const debug: string[] = [];
    const { given, reporter, masked } = deps(createExec((line) => debug.push(line)));
    const outcome = (await runBackup(inputs(db.url()), given))!;
    expect(outcome.major).toBe('15');
    expect(outcome.verified).toBe(true);
    expect(reporter.outputs).toEqual({ 'backup-file': outcome.file, 'restore-verified': 'true' });
    expect(readFileSync(outcome.file).subarray(0, 5).toString()).toBe('PGDMP');
    expect(statSync(outcome.file).size).toBe(outcome.bytes);
    expect(Object.fromEntries(outcome.source!.counts)).toEqual({
      'public.alembic_version': 1,
      'public.portfolios': SEED.portfolios,
      'public.positions': SEED.positions,
      'public.users': SEED.users,
    });
    expect(Object.fromEntries(outcome.source!.revisions)).toEqual({
      'public.alembic_version': REVISION,
    });
    expect(reporter.summaries.join('')).toContain('restored and verified: 4 tables');
    // The password is masked in both forms; neither it nor a row reaches what the user sees.
    expect(masked).toEqual(
      expect.arrayContaining([db.url(), PASSWORD, encodeURIComponent(PASSWORD)]),
    );
    expect(reporter.all()).not.toContain(PASSWORD);
    expect(reporter.all()).not.toContain(SECRET_ROW);
    // Not even the exec wrapper's debug lines (every docker command) carry the URL.
    expect(debug.some((line) => line.includes('pg_restore'))).toBe(true);
    expect(
      debug.filter(
        (line) => line.includes(PASSWORD) || line.includes(encodeURIComponent(PASSWORD)),
      ),
    ).toEqual([]);
  }, 180_000);

  it('counts the rows the dump holds while the app goes on writing (one snapshot)', async () => {
    const sql = (query: string) =>
      docker(
        'exec',
        db.container,
        'psql',
        '-q',
        '-U',
        'sigmasight',
        '-d',
        'sigmasight',
        '-c',
        query,
      );
    // Rows written after the session's snapshot, just before pg_dump starts.
    const exec: Exec = async (command, args, options) => {
      if (args.includes('pg_dump'))
        sql("INSERT INTO users (email) SELECT 'late-' || i FROM generate_series(1, 5) i");
      return realExec(command, args, options);
    };
    const { given } = deps(exec);
    try {
      const outcome = (await runBackup(inputs(db.url()), given))!;
      expect(outcome.verified).toBe(true);
      expect(outcome.source!.counts.get('public.users')).toBe(SEED.users);
      expect(
        docker(
          'exec',
          db.container,
          'psql',
          '-At',
          '-U',
          'sigmasight',
          '-d',
          'sigmasight',
          '-c',
          'SELECT count(*) FROM users',
        ).trim(),
      ).toBe(String(SEED.users + 5));
    } finally {
      sql("DELETE FROM users WHERE email LIKE 'late-%'");
    }
  }, 180_000);

  it("without database-url, dumps the Railway database's DATABASE_PUBLIC_URL, masked", async () => {
    const railway = await fakeRailway({ DATABASE_PUBLIC_URL: db.url() });
    try {
      const { given, reporter, masked } = deps();
      const railwayInputs = {
        composeFile: path.resolve('examples/sigmasight/docker-compose.yml'),
        services: [],
        railway: { token: 'tok', tokenType: 'project' as const, apiUrl: railway.url },
      };
      given.resolveDatabaseUrl = () => databaseUrlFromRailway(railwayInputs);
      const outcome = (await runBackup(inputs('', { verifyRestore: false }), given))!;
      expect(outcome.verified).toBe(false);
      expect(outcome.source).toBeUndefined();
      expect(readFileSync(outcome.file).subarray(0, 5).toString()).toBe('PGDMP');
      expect(masked).toEqual(expect.arrayContaining([db.url(), PASSWORD]));
      expect(reporter.all()).not.toContain(PASSWORD);
      expect(reporter.summaries.join('')).toContain('not verified (verify-restore is off)');
    } finally {
      await railway.close();
    }
  }, 120_000);

  it('fails the restore drill of a truncated dump, naming the table that lost rows', async () => {
    let truncated = false;
    // The dump is cut short between pg_dump and pg_restore, as a broken disk or upload would.
    const exec: Exec = async (command, args, options) => {
      if (!truncated && args.includes('pg_restore')) {
        const file = String(args.at(-1)).replace('/backup/', '');
        const full = path.join(given.workDir, 'backups', file);
        truncateSync(full, Math.floor(statSync(full).size * 0.6));
        truncated = true;
      }
      return realExec(command, args, options);
    };
    const { given, reporter } = deps(exec);
    const error = await runBackup(inputs(db.url()), given).catch((e: unknown) => e);
    expect(truncated).toBe(true);
    expect(error).toBeInstanceOf(RestoreDrillError);
    const message = (error as Error).message;
    expect(message).toMatch(/public\.users has \d+ rows? in the restore, 2000 in the source/);
    expect(message).not.toMatch(/public\.(portfolios|positions|alembic_version)/);
    expect(reporter.outputs['restore-verified']).toBe('false');
    expect(reporter.outputs['backup-file']).toMatch(/\.dump$/);
    expect(reporter.all() + message).not.toContain(SECRET_ROW);
  }, 180_000);

  it('fails late when the restore database dies before it is ready', async () => {
    // A restore "database" that exits at once: debian's shell, with no input.
    const exec: Exec = (command, args, options) =>
      realExec(
        command,
        args[0] === 'run' && args.includes('-d')
          ? args.map((a) => (a.startsWith('postgres:') ? 'debian:bookworm-slim' : a))
          : args,
        options,
      );
    const { given, reporter } = deps(exec);
    const error = await runBackup(inputs(db.url()), given).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^The restore database \(deploy-action-bk\w+-restore\) stopped before it was ready/,
    );
    expect(reporter.outputs['restore-verified']).toBe('false');
    expect(reporter.summaries.join('')).toContain(
      '**restore drill failed**: the drill could not finish',
    );
  }, 120_000);

  it('says in one sentence that the database refused a wrong password', async () => {
    const { given, reporter } = deps();
    const error = await runBackup(inputs(db.url('not-the-password')), given).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `The database at 127.0.0.1:${db.port} refused the password of user "sigmasight" ` +
        '(Input "database-url"): check the password in that URL.',
    );
    expect(reporter.outputs).toEqual({});
    expect(reporter.all()).not.toContain('not-the-password');
  }, 60_000);

  it('leaves nothing running when the main phase dies in the restore (post phase)', async () => {
    let started!: () => void;
    const inRestore = new Promise<void>((resolve) => (started = resolve));
    // A kill during pg_restore: the main phase never gets past it, its finally never runs.
    const exec: Exec = (command, args, options) => {
      if (args.includes('pg_restore')) {
        started();
        return new Promise(() => {});
      }
      return realExec(command, args, options);
    };
    const { given } = deps(exec);
    void runBackup(inputs(db.url()), given);
    await inRestore;
    const runId = runIds.at(-1)!;
    expect(await containersOf(realExec, runId)).toHaveLength(1);
    const post = recordingReporter();
    await cleanUp({ runId }, { exec: realExec, reporter: post, settleMs: 200 });
    expect(await containersOf(realExec, runId)).toEqual([]);
    expect(post.annotations).toEqual([]);
    expect(docker('ps', '-aq', '--filter', `label=${BACKUP_LABEL}=${runId}`).trim()).toBe('');
  }, 120_000);
});
