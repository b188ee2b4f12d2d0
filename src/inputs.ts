/**
 * Every action input, read and validated in one place into a typed object. The reader is
 * passed in (core.getInput under the runner, flags in the CLI), so tests need no module mocks.
 * Secrets are kept here and nowhere else; never log this object.
 */
import {
  DURATION_EXPECTED,
  MAX_DURATION_MS,
  SIZE_EXPECTED,
  durationMs,
  parseSize,
} from './config/units.js';
import { InputError } from './errors.js';
import { parseImages, type ImageEntry } from './images.js';

// The images contract lives in images.ts; these names stay importable from here.
export { parseImages, type ImageEntry };

export const COMMANDS = [
  'build',
  'test',
  'deploy',
  'rollback',
  'backup',
  'preview',
  'preview-down',
  'plan',
  'collect',
] as const;
export type Command = (typeof COMMANDS)[number];
export const COMMENT_MODES = ['auto', 'always', 'never'] as const;
export const TOKEN_TYPES = ['auto', 'project', 'account'] as const;
export const BACKUP_MODES = ['auto', 'always', 'off'] as const;
export const COMPOSE_CHOICES = ['auto', 'v2', 'v1'] as const;

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
  /** How long new Railway deployments must stay up after the last wave (0: not watched). */
  stableForMs: number;
  /** Railway volume backups before a migrating deploy. */
  backup: (typeof BACKUP_MODES)[number];
  backupTimeoutMs: number;
  /** Post-deploy checks of the public URLs: how long they may take to pass. */
  verifyTimeoutMs: number;
  /** `command: rollback`: restore this Railway volume backup first. */
  restoreBackup?: string;
  /** The workflow run, for backup names (GITHUB_RUN_ID; a timestamp from a terminal). */
  runId: string;
  /** `preview`: the preview environment's name (default pr-<number>) and what it copies. */
  previewName?: string;
  previewFrom: string;
  /** `preview-down`: delete every pr-<n> preview whose pull request is closed. */
  sweep: boolean;
  /** test: how long a service without a healthcheck must run with no restart. */
  stableMs: number;
  /** test: which compose runs the stack. */
  compose: (typeof COMPOSE_CHOICES)[number];
  /** The `images` output of an earlier build step: service -> what it built. */
  images?: Record<string, ImageEntry>;
  rollbackTo?: string;
  dryRun: boolean;
  keepStack: boolean;
  /** `backup`: the database to dump; empty: Railway's DATABASE_PUBLIC_URL. A secret. */
  databaseUrl?: string;
  /** `backup`: restore the dump into a throwaway database and compare row counts. */
  verifyRestore: boolean;
  restoreTimeoutMs: number;
  /** `plan`: at most this many built services per build leg of the `matrix` output. */
  maxServicesPerJob: number;
  /** `collect`: the folder holding the build legs' size reports (downloaded artifacts). */
  reports?: string;
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

export const DEFAULTS = {
  composeFile: '',
  railwayApiUrl: 'https://backboard.railway.com/graphql/v2',
  deployTimeout: '15m',
  healthTimeout: '3m',
  stableFor: '30s',
  backupTimeout: '10m',
  verifyTimeout: '2m',
  restoreTimeout: '15m',
  stableTime: '1s',
};

/**
 * The shortest durations taken. A Railway deployment takes a minute at the very least, and a
 * shorter deploy-timeout would send writes to production only to fail them; a health check
 * needs a few probes.
 */
export const MINIMUMS = {
  deployTimeout: { ms: 60_000, text: '1m' },
  healthTimeout: { ms: 5_000, text: '5s' },
  // 0s turns stable-for off; anything shorter than a poll would watch nothing.
  stableFor: { ms: 2_000, text: '2s' },
  backupTimeout: { ms: 10_000, text: '10s' },
  verifyTimeout: { ms: 1_000, text: '1s' },
  stableTime: { ms: 0, text: '0s' },
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
    deployTimeoutMs: duration(
      'deploy-timeout',
      text('deploy-timeout') || DEFAULTS.deployTimeout,
      MINIMUMS.deployTimeout,
    ),
    healthTimeoutMs: duration(
      'health-timeout',
      text('health-timeout') || DEFAULTS.healthTimeout,
      MINIMUMS.healthTimeout,
    ),
    stableForMs: durationOrZero('stable-for', text('stable-for') || DEFAULTS.stableFor),
    backup: choice('backup', text('backup') || 'auto', BACKUP_MODES),
    backupTimeoutMs: duration(
      'backup-timeout',
      text('backup-timeout') || DEFAULTS.backupTimeout,
      MINIMUMS.backupTimeout,
    ),
    restoreBackup: optional('restore-backup'),
    verifyTimeoutMs: duration(
      'verify-timeout',
      text('verify-timeout') || DEFAULTS.verifyTimeout,
      MINIMUMS.verifyTimeout,
    ),
    previewName: optional('preview-name'),
    previewFrom: text('preview-from') || 'staging',
    sweep: bool('sweep', text('sweep')),
    runId: env.GITHUB_RUN_ID || `local${Date.now().toString(36)}`,
    stableMs: duration(
      'stable-time',
      text('stable-time') || DEFAULTS.stableTime,
      MINIMUMS.stableTime,
    ),
    compose: choice('compose', text('compose') || 'auto', COMPOSE_CHOICES),
    images: parseImages(text('images')),
    rollbackTo: optional('rollback-to'),
    dryRun: bool('dry-run', text('dry-run')),
    keepStack: bool('keep-stack', text('keep-stack')),
    databaseUrl: optional('database-url'),
    verifyRestore: bool('verify-restore', text('verify-restore')),
    restoreTimeoutMs: duration(
      'restore-timeout',
      text('restore-timeout') || DEFAULTS.restoreTimeout,
      MINIMUMS.backupTimeout,
    ),
    maxServicesPerJob: positive('max-services-per-job', text('max-services-per-job') || '10'),
    reports: optional('reports'),
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

function positive(name: string, value: string): number {
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  throw new InputError(name, `expected a whole number of at least 1, got "${value}"`);
}

function duration(name: string, value: string, min: { ms: number; text: string }): number {
  const ms = durationMs(value);
  if (ms === undefined || ms > MAX_DURATION_MS) {
    throw new InputError(name, `expected ${DURATION_EXPECTED}, got "${value}"`);
  }
  if (ms < min.ms) {
    throw new InputError(name, `expected a duration of at least ${min.text}, got "${value}"`);
  }
  return ms;
}

/** A duration where `0s` (or `0`) turns the feature off. */
function durationOrZero(name: string, value: string): number {
  return /^0+[a-z]*$/.test(value) ? 0 : duration(name, value, MINIMUMS.stableFor);
}

function url(name: string, value: string): string {
  let parsed: URL | undefined;
  try {
    parsed = /^https?:\/\/[^\s/]+/.test(value) ? new URL(value) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed?.username || parsed?.password) {
    // Not echoed: the credentials are the point. The token goes in railway-token.
    throw new InputError(
      name,
      'expected a URL without credentials (user:password@), got one with them; put the token in railway-token',
    );
  }
  if (parsed && /^[\x21-\x7e]+$/.test(value)) return value;
  throw new InputError(name, `expected an http:// or https:// URL, got ${JSON.stringify(value)}`);
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
