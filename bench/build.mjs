// bench/build: the action's build (the CLI, as users run it) against fair baselines run
// alternating in one process, so machine noise hits both:
// - cold, no cache, BuildKit: the action vs `docker buildx bake` of the same compose file alone
//   (target <= 1.05x), on the example and on a generated 12-service stack; and vs sequential
//   `docker build` (classic, what `docker build` is on this engine) of the 12 (target <= 0.5x);
// - warm cache, one service changed: the action vs its own cold time (target <= 0.3x);
// - warm, nothing changed: the action's time minus the baseline's, BuildKit (vs bake alone)
//   and classic (vs sequential docker build) (target <= 300 ms);
// - the classic pool: the 12 classic builds 1, 2, 4 and 6 at a time (what CLASSIC_POOL is from).
// Needs docker buildx (scripts/setup-docker.sh). DEPLOY_ACTION_CLI: a CLI bundle other than dist's.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, record } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(ROOT, 'examples/sigmasight/docker-compose.yml');
const CLI = process.env.DEPLOY_ACTION_CLI || path.join(ROOT, 'bin/deploy-action.js');
const PAIRS = Number(process.env.BENCH_PAIRS || 3);
const COUNT = 12;
// A real commit, as in CI: the created label is then the commit's time, the same every run.
const SHA = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();

function timed(command, args, { cwd = ROOT, env = {} } = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return ms;
}

/** A stack of `COUNT` services like small apps: some files, a CPU step, a wait (a download). */
function generatedStack() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-build-'));
  const services = Array.from({ length: COUNT }, (_, i) => `svc${i + 1}`);
  const lines = ['services:'];
  for (const name of services) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'app.txt'), `${name}\n`);
    writeFileSync(
      path.join(dir, name, 'Dockerfile'),
      'FROM debian:bookworm-slim\nCOPY app.txt /app/\n' +
        `RUN head -c 15000000 /dev/urandom | gzip -1 > /app/data.gz && sleep 1 && echo ${name}\n` +
        'RUN cat /app/app.txt\n',
    );
    lines.push(`  ${name}:`, `    build: ./${name}`);
  }
  writeFileSync(path.join(dir, 'docker-compose.yml'), `${lines.join('\n')}\n`);
  return { dir, file: path.join(dir, 'docker-compose.yml'), services };
}

const action = (file, { noCache = false, classic = false } = {}) =>
  timed(process.execPath, [
    CLI,
    'build',
    '-f',
    file,
    '--image-prefix',
    'bench-action',
    '--sha',
    SHA,
    ...(noCache ? ['--no-cache'] : []),
    ...(classic ? ['--builder', 'classic'] : []),
  ]);

// bake alone; the docker driver loads its untagged images into the engine, removed at the end.
const baked = new Set();
function bakeAlone(file, noCache = false, target) {
  const metadata = path.join(mkdtempSync(path.join(tmpdir(), 'bench-meta-')), 'm.json');
  const args = ['buildx', 'bake', '--progress', 'plain', '--metadata-file', metadata, '-f', file];
  const ms = timed(
    'docker',
    [...args, ...(noCache ? ['--no-cache'] : []), ...(target ? [target] : [])],
    {
      cwd: path.dirname(file),
    },
  );
  for (const entry of Object.values(JSON.parse(readFileSync(metadata, 'utf8')))) {
    baked.add(entry['containerimage.digest']);
  }
  return ms;
}

function classicBuild(dir, service, noCache) {
  return [
    'build',
    '-q',
    ...(noCache ? ['--no-cache'] : []),
    '-t',
    `bench-plain/${service}:bench`,
    path.join(dir, service),
  ];
}

function sequential(dir, services, noCache = false) {
  let total = 0;
  for (const s of services)
    total += timed('docker', classicBuild(dir, s, noCache), { env: { DOCKER_BUILDKIT: '0' } });
  return total;
}

/** The classic builds `limit` at a time (no action involved): what sizes the pool. */
async function pooled(dir, services, limit) {
  const started = Date.now();
  let next = 0;
  const one = () =>
    new Promise((resolve, reject) => {
      const child = spawn('docker', classicBuild(dir, services[next++], true), {
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
        stdio: 'ignore',
      });
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error('docker build failed')),
      );
    });
  const worker = async () => {
    while (next < services.length) await one();
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return Date.now() - started;
}

function coldPairs(label, file) {
  // One untimed cold bake first: the first build of a fresh folder reads it from disk and sets
  // up BuildKit's view of it (a second or more here), a cost only whoever went first would pay.
  bakeAlone(file, true);
  const pairs = [];
  for (let i = 0; i < PAIRS; i++) {
    // Alternate who goes first, so a warming disk or mirror favours neither.
    const [a, b] =
      i % 2 === 0
        ? [action(file, { noCache: true }), bakeAlone(file, true)]
        : [undefined, bakeAlone(file, true)];
    const act = a ?? action(file, { noCache: true });
    pairs.push({ action: act, bake: b });
    console.log(
      `${label} cold ${i + 1}: action ${(act / 1000).toFixed(1)} s, bake ${(b / 1000).toFixed(1)} s`,
    );
  }
  return pairs;
}

