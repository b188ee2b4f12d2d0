// `npm run bundle [-- DIR]`: the action and the CLI bundled by ncc into DIR (default dist/).
// The action loads each command's modules when it runs (dynamic import), so ncc writes chunks
// (NNN.index.js) beside index.js: the folder is the bundle, committed whole. A stale chunk of an
// earlier bundle would linger and be committed, so DIR is emptied first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(ROOT, process.argv[2] ?? 'dist');
const ncc = path.join(ROOT, 'node_modules/.bin/ncc');
const common = ['--target', 'es2022', '--minify', '--quiet'];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const build = (entry, dir, extra = []) =>
  execFileSync(ncc, ['build', entry, '-o', dir, ...common, ...extra], {
    cwd: ROOT,
    stdio: 'inherit',
  });
build('src/index.ts', out, ['--license', 'licenses.txt']);
build('src/bin.ts', path.join(out, 'cli'));
// ncc writes ESM bundles; Node needs a package.json beside each that says so.
for (const dir of [out, path.join(out, 'cli')]) {
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
}
