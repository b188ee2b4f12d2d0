/**
 * Building the images of a stack, as a library both `build` and `test` call:
 * `buildImages(targets, options)` -> one result per service, failures included. One strategy
 * per builder: bake (BuildKit, one session) or classic (a pool of `docker build`). What a
 * builder cannot honour is refused before anything builds.
 */
import { UserError } from '../errors.js';
import type { Exec } from '../docker/exec.js';
import { bake } from './bake.js';
import { classic } from './classic.js';
import { refusalMessage, refusals } from './keys.js';
import type { BuildOptions, BuildResult, BuildTarget, Strategy } from './options.js';

export type { BuildOptions, BuildResult, BuildTarget, Strategy } from './options.js';

export class BuildRefusedError extends UserError {
  override name = 'BuildRefusedError';
}

/** `builder: classic` forces the classic builder; otherwise BuildKit when buildx is there. */
export function chooseStrategy(builderInput: string | undefined, buildx: boolean): Strategy {
  if (builderInput === 'classic') return 'classic';
  if (!buildx && builderInput) {
    throw new BuildRefusedError(
      `Input "builder": ${builderInput} is a buildx builder, but docker buildx is not installed.`,
    );
  }
  return buildx ? 'bake' : 'classic';
}

export async function buildImages(
  exec: Exec,
  strategy: Strategy,
  targets: BuildTarget[],
  options: BuildOptions,
): Promise<BuildResult[]> {
  if (targets.length === 0) return [];
  const refused = refusals(strategy, targets, options);
  if (refused.length > 0) throw new BuildRefusedError(refusalMessage(refused));
  return strategy === 'bake' ? bake(exec, targets, options) : classic(exec, targets, options);
}

/** The OCI labels stamped by default (https://github.com/opencontainers/image-spec/blob/main/annotations.md). */
export function ociLabels(sha: string, env: NodeJS.ProcessEnv, now: Date): Record<string, string> {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return {
    ...(env.GITHUB_REPOSITORY
      ? { 'org.opencontainers.image.source': `${server}/${env.GITHUB_REPOSITORY}` }
      : {}),
    'org.opencontainers.image.revision': sha,
    'org.opencontainers.image.created': now.toISOString(),
  };
}
