// `npm run bench [-- NAME...]`: every benchmark in bench/, one after the other (they share two
// cores), then one table of the figures THIS run measured. A benchmark that fails (crashes, or
// misses a target) makes the run fail; one that crashed shows no figure at all, and nothing is
// read back from bench/RESULTS.md, so an old figure is never shown as a new one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// BENCH_DIR: another folder of benchmarks (the test of this runner uses one).
const HERE = process.env.BENCH_DIR || path.dirname(fileURLToPath(import.meta.url));
const BENCHES = ['coldstart', 'build', 'health', 'test', 'railway', 'plan'];
const only = process.argv.slice(2);
const unknown = only.filter((name) => !BENCHES.includes(name));
if (unknown.length) {
  console.error(`no such benchmark: ${unknown.join(', ')} (there are ${BENCHES.join(', ')})`);
  process.exit(2);
}

const crashed = [];
const missed = [];
const measured = [];
for (const name of BENCHES.filter((b) => only.length === 0 || only.includes(b))) {
  const script = path.join(HERE, `${name}.mjs`);
  if (!existsSync(script)) {
    console.log(`(no bench/${name}.mjs yet)`);
    continue;
  }
  console.log(`\n=== bench/${name}`);
  const rowsFile = path.join(mkdtempSync(path.join(tmpdir(), 'deploy-action-bench-')), 'rows');
  const env = { ...process.env, BENCH_ROWS_FILE: rowsFile };
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit', env });
  const tables = existsSync(rowsFile)
    ? readFileSync(rowsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  const targetsMissed = tables.some((t) => t.rows.some(([, , target, met]) => target && !met));
  if (result.status === 0 || (targetsMissed && tables.length > 0)) {
    measured.push(...tables);
    if (result.status !== 0) missed.push(name);
  } else {
    crashed.push(name);
  }
}

console.log('\n## This run\n');
console.log('| bench measure | value | target | met |\n|---|--:|--:|---|');
for (const { name, rows } of measured) {
  for (const [measure, value, target, met] of rows) {
    console.log(
      `| ${name} ${measure} | ${value} | ${target || '—'} | ${target ? (met ? 'yes' : 'NO') : '—'} |`,
    );
  }
}
for (const name of crashed) console.log(`| ${name}: failed, no figure | | | |`);
if (crashed.length) console.error(`\nbenchmarks that failed (no figures): ${crashed.join(', ')}`);
if (missed.length) console.error(`benchmarks that missed a target: ${missed.join(', ')}`);
if (crashed.length || missed.length) process.exitCode = 1;
