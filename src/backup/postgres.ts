/**
 * PostgreSQL's client tools, run from a `postgres:<major>` container so the runner's own client
 * (or its absence) never matters. The containers use the host's network (`--network host`,
 * Linux runners): a database URL on 127.0.0.1 or localhost means the runner itself, as it
 * would for a psql on the runner. The URL travels in the environment of the docker CLI
 * (`-e NAME` without a value), never on a command line, so neither the debug log of the exec
 * wrapper nor `ps` shows it.
 */
import { CommandError, type Exec } from '../docker/exec.js';
import { UserError } from '../errors.js';
import { isLocal } from '../stack/images.js';
import { containerName, labelArgs } from './containers.js';
import { scrub, type DatabaseUrl } from './url.js';

export const URL_ENV = 'DEPLOY_ACTION_DATABASE_URL';
/** The psql that asks a server its version when no local postgres image is there to use. */
export const DEFAULT_PROBE_IMAGE = 'postgres:17';

export interface ClientRun {
  runId: string;
  /** Part of the container's name: probe, count, dump. */
  role: string;
  image: string;
  tool: 'psql' | 'pg_dump';
  args: string[];
  /** Extra `docker run` flags (a mount, a user). */
  docker?: string[];
  timeoutMs?: number;
}

/** `docker run` arguments for one client tool; the URL comes from the variable URL_ENV. */
export function clientRunArgs(run: ClientRun): string[] {
  return [
    'run',
    '--rm',
    '--name',
    containerName(run.runId, run.role),
    ...labelArgs(run.runId),
    '--network',
    'host',
    '-e',
    URL_ENV,
    '-e',
    'PGCONNECT_TIMEOUT=20',
    '-e',
    'PGAPPNAME=deploy-action-backup',
    ...(run.docker ?? []),
    run.image,
    // `sh -c` so the URL is read from the environment inside the container, not argv.
    'sh',
    '-c',
    `exec ${run.tool} --dbname="$${URL_ENV}" "$@"`,
    run.tool,
    ...run.args,
  ];
}

export async function runClient(exec: Exec, db: DatabaseUrl, run: ClientRun): Promise<string> {
  try {
    const env = { ...process.env, [URL_ENV]: db.url };
    return (await exec('docker', clientRunArgs(run), { env, timeoutMs: run.timeoutMs })).stdout;
  } catch (error) {
    throw explain(error, db, run.tool);
  }
}

/** `150004` -> `15`; before PostgreSQL 10 the major had two parts: `90624` -> `9.6`. */
export function majorOf(versionNum: number): string {
  if (versionNum >= 100000) return String(Math.floor(versionNum / 10000));
  return `${Math.floor(versionNum / 10000)}.${Math.floor(versionNum / 100) % 100}`;
}

/** The server's major version, asked with `SHOW server_version_num` from a probe image. */
export async function serverMajor(
  exec: Exec,
  db: DatabaseUrl,
  runId: string,
  probeImage: string,
): Promise<string> {
  await ensureImage(exec, probeImage, 'to ask the database its version');
  const out = await runClient(exec, db, {
    runId,
    role: 'probe',
    image: probeImage,
    tool: 'psql',
    args: ['-X', '-A', '-t', '-c', 'SHOW server_version_num'],
  });
  const num = Number(out.trim());
  if (!Number.isInteger(num) || num <= 0) {
    throw new UserError(
      `${db.display} answered "SHOW server_version_num" with "${out.trim()}"` +
        ', not a PostgreSQL version number.',
    );
  }
  return majorOf(num);
}

/** The newest `postgres:<number>` image already on this machine (no pull), else the default. */
export async function probeImage(exec: Exec): Promise<string> {
  const { stdout } = await exec('docker', ['images', 'postgres', '--format', '{{.Tag}}']);
  const tags = stdout.split('\n').filter((t) => /^\d+$/.test(t) && Number(t) >= 10);
  if (tags.length === 0) return DEFAULT_PROBE_IMAGE;
  return `postgres:${tags.sort((a, b) => Number(b) - Number(a))[0]}`;
}

/** Pulls the image unless it is here; a failed pull is one sentence with docker's reason. */
export async function ensureImage(exec: Exec, image: string, why: string): Promise<void> {
  if (await isLocal(exec, image)) return;
  try {
    await exec('docker', ['pull', '-q', image]);
  } catch (error) {
    const said = error instanceof CommandError ? error.tail : String(error);
    const reason = said
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1);
    throw new UserError(
      `Could not pull ${image}, the image ${why}` +
        `${reason ? ` (${reason})` : ''}: check the runner reaches Docker Hub, or pull it first.`,
    );
  }
}

/**
 * A failure of psql or pg_dump as one sentence for the usual connection mistakes; otherwise the
 * tool's own error lines (scrubbed of secrets, never a DETAIL line, which may quote row data).
 */
export function explain(error: unknown, db: DatabaseUrl, tool: string): Error {
  if (!(error instanceof CommandError)) return error as Error;
  const text = scrub(`${error.stderr}\n${error.stdout}`, db.secrets);
  const where = `${db.host}:${db.port}`;
  const user = /password authentication failed for user "([^"]*)"/.exec(text);
  if (user) {
    return new UserError(
      `The database at ${where} refused the password of user "${user[1]}" ` +
        `(${db.origin}): check the password in that URL.`,
    );
  }
  if (/could not translate host name|Name or service not known/.test(text))
    return new UserError(`The host "${db.host}" of ${db.origin} cannot be resolved on the runner.`);
  if (/Connection refused|timeout expired|No route to host|Network is unreachable/.test(text)) {
    return new UserError(
      `Nothing answered at ${where} (${db.origin}): is the database ` +
        'running and reachable from the runner?',
    );
  }
  const missing = /database "([^"]*)" does not exist/.exec(text);
  if (missing)
    return new UserError(
      `The database "${missing[1]}" of ${db.origin} does not exist at ${where}.`,
    );
  const lines = errorLines(text);
  return new UserError(
    `${tool} against ${db.display} failed (exit ${error.exitCode})` +
      (lines.length ? `: ${lines.join(' / ')}` : '.'),
  );
}

/** The tool's `error:` / `FATAL:` lines; DETAIL, HINT and CONTEXT lines may quote data. */
export function errorLines(text: string, max = 3): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /(^|\s)(error|FATAL|ERROR):/.test(l) && !/^(DETAIL|CONTEXT|HINT):/.test(l))
    .slice(0, max);
}
