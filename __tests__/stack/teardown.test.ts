import { describe, expect, it } from '@jest/globals';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tearDown, tearDownAfterTest } from '../../src/commands/test.js';
import { CommandError, type Exec } from '../../src/docker/exec.js';
import { removalCommands, teardown } from '../../src/stack/teardown.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';

interface FakeOptions {
  /** Appear after the first listing, like those of a killed main phase's `compose up`. */
  lateContainers?: string[];
  /** Docker refuses every removal (a volume in use, a daemon error). */
  refuse?: boolean;
  /** `compose down` takes until this settles; a second one meanwhile fails, as docker's does. */
  slowDown?: Promise<void>;
}

/**
 * A Docker engine reduced to what teardown touches: resources of one project, `compose down`
 * removing them, `rm`/`network rm`/`volume rm` removing by id.
 */
function fakeEngine({ lateContainers = [], refuse = false, slowDown }: FakeOptions = {}) {
  const engine = {
    containers: ['c1', 'c2'],
    networks: ['n1'],
    volumes: ['v1'],
    composeCalls: [] as string[][],
  };
  let listings = 0;
  let removing = false;
  const refused = (args: string[]) =>
    new CommandError(
      args,
      1,
      'Error response from daemon: removal of container c1 is already in progress',
      '',
    );
  const exec: Exec = async (command, args) => {
    if (command === 'docker-compose' || args[0] === 'compose') {
      engine.composeCalls.push([command, ...args]);
      if (refuse || removing) throw refused([command, ...args]);
      removing = true;
      await slowDown;
      removing = false;
      Object.assign(engine, { containers: [], networks: [], volumes: [] });
      return { stdout: '', stderr: '' };
    }
    const [what, verb, ...rest] = args;
    const ids = (list: string[]) => ({ stdout: list.map((id) => `${id}\n`).join(''), stderr: '' });
    if (what === 'ps' && listings++ === 0) engine.containers.push(...lateContainers);
    if (what === 'ps') return ids(engine.containers);
    if (verb === 'ls') return ids(what === 'network' ? engine.networks : engine.volumes);
    if (refuse || removing) throw refused(['docker', ...args]);
    const removed = new Set(what === 'rm' ? [verb!, ...rest] : rest);
    engine.containers = engine.containers.filter((id) => !removed.has(id));
    engine.networks = engine.networks.filter((id) => !(what === 'network' && removed.has(id)));
    engine.volumes = engine.volumes.filter((id) => !(what === 'volume' && removed.has(id)));
    return { stdout: '', stderr: '' };
  };
  return { engine, exec };
}

function composeFile(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'da-teardown-')), 'docker-compose.yml');
  writeFileSync(file, 'services: {}\n');
  return file;
}

const noWait = { sleep: async () => {} };

describe('teardown', () => {
  it('runs compose down with the files of the run (v2: docker compose)', async () => {
    const { engine, exec } = fakeEngine();
    const file = composeFile();
    const left = await teardown(
      exec,
      { flavour: 'v2', name: 'da-1', files: [file], cwd: '/' },
      noWait,
    );
    expect(left).toEqual({ containers: [], networks: [], volumes: [] });
    expect(engine.composeCalls).toEqual([
      [
        'docker',
        'compose',
        '-p',
        'da-1',
        '-f',
        file,
        'down',
        '-v',
        '--remove-orphans',
        '--timeout',
        '10',
      ],
    ]);
  });

  it('removes by label when the compose files are gone', async () => {
    const { engine, exec } = fakeEngine();
    const project = { flavour: 'v1' as const, name: 'da-1', files: ['/gone/x.yml'], cwd: '/' };
    expect(await teardown(exec, project, noWait)).toEqual({
      containers: [],
      networks: [],
      volumes: [],
    });
    expect(engine.composeCalls).toEqual([]);
  });

  it('looks again and removes containers that appear after compose down', async () => {
    const { engine, exec } = fakeEngine({ lateContainers: ['late'] });
    const project = { flavour: 'v1' as const, name: 'da-1', files: [composeFile()], cwd: '/' };
    expect(await teardown(exec, project, noWait)).toEqual({
      containers: [],
      networks: [],
      volumes: [],
    });
    expect(engine.containers).toEqual([]);
  });
});

describe('the pause before looking again', () => {
  const project = () => ({
    flavour: 'v1' as const,
    name: 'da-1',
    files: [composeFile()],
    cwd: '/',
  });

  function countingSleep() {
    const pauses: number[] = [];
    return { pauses, sleep: async (ms: number) => void pauses.push(ms) };
  }

  it('is skipped when compose down left nothing (the process that brought it up ended it)', async () => {
    const { exec } = fakeEngine();
    const { pauses, sleep } = countingSleep();
    expect(await teardown(exec, project(), { sleep })).toEqual({
      containers: [],
      networks: [],
      volumes: [],
    });
    expect(pauses).toEqual([]);
  });

  it('is taken after a killed main phase (expectLate), and catches what comes late', async () => {
    const { engine, exec } = fakeEngine({ lateContainers: ['late'] });
    const { pauses, sleep } = countingSleep();
    await teardown(exec, project(), { sleep, expectLate: true });
    expect(pauses.length).toBeGreaterThan(0);
    expect(engine.containers).toEqual([]);
  });

  it('the post phase expects late containers unless main said it ended on its own', async () => {
    for (const [settled, paused] of [
      [undefined, true],
      [true, false],
    ] as const) {
      const { exec } = fakeEngine();
      const { pauses, sleep } = countingSleep();
      const saved = { ...project(), keepStack: false, settled };
      await tearDownAfterTest(saved, { exec, reporter: recordingReporter(), sleep });
      expect(pauses.length > 0).toBe(paused);
    }
  });
});

