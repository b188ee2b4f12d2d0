/**
 * `command: build`: every service with a `build:` section built in parallel, measured, held to
 * its budget, pushed when all pass. Fails late: outputs, report and summary are written first.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildFailed, evaluate, type ImageVerdict } from '../budget/evaluate.js';
import { markdownTable, overBudgetMessage, sizeReport, type SizeReport } from '../budget/report.js';
import { loadStack } from '../config/load.js';
import type { Service, Stack } from '../config/model.js';
import { selectServices } from '../config/order.js';
import { formatBytes, formatDuration } from '../config/units.js';
import { buildStack, imageTag, type StackBuildDeps } from '../build/stack.js';
import { DEFAULT_PLATFORM, namedPlatforms, type Strategy } from '../build/options.js';
import { pushImage } from '../docker/build.js';
import { lineOfInstruction } from '../docker/dockerfile.js';
import { CommandError } from '../docker/exec.js';
import {
  digestFor,
  imageHistory,
  inspectImage,
  inspectImages,
  type ImageInfo,
} from '../docker/images.js';
import { UserError, errorMessage } from '../errors.js';
import { formatImages } from '../images.js';
import type { Inputs } from '../inputs.js';

export interface BuildDeps extends StackBuildDeps {
  /** Where the JSON size report goes (RUNNER_TEMP under the runner). */
  reportDir: string;
  /** Root for annotation paths (GITHUB_WORKSPACE under the runner). */
  workspace: string;
  /** Called once outputs and summary are written, before the step fails (the PR comment). */
  onPublished?: (outcome: BuildOutcome) => Promise<void>;
}

export type BuildInputs = Pick<
  Inputs,
  'composeFile' | 'services' | 'budget' | 'imagePrefix' | 'push' | 'sha' | 'ref'
> &
  Partial<Pick<Inputs, 'profiles' | 'build'>>;

export interface BuildOutcome {
  stack: Stack;
  verdicts: ImageVerdict[];
  report: SizeReport;
  reportPath: string;
  overBudget: boolean;
}

/** An image over its budget or a build that failed: the step fails with this, after outputs. */
export class ImagesRejectedError extends UserError {
  override name = 'ImagesRejectedError';
}

export { imageTag };

export async function runBuild(inputs: BuildInputs, deps: BuildDeps): Promise<BuildOutcome> {
  const { reporter } = deps;
  const stack = loadStack(inputs.composeFile, { budget: inputs.budget, profiles: inputs.profiles });
  const services = selectServices(stack.file, stack.services, inputs.services).filter(
    (s) => s.build,
  );
  if (services.length === 0)
    reporter.warn(`No service of ${stack.file} has a build section: nothing to build.`);
  const verdicts = await reporter.group(`Build ${services.length} image(s)`, () =>
    buildAll(stack, services, inputs, deps),
  );
  const failed = verdicts.filter((v) => v.status !== 'ok');
  // A failed push still fails late: the sizes are published first, then the step fails.
  const pushError =
    inputs.push && failed.length === 0 && verdicts.length > 0
      ? await reporter.group('Push', () => pushAll(verdicts, deps)).catch((e: unknown) => e)
      : undefined;
  const outcome = await publish(stack, verdicts, inputs, deps);
  if (failed.length > 0) throw failure(stack, services, failed, deps);
  if (pushError) throw pushFailure(pushError);
  return outcome;
}

function pushFailure(error: unknown): ImagesRejectedError {
  const tag = error instanceof CommandError ? error.command.at(-1) : undefined;
  const reason = error instanceof CommandError ? error.tail : errorMessage(error);
  return new ImagesRejectedError(
    `Pushing ${tag ?? 'the images'} failed: ${reason}\n` +
      'Log in to the registry first (docker/login-action in a workflow, docker login locally) ' +
      'and check that the image-prefix names a repository you may push to.',
  );
}

async function buildAll(
  stack: Stack,
  services: Service[],
  inputs: BuildInputs,
  deps: BuildDeps,
): Promise<ImageVerdict[]> {
  const started = Date.now();
  const { strategy, results } = await buildStack(stack, services, inputs, deps);
  const tool = strategy === 'bake' ? 'docker buildx bake' : 'docker build';
  deps.reporter.info(`${tool}: ${formatDuration(Date.now() - started)}`);
  const built = results.filter((r) => r.status === 'built').map((r) => r.tag);
  const infos = new Map(
    (await inspectImages(deps.exec, built)).map((info, i) => [built[i]!, info]),
  );
  return Promise.all(
    results.map(async (result) => {
      const service = services.find((s) => s.name === result.service)!;
      if (result.status === 'failed') {
        return buildFailed(service.name, result.tag, service.budget, result.error);
      }
      // The id the builder gave (bake's --metadata-file, the classic --iidfile) is what we hold.
      const info = infos.get(result.tag)!;
      const wrong = wrongPlatform(strategy, service, inputs, info);
      if (wrong) return buildFailed(service.name, result.tag, service.budget, wrong);
      return measure(service, result.tag, { ...info, id: result.id || info.id }, deps);
    }),
  );
}

