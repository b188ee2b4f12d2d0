/**
 * The same commands from a terminal: `deploy-action build --compose-file ...`. Flags are the
 * action's inputs, read through the same getInputs, so both front doors validate alike.
 * Exit codes: 0 done, 1 the work failed, 2 a usage mistake.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBuild } from './commands/build.js';
import { runDeploy } from './commands/deploy.js';
import { makePlan, renderPlan } from './commands/plan.js';
import { runRollback } from './commands/rollback.js';
import { runTest, tearDown, type StackIdentity } from './commands/test.js';
import { loadStack } from './config/load.js';
import { selectServices } from './config/order.js';
import { createExec } from './docker/exec.js';
import { UserError, errorMessage } from './errors.js';
import { getInputs, type Inputs } from './inputs.js';
import { terminalReporter, type TerminalReporter } from './terminal.js';

export const CLI_COMMANDS = ['plan', 'build', 'test', 'deploy', 'rollback'] as const;
type CliCommand = (typeof CLI_COMMANDS)[number];

const STRING_FLAGS = [
  'compose-file',
  'services',
  'profiles',
  'builder',
  'cache-from',
  'cache-to',
  'platforms',
  'provenance',
  'sbom',
  'build-args',
  'budget',
  'image-prefix',
  'railway-token',
  'railway-token-type',
  'railway-api-url',
  'railway-project',
  'railway-environment',
  'deploy-timeout',
  'health-timeout',
  'images',
  'rollback-to',
];
const BOOLEAN_FLAGS = ['push', 'dry-run', 'keep-stack'];
/** Given once per value, like compose's own `-f`. */
const REPEATED_FLAGS = ['compose-file', 'cache-from', 'cache-to', 'build-args'];

export const USAGE = `Usage: deploy-action <${CLI_COMMANDS.join('|')}> [options]

  plan       the order, budgets and Railway mapping; touches nothing
  build      build every image in parallel, hold each to its budget
  test       run the images together: health, migrations, HTTP checks
  deploy     deploy to Railway in dependency order, roll back on failure
  rollback   put Railway services back on their previous good deployment

Options (the action's inputs):
  -f, --compose-file FILE compose file, repeatable (default: compose's lookup, COMPOSE_FILE)
  --profiles A,B          compose profiles to enable (default: COMPOSE_PROFILES)
  --builder NAME          buildx builder, or classic for the classic builder
  --cache-from, --cache-to SPEC  BuildKit cache, repeatable; {service} is each service
  --platforms P           BuildKit platforms (default linux/amd64)
  --provenance, --sbom    BuildKit attestations
  --build-args K=V        repeatable; wins over the compose file's
  --services A,B          a subset of services
  --budget SIZE           default image budget, e.g. 500MB
  --image-prefix PREFIX   tag prefix (default local); images are PREFIX/SERVICE:SHA
  --push                  build: push images that pass
  --health-timeout 3m     test: how long the stack may take to become healthy
  --keep-stack            test: leave the compose stack running
  --railway-token TOKEN   default: $RAILWAY_TOKEN (project), else $RAILWAY_API_TOKEN (account)
  --railway-token-type T  project, account or auto
  --railway-project ID, --railway-environment NAME, --railway-api-url URL
  --deploy-timeout 15m    deploy, rollback: how long it may take
  --images JSON           test, deploy: the images output of a build (--json of build)
  --rollback-to ID        rollback: the deployment to go back to
  --dry-run               deploy, rollback: print the plan, change nothing
  --sha SHA               commit to tag and deploy (default: git rev-parse HEAD)
  --no-cache              build without the layer cache
  --json                  print the outputs as JSON on stdout (progress goes to stderr)
  --verbose               show debug lines
  --help                  this text`;

type Values = Record<string, string | string[] | boolean | undefined>;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parse(argv);
  if (typeof parsed === 'number') return parsed;
  const { command, values } = parsed;
  const json = values.json === true;
  const reporter = terminalReporter(
    json ? process.stderr : process.stdout,
    process.stderr,
    values.verbose === true,
  );
  let code = 0;
  try {
    const inputs = readInputs(command, values, env);
    await COMMAND_RUNNERS[command](inputs, { reporter, values });
  } catch (error) {
    reporter.error(error instanceof UserError ? error.message : `unexpected: ${stackOf(error)}`);
    code = 1;
  }
  if (json) process.stdout.write(`${JSON.stringify(parseOutputs(reporter.outputs), null, 2)}\n`);
  return code;
}

/** The command and flags, or the exit code of a usage mistake (or of --help). */
function parse(argv: string[]): { command: CliCommand; values: Values } | number {
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
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (!CLI_COMMANDS.includes(command as CliCommand) || extra.length > 0) {
    const got = command === undefined ? 'no command' : `"${positionals.join(' ')}"`;
    process.stderr.write(
      `Expected one command of ${CLI_COMMANDS.join(', ')}, got ${got}.\n\n${USAGE}\n`,
    );
    return 2;
  }
  return { command: command as CliCommand, values: values as Values };
}

