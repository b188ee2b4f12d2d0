/**
 * Which compose build keys and action inputs each builder honours; the rest is refused before
 * anything builds, with the key and the reason. The classic builder (`docker build` without
 * BuildKit) has no secrets, ssh, extra contexts, cache export or multi-platform; buildx bake
 * 0.13 reads no `extra_hosts` from compose and has no target attribute for it.
 * Sources: `docker build --help` (docker 20.10), buildx 0.13 `bake/compose.go`.
 */
import type { BuildOptions, BuildTarget, Strategy } from './options.js';

export interface Refusal {
  service?: string;
  key: string;
  why: string;
}

const needsBuildKit = 'it needs BuildKit (docker buildx), and this build uses the classic builder';

export function refusals(strategy: Strategy, targets: BuildTarget[], options: BuildOptions) {
  const found: Refusal[] = [];
  const refuse = (key: string, why: string, service?: string) => found.push({ service, key, why });
  for (const { service, spec } of targets) {
    const has = (key: string) => spec.keys.includes(key);
    if (strategy === 'bake') {
      if (spec.extraHosts.length > 0)
        refuse(
          'build.extra_hosts',
          'docker buildx bake 0.13 does not pass it to BuildKit',
          service,
        );
      continue;
    }
    for (const key of ['secrets', 'ssh', 'additional_contexts', 'cache_to']) {
      if (has(key)) refuse(`build.${key}`, needsBuildKit, service);
    }
    if (spec.platforms.length > 1)
      refuse('build.platforms', `several platforms: ${needsBuildKit}`, service);
    if (spec.cacheFrom.some((c) => c.includes('=') && !c.startsWith('type=registry,')))
      refuse('build.cache_from', `a cache other than an image: ${needsBuildKit}`, service);
  }
  if (strategy === 'classic') {
    const inputs: [string, boolean][] = [
      ['cache-to', options.cacheTo.length > 0],
      ['provenance', options.provenance !== undefined],
      ['sbom', options.sbom !== undefined],
      ['secrets', Object.keys(options.secrets).length > 0],
      ['platforms', options.platforms.length > 1],
    ];
    for (const [input, set] of inputs) if (set) refuse(`input ${input}`, needsBuildKit);
  }
  return found;
}

export function refusalMessage(refused: Refusal[]): string {
  return refused
    .map((r) => `${r.service ? `${r.service}: ` : ''}${r.key} is not supported: ${r.why}`)
    .join('\n');
}
