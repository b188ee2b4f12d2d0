/**
 * The same commands from a terminal: `deploy-action build --compose-file ...`. Flags are the
 * action's inputs, read through the same getInputs, so both front doors validate alike.
 * Exit codes: 0 done, 1 the work failed, 2 a usage mistake (one line, pointing at --help).
 * Each command's modules load when it runs, so `--help` and a typo answer at once.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { StackIdentity } from './commands/test.js';
import { CLI_COMMANDS, parseOptions, usage, usageMistake, type CliCommand } from './cli-usage.js';
import type { RailwayDeps } from './commands/deploy.js';
import { createExec } from './docker/exec.js';
import { InputError, UserError } from './errors.js';
import { getInputs, type Inputs } from './inputs.js';
import { InterruptedError } from './railway/machine.js';
import type { RunState } from './railway/state.js';
import { terminalReporter, type TerminalReporter } from './terminal.js';
import { VERSION } from './version.js';

type Values = Record<string, string | string[] | boolean | undefined>;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parse(argv);
  if (typeof parsed === 'number') return parsed;
  const { command, values } = parsed;
  let inputs: Inputs;
  try {
    inputs = readInputs(command, values, env);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return mistake(`--${error.input}: ${error.detail}`, command);
  }
  const json = values.json === true;
  const reporter = terminalReporter(json ? process.stderr : process.stdout, process.stderr, {
    verbose: values.verbose === true,
    env,
  });
  let code = 0;
  try {
    await COMMAND_RUNNERS[command](inputs, { reporter, values });
  } catch (error) {
    reporter.error(error instanceof UserError ? error.message : `unexpected: ${stackOf(error)}`);
    code = error instanceof InterruptedExit ? 130 : 1;
  }
  if (json) process.stdout.write(`${JSON.stringify(parseOutputs(reporter.outputs), null, 2)}\n`);
  return code;
}

function mistake(message: string, command?: CliCommand): number {
  process.stderr.write(`${usageMistake(message, command)}\n`);
  return 2;
}

/** The command and flags, or the exit code of a usage mistake (or of --help, --version). */
function parse(argv: string[]): { command: CliCommand; values: Values } | number {
  // Known before parsing, so even a mistake in the flags points at that command's help.
  const named = argv.find((a): a is CliCommand => CLI_COMMANDS.includes(a as CliCommand));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: parseOptions(),
    });
  } catch (error) {
    return mistake(parseMistake(error), named);
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  const known = CLI_COMMANDS.includes(command as CliCommand) ? (command as CliCommand) : undefined;
  if (values.version) {
    process.stdout.write(`deploy-action ${VERSION}\n`);
    return 0;
  }
  if (values.help && (known || command === undefined) && extra.length === 0) {
    process.stdout.write(`${usage(known)}\n`);
    return 0;
  }
  if (!known || extra.length > 0) {
    const got = command === undefined ? 'no command' : `"${positionals.join(' ')}"`;
    return mistake(`Expected one command of ${CLI_COMMANDS.join(', ')}, got ${got}`, known);
  }
  return { command: known, values: values as Values };
}

/** parseArgs's complaint in a few words, without its advice on positionals and dashes. */
function parseMistake(error: unknown): string {
  const { code, message = String(error) } = error as { code?: string; message?: string };
  const flag = /'(--?[\w-]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    return /does not take/.test(message) ? `${flag} takes no value` : `${flag} needs a value`;
  }
  return message.split(/\. /)[0]!;
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
    // A repeated flag (-f a.yml -f b.yml) is a newline-separated input, as in a workflow.
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
    const { runBuild } = await import('./commands/build.js');
    await runBuild(inputs, {
      exec: createExec(reporter.debug, reporter.info),
      reporter,
      noCache: values['no-cache'] === true,
      reportDir: workDir(),
      workspace: process.cwd(),
    });
  },
  test: (inputs, { reporter }) => testWithCtrlC(inputs, reporter),
  deploy: async (inputs, { reporter }) => {
    if (inputs.dryRun && !inputs.railway.token) return offlineDryRun(inputs, reporter);
    const { runDeploy } = await import('./commands/deploy.js');
    await railwayWithCtrlC(inputs, reporter, (deps) => runDeploy(inputs, deps));
  },
  rollback: async (inputs, { reporter }) => {
    if (inputs.dryRun && !inputs.railway.token) return offlineDryRun(inputs, reporter);
    const { runRollback } = await import('./commands/rollback.js');
    await railwayWithCtrlC(inputs, reporter, (deps) => runRollback(inputs, deps));
  },
};