function flagOptions() {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; multiple?: boolean; short?: string }
  > = {};
  for (const flag of [...STRING_FLAGS, 'sha']) {
    options[flag] = { type: 'string', multiple: REPEATED_FLAGS.includes(flag) };
  }
  options['compose-file']!.short = 'f';
  for (const flag of [...BOOLEAN_FLAGS, 'no-cache', 'json', 'verbose', 'help']) {
    options[flag] = { type: 'boolean' };
  }
  return options;
}

function readInputs(command: CliCommand, values: Values, env: NodeJS.ProcessEnv): Inputs {
  const token = railwayToken(values, env);
  const read = (name: string): string => {
    // plan reads what build reads: the compose file, the services and the budgets.
    if (name === 'command') return command === 'plan' ? 'build' : command;
    if (name === 'railway-token') return token.value;
    if (name === 'railway-token-type') return String(values[name] ?? token.type);
    if (name === 'comment') return 'never';
    const value = values[name];
    if (Array.isArray(value)) return value.join('\n');
    return value === undefined ? '' : String(value);
  };
  return getInputs(read, { GITHUB_SHA: (values.sha as string | undefined) || gitSha() });
}

/** As Railway's CLI reads them: RAILWAY_TOKEN (project) wins over RAILWAY_API_TOKEN (account). */
function railwayToken(values: Values, env: NodeJS.ProcessEnv) {
  if (typeof values['railway-token'] === 'string')
    return { value: values['railway-token'], type: '' };
  if (env.RAILWAY_TOKEN) return { value: env.RAILWAY_TOKEN, type: 'project' };
  if (env.RAILWAY_API_TOKEN) return { value: env.RAILWAY_API_TOKEN, type: 'account' };
  return { value: '', type: '' };
}

interface RunContext {
  reporter: TerminalReporter;
  values: Values;
}

const workDir = () => path.join(tmpdir(), 'deploy-action');

const COMMAND_RUNNERS: Record<CliCommand, (inputs: Inputs, ctx: RunContext) => Promise<void>> = {
  plan: async (inputs, { reporter }) => printPlan(inputs, reporter),
  build: async (inputs, { reporter, values }) => {
    await runBuild(inputs, {
      exec: createExec(reporter.debug),
      reporter,
      noCache: values['no-cache'] === true,
      reportDir: workDir(),
      workspace: process.cwd(),
    });
  },
  test: (inputs, { reporter }) => testWithCtrlC(inputs, reporter),
  deploy: async (inputs, { reporter }) => {
    if (inputs.dryRun && !inputs.railway.token) return offlineDryRun(inputs, reporter);
    await runDeploy(inputs, { reporter });
  },
  rollback: async (inputs, { reporter }) => {
    await runRollback(inputs, { reporter });
  },
};

function printPlan(inputs: Inputs, reporter: TerminalReporter): void {
  const stack = loadStack(inputs.composeFile, {
    budget: inputs.budget,
    profiles: inputs.profiles,
    railwayProject: inputs.railway.project,
    railwayEnvironment: inputs.railway.environment,
  });
  const plan = makePlan(stack, selectServices(stack.file, stack.services, inputs.services));
  reporter.info(renderPlan(plan, stack.dir));
  reporter.setOutput('plan', JSON.stringify(plan));
}

/** Without a token, a dry run can still show what it would deploy, just not what serves now. */
function offlineDryRun(inputs: Inputs, reporter: TerminalReporter): void {
  reporter.warn(
    'No Railway token (--railway-token, RAILWAY_TOKEN or RAILWAY_API_TOKEN): this dry run cannot show what Railway serves now.',
  );
  printPlan(inputs, reporter);
  reporter.info('dry-run: nothing was changed.');
}

/** Ctrl-C during `test` still tears the stack down: nothing is left running. */
async function testWithCtrlC(inputs: Inputs, reporter: TerminalReporter): Promise<void> {
  const exec = createExec(reporter.debug);
  let stack: StackIdentity | undefined;
  const onInterrupt = () => {
    reporter.warn('Interrupted: tearing the stack down.');
    const done =
      stack && !inputs.keepStack ? tearDown(stack, { exec, reporter }) : Promise.resolve();
    void done.finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    await runTest(inputs, {
      exec,
      reporter,
      workDir: workDir(),
      workspace: process.cwd(),
      teardown: 'now',
      onStack: (identity) => (stack = identity),
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

/** Outputs are JSON strings under the runner; here they are shown as the values they are. */
function parseOutputs(outputs: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(outputs).map(([key, value]) => {
      try {
        return [key, JSON.parse(value)];
      } catch {
        return [key, value];
      }
    }),
  );
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function gitSha(): string {
  try {
    const stdio: ['ignore', 'pipe', 'ignore'] = ['ignore', 'pipe', 'ignore'];
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio }).trim();
  } catch {
    return 'latest';
  }
}
