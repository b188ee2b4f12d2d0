/**
 * Building one image: a pure argument builder for both builders, and a runner that streams the
 * builder's step lines as progress and returns the built image's id.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildSpec } from '../config/model.js';
import { UserError } from '../errors.js';
import { CommandError, lastLines, type Exec } from './exec.js';

export interface BuildRequest {
  /** Keys the classic builder has no flag for are refused earlier (src/build/keys.ts). */
  spec: Partial<BuildSpec> & Pick<BuildSpec, 'context' | 'dockerfile' | 'args'>;
  tag: string;
  /** Labels stamped on the image (revision, source). */
  labels: Record<string, string>;
  noCache?: boolean;
  /** The action's build-args input (wins over the file's). */
  buildArgs?: Record<string, string>;
  platforms?: string[];
  /** Image references (the classic builder takes no other cache). */
  cacheFrom?: string[];
  /** A written-out `dockerfile_inline`, in place of spec.dockerfile. */
  dockerfile?: string;
}

export type Builder = 'buildx' | 'classic';

/** The docker arguments for one build; `iidfile` receives the image id. */
export function buildArgs(builder: Builder, request: BuildRequest, iidfile: string): string[] {
  const { spec } = request;
  // The classic builder leaves the container of a failed step behind unless told not to.
  const args =
    builder === 'buildx'
      ? ['buildx', 'build', '--load', '--progress', 'plain']
      : ['build', '--force-rm'];
  args.push('--iidfile', iidfile, '--tag', request.tag);
  for (const tag of spec.tags ?? []) if (tag !== request.tag) args.push('--tag', tag);
  args.push('--file', request.dockerfile ?? spec.dockerfile);
  if (spec.target) args.push('--target', spec.target);
  if (request.noCache || spec.noCache) args.push('--no-cache');
  if (spec.pull) args.push('--pull');
  if (spec.network) args.push('--network', spec.network);
  if (spec.shmSize !== undefined) args.push('--shm-size', String(spec.shmSize));
  for (const host of spec.extraHosts ?? []) args.push('--add-host', host.replace('=', ':'));
  for (const limit of spec.ulimits ?? []) args.push('--ulimit', limit);
  for (const platform of request.platforms ?? []) args.push('--platform', platform);
  for (const from of request.cacheFrom ?? []) args.push('--cache-from', from);
  const buildArgs = { ...spec.args, ...request.buildArgs };
  for (const [key, value] of Object.entries(buildArgs)) args.push('--build-arg', `${key}=${value}`);
  const labels = { ...spec.labels, ...request.labels };
  for (const [key, value] of Object.entries(labels)) args.push('--label', `${key}=${value}`);
  args.push(spec.context);
  return args;
}

/**
 * A line worth showing while builds run side by side: the classic builder's `Step 3/7 : RUN ..`
 * and BuildKit's `#7 [2/4] RUN ..`; the rest stays in the full log shown on failure.
 */
export function progressLine(line: string): string | undefined {
  const classic = /^Step \d+\/\d+ : .*/.exec(line);
  if (classic) return classic[0];
  const buildkit = /^#\d+ (\[[^\]]+\] .*)$/.exec(line);
  return buildkit ? buildkit[1] : undefined;
}

// The classic builder is the only one on Debian's docker.io; with a newer client and no buildx
// plugin, DOCKER_BUILDKIT=1 would make `docker build` refuse to run.
function builderEnv(builder: Builder): NodeJS.ProcessEnv {
  return builder === 'classic' ? { ...process.env, DOCKER_BUILDKIT: '0' } : process.env;
}

/** A failed build, with the builder's own last lines (both streams, in order). */
export class BuildFailedError extends UserError {
  override name = 'BuildFailedError';
  constructor(
    readonly tag: string,
    readonly log: string,
  ) {
    super(`building ${tag} failed:\n${log}`);
  }
}

// Debian's client warns on every classic build; the warning would crowd out the real error.
const NOISE = [
  /^DEPRECATED: The legacy builder/,
  /^\s+BuildKit is currently disabled/,
  /^\s+environment-variable\.$/,
];

export async function buildImage(
  exec: Exec,
  builder: Builder,
  request: BuildRequest,
  onProgress: (line: string) => void,
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'deploy-action-build-'));
  const iidfile = path.join(dir, 'iid');
  const log: string[] = [];
  try {
    await exec('docker', buildArgs(builder, request, iidfile), {
      env: builderEnv(builder),
      announce: true,
      onLine: (line) => {
        if (!NOISE.some((n) => n.test(line))) log.push(line);
        const progress = progressLine(line);
        if (progress) onProgress(progress);
      },
    });
    return (await readFile(iidfile, 'utf8')).trim();
  } catch (error) {
    if (error instanceof CommandError && error.kind === 'exit') {
      throw new BuildFailedError(request.tag, lastLines(log.join('\n'), BUILD_LOG_TAIL));
    }
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const BUILD_LOG_TAIL = 30;

export async function pushImage(exec: Exec, tag: string): Promise<void> {
  await exec('docker', ['push', tag]);
}
