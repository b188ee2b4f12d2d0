/**
 * github/runner.ts speaks the workflow commands without @actions/core: each function here is
 * run beside core's own and must write the very same bytes (stdout and the GITHUB_STATE file).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as runner from '../../src/github/runner.js';
import { parseCommandFile } from '../e2e/helpers.js';

const TRICKY = 'line 1\nline 2\r\n100% done: a, b';

function stdoutOf(work: () => void): string {
  const written: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    work();
  } finally {
    process.stdout.write = original;
  }
  return written.join('');
}

const saved = { state: process.env.GITHUB_STATE, exitCode: process.exitCode };
afterEach(() => {
  if (saved.state === undefined) delete process.env.GITHUB_STATE;
  else process.env.GITHUB_STATE = saved.state;
  process.exitCode = saved.exitCode;
});

describe('the workflow commands, as @actions/core writes them', () => {
  it.each([
    ['setFailed', (m: string) => runner.setFailed(m), (m: string) => core.setFailed(m)],
    ['setSecret', (m: string) => runner.setSecret(m), (m: string) => core.setSecret(m)],
    ['debug', (m: string) => runner.debug(m), (m: string) => core.debug(m)],
    ['info', (m: string) => runner.info(m), (m: string) => core.info(m)],
  ])('%s', (_name, ours, theirs) => {
    const mine = stdoutOf(() => ours(TRICKY));
    expect(mine).toBe(stdoutOf(() => theirs(TRICKY)));
    expect(mine.length).toBeGreaterThan(TRICKY.length); // escaped, not dropped
  });

  it('setFailed fails the process', () => {
    process.exitCode = 0;
    stdoutOf(() => runner.setFailed('no'));
    expect(process.exitCode).toBe(1);
  });

  it('saveState without a state file is the save-state command', () => {
    delete process.env.GITHUB_STATE;
    const mine = stdoutOf(() => runner.saveState('k', TRICKY));
    expect(mine).toBe(stdoutOf(() => core.saveState('k', TRICKY)));
  });

  it('saveState appends to the state file in the format the runner reads back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-runner-test-'));
    const [ours, theirs] = [path.join(dir, 'ours'), path.join(dir, 'theirs')];
    writeFileSync(ours, '');
    writeFileSync(theirs, '');
    for (const [file, save] of [
      [ours, runner.saveState],
      [theirs, core.saveState],
    ] as const) {
      process.env.GITHUB_STATE = file;
      save('phase', 'main-started');
      save('deploy-action', TRICKY);
    }
    const read = (file: string) => parseCommandFile(readFileSync(file, 'utf8'));
    expect(read(ours)).toEqual({ phase: 'main-started', 'deploy-action': TRICKY });
    expect(read(ours)).toEqual(read(theirs));
    // Same shape, only the random delimiters differ.
    const shape = (file: string) =>
      readFileSync(file, 'utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIMITER');
    expect(shape(ours)).toBe(shape(theirs));
  });

  it('reads inputs and state as core does', () => {
    const env = { 'INPUT_RAILWAY-TOKEN': '  t  ', INPUT_A_B: 'x', STATE_phase: 'main-started' };
    process.env['INPUT_RAILWAY-TOKEN'] = env['INPUT_RAILWAY-TOKEN'];
    try {
      expect(runner.getInput('railway-token', env)).toBe(core.getInput('railway-token'));
      expect(runner.getInput('railway-token', env)).toBe('t');
      expect(runner.getInput('a b', env)).toBe('x');
      expect(runner.getState('phase', env)).toBe('main-started');
      expect(runner.getInput('missing', env)).toBe('');
    } finally {
      delete process.env['INPUT_RAILWAY-TOKEN'];
    }
  });
});
