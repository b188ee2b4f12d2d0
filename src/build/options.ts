/** What a build of several services is asked for: the action inputs a builder reads. */
import type { BuildSpec } from '../config/model.js';

export type Strategy = 'bake' | 'classic';

export interface BuildOptions {
  /** The project's compose files (bake's definition) and folder (where bake runs). */
  composeFiles: string[];
  projectDir: string;
  /** The action's tag for a service (`prefix/service:sha`). */
  tagOf: (service: string) => string;
  /** Stamped on every image (OCI source, revision, created). */
  labels: Record<string, string>;
  noCache: boolean;
  /** `{service}` in a value stands for the service's name. */
  cacheFrom: string[];
  cacheTo: string[];
  /** Empty: linux/amd64 on BuildKit, the engine's own on the classic builder. */
  platforms: string[];
  /**
   * The builder's own platform, when it is known for sure: the daemon's, with buildx on its
   * default builder (the daemon's BuildKit). A default platform equal to it is left to
   * BuildKit rather than named: the same image, and less work for bake (measured 2026-12-01,
   * 10 alternating pairs of warm bakes of bench/build's 12-service stack: 1.08x bake alone with
   * the platform named, 1.02x without). The build command checks every image's platform after.
   */
  nativePlatform?: string;
  /** `docker buildx --builder`; undefined: the current one. */
  builderName?: string;
  provenance?: string;
  sbom?: string;
  /** Every service's build args (the input wins over the file, as `--build-arg` does). */
  buildArgs: Record<string, string>;
  /** `id=value`: BuildKit secrets (files written for the build, removed after). */
  secrets: Record<string, string>;
  /** Classic builder: builds at once. */
  concurrency?: number;
  onProgress: (service: string, line: string) => void;
}

export interface BuildTarget {
  service: string;
  spec: BuildSpec;
}

export type BuildResult =
  | { service: string; tag: string; status: 'built'; id: string; ms: number }
  | { service: string; tag: string; status: 'failed'; error: string };

export const DEFAULT_PLATFORM = 'linux/amd64';

/** The platforms named for a service: its own `build.platforms`, else the input's (maybe none). */
export function namedPlatforms(spec: Pick<BuildSpec, 'platforms'>, input: readonly string[]) {
  return spec.platforms.length > 0 ? spec.platforms : [...input];
}

/** `type=gha,scope={service}` -> `type=gha,scope=backend`. */
export function forService(values: readonly string[], service: string): string[] {
  return values.map((v) => v.replaceAll('{service}', service));
}
