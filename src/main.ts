/**
 * The action's two phases. `run` reads the inputs, runs one command and turns the error policy
 * into the step's result; `post` cleans up after it (nothing yet for build).
 *
 * Each command's modules (and @actions/cache, @actions/github) are imported when that command
 * runs, not at start: a step pays only for what it uses (bench/coldstart measures the start).
 * Until then the workflow commands are spoken by github/runner.ts, without @actions/core.
 */
import path from 'node:path';
import { tmpdir } from 'node:os';
import { createExec } from './docker/exec.js';
import { UserError, errorMessage } from './errors.js';
import * as core from './github/runner.js';
import { loadState, markMainStarted, saveState } from './github/state.js';
import { getInputs, type Inputs } from './inputs.js';
import type { StackIdentity } from './commands/test.js';
import type { RunState } from './railway/state.js';

export async function run(): Promise<void> {
  markMainStarted();
  try {
    const inputs = getInputs((name) => core.getInput(name), process.env);
    for (const secret of [inputs.githubToken, inputs.railway.token])
      if (secret) core.setSecret(secret);
    saveState({ command: inputs.command });
    await runCommand(inputs);
  } catch (error) {
    fail(error);
  }
}

async function runCommand(inputs: Inputs): Promise<void> {
  const reporter = await actionsReporter();
  const exec = createExec(reporter.debug, reporter.info);
  const workDir = path.join(process.env.RUNNER_TEMP || tmpdir(), 'deploy-action');
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  switch (inputs.command) {
    case 'build': {
      const [{ runBuild }, { defaultSizesDeps, publishSizes }] = await Promise.all([
        import('./commands/build.js'),
        import('./github/sizes.js'),
      ]);
      await runBuild(inputs, {
        exec,
        reporter,
        reportDir: workDir,
        workspace,
        onPublished: (outcome) =>
          publishSizes(outcome, inputs, defaultSizesDeps(reporter, workDir)),
      });
      return;
    }
    case 'test': {
      const { runTest } = await import('./commands/test.js');
      let saved: StackIdentity | undefined;
      try {
        await runTest(inputs, {
          exec,
          reporter,
          workDir,
          workspace,
          teardown: 'post',
          // Saved before `up`: a cancelled or crashed main still gets its stack torn down.
          onStack: (stack) => saveState({ command: 'test', stack: (saved = stack) }),
        });
      } finally {
        // Ended on its own, so the post phase need not wait for late containers.
        if (saved) saveState({ command: 'test', stack: { ...saved, settled: true } });
      }
      return;
    }
    case 'deploy': {
      const { runDeploy } = await import('./commands/deploy.js');
      await runDeploy(inputs, { reporter, onState: railwayState('deploy') });
      return;
    }
    case 'rollback': {
      const { runRollback } = await import('./commands/rollback.js');
      await runRollback(inputs, { reporter, onState: railwayState('rollback') });
      return;
    }
  }
}

/** Every transition is saved: a killed main phase leaves the post phase what to undo. */
function railwayState(command: 'deploy' | 'rollback') {
  return (railway: RunState) => saveState({ command, railway });
}

export async function post(): Promise<void> {
  try {
    const state = loadState();
    if ((state?.command === 'deploy' || state?.command === 'rollback') && state.railway) {
      const inputs = getInputs((name) => core.getInput(name), process.env);
      if (inputs.railway.token) core.setSecret(inputs.railway.token);
      const { finishRailway } = await import('./commands/deploy.js');
      await finishRailway(state.railway, inputs, { reporter: await actionsReporter() });
      return;
    }
    if (state?.command === 'test' && state.stack) {
      const reporter = await actionsReporter();
      const exec = createExec(reporter.debug, reporter.info);
      const { tearDownAfterTest } = await import('./commands/test.js');
      await tearDownAfterTest(state.stack, { exec, reporter });
      return;
    }
    core.debug(
      `post: ${state ? `after ${state.command}` : 'no state from main'}: nothing to clean up`,
    );
  } catch (error) {
    fail(error);
  }
}

async function actionsReporter() {
  return (await import('./github/reporter.js')).actionsReporter();
}

/** User mistakes fail with their message alone; our own bugs keep the stack for the report. */
function fail(error: unknown): void {
  if (error instanceof UserError) {
    core.setFailed(error.message);
    return;
  }
  core.setFailed(`deploy-action failed unexpectedly: ${errorMessage(error)}`);
  if (error instanceof Error && error.stack) core.info(error.stack);
}
