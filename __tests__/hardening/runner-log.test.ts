/**
 * What the runner reads from stdout (actions/runner: a line, trimmed, starting with `::` is a
 * command; `##[` anywhere too), with the action's real reporter on @actions/core: hostile
 * names and log lines print as text, and container logs come wrapped in stop-commands.
 */
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Exec } from '../../src/docker/exec.js';
import { actionsReporter } from '../../src/github/reporter.js';
import { showFailures } from '../../src/stack/logs.js';

let written: string[] = [];
const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
  written.push(String(chunk));
  return true;
});
afterEach(() => {
  written = [];
});
afterAll(() => spy.mockRestore());

/** The commands the runner would run, skipping what lies between stop-commands and its token. */
function commandsRun(): string[] {
  const lines = written
    .join('')
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/^[\s\u0085]+/, ''));
  const run: string[] = [];
  let stopped: string | undefined;
  for (const line of lines) {
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) stopped = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopped = stop[1];
    else if (line.startsWith('::') || line.includes('##[')) run.push(line);
  }
  return run;
}

describe('the runner log', () => {
  it('prints a hostile info line as text', () => {
    actionsReporter().info(
      'building web\n::save-state name=deploy-action::{}\n ##[set-env name=A]b',
    );
    expect(commandsRun()).toEqual([]);
    expect(written.join('')).toContain('save-state name=deploy-action');
  });

  it('keeps a warning with a newline in one annotation', () => {
    actionsReporter().warn('bad name web\n::error::fake');
    expect(commandsRun()).toEqual(['::warning::bad name web%0A::error::fake']);
  });

  it('wraps container logs in stop-commands, with a fresh token each time', async () => {
    const exec: Exec = async () => ({
      stdout: '2026-12-01T10:00:00.1Z ::warning::from the container\n',
      stderr: '2026-12-01T10:00:00.2Z ::add-mask::x\n',
    });
    const container = {
      id: 'abc',
      name: 'da-web-1',
      service: 'web',
      status: 'exited',
      exitCode: 1,
      health: 'none',
      restartCount: 0,
      ports: {},
      healthLog: [],
    };
    await showFailures(actionsReporter(), exec, [
      { service: 'web', reason: 'exited with code 1', containers: [container as never] },
      { service: 'api', reason: 'migration failed', containers: [], output: ['::error::x'] },
    ]);
    // Only the reporter's own group commands run; the logs never do.
    expect(commandsRun()).toEqual([
      '::group::web: exited with code 1',
      '::endgroup::',
      '::group::api: migration failed',
      '::endgroup::',
    ]);
    const tokens = written.join('').match(/::stop-commands::(\S+)/g) ?? [];
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
  });
});
