/**
 * The Engine API on a socket: which socket the docker CLI would use, a stand-in daemon on a
 * unix socket of this test (the answers' shapes are the Engine API's, recorded from this
 * engine in __fixtures__/docker), and the CLI answering whenever the socket does not.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_SOCKET,
  apiOrCli,
  cliPluginInstalled,
  defaultBuildxBuilder,
  engineSocket,
  imagePath,
  socketApi,
} from '../../src/docker/api.js';
import { detectEngine } from '../../src/docker/engine.js';
import type { Exec } from '../../src/docker/exec.js';
import { imageHistory, inspectImages } from '../../src/docker/images.js';

const dir = mkdtempSync(path.join(tmpdir(), 'engine-api-'));
const config = (json: unknown) => {
  const d = mkdtempSync(path.join(dir, 'config-'));
  writeFileSync(path.join(d, 'config.json'), JSON.stringify(json));
  return d;
};

describe('the socket the docker CLI would use', () => {
  it.each([
    ['nothing set', {}, DEFAULT_SOCKET],
    [
      'DOCKER_HOST on a unix socket',
      { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' },
      '/run/user/1000/docker.sock',
    ],
    ['DOCKER_HOST over tcp', { DOCKER_HOST: 'tcp://127.0.0.1:2375' }, undefined],
    ['DOCKER_HOST over ssh', { DOCKER_HOST: 'ssh://me@127.0.0.1' }, undefined],
    ['TLS on', { DOCKER_HOST: 'unix:///x.sock', DOCKER_TLS_VERIFY: '1' }, undefined],
    ['another context', { DOCKER_CONTEXT: 'remote' }, undefined],
    ['the default context', { DOCKER_CONTEXT: 'default' }, DEFAULT_SOCKET],
    [
      'config.json naming a context',
      { DOCKER_CONFIG: config({ currentContext: 'colima' }) },
      undefined,
    ],
    ['config.json without one', { DOCKER_CONFIG: config({ auths: {} }) }, DEFAULT_SOCKET],
  ])('%s', (_what, env, socket) => {
    expect(engineSocket({ HOME: dir, ...env } as NodeJS.ProcessEnv)).toBe(socket);
  });

  it('puts only plain references in a path', () => {
    expect(imagePath('127.0.0.1:5000/app/web:abc', 'json')).toBe(
      '/images/127.0.0.1:5000/app/web:abc/json',
    );
    expect(imagePath('app@sha256:0d9b', 'history')).toBe('/images/app@sha256:0d9b/history');
    expect(imagePath('a/../b', 'json')).toBeUndefined();
    expect(imagePath('a?x=1', 'json')).toBeUndefined();
    expect(imagePath('a b', 'json')).toBeUndefined();
  });
});

describe("buildx's default builder, the daemon's own BuildKit", () => {
  const home = () => mkdtempSync(path.join(dir, 'buildx-'));
  const withCurrent = (text: string) => {
    const d = home();
    mkdirSync(path.join(d, 'buildx'));
    writeFileSync(path.join(d, 'buildx', 'current'), text);
    return d;
  };
  it.each([
    ['no buildx folder', () => ({ DOCKER_CONFIG: home() }), true],
    [
      '`buildx use default`',
      () => ({
        DOCKER_CONFIG: withCurrent(
          '{"Key":"unix:///var/run/docker.sock","Name":"","Global":false}',
        ),
      }),
      true,
    ],
    [
      '`buildx use tb`',
      () => ({
        DOCKER_CONFIG: withCurrent(
          '{"Key":"unix:///var/run/docker.sock","Name":"tb","Global":false}',
        ),
      }),
      false,
    ],
    ['a file not as buildx 0.13 writes it', () => ({ DOCKER_CONFIG: withCurrent('tb') }), false],
    ['BUILDX_BUILDER naming one', () => ({ DOCKER_CONFIG: home(), BUILDX_BUILDER: 'tb' }), false],
    ['BUILDX_BUILDER=default', () => ({ DOCKER_CONFIG: home(), BUILDX_BUILDER: 'default' }), true],
    [
      'BUILDX_CONFIG elsewhere',
      () => ({ DOCKER_CONFIG: home(), BUILDX_CONFIG: '/elsewhere' }),
      false,
    ],
  ])('%s', (_what, env, expected) => {
    expect(defaultBuildxBuilder(env() as NodeJS.ProcessEnv)).toBe(expected);
  });
});

describe('docker CLI plugins, where the CLI looks for them', () => {
  it('finds an executable docker-buildx in the config folder or an extra folder, not a plain file', () => {
    const home = mkdtempSync(path.join(dir, 'plugins-'));
    const plugins = path.join(home, 'cli-plugins');
    mkdirSync(plugins);
    const env = { DOCKER_CONFIG: home } as NodeJS.ProcessEnv;
    expect(cliPluginInstalled('nosuchplugin', env)).toBe(false);
    writeFileSync(path.join(plugins, 'docker-nosuchplugin'), '#!/bin/sh\n');
    expect(cliPluginInstalled('nosuchplugin', env)).toBe(false);
    chmodSync(path.join(plugins, 'docker-nosuchplugin'), 0o755);
    expect(cliPluginInstalled('nosuchplugin', env)).toBe(true);

    const extra = mkdtempSync(path.join(dir, 'extra-'));
    writeFileSync(path.join(extra, 'docker-otherplugin'), '#!/bin/sh\n', { mode: 0o755 });
    expect(cliPluginInstalled('otherplugin', env)).toBe(false);
    writeFileSync(path.join(home, 'config.json'), JSON.stringify({ cliPluginsExtraDirs: [extra] }));
    expect(cliPluginInstalled('otherplugin', env)).toBe(true);
  });
});

const fixture = (name: string) =>
  readFileSync(new URL(`../../__fixtures__/docker/${name}`, import.meta.url), 'utf8');

/** A stand-in daemon: answers by path; records what it was asked. */
let server: Server;
const socket = path.join(dir, 'docker.sock');
const asked: string[] = [];
const answers: Record<string, [number, string]> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(req.url!);
    const [status, body] = answers[req.url!] ?? [404, '{"message":"No such image"}'];
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** An exec whose CLI calls are recorded and answered from recorded output. */
function execWith(api: ReturnType<typeof socketApi> | undefined, plugin = false) {
  const ran: string[] = [];
  const exec: Exec = async (command, args) => {
    ran.push([command, ...args].join(' '));
    if (args[0] === 'version') return { stdout: '20.10.24+dfsg1\n', stderr: '' };
    if (args[0] === 'image')
      return {
        stdout: `${JSON.stringify(JSON.parse(fixture('inspect-backend.json')))}\n`,
        stderr: '',
      };
    if (args[0] === 'history') return { stdout: fixture('history-buildkit.jsonl'), stderr: '' };
    if (args[0] === 'buildx') return { stdout: 'github.com/docker/buildx 0.13.1\n', stderr: '' };
    throw new Error(`unexpected ${command} ${args.join(' ')}`);
  };
  exec.engine = { api: () => api, hasPlugin: () => plugin };
  return { exec, ran };
}

