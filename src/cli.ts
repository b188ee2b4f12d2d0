/**
 * The same commands from a terminal: `deploy-action build --compose-file ...`. Flags are the
 * action's inputs, read through the same getInputs, so both front doors validate alike.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBuild } from './commands/build.js';
import { runTest } from './commands/test.js';
import { createExec } from './docker/exec.js';
import { UserError, errorMessage } from './errors.js';
import { COMMANDS, getInputs } from './inputs.js';
import { terminalReporter } from './terminal.js';

const INPUT_FLAGS = [
  'compose-file',
  'services',
  'budget',
  'image-prefix',
  'push',
  'railway-token',
  'railway-token-type',
  'railway-api-url',
  'railway-project',
  'railway-environment',
  'deploy-timeout',
  'health-timeout',
  'images',
  'rollback-to',
  'dry-run',
  'keep-stack',
];
const BOOLEAN_FLAGS = new Set(['push', 'dry-run', 'keep-stack']);

export const USAGE = `Usage: deploy-action <${COMMANDS.join('|')}> [options]

Options (the action's inputs):
  --compose-file FILE     compose file (default docker-compose.yml)
  --services A,B          a subset of services
  --budget SIZE           default image budget, e.g. 500MB
  --image-prefix PREFIX   tag prefix (default local); images are PREFIX/SERVICE:SHA
  --push                  push images that pass
  --health-timeout 3m     test: how long the stack may take to become healthy
  --keep-stack            test: leave the compose stack running
  --sha SHA               commit to tag with (default: git rev-parse HEAD)
  --no-cache              build without the layer cache
  --json                  print the outputs as JSON on stdout
  --verbose               show debug lines
  --help                  this text`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: flagOptions(),
    });
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const json = values.json === true;
  const reporter = terminalReporter(
    json ? process.stderr : process.stdout,
    process.stderr,
    values.verbose === true,
  );
  try {
    const read = (name: string) => (name === 'command' ? positionals[0]! : flagValue(values, name));
    const inputs = getInputs(read, { GITHUB_SHA: (values.sha as string) || gitSha() });
    if (inputs.command === 'test') {
      const workDir = path.join(tmpdir(), 'deploy-action');
      const exec = createExec(reporter.debug);
      const deps = { exec, reporter, workDir, workspace: process.cwd() };
      await runTest(inputs, { ...deps, teardown: 'now' });
      return finish(0);
    }
    if (inputs.command !== 'build')
      throw new UserError(
        `${inputs.command} is not implemented in this version; available: build.`,
      );
    await runBuild(inputs, {
      exec: createExec(reporter.debug),
      reporter,
      noCache: values['no-cache'] === true,
      reportDir: path.join(tmpdir(), 'deploy-action'),
      workspace: process.cwd(),
    });
    return finish(0);
  } catch (error) {
    reporter.error(
      error instanceof UserError
        ? error.message
        : `unexpected: ${(error as Error)?.stack ?? error}`,
    );
    return finish(1);
  }

  function finish(code: number): number {
    if (json) process.stdout.write(`${JSON.stringify(parseOutputs(reporter.outputs), null, 2)}\n`);
    return code;
  }
}

function flagOptions() {
  const options: Record<string, { type: 'string' | 'boolean' }> = {
    sha: { type: 'string' },
    'no-cache': { type: 'boolean' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean' },
  };
  for (const flag of INPUT_FLAGS)
    options[flag] = { type: BOOLEAN_FLAGS.has(flag) ? 'boolean' : 'string' };
  return options;
}

function flagValue(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  return value === undefined ? '' : String(value);
}

/** Outputs are JSON strings under the runner; here they are shown as the values they are. */
function parseOutputs(outputs: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(outputs).map(([k, v]) => {
      try {
        return [k, JSON.parse(v)];
      } catch {
        return [k, v];
      }
    }),
  );
}

function gitSha(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'latest';
  }
}
