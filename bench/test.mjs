// bench/test: `deploy-action test` on the example stack, whole process, against a plain bash
// script doing the same work (bench/test-plain.sh: up, wait for postgres healthy, the
// migration, up, poll the URLs, down -v) on the same images, in alternating pairs (the order
// flipping each pair), on compose v1 and, when `docker compose version` works, v2. Target: the
// median ratio <= 1.15 on each. The example runs on free 127.0.0.1 ports, so parallel runs of
// other tests cannot collide with it. BENCH_DIST: a bundle folder other than dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { median, record, timedProcess } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(ROOT, 'examples/sigmasight');
const CLI = process.env.BENCH_DIST
  ? path.join(path.resolve(process.env.BENCH_DIST), 'cli/index.js')
  : path.join(ROOT, 'bin/deploy-action.js');
const PAIRS = Number(process.env.BENCH_PAIRS || 5);
const TARGET = 1.15;
const PREFIX = 'bench-test';
const SHA = `bench${process.pid}`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The example on free ports, build contexts absolute, health URLs following the ports. */
async function stackFile() {
  const [backend, frontend] = [await freePort(), await freePort()];
  const doc = parse(readFileSync(path.join(EXAMPLE, 'docker-compose.yml'), 'utf8'));
  const s = doc.services;
  s.backend.build = path.join(EXAMPLE, 'backend');
  s.frontend.build = { ...s.frontend.build, context: path.join(EXAMPLE, 'frontend') };
  s.backend.ports = [`127.0.0.1:${backend}:8000`];
  s.frontend.ports = [`127.0.0.1:${frontend}:3005`];
  s.backend['x-deploy'].health = `http://127.0.0.1:${backend}/health`;
  s.frontend['x-deploy'].health = `http://127.0.0.1:${frontend}/api/health`;
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-bench-test-'));
  const file = path.join(dir, 'docker-compose.yml');
  writeFileSync(file, stringify(doc));
  const override = path.join(dir, 'override.yml');
  const images = { backend: `${PREFIX}/backend:${SHA}`, frontend: `${PREFIX}/frontend:${SHA}` };
  const services = Object.fromEntries(Object.entries(images).map(([k, image]) => [k, { image }]));
  writeFileSync(override, stringify({ services }));
  const urls = [s.backend['x-deploy'].health, s.frontend['x-deploy'].health];
  return { file, override, urls };
}

function flavours() {
  const works = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
  return [
    works('docker-compose', ['version']) && { name: 'v1', program: 'docker-compose' },
    works('docker', ['compose', 'version']) && { name: 'v2', program: 'docker compose' },
  ].filter(Boolean);
}

function leftovers(project) {
  const filter = ['--filter', `label=com.docker.compose.project=${project}`];
  return ['ps -aq', 'network ls -q', 'volume ls -q'].flatMap((what) =>
    execFileSync('docker', [...what.split(' '), ...filter], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean),
  );
}

async function action(stack, flavour) {
  const args = [CLI, 'test', '--compose-file', stack.file, '--image-prefix', PREFIX, '--sha', SHA];
  // --compose only when both are here: on a machine with one, `auto` finds it, as for a user.
  const pick = found.length > 1 ? ['--compose', flavour.name] : [];
  const run = await timedProcess(process.execPath, [...args, ...pick]);
  if (run.code !== 0) throw new Error(`deploy-action test failed:\n${run.stdout}\n${run.stderr}`);
  const project = /compose project (\S+)/.exec(run.stdout)?.[1];
  if (!project || leftovers(project).length > 0) throw new Error(`${project} left something`);
  return run.ms;
}

let plainRuns = 0;
async function plain(stack, flavour) {
  const project = `benchplain${process.pid}x${plainRuns++}`;
  const script = path.join(ROOT, 'bench/test-plain.sh');
  const args = [script, flavour.program, project, stack.file, stack.override, ...stack.urls];
  const run = await timedProcess('bash', args);
  if (run.code !== 0) throw new Error(`the plain script failed:\n${run.stdout}\n${run.stderr}`);
  if (leftovers(project).length > 0) throw new Error(`${project} left something`);
  return run.ms;
}

const stack = await stackFile();
const build = spawnSync(
  process.execPath,
  [CLI, 'build', '--compose-file', stack.file, '--image-prefix', PREFIX, '--sha', SHA],
  { encoding: 'utf8' },
);
if (build.status !== 0) throw new Error(`building the example failed:\n${build.stderr}`);

const rows = [];
const notes = [];
const found = flavours();
if (!found.some((f) => f.name === 'v2')) notes.push('compose v2 not installed here: v2 skipped');
try {
  for (const flavour of found) {
    await plain(stack, flavour); // warm: the first run of a flavour pays for its caches
    const pairs = [];
    for (let i = 0; i < PAIRS; i++) {
      const first = i % 2 === 0 ? 'action' : 'plain';
      const t = {};
      t[first] = await (first === 'action' ? action : plain)(stack, flavour);
      const second = first === 'action' ? 'plain' : 'action';
      t[second] = await (second === 'action' ? action : plain)(stack, flavour);
      pairs.push(t);
      console.log(
        `${flavour.name} pair ${i + 1}: action ${(t.action / 1000).toFixed(2)} s, plain ${(t.plain / 1000).toFixed(2)} s`,
      );
    }
    const ratio = median(pairs.map((p) => p.action / p.plain));
    const label = `compose ${flavour.name} (${flavour.program})`;
    rows.push([
      `${label}: deploy-action test, median of ${PAIRS}, s`,
      (median(pairs.map((p) => p.action)) / 1000).toFixed(2),
      '',
      true,
    ]);
    rows.push([
      `${label}: plain script, median of ${PAIRS}, s`,
      (median(pairs.map((p) => p.plain)) / 1000).toFixed(2),
      '',
      true,
    ]);
    rows.push([
      `${label}: ratio action / plain script (median of pairs)`,
      `${ratio.toFixed(2)}x`,
      `<= ${TARGET}x`,
      ratio <= TARGET,
    ]);
    notes.push(
      `${flavour.name} pairs (action/plain, s): ${pairs.map((p) => `${(p.action / 1000).toFixed(1)}/${(p.plain / 1000).toFixed(1)}`).join(', ')}`,
    );
  }
} finally {
  spawnSync('docker', ['rmi', `${PREFIX}/backend:${SHA}`, `${PREFIX}/frontend:${SHA}`], {
    stdio: 'ignore',
  });
}
notes.push(
  'whole processes: `deploy-action test` (the bundled CLI: engine check, images, migration, readiness, health URLs, teardown with a check that nothing is left) against bench/test-plain.sh (the same steps, polling every 200 ms, no checks of its own)',
  "readiness wakes on `docker events`, looks every 250 ms, and runs each container's own healthcheck (docker exec) while Docker has not yet run its first (2 s interval in the example); a service without a healthcheck is ready after stable-time (1 s) with no restart; teardown does not pause when nothing is left",
);
record('test', rows, notes);
