/**
 * The action's two phases. `run` reads the inputs, runs one command and turns the error policy
 * into the step's result; `post` cleans up after it (tears a test stack down, finishes an
 * interrupted Railway run, removes a backup's containers).
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
import { secretScrubber } from './secrets.js';
import { neutralise } from './untrusted.js';
import type { StackIdentity } from './commands/test.js';
import type { RunState } from './railway/state.js';

export async function run(): Promise<void> {
  try {
    markMainStarted();
    const inputs = getInputs((name) => core.getInput(name), process.env);
    // Every shape a platform may echo a token in (upper-cased, base64, URL-encoded...).
    const secrets = [inputs.githubToken, inputs.railway.token, inputs.databaseUrl ?? ''];
    secretScrubber(secrets, (form) => core.setSecret(form));
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
  const sizes = async () => {
    const { defaultSizesDeps, publishSizes } = await import('./github/sizes.js');
    return (outcome: Parameters<typeof publishSizes>[0]) =>
      publishSizes(outcome, inputs, defaultSizesDeps(reporter, workDir));
  };
  switch (inputs.command) {
    case 'build': {
      const { runBuild } = await import('./commands/build.js');
      const onPublished = await sizes();
      await runBuild(inputs, { exec, reporter, reportDir: workDir, workspace, onPublished });
      return;
    }
    case 'plan': {
      const { runPlanCommand } = await import('./commands/matrix.js');
      await runPlanCommand(inputs, reporter);
      return;
    }
    case 'collect': {
      const { runCollect } = await import('./commands/collect.js');
      const onPublished = await sizes();
      await runCollect(inputs, { exec, reporter, reportDir: workDir, workspace, onPublished });
      return;
    }
    case 'test':
      return runTestStep(inputs, { exec, reporter, workDir, workspace });
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
    case 'preview':
    case 'preview-down': {
      const [{ runPreview, runPreviewDown }, { previewGithub }] = await Promise.all([
        import('./commands/preview.js'),
        import('./github/preview.js'),
      ]);
      const deps = {
        reporter,
        onState: railwayState('preview'),
        ...previewGithub(inputs.githubToken),
      };
      await (inputs.command === 'preview'
        ? runPreview(inputs, deps)
        : runPreviewDown(inputs, deps));
      return;
    }
    case 'backup': {
      const [{ runBackup }, { databaseUrlFromRailway }] = await Promise.all([
        import('./commands/backup.js'),
        import('./backup/railway-url.js'),
      ]);
      await runBackup(inputs, {
        exec,
        reporter,
        workDir,
        mask: (secret) => core.setSecret(secret),
        resolveDatabaseUrl: () => databaseUrlFromRailway(inputs, { debug: reporter.debug }),
        // Saved before the first container: the post phase removes them after a kill.
        onIdentity: (backup) => saveState({ command: 'backup', backup }),
      });
      return;
    }
  }
}

type StepDeps = { exec: ReturnType<typeof createExec>; workDir: string; workspace: string } & {
  reporter: Awaited<ReturnType<typeof actionsReporter>>;
};

async function runTestStep(inputs: Inputs, deps: StepDeps): Promise<void> {
  const { runTest } = await import('./commands/test.js');
  let saved: StackIdentity | undefined;
  try {
    await runTest(inputs, {
      ...deps,
      teardown: 'post',
      // Saved before `up`: a cancelled or crashed main still gets its stack torn down.
      onStack: (stack) => saveState({ command: 'test', stack: (saved = stack) }),
    });
  } finally {
    // Ended on its own, so the post phase need not wait for late containers.
    if (saved) saveState({ command: 'test', stack: { ...saved, settled: true } });
  }
}

/** Every transition is saved: a killed main phase leaves the post phase what to undo. */
function railwayState(command: 'deploy' | 'rollback' | 'preview') {
  return (railway: RunState) => saveState({ command, railway });
}

export async function post(): Promise<void> {
  try {
    const state = loadState();
    if (state && 'railway' in state && state.railway) {
      const inputs = getInputs((name) => core.getInput(name), process.env);
      secretScrubber([inputs.railway.token], (form) => core.setSecret(form));
      const { finishRailway } = await import('./commands/deploy.js');
      await finishRailway(state.railway, inputs, { reporter: await actionsReporter() });
      return;
    }
    if (state?.command === 'backup' && state.backup) {
      const reporter = await actionsReporter();
      const exec = createExec(reporter.debug, reporter.info);
      const { cleanUp } = await import('./commands/backup.js');
      await cleanUp(state.backup, { exec, reporter, settleMs: 1000 });
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
  if (error instanceof Error && error.stack) core.info(neutralise(error.stack));
}
