// bench/health: how long after a service becomes healthy does the action notice? A server on
// 127.0.0.1 answers 503 (or refuses connections) until a random moment, then 200. Each
// contender is a whole process started before that moment; its lag is from the moment to the
// process's exit, median of RUNS (target <= 250 ms). The action: a Node process running the
// action's own waitForUrl (src/stack/http.ts, compiled with tsc at bench start, nothing
// re-implemented). The baselines: the loop a user writes in a workflow step, `until curl ...;
// do sleep N; done`, with N = 1 s and N = 0.2 s (the action's own steady interval).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, record } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS || 10);
const TARGET_MS = 250;

async function compileChecker() {
  const out = mkdtempSync(path.join(tmpdir(), 'deploy-action-bench-health-'));
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [
      tsc,
      path.join(ROOT, 'src/stack/http.ts'),
      '--outDir',
      out,
      // http.ts imports ../time.js: without a rootDir tsc would pick src/ and nest the output.
      '--rootDir',
      path.join(ROOT, 'src'),
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--skipLibCheck',
      '--types',
      'node',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  return pathToFileURL(path.join(out, 'stack/http.js')).href;
}

/** A server that turns healthy at `flipAt()`; `mode` says what it does before. */
async function flippingServer(mode, delayMs) {
  let healthy = false;
  let flippedAt;
  const server = createServer((_req, res) => {
    res.writeHead(healthy ? 200 : 503);
    res.end(healthy ? 'ok' : 'starting');
  });
  const listen = (port) =>
    new Promise((r) => server.listen(port, '127.0.0.1', () => r(server.address().port)));
  // Refused: the port is known but nothing listens until the flip.
  const port = await listen(0);
  if (mode === 'refused') await new Promise((r) => server.close(r));
  setTimeout(async () => {
    if (mode === 'refused') await listen(port);
    healthy = true;
    flippedAt = performance.now();
  }, delayMs);
  return {
    url: `http://127.0.0.1:${port}/health`,
    flippedAt: () => flippedAt,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

/** Spawns a contender on the URL; resolves with performance.now() at its exit (code 0). */
function exited(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const at = performance.now();
      if (code === 0) resolve(at);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}

/** The loop a user would write in a step: curl until it passes, a fixed sleep between. */
const curlLoop = (seconds) => (url) =>
  exited('bash', [
    '-c',
    `until curl -fsS -o /dev/null --max-time 2 "$1"; do sleep ${seconds}; done`,
    'health-loop',
    url,
  ]);

async function lag(check, mode) {
  // A random moment 0.5-2.5 s after the process starts, so no loop can line up with it.
  const server = await flippingServer(mode, 500 + Math.random() * 2000);
  const noticed = await check(server.url);
  await server.close();
  return noticed - server.flippedAt();
}

const checker = await compileChecker();
const action = (url) =>
  exited(process.execPath, [
    '--input-type=module',
    '-e',
    `const { waitForUrl } = await import(${JSON.stringify(checker)});
     const result = await waitForUrl(process.argv[1], { deadline: Date.now() + 30_000 });
     process.exit(result.ok ? 0 : 1);`,
    url,
  ]);

const loops = { '1 s': curlLoop(1), '200 ms': curlLoop(0.2) };
const rows = [];
for (const mode of ['503', 'refused']) {
  const runs = { action: [], '1 s': [], '200 ms': [] };
  for (let i = 0; i < RUNS; i++) {
    // Alternating, the order rotating, so no contender always runs on a warmer machine.
    const order = ['action', '1 s', '200 ms'];
    for (let k = 0; k < order.length; k++) {
      const who = order[(i + k) % order.length];
      runs[who].push(await lag(who === 'action' ? action : loops[who], mode));
    }
  }
  const a = median(runs.action);
  const what = mode === '503' ? 'answers 503, then 200' : 'refuses, then listens and answers 200';
  rows.push([
    `lag, server ${what}: action (median of ${RUNS})`,
    `${a.toFixed(0)} ms`,
    `<= ${TARGET_MS} ms`,
    a <= TARGET_MS,
  ]);
  for (const loop of Object.keys(loops)) {
    const n = median(runs[loop]);
    rows.push([
      `lag, same: bash curl loop sleeping ${loop} (median of ${RUNS})`,
      `${n.toFixed(0)} ms`,
      '',
      true,
    ]);
    rows.push([`${loop} curl loop / action`, `${(n / a).toFixed(1)}x`, '', true]);
  }
}

record('health', rows, [
  'Lag: from the moment the test server starts answering 200 to the exit of the process that was waiting for it (each contender a whole process, started before that moment).',
  'The action backs off 50, 100, 200 ms, then polls every 200 ms (src/stack/http.ts, compiled at bench start); the baselines are `until curl -fsS URL; do sleep N; done` with N = 1 s and 0.2 s.',
  'The moment is random, 0.5 to 2.5 s after the process starts, so no loop lines up with it.',
  'A bash loop sleeping 0.2 s notices as soon or sooner (0.6x to 1.0x here): once settled both look every ~200 ms and curl exits quicker than Node. The action beats the 1 s loop a user usually writes; against a tight loop it only bounds its request rate and says why each attempt failed.',
]);
