/**
 * `command: backup`: a portable `pg_dump --format=custom` of the database, made with the
 * server's own major version, and with `verify-restore` a restore drill that proves the file
 * restores: every table's row count and the alembic revision must match the source. Fails
 * late: `backup-file`, `verified` and the summary are written first. Every container of the
 * run carries one label; they are removed at the end, and by the post phase after a kill.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { backupRunId, removeContainers, type BackupIdentity } from '../backup/containers.js';
import { dumpDatabase } from '../backup/dump.js';
import { ensureImage, probeImage, serverMajor } from '../backup/postgres.js';
import { restoreDrill } from '../backup/restore.js';
import { compareSnapshots, describeSnapshot, type Snapshot } from '../backup/snapshot.js';
import { parseDatabaseUrl, type DatabaseUrl } from '../backup/url.js';
import type { Exec } from '../docker/exec.js';
import { NoDatabaseError } from '../backup/railway-url.js';
import { UserError, errorMessage } from '../errors.js';
import type { Inputs } from '../inputs.js';
import type { Reporter } from '../reporter.js';

export type BackupInputs = Pick<
  Inputs,
  'databaseUrl' | 'verifyRestore' | 'restoreTimeoutMs' | 'sha'
>;

/** A database URL and where it came from, for messages ("Input \"database-url\""). */
export interface FoundUrl {
  url: string;
  origin: string;
}