async function run() {
  const stack = generatedStack();
  const example = coldPairs('example', EXAMPLE);
  const twelve = coldPairs('12 services', stack.file);
  const seq = [
    sequential(stack.dir, stack.services, true),
    sequential(stack.dir, stack.services, true),
  ];
  console.log(
    `12 services, sequential docker build: ${seq.map((s) => (s / 1000).toFixed(1)).join(', ')} s`,
  );

  // Warm, one service changed: a new app.txt in svc1 (its COPY and later steps rebuild).
  action(stack.file);
  // bake alone of the same change, alternating: what BuildKit itself takes for one changed
  // service among 12 cached ones (the action cannot beat the build it runs).
  const changed = [];
  const changedBake = [];
  for (let i = 0; i < PAIRS; i++) {
    writeFileSync(path.join(stack.dir, 'svc1', 'app.txt'), `svc1 change ${Date.now()} ${i}\n`);
    changed.push(action(stack.file));
    writeFileSync(path.join(stack.dir, 'svc1', 'app.txt'), `svc1 bake ${Date.now()} ${i}\n`);
    changedBake.push(bakeAlone(stack.file));
  }
  // Warm, nothing changed: both builders against their baselines, alternating.
  bakeAlone(stack.file);
  action(stack.file, { classic: true });
  sequential(stack.dir, stack.services);
  const warmBake = [];
  const warmClassic = [];
  for (let i = 0; i < 5; i++) {
    warmBake.push(action(stack.file) - bakeAlone(stack.file));
    warmClassic.push(action(stack.file, { classic: true }) - sequential(stack.dir, stack.services));
  }
  // The floor of a one-service change: that service alone, cold (no build can beat it).
  const alone = median([1, 2, 3].map(() => bakeAlone(stack.file, true, 'svc1')));
  const pools = {};
  for (const limit of [1, 2, 4, 6]) pools[limit] = await pooled(stack.dir, stack.services, limit);

  const ratio = (pairs) => median(pairs.map((p) => p.action / p.bake));
  const coldAction12 = median(twelve.map((p) => p.action));
  const rows = [
    [
      'cold, example: action / bake alone',
      ratio(example).toFixed(2),
      '<= 1.05',
      ratio(example) <= 1.05,
    ],
    [
      'cold, 12 services: action / bake alone',
      ratio(twelve).toFixed(2),
      '<= 1.05',
      ratio(twelve) <= 1.05,
    ],
    [
      'cold, 12 services: action / sequential docker build',
      (coldAction12 / median(seq)).toFixed(2),
      '<= 0.50',
      coldAction12 / median(seq) <= 0.5,
    ],
    [
      'warm, one service changed / cold (12 services)',
      (median(changed) / coldAction12).toFixed(2),
      '<= 0.30',
      median(changed) / coldAction12 <= 0.3,
    ],
    [
      'warm overhead, BuildKit (action - bake), ms',
      median(warmBake).toFixed(0),
      '<= 300',
      median(warmBake) <= 300,
    ],
    [
      'warm overhead, classic (action - sequential docker build), ms',
      median(warmClassic).toFixed(0),
      '<= 300',
      median(warmClassic) <= 300,
    ],
  ];
  const s = (ms) => (ms / 1000).toFixed(1);
  record('build', rows, [
    `cold example pairs, action/bake (s): ${example.map((p) => `${s(p.action)}/${s(p.bake)}`).join(', ')}`,
    `cold 12-service pairs, action/bake (s): ${twelve.map((p) => `${s(p.action)}/${s(p.bake)}`).join(', ')}; sequential docker build: ${seq.map(s).join(', ')}`,
    `warm, svc1 changed (s): action ${changed.map(s).join(', ')}; bake alone of the same change ${changedBake.map(s).join(', ')} (${(median(changedBake) / coldAction12).toFixed(2)} of the action's cold time); svc1 alone, cold, bake: ${s(alone)} s (${(alone / coldAction12).toFixed(2)})`,
    `warm overheads (ms), BuildKit: ${warmBake.map((w) => w.toFixed(0)).join(', ')}; classic: ${warmClassic.map((w) => w.toFixed(0)).join(', ')}`,
    `classic pool, 12 cold builds (s): ${Object.entries(pools)
      .map(([n, ms]) => `${n} at a time ${s(ms)}`)
      .join(', ')}`,
    'BuildKit here: buildx 0.13.1 (trixie) on the docker driver of docker.io 20.10 (BuildKit 0.8); each 12-service image: 15 MB of urandom gzipped, 1 s of waiting',
  ]);
  spawnSync(
    'docker',
    [
      'rmi',
      ...stack.services.flatMap((n) => [`bench-action/${n}:${SHA}`, `bench-plain/${n}:bench`]),
      `bench-action/backend:${SHA}`,
      `bench-action/frontend:${SHA}`,
    ],
    { stdio: 'ignore' },
  );
  spawnSync('docker', ['rmi', ...baked], { stdio: 'ignore' });
}

await run();
