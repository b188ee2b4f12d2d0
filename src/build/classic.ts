/**
 * The classic builder: one `docker build` per service, several at once. Builds wait on the
 * disk, the network and the engine as much as on the CPU, so the pool is sized by what bench/build
 * measured on this stack shape, not by the number of cores.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BuildFailedError, buildImage } from '../docker/build.js';
import type { Exec } from '../docker/exec.js';
import { settleAll } from '../docker/pool.js';
import { errorMessage } from '../errors.js';
import {
  type BuildOptions,
  type BuildResult,
  type BuildTarget,
  forService,
  namedPlatforms,
} from './options.js';

/**
 * bench/build, 12 cold classic builds on 2 cores, 2026-12-01 (bench/RESULTS.md): 1 at a time
 * 26.2 s, 2: 15.9 s, 4: 11.6 s, 6: 10.0 s (6 was quickest in 3 runs of 4).
 */
export const CLASSIC_POOL = 6;

const imageRef = (cache: string) => cache.replace(/^type=registry,ref=([^,]+).*$/, '$1');

export async function classic(
  exec: Exec,
  targets: BuildTarget[],
  options: BuildOptions,
): Promise<BuildResult[]> {
  const limit = options.concurrency ?? CLASSIC_POOL;
  const settled = await settleAll(targets, limit, (target) => buildOne(exec, target, options));
  return settled.map((result, i): BuildResult => {
    const { service } = targets[i]!;
    const tag = options.tagOf(service);
    if (result.status === 'fulfilled') return result.value;
    const reason: unknown = result.reason;
    const error = reason instanceof BuildFailedError ? reason.log : errorMessage(reason);
    return { service, tag, status: 'failed', error };
  });
}

async function buildOne(exec: Exec, { service, spec }: BuildTarget, options: BuildOptions) {
  const tag = options.tagOf(service);
  const started = Date.now();
  const dir =
    spec.dockerfileInline === undefined
      ? undefined
      : await mkdtemp(path.join(tmpdir(), 'deploy-action-inline-'));
  try {
    const dockerfile = dir ? path.join(dir, 'Dockerfile') : undefined;
    if (dockerfile) await writeFile(dockerfile, spec.dockerfileInline!);
    const id = await buildImage(
      exec,
      'classic',
      {
        spec,
        tag,
        dockerfile,
        labels: options.labels,
        noCache: options.noCache,
        buildArgs: options.buildArgs,
        platforms: namedPlatforms(spec, options.platforms),
        cacheFrom: [...spec.cacheFrom, ...forService(options.cacheFrom, service)].map(imageRef),
      },
      (line) => options.onProgress(service, line),
    );
    return { service, tag, status: 'built' as const, id, ms: Date.now() - started };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
