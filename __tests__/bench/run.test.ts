/**
 * `npm run bench` (bench/run.mjs) on a folder of stand-in benchmarks, run as real processes:
 * one that measures, one that crashes before it records, one that misses its target. The run
 * fails, shows only this run's figures, and none for the crashed one, even though the results
 * file holds an old figure for it.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');
const LIB = pathToFileURL(path.join(ROOT, 'bench/lib.mjs')).href;

function bench(dir: string, name: string, body: string): void {
  writeFileSync(path.join(dir, `${name}.mjs`), `import { record } from '${LIB}';\n${body}\n`);
}

function runBenches(setup: (dir: string) => void, args: string[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-bench-run-'));
  const results = path.join(dir, 'RESULTS.md');
  writeFileSync(
    results,
    '# Benchmark results\n\n## health\n\nold\n\n| measure | value | target | met |\n' +
      '|---|--:|--:|---|\n| lag from an earlier run | 42 ms | <= 250 ms | yes |\n',
  );
  setup(dir);
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bench/run.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_DIR: dir, BENCH_RESULTS: results },
  });
  return { ...run, results: readFileSync(results, 'utf8') };
}

describe('npm run bench', () => {
  it('fails, and shows no figure for a benchmark that crashed, old or new', () => {
    const run = runBenches((dir) => {
      bench(dir, 'coldstart', "record('coldstart', [['start, ms', '40', '<= 100', true]]);");
      bench(dir, 'health', "throw new Error('the checker module is missing');");
      bench(dir, 'test', "record('test', [['ratio', '1.30x', '<= 1.15x', false]]);");
    });
    expect(run.status).toBe(1);
    const summary = run.stdout.slice(run.stdout.indexOf('## This run'));
    expect(summary).toContain('| coldstart start, ms | 40 | <= 100 | yes |');
    expect(summary).toContain('| test ratio | 1.30x | <= 1.15x | NO |');
    expect(summary).toContain('| health: failed, no figure |');
    expect(summary).not.toContain('42 ms'); // the old figure in RESULTS.md
    expect(run.stderr).toContain('benchmarks that failed (no figures): health');
    expect(run.stderr).toContain('benchmarks that missed a target: test');
    // The crashed benchmark's section is untouched; the others are this run's.
    expect(run.results).toContain('| lag from an earlier run | 42 ms |');
    expect(run.results).toContain('| start, ms | 40 | <= 100 | yes |');
  });

  it('passes when every benchmark runs and meets its targets', () => {
    const run = runBenches(
      (dir) =>
        bench(dir, 'coldstart', "record('coldstart', [['start, ms', '40', '<= 100', true]]);"),
      ['coldstart'],
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('| coldstart start, ms | 40 | <= 100 | yes |');
    expect(run.stdout).not.toContain('health');
  });
});