describe('facts from the socket, the CLI when it does not answer', () => {
  const inspected = JSON.parse(fixture('inspect-backend.json')) as Record<string, unknown>;
  const historyRows = fixture('history-buildkit.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const row = JSON.parse(line) as Record<string, string>;
      return {
        Id: row.ID,
        CreatedBy: row.CreatedBy,
        Size: Number(row.Size),
        Comment: '',
        Tags: null,
      };
    });

  it('reads the version, the images and their layers on the socket, with no docker process', async () => {
    answers['/version'] = [200, JSON.stringify({ Version: '20.10.24+dfsg1', ApiVersion: '1.41' })];
    answers['/images/app/web:1/json'] = [200, JSON.stringify(inspected)];
    answers['/images/app/api:1/json'] = [200, JSON.stringify({ ...inspected, Size: 42 })];
    answers['/images/app/web:1/history'] = [200, JSON.stringify(historyRows)];
    const { exec, ran } = execWith(socketApi(socket), true);
    expect(await detectEngine(exec, { compose: false })).toEqual({
      serverVersion: '20.10.24+dfsg1',
      buildx: true,
      compose: undefined,
    });
    answers['/version'] = [
      200,
      JSON.stringify({ Version: '20.10.24+dfsg1', Os: 'linux', Arch: 'amd64' }),
    ];
    expect((await detectEngine(exec, { compose: false })).platform).toBe('linux/amd64');
    expect(
      (await detectEngine(execWith(undefined).exec, { compose: false })).platform,
    ).toBeUndefined();
    const infos = await inspectImages(exec, ['app/web:1', 'app/api:1']);
    expect(infos.map((i) => i.size)).toEqual([146_802_717, 42]);
    const layers = await imageHistory(exec, 'app/web:1');
    // The same layers as the CLI's rows give.
    const cli = await imageHistory(execWith(undefined).exec, 'app/web:1');
    expect(layers).toEqual(cli);
    expect(ran).toEqual([]);
  });

  it('asks the CLI when the socket has no such image, is not there, or answers nonsense', async () => {
    answers['/images/app/broken:1/history'] = [200, '<html>'];
    const missing = execWith(socketApi(socket));
    await inspectImages(missing.exec, ['app/web:1', 'app/none:1']);
    const gone = execWith(socketApi(path.join(dir, 'no-such.sock')));
    await detectEngine(gone.exec, { compose: false });
    await imageHistory(gone.exec, 'app/web:1');
    const nonsense = execWith(socketApi(socket));
    await imageHistory(nonsense.exec, 'app/broken:1');
    expect(missing.ran).toEqual(['docker image inspect --format {{json .}} app/web:1 app/none:1']);
    expect(gone.ran).toEqual([
      'docker version --format {{.Server.Version}}',
      'docker buildx version',
      'docker history --no-trunc --human=false --format {{json .}} app/web:1',
    ]);
    expect(nonsense.ran).toEqual([
      'docker history --no-trunc --human=false --format {{json .}} app/broken:1',
    ]);
  });

  it('gives the CLI error when both fail, and uses no socket where the CLI would not', async () => {
    const failing: Exec = async () => {
      throw new Error('the CLI said no');
    };
    await expect(
      apiOrCli(
        socketApi(path.join(dir, 'no-such.sock')),
        (a) => a.get('/version'),
        () => failing('docker', []),
      ),
    ).rejects.toThrow('the CLI said no');
    const { exec, ran } = execWith(undefined);
    await inspectImages(exec, ['app/web:1']);
    expect(ran).toHaveLength(1);
  });
});
