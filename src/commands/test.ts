/**
 * `command: test`: the built images run together as a compose stack under a project name of
 * their own: migrations, readiness, health URLs. Fails late: the `stack` output and the summary
 * are written first. The stack's identity is handed out (the action state) before anything
 * starts, so the post phase can tear down even a stack whose main phase was killed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadStack } from '../config/load.js';
import type { Service, Stack } from '../config/model.js';
import { selectServices } from '../config/order.js';
import { detectEngine, type ComposeChoice, type ComposeFlavour } from '../docker/engine.js';
import type { Exec } from '../docker/exec.js';
import { UserError, errorMessage } from '../errors.js';
import type { Inputs } from '../inputs.js';
import type { Reporter } from '../reporter.js';
import { compose, type ComposeProject } from '../stack/compose.js';
import { isLoopback } from '../stack/http.js';
import { exercise } from '../stack/lifecycle.js';
import { showFailures } from '../stack/logs.js';
import { composeVersion, writeOverride } from '../stack/override.js';
import { projectName, withDependencies } from '../stack/plan.js';
import {
  type ServiceReport,
  serviceReports,
  stackOutput,
  summaryMarkdown,
} from '../stack/report.js';
import { removalCommands, tearDown } from '../stack/teardown.js';
import {
  chooseImages,
  isLocal,
  pullIfMissing,
  unavailableError,
  type ImageChoice,
} from '../stack/images.js';
import { nestedReporter } from '../stack/nested.js';
import { buildStack, imageTag } from '../build/stack.js';
import { ImagesRejectedError } from './build.js';

export type TestInputs = Pick<
  Inputs,
  | 'composeFile'
  | 'services'
  | 'budget'
  | 'imagePrefix'
  | 'sha'
  | 'ref'
  | 'images'
  | 'healthTimeoutMs'
  | 'keepStack'
> &
  Partial<Pick<Inputs, 'stableMs' | 'compose' | 'profiles' | 'build'>>;

export interface TestDeps {
  exec: Exec;
  reporter: Reporter;
  /** Temp folder for the override and any size report (RUNNER_TEMP under the runner). */
  workDir: string;
  /** Root for annotation paths of a build made on the way (GITHUB_WORKSPACE). */
  workspace: string;
  /** `now`: tear down when done unless keep-stack (terminal, tests); `post`: the post phase. */
  teardown: 'now' | 'post';
  /** Called before `up` with what the post phase needs to tear the stack down. */
  onStack?: (stack: StackIdentity) => void;
  /** Refuse health URLs that are not this machine (the tests' guarantee). */
  loopbackOnly?: boolean;
  /** Overrides the stable-time input (tests). */
  stableMs?: number;
  random?: () => number;
  now?: () => number;
  /** The teardown's pause before it looks again for late containers. */
  sleep?: (ms: number) => Promise<void>;
}

/** Saved in the action state: never a secret, only where the stack is. */
export interface StackIdentity extends ComposeProject {
  keepStack: boolean;
  /** The main phase ended on its own: no `compose up` of its can still be running. */
  settled?: boolean;
}

export interface TestOutcome {
  project: ComposeProject;
  reports: ServiceReport[];
}

export { tearDown };

export class StackTestFailedError extends UserError {
  override name = 'StackTestFailedError';
}

export async function runTest(inputs: TestInputs, deps: TestDeps): Promise<TestOutcome> {
  const { reporter, exec } = deps;
  const stack = loadStack(inputs.composeFile, { budget: inputs.budget, profiles: inputs.profiles });
  const selected = selectServices(stack.file, stack.services, inputs.services);
  const services = withDependencies(stack.services, selected);
  if (deps.loopbackOnly) refuseRemoteUrls(services);
  const flavour = await composeFlavour(exec, reporter, inputs.compose);
  const images = await reporter.group('Images', () => resolveImages(stack, services, inputs, deps));
  const name = projectName(inputs.sha, deps.random);
  const override = await writeOverride(path.join(deps.workDir, 'stacks'), {
    project: name,
    images,
    version: composeVersion(readFileSync(stack.path, 'utf8')),
  });
  const project = {
    flavour,
    name,
    files: [...stack.paths, override],
    cwd: stack.dir,
    profiles: stack.profiles,
  };
  deps.onStack?.({ keepStack: inputs.keepStack, ...project });
  reporter.info(
    `compose project ${name} (${flavour === 'v2' ? 'docker compose' : 'docker-compose'})`,
  );
  try {
    // The health-timeout starts with the stack, not with a build of missing images.
    const deadline = (deps.now ?? Date.now)() + inputs.healthTimeoutMs;
    const life = await exercise(compose(exec, project), stack.services, services, {
      exec,
      reporter,
      deadline,
      stableMs: deps.stableMs ?? inputs.stableMs,
      now: deps.now,
    });
    const reports = serviceReports(services, life);
    reporter.setOutput('stack', JSON.stringify(stackOutput(reports)));
    await reporter.summary(summaryMarkdown(name, reports));
    if (life.failures.length > 0) {
      await showFailures(reporter, exec, life.failures);
      throw new StackTestFailedError(failureMessage(life.failures));
    }
    reporter.info(`every service of ${name} is healthy`);
    return { project, reports };
  } finally {
    if (deps.teardown === 'now' && !inputs.keepStack) await tearDownOrWarn(project, deps);
    else if (inputs.keepStack) reporter.info(`keep-stack: ${name} is left running`);
  }
}

