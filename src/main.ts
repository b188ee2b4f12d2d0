/**
 * The action's two phases. `run` reads the inputs, runs one command and turns the error policy
 * into the step's result; `post` cleans up after it (nothing yet for build).
 */
import * as core from '@actions/core';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { databaseUrlFromRailway } from './backup/railway-url.js';
import { cleanUp as cleanUpBackup, runBackup } from './commands/backup.js';
import { runBuild } from './commands/build.js';
import { runCollect } from './commands/collect.js';
import { runPlanCommand } from './commands/matrix.js';
import { finishRailway, runDeploy } from './commands/deploy.js';
import { runPreview, runPreviewDown } from './commands/preview.js';
import { runRollback } from './commands/rollback.js';
import { runTest, tearDownAfterTest } from './commands/test.js';
import { createExec } from './docker/exec.js';
import { UserError, errorMessage } from './errors.js';
import { actionsReporter } from './github/reporter.js';
import { previewGithub } from './github/preview.js';
import { defaultSizesDeps, publishSizes } from './github/sizes.js';
import { loadState, markMainStarted, saveState } from './github/state.js';
import { getInputs, type Inputs } from './inputs.js';
import { secretScrubber } from './secrets.js';
import { neutralise } from './untrusted.js';
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
  const reporter = actionsReporter();
  const exec = createExec((message) => core.debug(message));
  const workDir = path.join(process.env.RUNNER_TEMP || tmpdir(), 'deploy-action');
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  switch (inputs.command) {
    case 'build': {
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
    case 'plan':
      await runPlanCommand(inputs, reporter);
      return;
    case 'collect':
      await runCollect(inputs, {
        exec,
        reporter,
        reportDir: workDir,
        workspace,
        onPublished: (outcome) =>
          publishSizes(outcome, inputs, defaultSizesDeps(reporter, workDir)),
      });
      return;
    case 'test':
      await runTest(inputs, {
        exec,
        reporter,
        workDir,
        workspace,
        teardown: 'post',
        // Saved before `up`: a cancelled or crashed main still gets its stack torn down.
        onStack: (stack) => saveState({ command: 'test', stack }),
      });
      return;
    case 'deploy':
    case 'rollback': {
      // Every transition is saved: a killed main phase leaves the post phase what to undo.
      const onState = (railway: RunState) => saveState({ command: inputs.command, railway });
      const deps = { reporter, onState };
      await (inputs.command === 'deploy' ? runDeploy(inputs, deps) : runRollback(inputs, deps));
      return;
    }
    case 'preview':
    case 'preview-down': {
      const onState = (railway: RunState) => saveState({ command: 'preview', railway });
      const deps = { reporter, onState, ...previewGithub(inputs.githubToken) };
      await (inputs.command === 'preview'
        ? runPreview(inputs, deps)
        : runPreviewDown(inputs, deps));
      return;
    }
    case 'backup':
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

export async function post(): Promise<void> {
  try {
    const state = loadState();
    const railwayRun = ['deploy', 'rollback', 'preview'].includes(state?.command ?? '');
    if (railwayRun && state && 'railway' in state && state.railway) {
      const inputs = getInputs((name) => core.getInput(name), process.env);
      secretScrubber([inputs.railway.token], (form) => core.setSecret(form));
      await finishRailway(state.railway, inputs, { reporter: actionsReporter() });
      return;
    }
    if (state?.command === 'backup' && state.backup) {
      const exec = createExec((message) => core.debug(message));
      await cleanUpBackup(state.backup, { exec, reporter: actionsReporter(), settleMs: 1000 });
      return;
    }
    if (state?.command === 'test' && state.stack) {
      const exec = createExec((message) => core.debug(message));
      await tearDownAfterTest(state.stack, { exec, reporter: actionsReporter() });
      return;
    }
    core.debug(
      `post: ${state ? `after ${state.command}` : 'no state from main'}: nothing to clean up`,
    );
  } catch (error) {
    fail(error);
  }
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
