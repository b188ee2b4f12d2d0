// The number of malformed or hostile inputs the unit tests feed the action, for the README's
// "Reliability" section: each test case (a row of a table counts) whose title says it refuses
// an input, or that the input ends as plain text, masked or hidden. Runs the unit project once,
// or reads the results of an earlier `jest --json` run:
//   node scripts/count-malformed.mjs [results.json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MALFORMED =
  /\brefus|neutralis|hostile|as text|ordinary|Object\.prototype|deep depends_on|does not (find|read)|no workflow command|as its own characters|inside one table cell|cannot end the block|removes the token|are hidden|never reach|in one sentence|not JSON|malformed|is refused|names the line/i;

function runUnitTests(out) {
  const args = ['jest', '--selectProjects', 'unit', '--json', `--outputFile=${out}`];
  spawnSync('npx', [...args, '--maxWorkers=1', '--forceExit'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' },
  });
}

const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-count-'));
try {
  const out = process.argv[2] ?? path.join(dir, 'results.json');
  if (!process.argv[2]) runUnitTests(out);
  const counted = JSON.parse(readFileSync(out, 'utf8')).testResults.flatMap((file) =>
    file.assertionResults
      .filter((t) => MALFORMED.test([...t.ancestorTitles, t.title].join(' ')))
      .map((t) => ({ file: path.relative(process.cwd(), file.name), status: t.status })),
  );
  const byFile = new Map();
  for (const t of counted) byFile.set(t.file, (byFile.get(t.file) ?? 0) + 1);
  [...byFile]
    .sort((a, b) => b[1] - a[1])
    .forEach(([file, n]) => console.log(`${String(n).padStart(5)}  ${file}`));
  const passed = counted.filter((t) => t.status === 'passed').length;
  console.log(`${counted.length} malformed or hostile inputs (${passed} passing)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