describe('the post phase after command: test', () => {
  it('tears down the saved stack', async () => {
    const { engine, exec } = fakeEngine();
    const reporter = recordingReporter();
    const state = {
      name: 'da-1',
      flavour: 'v1' as const,
      files: ['/gone.yml'],
      cwd: '/',
      keepStack: false,
    };
    await tearDownAfterTest(state, { exec, reporter });
    expect(engine).toMatchObject({ containers: [], networks: [], volumes: [] });
    expect(reporter.lines).toContain('da-1: no container, network or volume left');
  });

  it('keeps the stack with keep-stack', async () => {
    const { engine, exec } = fakeEngine();
    const reporter = recordingReporter();
    await tearDownAfterTest({ name: 'da-1', keepStack: true }, { exec, reporter });
    expect(engine.containers).toEqual(['c1', 'c2']);
    expect(reporter.lines).toEqual(['keep-stack: leaving compose project da-1 running']);
  });

  it('does nothing when the main phase stopped before naming a stack', async () => {
    const { engine, exec } = fakeEngine();
    await tearDownAfterTest({}, { exec, reporter: recordingReporter() });
    expect(engine.containers).toEqual(['c1', 'c2']);
  });
});

describe('tearDown', () => {
  const project = () => ({
    flavour: 'v1' as const,
    name: 'da-1',
    files: [composeFile()],
    cwd: '/',
  });

  it('tells how to remove what docker refused, with commands that run as printed', async () => {
    const { engine, exec } = fakeEngine({ refuse: true });
    const reporter = recordingReporter();
    await tearDown(project(), { exec, reporter, ...noWait });
    expect(engine.containers).toEqual(['c1', 'c2']);
    expect(reporter.annotations.map((a) => a.message)).toEqual([
      'da-1: could not remove 2 container(s), 1 network(s), 1 volume(s). Remove them with:\n' +
        'docker rm -f -v $(docker ps -aq --filter label=com.docker.compose.project=da-1)\n' +
        'docker network rm $(docker network ls -q --filter label=com.docker.compose.project=da-1)\n' +
        'docker volume rm -f $(docker volume ls -q --filter label=com.docker.compose.project=da-1)',
    ]);
  });

  it('prints a command only for the kinds of resource left', () => {
    expect(removalCommands('da-1', { containers: [], networks: ['n1'], volumes: [] })).toEqual([
      'docker network rm $(docker network ls -q --filter label=com.docker.compose.project=da-1)',
    ]);
  });

  it('a second teardown of a stack (Ctrl-C during the finally) waits for the first', async () => {
    let finish = () => {};
    const slowDown = new Promise<void>((resolve) => (finish = resolve));
    const { engine, exec } = fakeEngine({ slowDown });
    const reporter = recordingReporter();
    const first = tearDown(project(), { exec, reporter, ...noWait });
    let secondDone = false;
    const second = tearDown(project(), { exec, reporter, ...noWait }).then(
      () => (secondDone = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(secondDone).toBe(false);
    finish();
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, true]);
    expect(engine).toMatchObject({ containers: [], networks: [], volumes: [] });
    expect(engine.composeCalls).toHaveLength(1);
    expect(reporter.annotations).toEqual([]);
    expect(reporter.lines).toContain('da-1: already being torn down, waiting for it');
  });

  it('the second call does not fail when the first does; a later one starts afresh', async () => {
    let daemonUp = false;
    const { engine, exec: inner } = fakeEngine();
    const exec: Exec = async (command, args) => {
      if (!daemonUp)
        throw new CommandError(['docker', ...args], 1, 'Cannot connect to the Docker daemon', '');
      return inner(command, args);
    };
    const reporter = recordingReporter();
    const project = { flavour: 'v1' as const, name: 'da-2', files: [], cwd: '/' };
    const first = tearDown(project, { exec, reporter, ...noWait });
    const second = tearDown(project, { exec, reporter, ...noWait });
    await expect(first).rejects.toThrow('Cannot connect to the Docker daemon');
    await expect(second).resolves.toBeUndefined();
    daemonUp = true;
    await tearDown(project, { exec, reporter, ...noWait });
    expect(engine.containers).toEqual([]);
    expect(reporter.lines).toContain('da-2: no container, network or volume left');
  });
});
