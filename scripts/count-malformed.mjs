// The number of malformed or hostile inputs the unit tests feed the action, for the README's
// "Reliability" section: each test case (a row of a table counts) whose title says it refuses
// an input, or that the input ends as plain text, masked or hidden. Runs the unit project once.
//   node scripts/count-malformed.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MALFORMED =
  /\brefus|neutralis|no workflow command|as its own characters|inside one table cell|cannot end the block|removes the token|are hidden|never reach|in one sentence|not JSON|malformed|is refused|names the line/i;

const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-count-'));
const out = path.join(dir, 'results.json');
try {
  spawnSync(
    'npx',
    ['jest', '--selectProjects', 'unit', '--json', `--outputFile=${out}`, '--maxWorkers=1'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' },
    },
  );
  const results = JSON.parse(readFileSync(out, 'utf8')).testResults;
  const counted = results.flatMap((file) =>
    file.assertionResults
      .filter((t) => MALFORMED.test([...t.ancestorTitles, t.title].join(' ')))
      .map((t) => ({ file: path.relative(process.cwd(), file.name), status: t.status })),
  );
  const byFile = Object.entries(
    counted.reduce((acc, t) => ({ ...acc, [t.file]: (acc[t.file] ?? 0) + 1 }), {}),
  );
  byFile
    .sort((a, b) => b[1] - a[1])
    .forEach(([file, n]) => console.log(`${String(n).padStart(5)}  ${file}`));
  const passed = counted.filter((t) => t.status === 'passed').length;
  console.log(`${counted.length} malformed or hostile inputs (${passed} passing)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
