// Shared by the benchmarks: the median, and one table per benchmark printed and kept in
// bench/RESULTS.md under its own heading (with the date and the machine).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const RESULTS = new URL('./RESULTS.md', import.meta.url);

/** rows: [measure, value, target, met]. Replaces this benchmark's section of RESULTS.md. */
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
}
