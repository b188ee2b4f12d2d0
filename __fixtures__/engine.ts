/** Helpers for tests that drive the real Docker engine. */
import { execFileSync } from 'node:child_process';

export function docker(...args: string[]): string {
  // A large buffer: `docker buildx du --verbose` on a well-used cache is megabytes.
  return execFileSync('docker', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 2 ** 20,
  });
}

/** Fails the suite with the way out, rather than skipping: these tests must run in CI. */
export function requireEngine(): void {
  try {
    docker('version', '--format', '{{.Server.Version}}');
  } catch {
    throw new Error(
      'These tests need a running Docker engine: run `bash scripts/setup-docker.sh`.',
    );
  }
}

export function imageSize(ref: string): number {
  return Number(docker('image', 'inspect', '--format', '{{.Size}}', ref).trim());
}

/** Removes tags made by a test; the layers stay cached for the next run. */
export function untag(...refs: string[]): void {
  for (const ref of refs) {
    try {
      docker('rmi', '--no-prune', ref);
    } catch {
      // already gone
    }
  }
}

export function uniqueId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const REGISTRY = '127.0.0.1:5000';

/** The local registry (Debian's docker-registry) that `setup-docker.sh` starts for tests. */
export async function requireRegistry(): Promise<void> {
  const answer = await fetch(`http://${REGISTRY}/v2/`).catch(() => undefined);
  if (answer?.status !== 200) {
    throw new Error(
      `These tests need the local registry on ${REGISTRY}: run DEPLOY_ACTION_REGISTRY=1 bash scripts/setup-docker.sh.`,
    );
  }
}

/** The digest the registry itself holds for a tag. */
export async function registryDigest(repository: string, tag: string): Promise<string | null> {
  const answer = await fetch(`http://${REGISTRY}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  });
  return answer.headers.get('docker-content-digest');
}
