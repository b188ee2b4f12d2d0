import { describe, expect, it } from '@jest/globals';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tearDownAfterTest } from '../../src/commands/test.js';
import type { Exec } from '../../src/docker/exec.js';
import { teardown } from '../../src/stack/teardown.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';

/**
 * A Docker engine reduced to what teardown touches: resources of one project, `compose down`
 * removing them, `rm`/`network rm`/`volume rm` removing by id. `lateContainers` appear after the
 * first listing, like those of a killed main phase's `compose up` still running.
 */
function fakeEngine(lateContainers: string[] = []) {
  const engine = {
    containers: ['c1', 'c2'],
    networks: ['n1'],
    volumes: ['v1'],
    composeCalls: [] as string[][],
  };
  let listings = 0;
  const exec: Exec = async (command, args) => {
    if (command === 'docker-compose' || args[0] === 'compose') {
      engine.composeCalls.push([command, ...args]);
      Object.assign(engine, { containers: [], networks: [], volumes: [] });
      return { stdout: '', stderr: '' };
    }
    const [what, verb, ...rest] = args;
    const ids = (list: string[]) => ({ stdout: list.map((id) => `${id}\n`).join(''), stderr: '' });
    if (what === 'ps' && listings++ === 0) engine.containers.push(...lateContainers);
    if (what === 'ps') return ids(engine.containers);
    if (verb === 'ls') return ids(what === 'network' ? engine.networks : engine.volumes);
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
    const { engine, exec } = fakeEngine(['late']);
    const project = { flavour: 'v1' as const, name: 'da-1', files: [composeFile()], cwd: '/' };
    expect(await teardown(exec, project, noWait)).toEqual({
      containers: [],
      networks: [],
      volumes: [],
    });
    expect(engine.containers).toEqual([]);
  });
});

describe('the post phase after command: test', () => {
  it('tears down the saved stack', async () => {
    const { engine, exec } = fakeEngine();
    const reporter = recordingReporter();
    const state = {
      command: 'test',
      name: 'da-1',
      flavour: 'v1',
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
    await tearDownAfterTest({ command: 'test', name: 'da-1', keepStack: true }, { exec, reporter });
    expect(engine.containers).toEqual(['c1', 'c2']);
    expect(reporter.lines).toEqual(['keep-stack: leaving compose project da-1 running']);
  });

  it('does nothing when the main phase stopped before naming a stack', async () => {
    const { engine, exec } = fakeEngine();
    await tearDownAfterTest({ command: 'test' }, { exec, reporter: recordingReporter() });
    expect(engine.containers).toEqual(['c1', 'c2']);
  });
});