/** A teardown that fails must not replace the test's own verdict (thrown from the try). */
async function tearDownOrWarn(project: ComposeProject, deps: TestDeps): Promise<void> {
  try {
    await tearDown(project, deps);
  } catch (error) {
    deps.reporter.warn(
      `Tearing down ${project.name} failed: ${errorMessage(error)}\n` +
        `Remove what is left with:\n${removalCommands(project.name).join('\n')}`,
    );
  }
}

/**
 * Service -> image: the build step's, pulled if need be; a deterministic tag (no images input)
 * that is missing is built now. An image the input names is never replaced by a rebuild.
 */
async function resolveImages(
  stack: Stack,
  services: Service[],
  inputs: TestInputs,
  deps: TestDeps,
): Promise<Record<string, string>> {
  const tagOf = (service: string) => imageTag(inputs.imagePrefix, service, inputs.sha);
  const choices = chooseImages(services, inputs.images, tagOf);
  const missing: string[] = [];
  const unavailable: (ImageChoice & { reason: string })[] = [];
  for (const choice of choices) {
    if (choice.source === 'tag') {
      if (!(await isLocal(deps.exec, choice.image))) missing.push(choice.service);
      continue;
    }
    const pulled = await pullIfMissing(deps.exec, choice.image);
    if (pulled.ok) continue;
    deps.reporter.warn(`Could not pull ${choice.image}: ${pulled.reason}`);
    unavailable.push({ ...choice, reason: pulled.reason });
  }
  if (unavailable.length > 0) throw unavailableError(unavailable);
  if (missing.length > 0) {
    deps.reporter.info(`no image yet for ${missing.join(', ')}: building it first`);
    await buildMissing(missing, stack, inputs, deps);
  }
  choices.forEach((c) => deps.reporter.info(`${c.service}: ${c.image}`));
  return Object.fromEntries(choices.map((c) => [c.service, c.image]));
}

/** The library build (not the build command: no outputs, no budget verdict of its own). */
async function buildMissing(
  names: string[],
  stack: Stack,
  inputs: TestInputs,
  deps: TestDeps,
): Promise<void> {
  const services = stack.services.filter((s) => names.includes(s.name) && s.build);
  // Not the test step's groups (we are inside the "Images" group).
  const reporter = nestedReporter(deps.reporter, 'build');
  const { results } = await buildStack(stack, services, inputs, { exec: deps.exec, reporter });
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length > 0) {
    const lines = failed.map((r) => `${r.service}: the build failed:\n${r.error}`);
    throw new ImagesRejectedError(lines.join('\n'));
  }
}

function failureMessage(failures: { service: string; reason: string }[]): string {
  // Services failing for one reason (a compose up that named no one) are one clause.
  const byReason = new Map<string, string[]>();
  for (const f of failures) byReason.set(f.reason, [...(byReason.get(f.reason) ?? []), f.service]);
  const lines = [...byReason].map(([reason, names]) => `${names.join(', ')} ${reason}`);
  return `The stack test failed: ${lines.join('; ')}. Its logs are in the groups above.`;
}

function refuseRemoteUrls(services: Service[]): void {
  for (const service of services) {
    if (service.health && !isLoopback(service.health)) {
      throw new UserError(`${service.name}: health URL ${service.health} is not on this machine`);
    }
  }
}

async function composeFlavour(
  exec: Exec,
  reporter: Reporter,
  choice: ComposeChoice = 'auto',
): Promise<ComposeFlavour> {
  const detect = () => detectEngine(exec, { compose: choice, buildx: false });
  const engine = await reporter.group('Docker engine', detect);
  if (!engine.compose) {
    const wanted = {
      auto: 'docker compose (v2 plugin) or docker-compose (v1)',
      v2: 'docker compose (v2 plugin), as the compose input says',
      v1: 'docker-compose (v1), as the compose input says',
    }[choice];
    throw new UserError(`command: test needs ${wanted}: install it and run again.`);
  }
  reporter.info(`Docker ${engine.serverVersion}, compose ${engine.compose}`);
  return engine.compose;
}

/** The post phase: tears down the stack the main phase saved, unless keep-stack. */
export async function tearDownAfterTest(
  saved: Partial<StackIdentity>,
  deps: Pick<TestDeps, 'exec' | 'reporter' | 'sleep'>,
): Promise<void> {
  // Checked field by field: the state comes back through the runner's environment.
  const { name, flavour, files, cwd, keepStack, settled, profiles } = saved;
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/.test(name)) {
    deps.reporter.debug('post: the main phase started no stack');
    return;
  }
  if (keepStack) {
    deps.reporter.info(`keep-stack: leaving compose project ${name} running`);
    return;
  }
  const project: ComposeProject = {
    name,
    flavour: flavour === 'v2' ? 'v2' : 'v1',
    files: Array.isArray(files) ? files.map(String) : [],
    cwd: typeof cwd === 'string' ? cwd : process.cwd(),
    profiles: Array.isArray(profiles) ? profiles.map(String) : [],
  };
  // A main phase that was killed may have left a `compose up` running: watch for late ones.
  await tearDown(project, { ...deps, expectLate: settled !== true });
}
