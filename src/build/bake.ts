/**
 * BuildKit: every selected service in one `docker buildx bake` (one BuildKit session, shared
 * base layers solved once). The compose files are bake's definition; a generated JSON file
 * after them sets what bake 0.13 does not read from compose (the image: tag, platforms, pull,
 * no_cache) and what the action adds (its tag, labels, cache, secrets), as absolute paths:
 * bake resolves compose contexts against its working folder, so it also runs in the project's.
 * Ids come from `--metadata-file`. Sources: https://docs.docker.com/build/bake/compose-file/,
 * buildx 0.13 `bake/bake.go` (file merge order, `--metadata-file` keys).
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lastLines, type Exec, CommandError } from '../docker/exec.js';
import {
  type BuildOptions,
  type BuildResult,
  type BuildTarget,
  DEFAULT_PLATFORM,
  forService,
  namedPlatforms,
} from './options.js';

type BakeTarget = Record<string, unknown>;

/** The JSON definition laid over the compose files; `secretFiles`: id -> file. */
export function bakeDefinition(
  targets: BuildTarget[],
  options: BuildOptions,
  secretFiles: Record<string, string>,
): { target: Record<string, BakeTarget> } {
  const entries = targets.map(({ service, spec }): [string, BakeTarget] => {
    const named = namedPlatforms(spec, options.platforms);
    // The default platform is named, unless the builder builds for it anyway.
    const leftToBuilder = named.length === 0 && options.nativePlatform === DEFAULT_PLATFORM;
    const target: BakeTarget = {
      context: spec.context,
      args: { ...spec.args, ...options.buildArgs },
      tags: [...new Set([options.tagOf(service), ...spec.tags])],
      labels: { ...spec.labels, ...options.labels },
      ...(leftToBuilder ? {} : { platforms: named.length > 0 ? named : [DEFAULT_PLATFORM] }),
      'cache-from': [...spec.cacheFrom, ...forService(options.cacheFrom, service)],
      'cache-to': [...spec.cacheTo, ...forService(options.cacheTo, service)],
      output: ['type=docker'],
      secret: [
        ...spec.secrets.map((s) =>
          s.file ? `id=${s.id},src=${s.file}` : `id=${s.id},env=${s.env}`,
        ),
        ...Object.entries(secretFiles).map(([id, file]) => `id=${id},src=${file}`),
      ],
    };
    if (spec.dockerfileInline !== undefined) target['dockerfile-inline'] = spec.dockerfileInline;
    else target.dockerfile = spec.dockerfile;
    if (spec.target) target.target = spec.target;
    if (spec.noCache || options.noCache) target['no-cache'] = true;
    if (spec.pull) target.pull = true;
    if (Object.keys(spec.additionalContexts).length > 0) target.contexts = spec.additionalContexts;
    if (spec.ssh.length > 0) target.ssh = spec.ssh;
    return [service, target];
  });
  return { target: Object.fromEntries(entries) };
}

export function bakeArgs(
  options: BuildOptions,
  definition: string,
  metadata: string,
  services: string[],
) {
  const args = ['buildx', 'bake', '--progress', 'plain', '--metadata-file', metadata];
  if (options.builderName) args.push('--builder', options.builderName);
  for (const file of options.composeFiles) args.push('--file', file);
  args.push('--file', definition);
  if (options.provenance !== undefined) args.push(`--provenance=${options.provenance}`);
  if (options.sbom !== undefined) args.push(`--sbom=${options.sbom}`);
  return [...args, ...services];
}

/** `#7 [backend 2/4] RUN ..`, `#3 [backend internal] load ..` -> the service and the step. */
export function bakeProgress(line: string): { service: string; step: string } | undefined {
  const match = /^#\d+ \[([^\s\]]+)(?: ([^\]]+))?\] (.*)$/.exec(line);
  if (!match || (match[1] === 'internal' && !match[2])) return undefined;
  const [, service, where, what] = match;
  return { service: service!, step: where ? `[${where}] ${what}` : what! };
}

/** Services a failed bake names in its error (` > [backend 3/4] RUN ..`, `target backend:`). */
export function failedServices(log: string, services: string[]): string[] {
  const named = services.filter((s) =>
    new RegExp(`(^ > \\[${s}[ \\]]|target ${s}:)`, 'm').test(log),
  );
  return named.length > 0 ? named : services;
}

export async function bake(
  exec: Exec,
  targets: BuildTarget[],
  options: BuildOptions,
): Promise<BuildResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'deploy-action-bake-'));
  const services = targets.map((t) => t.service);
  const log: string[] = [];
  const started = Date.now();
  try {
    const secretFiles = await writeSecrets(dir, options.secrets);
    const definition = path.join(dir, 'deploy-action.json');
    const metadata = path.join(dir, 'metadata.json');
    await writeFile(definition, JSON.stringify(bakeDefinition(targets, options, secretFiles)));
    try {
      await exec('docker', bakeArgs(options, definition, metadata, services), {
        cwd: options.projectDir,
        onLine: (line) => {
          log.push(line);
          const progress = bakeProgress(line);
          if (progress && services.includes(progress.service))
            options.onProgress(progress.service, progress.step);
        },
      });
    } catch (error) {
      if (!(error instanceof CommandError) || error.exitCode === null) throw error;
      return failedResults(targets, options, log.join('\n'));
    }
    const ms = Date.now() - started;
    const meta = JSON.parse(await readFile(metadata, 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    return services.map((service) => {
      const entry = meta[service] ?? {};
      const id = entry['containerimage.config.digest'] ?? entry['containerimage.digest'] ?? '';
      return { service, tag: options.tagOf(service), status: 'built', id, ms };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A service's own steps of the shared log, then BuildKit's error block. */
export function serviceLog(log: string, service: string): string {
  const mine = new Set<string>();
  const lines = log.split('\n');
  const errorAt = lines.findIndex((l) => l.startsWith('------'));
  const kept = (errorAt === -1 ? lines : lines.slice(0, errorAt)).filter((line) => {
    const vertex = /^#(\d+) /.exec(line)?.[1];
    if (vertex && bakeProgress(line)?.service === service) mine.add(vertex);
    return vertex !== undefined && mine.has(vertex);
  });
  return [...kept, ...(errorAt === -1 ? [] : lines.slice(errorAt))].join('\n');
}

function failedResults(targets: BuildTarget[], options: BuildOptions, log: string): BuildResult[] {
  const services = targets.map((t) => t.service);
  const failed = failedServices(log, services);
  const tail = (service: string) => lastLines(serviceLog(log, service), 30);
  return services.map((service) => ({
    service,
    tag: options.tagOf(service),
    status: 'failed',
    error: failed.includes(service)
      ? tail(service)
      : `not built: the one BuildKit session of all services stopped when ${failed.join(', ')} failed`,
  }));
}

/** The `secrets` input as files only this user can read, for `id=..,src=..`. */
async function writeSecrets(dir: string, secrets: Record<string, string>) {
  const files: Record<string, string> = {};
  for (const [id, value] of Object.entries(secrets)) {
    const file = path.join(dir, `secret-${Object.keys(files).length}`);
    await writeFile(file, value, { mode: 0o600 });
    await chmod(file, 0o600);
    files[id] = file;
  }
  return files;
}
