/**
 * The README's two commands, as written. `npm ci` is the one part not re-run here: it would
 * replace node_modules under the running tests; a fresh clone runs it (CI does, in .ci/run).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requireEngine } from '../../__fixtures__/engine.js';
import { ROOT } from './helpers.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const block = /## Try it: two commands[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!;
const commands = block
  .split('\n')
  .filter(Boolean)
  .map((line) => line.replace(/\s+#.*$/, '').trim());

beforeAll(requireEngine);

describe("the README's two commands", () => {
  it('are the example and the full test run', () => {
    expect(commands).toEqual(['npm ci && npm run example', 'npm ci && npm test']);
  });

  it('the test command is what CI runs', () => {
    const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8').split('\n');
    expect(ci.findIndex((l) => l.startsWith('npm ci'))).toBeLessThan(ci.indexOf('npm test'));
    expect(ci).toContain('npm test');
  });

  it('the example command builds, tests and plans the example stack', () => {
    const run = spawnSync('sh', ['-c', commands[0]!.replace(/^npm ci && /, '')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 600_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /\| backend \| `local\/backend:[0-9a-f]+` \| [\d.]+ MB \| 400 MB \|/,
    );
    expect(run.stdout).toMatch(/\| backend \| running \| ✅ healthy \| [\d.]+ m?s \| ✅ exit 0 \|/);
    expect(run.stdout).toContain('1. postgres | image postgres:15 | railway: sigmasight-postgres');
    expect(run.stdout).toContain('dry-run: nothing was changed.');
  }, 600_000);
});
