/**
 * Every action input, read and validated in one place into a typed object. The reader is
 * passed in (core.getInput under the runner, flags in the CLI), so tests need no module mocks.
 * Secrets are kept here and nowhere else; never log this object.
 */
import { parseDuration, parseSize, DURATION_EXPECTED, SIZE_EXPECTED } from './config/units.js';
import { InputError } from './errors.js';

export const COMMANDS = ['build', 'test', 'deploy', 'rollback'] as const;
export type Command = (typeof COMMANDS)[number];
export const COMMENT_MODES = ['auto', 'always', 'never'] as const;
export const TOKEN_TYPES = ['auto', 'project', 'account'] as const;

export interface Inputs {
  command: Command;
  /** Newline separated; empty: compose's own lookup (compose.yaml, ..., COMPOSE_FILE). */
  composeFile: string;
  /** Empty: COMPOSE_PROFILES, else only the services without profiles. */
  profiles: string[];
  build: BuildInputs;
  /** Empty: every service. */
  services: string[];
  budget?: number;
  imagePrefix: string;
  push: boolean;
  githubToken: string;
  comment: (typeof COMMENT_MODES)[number];
  /** Growth over the base branch (0.05 = 5%) above which the comment lists an image's layers. */
  growthThreshold: number;
  railway: {
    token: string;
    tokenType: (typeof TOKEN_TYPES)[number];
    apiUrl: string;
    project?: string;
    environment?: string;
  };
  deployTimeoutMs: number;
  healthTimeoutMs: number;
  /** The `images` output of an earlier build step: service -> what it built. */
  images?: Record<string, ImageEntry>;
  rollbackTo?: string;
  dryRun: boolean;
  keepStack: boolean;
  /** The commit being built: tags images and deploys. */
  sha: string;
  ref?: string;
}

/** The build inputs as docker/build-push-action names them. */
export interface BuildInputs {
  /** A buildx builder name, or `classic` for the classic builder; empty: the current one. */
  builder?: string;
  cacheFrom: string[];
  cacheTo: string[];
  platforms: string[];
  provenance?: string;
  sbom?: string;
  noCache: boolean;
  buildArgs: Record<string, string>;
  /** Secret values: never logged. */
  secrets: Record<string, string>;
}

export type ReadInput = (name: string) => string;

/** One service of a build step's `images` output, as test and deploy need it. */
export interface ImageEntry {
  image: string;
  /** `repo@sha256:...` when the build pushed it. */
  digest?: string;
  status?: 'ok' | 'over-budget' | 'build-failed';
}

const IMAGE_STATUSES = ['ok', 'over-budget', 'build-failed'];

export const DEFAULTS = {
  composeFile: '',
  railwayApiUrl: 'https://backboard.railway.com/graphql/v2',
  deployTimeout: '15m',
  healthTimeout: '3m',
};

export function getInputs(read: ReadInput, env: NodeJS.ProcessEnv): Inputs {
  const text = (name: string) => read(name).trim();
  const optional = (name: string) => text(name) || undefined;
  return {
    command: choice('command', text('command'), COMMANDS, true),
    composeFile: text('compose-file') || DEFAULTS.composeFile,
    profiles: list(text('profiles')),
    build: {
      builder: optional('builder'),
      cacheFrom: lines(text('cache-from')),
      cacheTo: lines(text('cache-to')),
      platforms: list(text('platforms')),
      provenance: optional('provenance'),
      sbom: optional('sbom'),
      noCache: bool('no-cache', text('no-cache')),
      buildArgs: pairs('build-args', text('build-args')),
      secrets: pairs('secrets', read('secrets')),
    },
    services: list(text('services')),
    budget: optionalSize('budget', text('budget')),
    imagePrefix: imagePrefix(text('image-prefix'), env),
    push: bool('push', text('push')),
    githubToken: text('github-token'),
    comment: choice('comment', text('comment') || 'auto', COMMENT_MODES),
    growthThreshold: percent('comment-growth-threshold', text('comment-growth-threshold') || '5%'),
    railway: {
      token: text('railway-token'),
      tokenType: choice('railway-token-type', text('railway-token-type') || 'auto', TOKEN_TYPES),
      apiUrl: url('railway-api-url', text('railway-api-url') || DEFAULTS.railwayApiUrl),
      project: optional('railway-project'),
      environment: optional('railway-environment'),
    },
    deployTimeoutMs: duration('deploy-timeout', text('deploy-timeout') || DEFAULTS.deployTimeout),
    healthTimeoutMs: duration('health-timeout', text('health-timeout') || DEFAULTS.healthTimeout),
    images: parseImages(text('images')),
    rollbackTo: optional('rollback-to'),
    dryRun: bool('dry-run', text('dry-run')),
    keepStack: bool('keep-stack', text('keep-stack')),
    sha: env.GITHUB_SHA || 'latest',
    ref: env.GITHUB_REF || undefined,
  };
}