/** Ends the CLI with 130, as a shell reports a command stopped by SIGINT. */
class InterruptedExit extends UserError {
  override name = 'InterruptedExit';
}

/**
 * Ctrl-C during a deploy or a rollback stops the engine at its next move (the request in
 * flight is let finish, so nothing sent is lost track of), then finishes the run through the
 * same code as the action's post phase: what the deploy changed goes back.
 */
async function railwayWithCtrlC(
  inputs: Inputs,
  reporter: TerminalReporter,
  work: (deps: RailwayDeps) => Promise<unknown>,
): Promise<void> {
  const controller = new AbortController();
  let latest: RunState | undefined;
  const onInterrupt = () => {
    reporter.warn('Interrupted: stopping the Railway run at its next step, then undoing it.');
    controller.abort();
  };
  process.once('SIGINT', onInterrupt);
  try {
    await work({ reporter, signal: controller.signal, onState: (s) => (latest = s) });
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    throw new InterruptedExit(`Interrupted (Ctrl-C). ${await finish(latest, inputs, reporter)}`);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

async function finish(latest: RunState | undefined, inputs: Inputs, reporter: TerminalReporter) {
  const { isFinished } = await import('./railway/state.js');
  if (!latest || isFinished(latest)) return 'Nothing had been changed.';
  latest.failure ??= 'interrupted (Ctrl-C) before the deploy finished';
  const { finishRailway } = await import('./commands/deploy.js');
  return finishRailway(latest, inputs, { reporter }).then(
    () => 'The Railway run was finished.',
    (failed: unknown) => {
      if (failed instanceof UserError) return failed.message;
      throw failed;
    },
  );
}

async function printPlan(inputs: Inputs, reporter: TerminalReporter): Promise<void> {
  const [{ loadStack }, { selectServices }, { makePlan, renderPlan }] = await Promise.all([
    import('./config/load.js'),
    import('./config/order.js'),
    import('./commands/plan.js'),
  ]);
  const stack = loadStack(inputs.composeFile, {
    budget: inputs.budget,
    railwayProject: inputs.railway.project,
    railwayEnvironment: inputs.railway.environment,
  });
  const plan = makePlan(stack, selectServices(stack.file, stack.services, inputs.services));
  reporter.info(renderPlan(plan, stack.dir));
  reporter.setOutput('plan', JSON.stringify(plan));
}

/**
 * Without a token, a dry run (deploy or rollback) can still show which services it would
 * touch, just not what Railway serves now or what it would go back to.
 */
async function offlineDryRun(inputs: Inputs, reporter: TerminalReporter): Promise<void> {
  reporter.warn(
    'No Railway token (--railway-token, RAILWAY_TOKEN or RAILWAY_API_TOKEN): ' +
      'this dry run cannot show what Railway serves now.',
  );
  await printPlan(inputs, reporter);
  reporter.info('dry-run: nothing was changed.');
}

/** Ctrl-C during `test` still tears the stack down: nothing is left running. */
async function testWithCtrlC(inputs: Inputs, reporter: TerminalReporter): Promise<void> {
  const { runTest, tearDown } = await import('./commands/test.js');
  const exec = createExec(reporter.debug, reporter.info);
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
