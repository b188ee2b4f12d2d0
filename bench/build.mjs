// bench/build: the example stack built by the action (parallel) against a plain sequential
// `docker build` of the same Dockerfiles, alternating in one process so machine noise hits
// both. Cold: --no-cache, median ratio of >= 3 pairs (target <= 0.6). Warm: nothing changed,
// the action's time minus docker's own time (target <= 300 ms).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, record } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(ROOT, 'examples/sigmasight');
const CLI = path.join(ROOT, 'bin/deploy-action.js');
const SERVICES = ['backend', 'frontend'];
const PAIRS = Number(process.env.BENCH_PAIRS || 3);

function timed(command, args, env = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return ms;
}

function action(noCache) {
  const args = [
    CLI,
    'build',
    '--compose-file',
    path.join(EXAMPLE, 'docker-compose.yml'),
    '--image-prefix',
    'bench-action',
    '--sha',
    'bench',
  ];
  return timed(process.execPath, noCache ? [...args, '--no-cache'] : args);
}

function plainDocker(noCache) {
  let total = 0;
  for (const service of SERVICES) {
    const args = ['build', '-q', '-t', `bench-plain/${service}:bench`, path.join(EXAMPLE, service)];
    total += timed('docker', noCache ? ['build', '--no-cache', ...args.slice(1)] : args, {
      DOCKER_BUILDKIT: '0',
    });
  }
  return total;
}

function run() {
  const cold = [];
  for (let i = 0; i < PAIRS; i++) {
    const first = i % 2 === 0;
    const a = first ? action(true) : undefined;
    const d = plainDocker(true);
    const b = first ? a : action(true);
    cold.push({ action: b, docker: d, ratio: b / d });
    console.log(
      `cold pair ${i + 1}: action ${(b / 1000).toFixed(1)} s, sequential docker ${(d / 1000).toFixed(1)} s`,
    );
  }
  // The best any parallel build can do here: the slowest image alone over the sum of all.
  const alone = SERVICES.map((service) =>
    timed(
      'docker',
      [
        'build',
        '-q',
        '--no-cache',
        '-t',
        `bench-plain/${service}:bench`,
        path.join(EXAMPLE, service),
      ],
      { DOCKER_BUILDKIT: '0' },
    ),
  );
  const bound = Math.max(...alone) / alone.reduce((a, b) => a + b, 0);
  action(false); // warm the cache for both
  plainDocker(false);
  const warm = [];
  for (let i = 0; i < 5; i++) {
    const a = action(false);
    const d = plainDocker(false);
    warm.push(a - d);
  }
  const coldRatio = median(cold.map((c) => c.ratio));
  const warmOverhead = median(warm);
  const rows = [
    [
      'build cold (action / sequential docker build)',
      coldRatio.toFixed(2),
      '<= 0.60',
      coldRatio <= 0.6,
    ],
    [
      'build warm overhead (action - docker), ms',
      warmOverhead.toFixed(0),
      '<= 300',
      warmOverhead <= 300,
    ],
    ['bound for any parallel build: slowest image alone / sum', bound.toFixed(2), '', true],
  ];
  record('build', rows, [
    `cold pairs (s): ${cold.map((c) => `${(c.action / 1000).toFixed(1)}/${(c.docker / 1000).toFixed(1)}`).join(', ')}`,
    `warm overheads (ms): ${warm.map((w) => w.toFixed(0)).join(', ')}`,
    `cold, each image alone (s): ${SERVICES.map((s, i) => `${s} ${(alone[i] / 1000).toFixed(1)}`).join(', ')}`,
    'two images on two cores: the cold ratio cannot go below the bound, and apt downloads from one mirror and dpkg unpacking compete when both build at once',
  ]);
  spawnSync('docker', [
    'rmi',
    ...SERVICES.flatMap((s) => [`bench-action/${s}:bench`, `bench-plain/${s}:bench`]),
  ]);
}

run();
