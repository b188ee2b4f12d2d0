// `npm run bench`: every benchmark in bench/, one after the other (they share two cores), then
// one table of their figures against their targets, read back from bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BENCHES = ['coldstart', 'build', 'health', 'railway', 'plan'];
const only = process.argv.slice(2);

const failed = [];
for (const name of BENCHES.filter((b) => only.length === 0 || only.includes(b))) {
  const script = path.join(HERE, `${name}.mjs`);
  if (!existsSync(script)) {
    console.log(`(no bench/${name}.mjs yet)`);
    continue;
  }
  console.log(`\n=== bench/${name}`);
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}

const results = readFileSync(path.join(HERE, 'RESULTS.md'), 'utf8');
const rows = results
  .split(/^## /m)
  .slice(1)
  .flatMap((section) => {
    const name = section.split('\n')[0].trim();
    return section
      .split('\n')
      .filter(
        (line) =>
          line.startsWith('| ') && !line.startsWith('| measure') && !/^\|[-: |]+\|$/.test(line),
      )
      .map((line) => `| ${name} ${line.slice(2)}`);
  });
console.log('\n## All benchmarks (from bench/RESULTS.md)\n');
console.log('| bench measure | value | target | met |\n|---|--:|--:|---|');
console.log(rows.join('\n'));
if (failed.length) {
  console.error(`\nbenchmarks that did not run to the end: ${failed.join(', ')}`);
  process.exitCode = 1;
}
