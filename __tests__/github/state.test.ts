/**
 * The state main hands to post, through @actions/core's real file commands and environment
 * (GITHUB_STATE, STATE_<name>), with a missing file and tampered values.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../../src/errors.js';
import { loadState, saveState } from '../../src/github/state.js';
import { run } from '../../src/main.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  process.exitCode = undefined;
});

function failureOf(work: () => unknown): UserError {
  try {
    work();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('the state file', () => {
  it('saves through GITHUB_STATE', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'da-state-')), 'state');
    writeFileSync(file, '');
    process.env.GITHUB_STATE = file;
    saveState({ command: 'build' });
    expect(readFileSync(file, 'utf8')).toContain('{"command":"build"}');
  });

  it('says in one sentence that GITHUB_STATE names a missing file', () => {
    process.env.GITHUB_STATE = '/nonexistent/deploy-action/state';
    const error = failureOf(() => saveState({ command: 'build' }));
    expect(error.message).toMatch(/^Could not save the step's state .*GITHUB_STATE/);
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(500);
  });

  it('fails the main phase with that sentence, not a stack', async () => {
    process.env.GITHUB_STATE = '/nonexistent/deploy-action/state';
    process.env['INPUT_COMMAND'] = 'build';
    const lines: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);
    try {
      await run();
    } finally {
      write.mockRestore();
    }
    expect(process.exitCode).toBe(1);
    const text = lines.join('');
    expect(text).toMatch(/^::error::Could not save the step's state/m);
    expect(text).not.toMatch(/\n\s+at /);
  });
});

describe('the state the post phase reads', () => {
  it.each([
    ['absent', undefined, undefined],
    ['a build', '{"command":"build"}', { command: 'build' }],
  ])('reads %s', (_, raw, expected) => {
    if (raw !== undefined) process.env['STATE_deploy-action'] = raw;
    expect(loadState()).toEqual(expected);
  });

  it.each([
    ['not JSON', '{"command":', /is not JSON/],
    ['a minified line', 'x'.repeat(260_000), /is not JSON \(260000 characters\)/],
    ['no command', '{"railway":{}}', /names no command/],
    ['an unknown command', '{"command":"destroy"}', /names no command/],
    ['null', 'null', /names no command/],
  ])('refuses %s in one sentence', (_, raw, message) => {
    process.env['STATE_deploy-action'] = raw;
    const error = failureOf(() => loadState());
    expect(error.message).toMatch(message);
    expect(error.message.length).toBeLessThan(300);
  });
});
