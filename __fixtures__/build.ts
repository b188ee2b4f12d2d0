/** Running the build command as a test would: the example stack, a recording reporter. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBuild, type BuildInputs } from '../src/commands/build.js';
import { createExec } from '../src/docker/exec.js';
import { uniqueId } from './engine.js';
import { recordingReporter } from './reporter.js';

export const ROOT = path.resolve(import.meta.dirname ?? '.', '..');

export function exampleInputs(overrides: Partial<BuildInputs> = {}): BuildInputs {
  return {
    composeFile: path.join(ROOT, 'examples/sigmasight/docker-compose.yml'),
    services: [],
    budget: undefined,
    imagePrefix: 'deploy-action-it',
    push: false,
    sha: uniqueId('it'),
    ref: undefined,
    ...overrides,
  };
}

/** Builds and returns what happened, the error included, with what the user would have seen. */
export async function build(inputs: BuildInputs) {
  const reporter = recordingReporter();
  const result = await runBuild(inputs, {
    exec: createExec(),
    reporter,
    reportDir: mkdtempSync(path.join(tmpdir(), 'deploy-action-report-')),
    workspace: ROOT,
  }).catch((error: unknown) => error);
  const tag = (service: string) => `${inputs.imagePrefix}/${service}:${inputs.sha}`;
  return { result, reporter, tag };
}
