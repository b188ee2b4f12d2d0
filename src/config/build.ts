/**
 * A service's `build:` section -> BuildSpec, every key of the Compose Build Specification
 * (https://docs.docker.com/compose/compose-file/build/) either read or refused here with the
 * key named. Which builder can honour which key is decided later (src/build/keys.ts).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConfigProblem } from '../errors.js';
import { describeValue } from './describe.js';
import { splitHost, toMapping } from './merge.js';
import type { BuildSecret, BuildSpec } from './model.js';
import type { ComposeFile, ComposeService } from './schema.js';
import { parseSize } from './units.js';

type BuildSection = Exclude<NonNullable<ComposeService['build']>, string>;

/** Keys compose knows that no builder of ours can honour, and why. */
const REFUSED: Record<string, string> = {
  isolation: 'it applies to Windows containers only, and the action builds Linux images',
  privileged: 'it needs a BuildKit entitlement the action does not grant',
  entitlements: 'the action does not grant BuildKit entitlements',
};

const READ = [
  'context',
  'dockerfile',
  'dockerfile_inline',
  'args',
  'target',
  'tags',
  'labels',
  'cache_from',
  'cache_to',
  'platforms',
  'additional_contexts',
  'network',
  'shm_size',
  'extra_hosts',
  'ulimits',
  'no_cache',
  'pull',
  'secrets',
  'ssh',
];

export interface BuildContext {
  where: string;
  /** Folder relative paths are resolved against (the project's). */
  dir: string;
  image?: string;
  compose: ComposeFile;
  env: NodeJS.ProcessEnv;
}

export function toBuild(
  build: NonNullable<ComposeService['build']>,
  at: BuildContext,
  problems: ConfigProblem[],
): BuildSpec | undefined {
  const spec: BuildSection = typeof build === 'string' ? { context: build } : build;
  const { where, dir } = at;
  for (const key of Object.keys(spec)) {
    const why = REFUSED[key] ?? (READ.includes(key) ? undefined : 'it is not a compose build key');
    if (why) problems.push({ path: `${where}.build.${key}`, message: `not supported: ${why}` });
  }
  const context = path.resolve(dir, spec.context ?? '.');
  const contextPath = typeof build === 'string' ? `${where}.build` : `${where}.build.context`;
  if (!isDirectory(context)) {
    problems.push({
      path: contextPath,
      message: `expected an existing folder, got ${describeValue(spec.context ?? '.')}`,
    });
    return undefined;
  }
  const dockerfile = path.resolve(context, spec.dockerfile ?? 'Dockerfile');
  if (spec.dockerfile_inline !== undefined && spec.dockerfile !== undefined) {
    problems.push({
      path: `${where}.build.dockerfile_inline`,
      message: 'expected dockerfile or dockerfile_inline, got both',
    });
  } else if (spec.dockerfile_inline === undefined && !isFile(dockerfile)) {
    const given = typeof build === 'string' || spec.dockerfile === undefined;
    const why = existsSync(dockerfile) ? 'it is a folder' : 'it does not exist';
    problems.push({
      path: given ? contextPath : `${where}.build.dockerfile`,
      message: `expected a Dockerfile at ${path.relative(dir, dockerfile) || dockerfile}, but ${why}`,
    });
    return undefined;
  }
  const shmSize = spec.shm_size === undefined ? undefined : toBytes(spec.shm_size);
  if (spec.shm_size !== undefined && shmSize === undefined) {
    problems.push({
      path: `${where}.build.shm_size`,
      message: `expected a size like 256m, got ${describeValue(spec.shm_size)}`,
    });
  }
  return {
    context,
    dockerfile,
    dockerfileInline: spec.dockerfile_inline,
    args: toArgs(spec.args, at.env),
    target: spec.target,
    tags: unique([...(at.image ? [at.image] : []), ...(spec.tags ?? [])]),
    labels: stringMapping(spec.labels),
    cacheFrom: spec.cache_from ?? [],
    cacheTo: spec.cache_to ?? [],
    platforms: spec.platforms ?? [],
    additionalContexts: contexts(stringMapping(spec.additional_contexts), dir),
    network: spec.network,
    shmSize,
    extraHosts: toHosts(spec.extra_hosts),
    ulimits: toUlimits(spec.ulimits),
    noCache: spec.no_cache ?? false,
    pull: spec.pull ?? false,
    secrets: toSecrets(spec.secrets, at, problems),
    ssh: Array.isArray(spec.ssh)
      ? spec.ssh
      : Object.entries(spec.ssh ?? {}).map(([id, p]) => `${id}=${p}`),
    keys: Object.keys(spec),
  };
}

/** `[NAME]` and `{NAME: null}` take the environment's value, or are left out when unset. */
export function toArgs(args: unknown, env: NodeJS.ProcessEnv): Record<string, string> {
  if (args === undefined) return {};
  const entries = Object.entries(toMapping(args)).flatMap(([key, value]): [string, string][] => {
    if (value !== null && value !== undefined) return [[key, String(value)]];
    const fromEnv = env[key];
    return fromEnv === undefined ? [] : [[key, fromEnv]];
  });
  return Object.fromEntries(entries);
}

function stringMapping(value: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(toMapping(value)).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
}

/** Relative folders resolved like the context; `docker-image://`, `target:`, URLs as they are. */
function contexts(value: Record<string, string>, dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      path.isAbsolute(v) || /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : path.resolve(dir, v),
    ]),
  );
}

function toHosts(value: unknown): string[] {
  const entries = Array.isArray(value)
    ? value.map(String)
    : Object.entries(toMapping(value)).map(([h, ip]) => `${h}=${String(ip)}`);
  return entries.map((e) => splitHost(e).join('='));
}

function toUlimits(value: BuildSection['ulimits']): string[] {
  return Object.entries(value ?? {}).map(([name, limit]) =>
    typeof limit === 'number' ? `${name}=${limit}` : `${name}=${limit.soft}:${limit.hard}`,
  );
}

function toSecrets(
  value: BuildSection['secrets'],
  at: BuildContext,
  problems: ConfigProblem[],
): BuildSecret[] {
  return (value ?? []).flatMap((entry, i): BuildSecret[] => {
    const id = typeof entry === 'string' ? entry : entry.source;
    const top = at.compose.secrets?.[id];
    if (top?.file !== undefined) return [{ id, file: path.resolve(at.dir, top.file) }];
    if (top?.environment !== undefined) return [{ id, env: top.environment }];
    problems.push({
      path: `${at.where}.build.secrets[${i}]`,
      message: `expected a top-level secret ${id} with file or environment, got ${top ? 'neither' : 'none'}`,
    });
    return [];
  });
}

function toBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return value;
  if (/^\d+$/.test(value)) return Number(value);
  // compose's units: b, k, m, g (and kb, mb, gb), powers of 1024.
  const match = /^(\d+(?:\.\d+)?)\s*([kmg])b?$/i.exec(value.trim());
  if (!match) return parseSize(value);
  const power = { k: 1, m: 2, g: 3 }[match[2]!.toLowerCase() as 'k' | 'm' | 'g'];
  return Math.round(Number(match[1]) * 1024 ** power);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