function choice<T extends string>(
  name: string,
  value: string,
  allowed: readonly T[],
  required = false,
): T {
  if (allowed.includes(value as T)) return value as T;
  const got = value ? `got "${value}"` : required ? 'got nothing (it is required)' : 'got nothing';
  throw new InputError(name, `expected one of ${allowed.join(', ')}; ${got}`);
}

// The YAML 1.2 core booleans, as core.getBooleanInput accepts them; empty means false.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE', ''];

function bool(name: string, value: string): boolean {
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(name, `expected true or false, got "${value}"`);
}

export function list(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** One value a line (a cache spec has commas of its own). */
function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `KEY=value` lines; the message never repeats a value (secrets). */
function pairs(name: string, value: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of lines(value)) {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new InputError(name, 'expected KEY=value lines, got a line without KEY=');
    result[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return result;
}

function optionalSize(name: string, value: string): number | undefined {
  if (!value) return undefined;
  const bytes = parseSize(value);
  if (bytes === undefined) throw new InputError(name, `expected ${SIZE_EXPECTED}, got "${value}"`);
  return bytes;
}

function percent(name: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(value);
  if (!match) throw new InputError(name, `expected a percentage like 5%, got "${value}"`);
  return Number(match[1]) / 100;
}

function duration(name: string, value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InputError(name, `expected ${DURATION_EXPECTED}, got "${value}"`);
  return ms;
}

function url(name: string, value: string): string {
  if (/^https?:\/\/[^\s/]+/.test(value)) return value;
  throw new InputError(name, `expected an http:// or https:// URL, got "${value}"`);
}

/** The `images` input (a build step's `images` output) as typed entries; empty: undefined. */
export function parseImages(value: string): Record<string, ImageEntry> | undefined {
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InputError(
      'images',
      'expected the JSON `images` output of a build step, got text that is not JSON',
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(
      'images',
      'expected a JSON object of service -> image, like the `images` output of a build step',
    );
  }
  return Object.fromEntries(
    Object.entries(parsed).map(([service, entry]) => [service, imageEntry(service, entry)]),
  );
}

function imageEntry(service: string, entry: unknown): ImageEntry {
  const { image, digest, status } = (entry ?? {}) as Record<string, unknown>;
  const wrong = (what: string) =>
    new InputError(
      'images',
      `expected ${what} for "${service}", like the images output of a build step`,
    );
  if (typeof image !== 'string' || image === '') throw wrong('an image');
  if (digest !== undefined && digest !== null && typeof digest !== 'string')
    throw wrong('a digest string');
  if (status !== undefined && !IMAGE_STATUSES.includes(status as string)) {
    throw wrong(`a status of ${IMAGE_STATUSES.join(', ')}`);
  }
  return {
    image,
    digest: digest || undefined,
    status: status as ImageEntry['status'],
  };
}

/** `ghcr.io/<owner>/<repo>` on GitHub (lower-cased: registries refuse capitals), else `local`. */
function imagePrefix(value: string, env: NodeJS.ProcessEnv): string {
  const prefix = value || (env.GITHUB_REPOSITORY ? `ghcr.io/${env.GITHUB_REPOSITORY}` : 'local');
  const normalised = prefix.toLowerCase().replace(/\/+$/, '');
  if (!/^[a-z0-9]+([._:-][a-z0-9]+)*(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*$/.test(normalised)) {
    throw new InputError(
      'image-prefix',
      `expected an image repository prefix like ghcr.io/owner/repo, got "${prefix}"`,
    );
  }
  return normalised;
}
