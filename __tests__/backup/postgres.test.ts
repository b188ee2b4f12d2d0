import { describe, expect, it } from '@jest/globals';
import { backupRunId, containerName } from '../../src/backup/containers.js';
import { dumpDockerArgs } from '../../src/backup/dump.js';
import {
  DEFAULT_PROBE_IMAGE,
  clientRunArgs,
  ensureImage,
  errorLines,
  explain,
  majorOf,
  probeImage,
} from '../../src/backup/postgres.js';
import { parseDatabaseUrl } from '../../src/backup/url.js';
import { CommandError, type Exec } from '../../src/docker/exec.js';
import { UserError } from '../../src/errors.js';

const db = parseDatabaseUrl('postgresql://sigmasight:hunter2@127.0.0.1:5432/sigmasight');

describe('client tools in a container', () => {
  it('never put the URL on the command line: it travels in the environment', () => {
    const args = clientRunArgs({
      runId: 'bk1',
      role: 'dump',
      image: 'postgres:16',
      tool: 'pg_dump',
      args: ['--format=custom'],
    });
    expect(args.join(' ')).not.toContain('hunter2');
    expect(args).toEqual([
      'run',
      '--rm',
      '--name',
      'deploy-action-bk1-dump',
      '--label',
      'deploy-action.backup=bk1',
      '--network',
      'host',
      '-e',
      'DEPLOY_ACTION_DATABASE_URL',
      '-e',
      'PGCONNECT_TIMEOUT=20',
      '-e',
      'PGAPPNAME=deploy-action-backup',
      'postgres:16',
      'sh',
      '-c',
      'exec pg_dump --dbname="$DEPLOY_ACTION_DATABASE_URL" "$@"',
      'pg_dump',
      '--format=custom',
    ]);
  });

  it("write the dump as the runner's user into the dump's folder", () => {
    const args = dumpDockerArgs('/runner/temp/backups/app.dump');
    expect(args.slice(0, 2)).toEqual(['-v', '/runner/temp/backups:/backup']);
    if (process.getuid)
      expect(args.slice(2)).toEqual(['--user', `${process.getuid()}:${process.getgid!()}`]);
  });

  it.each([
    [150004, '15'],
    [170002, '17'],
    [100023, '10'],
    [90624, '9.6'],
  ])('server_version_num %d is major %s', (num, major) => expect(majorOf(num)).toBe(major));

  it('name each run apart', () => {
    const a = backupRunId(1_700_000_000_000, () => 0.1);
    expect(a).toMatch(/^bk[a-z0-9]+$/);
    expect(backupRunId(1_700_000_000_000, () => 0.2)).not.toBe(a);
    expect(containerName(a, 'restore')).toBe(`deploy-action-${a}-restore`);
  });
});

describe('a failed connection, in one sentence', () => {
  // stderr recorded from pg_dump 15 in postgres:15 against the stand-in server.
  const failed = (stderr: string) =>
    explain(new CommandError(['docker'], 1, stderr, ''), db, 'pg_dump');

  const at = (port: number) =>
    `pg_dump: error: connection to server at "127.0.0.1", port ${port} failed: `;
  const where = '127.0.0.1:5432 (Input "database-url")';
  it.each([
    [
      `${at(5432)}FATAL:  password authentication failed for user "sigmasight"`,
      'The database at 127.0.0.1:5432 refused the password of user "sigmasight" ' +
        '(Input "database-url"): check the password in that URL.',
    ],
    [
      'pg_dump: error: could not translate host name "nohost.invalid" to address: ' +
        'Name or service not known',
      'The host "127.0.0.1" of Input "database-url" cannot be resolved on the runner.',
    ],
    [
      `${at(1)}Connection refused\n\tIs the server running on that host and accepting TCP/IP ` +
        'connections?',
      `Nothing answered at ${where}: is the database running and reachable from the runner?`,
    ],
    [
      `${at(5432)}FATAL:  database "nope" does not exist`,
      'The database "nope" of Input "database-url" does not exist at 127.0.0.1:5432.',
    ],
    [
      `${at(5432)}server does not support SSL, but SSL was required`,
      'pg_dump against postgresql://sigmasight@127.0.0.1:5432/sigmasight failed (exit 1): ' +
        `${at(5432)}server does not support SSL, but SSL was required`,
    ],
  ])('%s', (stderr, sentence) => {
    const error = failed(stderr);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(sentence);
  });

  it('scrubs secrets and drops DETAIL lines of anything else', () => {
    const error = failed(
      'pg_dump: error: query failed: ERROR:  permission denied for table users hunter2\n' +
        'DETAIL:  Key (email)=(a@b.c)',
    );
    expect(error.message).toBe(
      'pg_dump against postgresql://sigmasight@127.0.0.1:5432/sigmasight failed (exit 1): ' +
        'pg_dump: error: query failed: ERROR:  permission denied for table users ***',
    );
    expect(errorLines('DETAIL:  error: x\nnothing')).toEqual([]);
  });
});

describe('the images', () => {
  /** A docker CLI that has the given postgres tags and cannot pull anything. */
  function engine(tags: string[]): Exec {
    return async (_command, args) => {
      if (args[0] === 'images') return { stdout: tags.map((t) => `${t}\n`).join(''), stderr: '' };
      if (args[1] === 'inspect' && tags.includes(String(args.at(-1)).split(':')[1] ?? ''))
        return { stdout: 'sha256:1\n', stderr: '' };
      // docker 20.10's words for a pull with no way out to Docker Hub.
      const stderr =
        'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: ' +
        'lookup registry-1.docker.io: no such host\n';
      throw new CommandError(['docker', ...args], 1, stderr, '');
    };
  }

  it('ask the version with the newest local postgres image, else the default', async () => {
    expect(await probeImage(engine(['15', '9.6', 'latest', '16-alpine', '12']))).toBe(
      'postgres:15',
    );
    expect(await probeImage(engine([]))).toBe(DEFAULT_PROBE_IMAGE);
  });

  it('use a local image without pulling it', async () => {
    await expect(ensureImage(engine(['15']), 'postgres:15', 'to dump')).resolves.toBeUndefined();
  });

  it("say in one sentence why the server's version cannot be pulled", async () => {
    await expect(
      ensureImage(engine(['15']), 'postgres:16', "of the server's major version (16)"),
    ).rejects.toThrow(
      new UserError(
        "Could not pull postgres:16, the image of the server's major version (16) " +
          '(Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: ' +
          'lookup registry-1.docker.io: no such host): check the runner reaches Docker Hub, ' +
          'or pull it first.',
      ),
    );
  });
});
