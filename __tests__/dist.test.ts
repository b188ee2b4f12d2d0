import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname ?? '.', '..');

/** Every file of a folder, relative, sorted: the bundle is index.js and its chunks. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('dist/ matches a fresh bundle of src/ (else run `npm run bundle` and commit dist/)', () => {
  it('the same files, each with the same content (the action, its chunks, the CLI)', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'deploy-action-dist-')), 'dist');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), out], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    const committed = path.join(ROOT, 'dist');
    expect(files(committed)).toEqual(files(out));
    const differing = files(out).filter(
      (file) =>
        readFileSync(path.join(out, file), 'utf8') !==
        readFileSync(path.join(committed, file), 'utf8'),
    );
    expect(differing).toEqual([]);
    for (const marker of ['package.json', 'cli/package.json']) {
      expect(JSON.parse(readFileSync(path.join(out, marker), 'utf8'))).toEqual({ type: 'module' });
    }
  }, 180_000);
});
