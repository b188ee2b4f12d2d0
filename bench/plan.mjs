// bench/plan: `deploy-action plan` of a 5 MB compose file (23,000 services: images and builds,
// depends_on, budgets, healthchecks, merge keys), the whole process timed, median of 5, next to
// a fair baseline run alternating with it: `node` reading and parsing the same file with the
// same yaml package (parseDocument, its duplicate-key check off: the floor any plan has; its
// own toJS of this file takes over 20 s). Wall time and the CPU time of the process (user +
// system, which a busy shared machine does not inflate) are both shown. Target: plan under 5 s.
// The CLI is dist/cli/index.js, or the file given as the first argument (a tsc build of src).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, record } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist/cli/index.js'));
const SERVICES = 23_000;
const RUNS = 5;

function composeText() {
  const lines = [
    'x-common: &common',
    '  restart: unless-stopped',
    '  labels: { team: platform }',
    'x-deploy:',
    '  budget: 800MB',
    'services:',
  ];
  for (let i = 0; i < SERVICES; i++) {
    const name = `svc-${String(i).padStart(5, '0')}`;
    lines.push(`  ${name}:`, '    <<: *common');
    if (i % 3 === 0) lines.push(`    build: { context: ./app, args: { N: "${i}" } }`);
    else lines.push(`    image: "registry.example/team/${name}:\${TAG:-1.0}"`);
    if (i > 0) lines.push(`    depends_on: [svc-${String(i - 1).padStart(5, '0')}]`);
    lines.push(
      '    healthcheck: { test: ["CMD", "true"] }',
      `    x-deploy: { budget: ${100 + (i % 400)}MB, railway: { service: ${name} } }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// Preloaded into each timed process: its own CPU time, printed on stderr as it exits.
const CPU_PRELOAD =
  "process.on('exit', () => { const u = process.cpuUsage();" +
  " require('fs').writeSync(2, `\\nbench-cpu-ms ${(u.user + u.system) / 1000}\\n`); });";

function timed(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', preload, ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1e9,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(
      `${args.slice(0, 2).join(' ')} failed (${result.status}): ${result.stderr.slice(0, 500)}`,
    );
  }
  const cpu = Number(/bench-cpu-ms ([\d.]+)/.exec(result.stderr)?.[1]);
  if (!Number.isFinite(cpu)) throw new Error('the process did not report its CPU time');
  return { ms, cpu, stdout: result.stdout };
}

const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-bench-plan-'));
const preload = path.join(dir, 'cpu.cjs');
try {
  writeFileSync(preload, CPU_PRELOAD);
  const file = path.join(dir, 'docker-compose.yml');
  writeFileSync(file, composeText());
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app/Dockerfile'), 'FROM debian:bookworm-slim\n');
  const bytes = statSync(file).size;
  const yaml = path.join(ROOT, 'node_modules/yaml/dist/index.js');
  const baseline = [
    '--input-type=module',
    '-e',
    `import { readFileSync } from 'node:fs'; import { parseDocument } from ${JSON.stringify(yaml)};` +
      ` const text = readFileSync('docker-compose.yml', 'utf8');` +
      ` const d = parseDocument(text, { merge: true, uniqueKeys: false });` +
      ` console.log(d.get('services').items.length);`,
  ];
  const plan = [CLI, 'plan', '--compose-file', 'docker-compose.yml', '--json'];
  const planMs = [];
  const baseMs = [];
  const planCpu = [];
  const baseCpu = [];
  for (let i = 0; i < RUNS; i++) {
    const run = timed(plan);
    // A plan that lists fewer services (or none) is a failure, not a fast run.
    const listed = JSON.parse(run.stdout).plan.services.length;
    if (listed !== SERVICES) throw new Error(`plan listed ${listed} services, not ${SERVICES}`);
    planMs.push(run.ms);
    planCpu.push(run.cpu);
    const base = timed(baseline);
    if (Number(base.stdout) !== SERVICES) throw new Error(`the baseline read ${base.stdout}`);
    baseMs.push(base.ms);
    baseCpu.push(base.cpu);
  }
  const [p, b, pc, bc] = [planMs, baseMs, planCpu, baseCpu].map(median);
  const s = (ms) => (ms / 1000).toFixed(2);
  record(
    'plan',
    [
      [
        `plan of a ${(bytes / 1e6).toFixed(1)} MB file (${SERVICES} services), wall s`,
        s(p),
        '< 5',
        p < 5000,
      ],
      ['plan, CPU s (user + system)', s(pc), '< 5', pc < 5000],
      ['baseline: node + yaml parseDocument of the same file, wall s', s(b), '', true],
      ['baseline, CPU s', s(bc), '', true],
      ['ratio plan / baseline, wall', (p / b).toFixed(2), '', true],
      ['ratio plan / baseline, CPU', (pc / bc).toFixed(2), '', true],
    ],
    [
      `whole processes, median of ${RUNS} alternating runs; CLI ${path.relative(ROOT, CLI)}`,
      `load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')}`,
    ],
  );
} catch (error) {
  console.error(`bench/plan failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
