// bench/health: how long after a service becomes healthy does the action notice? A server on
// 127.0.0.1 answers 503 (or refuses connections) until a known moment, then 200. The lag from
// that moment to the checker reporting healthy, median of 10 (target <= 250 ms), next to a fixed
// retry loop as the baseline a user would write, both at 1 s and at 200 ms (the action's own
// steady interval). The checker is the action's own src/stack/http.ts, compiled with tsc at
// bench start (nothing re-implemented here).
import { execFileSync } from 'node:child_process';
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
  return import(pathToFileURL(path.join(out, 'stack/http.js')).href);
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

/** The loop a user would write: try, sleep a fixed interval, try again. */
const fixedLoop = (intervalMs) => async (url) => {
  for (;;) {
    const ok = await fetch(url).then(
      (r) => {
        r.body?.cancel();
        return r.ok;
      },
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
};

async function lag(check, mode) {
  // A random moment 0.5-2.5 s after the check starts, so no loop can line up with it.
  const server = await flippingServer(mode, 500 + Math.random() * 2000);
  await check(server.url);
  const noticed = performance.now();
  await server.close();
  return noticed - server.flippedAt();
}

const { waitForUrl } = await compileChecker();
const action = async (url) => {
  const result = await waitForUrl(url, { deadline: Date.now() + 30_000 });
  if (!result.ok) throw new Error(`not healthy: ${result.failure}`);
};

const loops = { '1 s': fixedLoop(1000), '200 ms': fixedLoop(200) };
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
      `lag, same: fixed ${loop} retry loop (median of ${RUNS})`,
      `${n.toFixed(0)} ms`,
      '',
      true,
    ]);
    rows.push([`fixed ${loop} loop / action`, `${(n / a).toFixed(1)}x`, '', true]);
  }
}

record('health', rows, [
  'Lag: from the moment the test server starts answering 200 to the checker reporting healthy.',
  'The action backs off 50, 100, 200 ms, then polls every 200 ms (src/stack/http.ts, compiled at bench start); the baselines sleep a fixed 1 s or 200 ms between attempts.',
  'The moment is random, 0.5 to 2.5 s after the check starts, so no loop lines up with it.',
  'Against a fixed 200 ms loop the lag is about the same (a ratio near 1x): once settled both poll every 200 ms; the action gains only at the start (50 and 100 ms first delays).',
]);
