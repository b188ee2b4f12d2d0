// Shared by the benchmarks: the median, whole-process timing, and one table per benchmark,
// printed, kept in bench/RESULTS.md under its own heading (with the date and the machine) and
// handed to bench/run.mjs for this run's summary (BENCH_ROWS_FILE). A benchmark calls record()
// last, once every figure is measured: one that fails before records nothing.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One whole process, spawn to exit: { ms, code, stdout, stderr }. */
export function timedProcess(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ ms, code, stdout, stderr });
    });
  });
}

// BENCH_RESULTS: another results file (the test of bench/run.mjs uses one).
const RESULTS = process.env.BENCH_RESULTS || new URL('./RESULTS.md', import.meta.url);

/**
 * rows: [measure, value, target, met]. Replaces this benchmark's section of RESULTS.md. A
 * missed target is recorded (NO) and fails the benchmark's process, after the figures are out.
 */
export function record(name, rows, notes = []) {
  const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const table = [
    '| measure | value | target | met |',
    '|---|--:|--:|---|',
    ...rows.map(
      ([measure, value, target, met]) =>
        `| ${measure} | ${value} | ${target || '—'} | ${target ? (met ? 'yes' : 'NO') : '—'} |`,
    ),
  ].join('\n');
  const section = `## ${name}\n\n${new Date().toISOString().slice(0, 10)}, ${machine}\n\n${table}\n${
    notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''
  }`;
  console.log(`\n${section}`);
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const pattern = new RegExp(`## ${name}\\n[\\s\\S]*?(?=\\n## |$)`);
  const next = pattern.test(current)
    ? current.replace(pattern, section.trimEnd() + '\n')
    : `${current.trimEnd()}\n\n${section}`;
  writeFileSync(RESULTS, next);
  if (process.env.BENCH_ROWS_FILE) {
    appendFileSync(process.env.BENCH_ROWS_FILE, `${JSON.stringify({ name, rows })}\n`);
  }
  const missed = rows.filter(([, , target, met]) => target && !met);
  if (missed.length > 0) {
    console.error(`\n${name}: target missed: ${missed.map(([m]) => m).join('; ')}`);
    process.exitCode = 1;
  }
}
