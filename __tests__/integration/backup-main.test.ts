/**
 * `command: backup` through the action's own main and post phases (src/main.ts), in process:
 * INPUT_* variables, GITHUB_OUTPUT and GITHUB_STATE files, the state handed back as STATE_*,
 * stdout captured as the runner reads it (`::add-mask::`, `::error::`).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync, rmSync } from 'node:fs';
import { containersOf } from '../../src/backup/containers.js';
import { createExec } from '../../src/docker/exec.js';
import { post, run } from '../../src/main.js';
import { PASSWORD, startDatabase, type TestDatabase } from '../../__fixtures__/backup/database.js';
import { requireEngine } from '../../__fixtures__/engine.js';
import { parseCommandFile, runnerFiles } from '../e2e/helpers.js';

let db: TestDatabase;
const saved = { ...process.env };

beforeAll(async () => {
  requireEngine();
  db = await startDatabase();
}, 120_000);
const dirs: string[] = [];
afterAll(() => {
  db?.remove();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  process.exitCode = undefined;
  jest.restoreAllMocks();
});

/** Runs one phase with the runner's files; returns what it printed. */
async function phase(which: 'main' | 'post', env: Record<string, string>) {
  Object.assign(process.env, env);
  let stdout = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  await (which === 'main' ? run() : post());
  jest.restoreAllMocks();
  return stdout;
}

function step(files: ReturnType<typeof runnerFiles>, inputs: Record<string, string>) {
  return {
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_SHA: 'e2e0000000000000000000000000000000000000',
    RUNNER_TEMP: files.dir,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
}

describe('command: backup in the main and post phases', () => {
  it('masks the URL first, writes the outputs, keeps no secret in the state', async () => {
    const files = runnerFiles();
    dirs.push(files.dir);
    const inputs = { command: 'backup', 'database-url': db.url(), 'verify-restore': 'true' };
    const stdout = await phase('main', step(files, inputs));
    expect(process.exitCode).toBeUndefined();
    // The runner's command encoding: % is written %25 (and the runner decodes it).
    const masks = stdout
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.replace(/%25/g, '%'));
    expect(masks).toEqual(
      expect.arrayContaining([`::add-mask::${db.url()}`, `::add-mask::${PASSWORD}`]),
    );
    // The first mask comes before any other line the runner could show.
    expect(stdout.indexOf('::add-mask::')).toBe(0);
    const outputs = parseCommandFile(readFileSync(files.output, 'utf8'));
    expect(outputs['restore-verified']).toBe('true');
    expect(readFileSync(outputs['backup-file']!).subarray(0, 5).toString()).toBe('PGDMP');
    expect(readFileSync(files.summary, 'utf8')).toContain('restored and verified: 4 tables');
    const state = parseCommandFile(readFileSync(files.state, 'utf8'));
    const runId = (JSON.parse(state['deploy-action']!) as { backup: { runId: string } }).backup
      .runId;
    expect(readFileSync(files.state, 'utf8')).not.toContain(PASSWORD);

    const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
    await phase('post', { ...step(files, inputs), ...stateEnv });
    expect(process.exitCode).toBeUndefined();
    expect(await containersOf(createExec(), runId)).toEqual([]);
  }, 180_000);

  it('fails the step with the one sentence of a wrong password, and nothing else', async () => {
    const files = runnerFiles();
    dirs.push(files.dir);
    const url = db.url('wrong-one');
    const stdout = await phase('main', step(files, { command: 'backup', 'database-url': url }));
    expect(process.exitCode).toBe(1);
    const errors = stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toEqual([
      `::error::The database at 127.0.0.1:${db.port} refused the password of user "sigmasight" ` +
        '(Input "database-url"): check the password in that URL.',
    ]);
    expect(stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('wrong-one');
  }, 60_000);
});
