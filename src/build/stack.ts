/**
 * The build of a stack's services as `build` and `test` both run it: the engine looked at,
 * the strategy chosen, the options made from the inputs, progress reported per service.
 */
import type { Service, Stack } from '../config/model.js';
import { shorten } from '../budget/report.js';
import { defaultBuildxBuilder } from '../docker/api.js';
import { detectEngine } from '../docker/engine.js';
import type { Exec } from '../docker/exec.js';
import type { Inputs } from '../inputs.js';
import type { Reporter } from '../reporter.js';
import {
  buildImages,
  chooseStrategy,
  ociLabels,
  type BuildResult,
  type Strategy,
} from './index.js';

export type StackBuildInputs = Pick<Inputs, 'imagePrefix' | 'sha'> & Partial<Pick<Inputs, 'build'>>;

/** No build input set: BuildKit's defaults, no cache import or export. */
export const DEFAULT_BUILD_INPUTS: Inputs['build'] = {
  cacheFrom: [],
  cacheTo: [],
  platforms: [],
  noCache: false,
  buildArgs: {},
  secrets: {},
};

export interface StackBuildDeps {
  exec: Exec;
  reporter: Reporter;
  /** The CLI's --no-cache (the input's is in inputs.build). */
  noCache?: boolean;
  concurrency?: number;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

/**
 * `org.opencontainers.image.created`: SOURCE_DATE_EPOCH when set, else the commit's own time
 * (from the checkout the step runs in, where the sha comes from), else now. Stable for one
 * commit, so a rebuild of it changes no label and the whole build comes from the cache (a new
 * time each run would make every image new, and classic builds would redo their last step). https://reproducible-builds.org/docs/source-date-epoch/
 */
export async function createdAt(
  exec: Exec,
  sha: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  now: () => Date = () => new Date(),
): Promise<Date> {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  if (env.SOURCE_DATE_EPOCH && Number.isFinite(epoch)) return new Date(epoch * 1000);
  if (!/^[0-9a-f]{7,40}$/.test(sha)) return now();
  try {
    const { stdout } = await exec('git', ['show', '-s', '--format=%cI', sha], { cwd });
    const date = new Date(stdout.trim());
    return Number.isNaN(date.getTime()) ? now() : date;
  } catch {
    return now();
  }
}

export function imageTag(prefix: string, service: string, sha: string): string {
  return `${prefix}/${service}:${sha}`;
}

export async function buildStack(
  stack: Stack,
  services: Service[],
  inputs: StackBuildInputs,
  deps: StackBuildDeps,
): Promise<{ strategy: Strategy; results: BuildResult[] }> {
  const { reporter } = deps;
  const engine = await reporter.group('Docker engine', async () => {
    const found = await detectEngine(deps.exec, { compose: false });
    reporter.info(`Docker ${found.serverVersion}, ${found.buildx ? 'buildx' : 'classic builder'}`);
    return found;
  });
  const build = inputs.build ?? DEFAULT_BUILD_INPUTS;
  const env = deps.env ?? process.env;
  const strategy = chooseStrategy(build.builder, engine.buildx);
  const targets = services.map((s) => ({ service: s.name, spec: s.build! }));
  const results = await buildImages(deps.exec, strategy, targets, {
    composeFiles: stack.paths,
    projectDir: stack.dir,
    tagOf: (service) => imageTag(inputs.imagePrefix, service, inputs.sha),
    labels: ociLabels(
      inputs.sha,
      env,
      await createdAt(deps.exec, inputs.sha, process.cwd(), env, deps.now),
    ),
    noCache: build.noCache || deps.noCache === true,
    cacheFrom: build.cacheFrom,
    cacheTo: build.cacheTo,
    platforms: build.platforms,
    builderName: build.builder === 'classic' ? undefined : build.builder,
    // The daemon's platform is the builder's only on buildx's default builder (./api.ts).
    nativePlatform:
      strategy === 'bake' && engine.platform && !build.builder && defaultBuildxBuilder(env)
        ? engine.platform
        : undefined,
    provenance: build.provenance,
    sbom: build.sbom,
    buildArgs: build.buildArgs,
    secrets: build.secrets,
    concurrency: deps.concurrency,
    onProgress: (service, line) => reporter.info(`[${service}] ${shorten(line, 100)}`),
  });
  return { strategy, results };
}
