import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname ?? '.', '..');

describe('dist/ matches a fresh bundle of src/ (else run `npm run bundle` and commit dist/)', () => {
  it.each([
    ['the action', 'src/index.ts', 'dist'],
    ['the CLI', 'src/bin.ts', 'dist/cli'],
  ])(
    '%s',
    (_name, entry, committedDir) => {
      const out = mkdtempSync(path.join(tmpdir(), 'deploy-action-dist-'));
      const ncc = path.join(ROOT, 'node_modules/.bin/ncc');
      const args = ['build', entry, '-o', out, '--target', 'es2022', '--minify', '--quiet'];
      execFileSync(ncc, args, { cwd: ROOT, stdio: 'pipe' });
      const fresh = readFileSync(path.join(out, 'index.js'), 'utf8');
      const committed = readFileSync(path.join(ROOT, committedDir, 'index.js'), 'utf8');
      expect(committed === fresh).toBe(true);
      const marker = readFileSync(path.join(ROOT, committedDir, 'package.json'), 'utf8');
      expect(JSON.parse(marker)).toEqual({ type: 'module' });
    },
    120_000,
  );
});
