/**
 * The CLI's habits, from src/cli.ts's main (the bundled CLI is run in e2e/cli.test.ts): usage
 * mistakes are one line and exit 2, help per command, --version, colour per stream and never
 * under NO_COLOR, and a dry run that needs no Railway token.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli.js';
import { terminalReporter, type Stream } from '../src/terminal.js';
import { VERSION } from '../src/version.js';

const ROOT = path.resolve(import.meta.dirname ?? '.', '..');
const EXAMPLE = path.join(ROOT, 'examples/sigmasight/docker-compose.yml');
const ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[`); // ESC [: an ANSI code

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** main() with stdout and stderr captured (no TTY: as when piped). */
async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const captured = { stdout: '', stderr: '' };
  const originals = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => (captured.stdout += chunk) !== '') as never;
  process.stderr.write = ((chunk: string) => (captured.stderr += chunk) !== '') as never;
  try {
    const code = await main(args, { ...env });
    return { code, ...captured };
  } finally {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
  }
}

describe('usage mistakes: exit 2, one line that points at the help, nothing on stdout', () => {
  it.each([
    [
      ['build', '--budgte', '5MB'],
      "error: Unknown option '--budgte'; see 'deploy-action build --help'",
    ],
    [
      ['build', '--compose-file'],
      "error: --compose-file needs a value; see 'deploy-action build --help'",
    ],
    [['build', '--push=yes'], 'error: --push takes no value'],
    [['bild'], 'got "bild"; see \'deploy-action --help\''],
    [[], 'Expected one command of plan, build, test, deploy, rollback, got no command'],
    [['build', 'extra'], 'got "build extra"; see \'deploy-action build --help\''],
    [['bild', '--help'], 'got "bild"'],
    [['build', '--budget', 'lots'], 'error: --budget: expected a size like 500MB'],
    [['test', '--health-timeout', 'soon'], '--health-timeout: expected a duration'],
    [['deploy', '--railway-token-type', 'robot'], '--railway-token-type: expected one of auto'],
    [['deploy', '--railway-api-url', 'ftp://x'], '--railway-api-url: expected an http://'],
    [['deploy', '--dry-run', '--images', '{not json'], '--images: '],
    [['build', '--push', '--budget', '5 parsecs'], "see 'deploy-action build --help'"],
  ])('%j', async (args, said) => {
    const run = await cli([...args, '--sha', 'abc']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(said);
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/see 'deploy-action( \w+)? --help'\n$/);
    expect(run.stdout).toBe('');
  });

  it('a mistake in the compose file is not a usage mistake: exit 1', async () => {
    const run = await cli(['plan', '--compose-file', path.join(ROOT, 'no-such-compose.yml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('--help');
  });
});

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
    expect(await cli(['--version'])).toEqual({
      code: 0,
      stdout: `deploy-action ${VERSION}\n`,
      stderr: '',
    });
  });

  it('--help lists every command', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: deploy-action <plan\|build\|test\|deploy\|rollback>/);
    for (const command of ['plan', 'build', 'test', 'deploy', 'rollback'])
      expect(run.stdout).toMatch(new RegExp(`^  ${command} +\\w`, 'm'));
  });

  it("build --help shows build's flags and not deploy's", async () => {
    const run = await cli(['build', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Usage: deploy-action build [options]');
    expect(run.stdout).toContain('--push');
    expect(run.stdout).toContain('--budget SIZE');
    expect(run.stdout).not.toContain('--rollback-to');
    expect(run.stdout).not.toContain('--railway-token');
  });

  it("rollback --help shows rollback's flags", async () => {
    const run = await cli(['rollback', '--help']);
    expect(run.stdout).toContain('--rollback-to ID');
    expect(run.stdout).toContain('--dry-run');
    expect(run.stdout).not.toContain('--push');
  });
});

describe('dry runs without a Railway token', () => {
  it.each(['deploy', 'rollback'])(
    '%s --dry-run shows the plan, warns, and exits 0',
    async (cmd) => {
      const run = await cli([cmd, '--dry-run', '--compose-file', EXAMPLE, '--json', '--sha', 'x']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('warning: No Railway token');
      expect(run.stderr).toContain('dry-run: nothing was changed.');
      const outputs = JSON.parse(run.stdout) as { plan: { services: { service: string }[] } };
      expect(outputs.plan.services.map((s) => s.service)).toEqual([
        'postgres',
        'backend',
        'frontend',
      ]);
    },
  );

  it('without --dry-run, rollback with no token is refused (exit 1), not a usage mistake', async () => {
    const run = await cli(['rollback', '--compose-file', EXAMPLE, '--sha', 'x']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/token/i);
  });
});

describe('colour', () => {
  function stream(isTTY: boolean) {
    const written: string[] = [];
    const s: Stream & { text: () => string } = {
      isTTY,
      write: ((chunk: string) => written.push(chunk) > 0) as Stream['write'],
      text: () => written.join(''),
    };
    return s;
  }

  async function speak(out: ReturnType<typeof stream>, err: ReturnType<typeof stream>, env = {}) {
    const reporter = terminalReporter(out, err, { verbose: true, env });
    await reporter.group('Build', async () => reporter.info('building'));
    reporter.warn('careful');
    reporter.error('broken');
    reporter.debug('detail');
  }

  it('is on for a terminal (the counter-test: the checks below can fail)', async () => {
    const [out, err] = [stream(true), stream(true)];
    await speak(out, err);
    expect(out.text()).toMatch(ESCAPE);
    expect(err.text()).toMatch(ESCAPE);
  });

  it('is decided per stream: a piped stderr gets none while the terminal stdout keeps it', async () => {
    const [out, err] = [stream(true), stream(false)];
    await speak(out, err);
    expect(out.text()).toMatch(ESCAPE);
    expect(err.text()).not.toMatch(ESCAPE);
    expect(err.text()).toBe('warning: careful\nerror: broken\ndetail\n');
  });

  it('is off under NO_COLOR, even on terminals', async () => {
    const [out, err] = [stream(true), stream(true)];
    await speak(out, err, { NO_COLOR: '1' });
    expect(out.text()).not.toMatch(ESCAPE);
    expect(err.text()).not.toMatch(ESCAPE);
  });

  it('NO_COLOR set to nothing leaves it on (no-color.org: "present and not empty")', async () => {
    const [out, err] = [stream(true), stream(true)];
    await speak(out, err, { NO_COLOR: '' });
    expect(err.text()).toMatch(ESCAPE);
  });
});