/**
 * An image for another platform than the one asked for, or, on BuildKit, than linux/amd64
 * (what Railway runs): the builder's own platform is used when it is that one (see
 * BuildOptions.nativePlatform), and this holds that to account. The classic builder builds
 * for the engine's platform unless one is named.
 */
function wrongPlatform(
  strategy: Strategy,
  service: Service,
  inputs: BuildInputs,
  info: ImageInfo,
): string | undefined {
  const named = namedPlatforms(service.build!, inputs.build?.platforms ?? []);
  if (named.length > 1 || !info.platform) return undefined;
  const wanted = named[0] ?? (strategy === 'bake' ? DEFAULT_PLATFORM : undefined);
  if (!wanted || info.platform === wanted || info.platform.startsWith(`${wanted}/`))
    return undefined;
  return (
    `the builder made a ${info.platform} image, not ${wanted}` +
    `${named.length === 0 ? ' (the default: what Railway runs)' : ''}. ` +
    'Name the platform in the platforms input or build.platforms, or build with a builder for it.'
  );
}

/** Size and layers from the engine, by tag (bake's metadata id is the same image). */
async function measure(
  service: Service,
  tag: string,
  info: ImageInfo,
  deps: BuildDeps,
): Promise<ImageVerdict> {
  const layers = await imageHistory(deps.exec, tag);
  deps.reporter.info(
    `[${service.name}] ${formatBytes(info.size)} (budget ${formatBytes(service.budget)})`,
  );
  return evaluate(
    { service: service.name, image: tag, id: info.id, size: info.size, layers },
    service.budget,
  );
}

async function pushAll(verdicts: ImageVerdict[], deps: BuildDeps): Promise<void> {
  for (const verdict of verdicts) {
    deps.reporter.info(`pushing ${verdict.image}`);
    await pushImage(deps.exec, verdict.image);
    const info = await inspectImage(deps.exec, verdict.image);
    verdict.digest = digestFor(verdict.image, info.repoDigests);
    deps.reporter.info(`pushed ${verdict.digest ?? verdict.image}`);
  }
}

export async function publish(
  stack: Stack,
  verdicts: ImageVerdict[],
  inputs: BuildInputs,
  deps: BuildDeps,
) {
  const report = sizeReport(verdicts, inputs.sha, inputs.ref, (deps.now ?? (() => new Date()))());
  await mkdir(deps.reportDir, { recursive: true });
  const reportPath = path.join(deps.reportDir, 'size-report.json');
  await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const overBudget = verdicts.some((v) => v.status === 'over-budget');
  deps.reporter.setOutput('images', formatImages(verdicts));
  deps.reporter.setOutput('over-budget', String(overBudget));
  deps.reporter.setOutput('report', reportPath);
  if (verdicts.length > 0)
    await deps.reporter.summary(`## Image sizes\n\n${markdownTable(verdicts)}\n`);
  const outcome = { stack, verdicts, report, reportPath, overBudget };
  await deps.onPublished?.(outcome).catch((error: unknown) => {
    deps.reporter.warn(`Publishing the image sizes failed: ${errorMessage(error)}`);
  });
  return outcome;
}

/** Annotates each failing Dockerfile and returns the one error the step fails with. */
function failure(
  stack: Stack,
  services: Service[],
  failed: ImageVerdict[],
  deps: BuildDeps,
): ImagesRejectedError {
  const messages = failed.map((verdict) => {
    const service = services.find((s) => s.name === verdict.service)!;
    const build = service.build!;
    // An inline Dockerfile is in the compose file: annotate that file, find lines in the text.
    const file = path.relative(
      deps.workspace,
      build.dockerfileInline === undefined ? build.dockerfile : stack.path,
    );
    if (verdict.status === 'build-failed') {
      const message = `${verdict.service}: the build failed:\n${verdict.error}`;
      deps.reporter.error(message, { file, title: `${verdict.service}: build failed` });
      return message;
    }
    const dockerfile = build.dockerfileInline ?? readDockerfile(build.dockerfile);
    const lineOf = (instruction: string) => lineOfInstruction(dockerfile, instruction);
    const message = overBudgetMessage(verdict, lineOf);
    const top = verdict.topLayers[0];
    const line = top && build.dockerfileInline === undefined ? lineOf(top.instruction) : undefined;
    deps.reporter.error(message, {
      file,
      line,
      title: `${verdict.service} is over its size budget`,
    });
    return message;
  });
  return new ImagesRejectedError(messages.join('\n'));
}

function readDockerfile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