export interface BackupDeps {
  exec: Exec;
  reporter: Reporter;
  /** The dump goes to `<workDir>/backups/` (RUNNER_TEMP under the runner). */
  workDir: string;
  /** Masks a secret in every later log line (core.setSecret); called before anything logs. */
  mask: (secret: string) => void;
  /** Without the database-url input: where the URL comes from (Railway's DATABASE_PUBLIC_URL). */
  resolveDatabaseUrl?: () => Promise<FoundUrl>;
  /** Called before the first container starts, with what the post phase needs to remove it. */
  onIdentity?: (identity: BackupIdentity) => void;
  /** The image whose psql asks the server its version; default: a local postgres image. */
  probeImage?: string;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface BackupOutcome {
  file: string;
  bytes: number;
  major: string;
  source?: Snapshot;
  verified: boolean;
}

export class RestoreDrillError extends UserError {
  override name = 'RestoreDrillError';
}

export async function runBackup(
  inputs: BackupInputs,
  deps: BackupDeps,
): Promise<BackupOutcome | undefined> {
  let db: DatabaseUrl;
  try {
    db = await databaseUrl(inputs, deps);
  } catch (error) {
    // Run by default in the deploy workflow: a stack with no database has nothing to dump.
    if (!(error instanceof NoDatabaseError)) throw error;
    deps.reporter.warn(`Nothing to back up: ${error.message}`);
    return undefined;
  }
  const runId = backupRunId(deps.now?.(), deps.random);
  deps.onIdentity?.({ runId });
  try {
    return await backup(inputs, deps, db, runId);
  } finally {
    await cleanUp({ runId }, deps);
  }
}

async function databaseUrl(inputs: BackupInputs, deps: BackupDeps): Promise<DatabaseUrl> {
  const found = inputs.databaseUrl
    ? { url: inputs.databaseUrl, origin: 'Input "database-url"' }
    : await resolveOrRefuse(deps);
  deps.mask(found.url);
  const db = parseDatabaseUrl(found.url, found.origin);
  db.secrets.filter((secret) => secret !== found.url).forEach((secret) => deps.mask(secret));
  return db;
}

async function resolveOrRefuse(deps: BackupDeps): Promise<FoundUrl> {
  if (!deps.resolveDatabaseUrl) {
    throw new UserError(
      'Input "database-url": expected the URL of the database to back up, ' +
        'got nothing (and no Railway database to read DATABASE_PUBLIC_URL from).',
    );
  }
  return deps.resolveDatabaseUrl();
}

async function backup(inputs: BackupInputs, deps: BackupDeps, db: DatabaseUrl, runId: string) {
  const { exec, reporter } = deps;
  const dumped = await reporter.group(`Back up ${db.display}`, async () => {
    const probe = deps.probeImage ?? (await probeImage(exec));
    const major = await serverMajor(exec, db, runId, probe);
    const image = `postgres:${major}`;
    await ensureImage(exec, image, `of the server's major version (${major}) to run pg_dump`);
    const file = dumpPath(deps.workDir, db, inputs.sha, (deps.now ?? Date.now)());
    const counts = inputs.verifyRestore;
    const { bytes, source } = await dumpDatabase(exec, db, { runId, image, file, counts });
    reporter.setOutput('backup-file', file);
    reporter.info(`pg_dump ${major} wrote ${file} (${bytes.toLocaleString('en-US')} bytes)`);
    return { file, bytes, major, image, source };
  });
  if (!inputs.verifyRestore) {
    await reporter.summary(summary(db, dumped, undefined));
    return { ...dumped, verified: false };
  }
  const drill = await reporter
    .group('Restore drill', () => verify(exec, runId, dumped, inputs.restoreTimeoutMs, deps))
    .catch(async (error: unknown) => {
      // Fail late: the step's outputs and summary say the drill did not pass, then it fails.
      reporter.setOutput('restore-verified', 'false');
      await reporter.summary(
        summary(db, dumped, {
          source: dumped.source!,
          problems: [`the drill could not finish (${errorMessage(error).split('\n')[0]})`],
        }),
      );
      throw error;
    });
  reporter.setOutput('restore-verified', String(drill.problems.length === 0));
  await reporter.summary(summary(db, dumped, drill));
  if (drill.problems.length > 0) {
    throw new RestoreDrillError(
      `The restore drill of ${path.basename(dumped.file)} failed: ` +
        `${drill.problems.join('; ')}.`,
    );
  }
  return { ...dumped, source: drill.source, verified: true };
}

interface Drill {
  source: Snapshot;
  problems: string[];
}

async function verify(
  exec: Exec,
  runId: string,
  dumped: { file: string; image: string; source?: Snapshot },
  timeoutMs: number,
  deps: BackupDeps,
): Promise<Drill> {
  const source = dumped.source!;
  deps.reporter.info(`source: ${describeSnapshot(source)}`);
  const restored = await restoreDrill(exec, {
    runId,
    image: dumped.image,
    file: dumped.file,
    timeoutMs,
    now: deps.now,
    sleep: deps.sleep,
  });
  deps.reporter.info(`restore: ${describeSnapshot(restored.snapshot)}`);
  const problems = compareSnapshots(source, restored.snapshot).map((m) => m.message);
  if (restored.errors.length > 0)
    problems.push(`pg_restore reported: ${restored.errors.join(' / ')}`);
  return { source, problems };
}

/** `<db>-<sha7>-<utc stamp>.dump`, in a folder of its own (the drill mounts that folder). */
export function dumpPath(workDir: string, db: DatabaseUrl, sha: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, 'Z');
  const name = db.database.replace(/[^A-Za-z0-9_.-]/g, '_');
  const dir = path.join(workDir, 'backups');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}-${sha.slice(0, 7)}-${stamp}.dump`);
}

function summary(
  db: DatabaseUrl,
  dumped: { file: string; bytes: number; major: string },
  drill: Drill | undefined,
): string {
  const verdict = !drill
    ? 'not verified (verify-restore is off)'
    : drill.problems.length === 0
      ? `restored and verified: ${describeSnapshot(drill.source)}`
      : `**restore drill failed**: ${drill.problems.join('; ')}`;
  return [
    '### Database backup',
    '',
    `\`${db.display}\`, PostgreSQL ${dumped.major}: \`${path.basename(dumped.file)}\` ` +
      `(${dumped.bytes.toLocaleString('en-US')} bytes), ${verdict}.`,
    '',
  ].join('\n');
}

export interface CleanUpDeps {
  exec: Exec;
  reporter: Reporter;
  /** The post phase: look again after this pause for containers still being created. */
  settleMs?: number;
}

/** Removes every container of the run: the main phase's last step, and the post phase's. */
export async function cleanUp(identity: BackupIdentity, deps: CleanUpDeps): Promise<void> {
  const log = (m: string) => deps.reporter.debug(m);
  const left = await removeContainers(deps.exec, identity.runId, {
    log,
    settleMs: deps.settleMs,
  }).catch((error: unknown) => {
    log(`backup cleanup: ${String(error)}`);
    return ['(unknown)'];
  });
  if (left.length === 0) return;
  deps.reporter.warn(
    `Could not remove ${left.length} backup container(s); remove them with: ` +
      `docker rm -f -v $(docker ps -aq --filter label=deploy-action.backup=${identity.runId})`,
  );
}
