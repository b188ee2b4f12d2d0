/**
 * Compose file -> Stack. Reads YAML with merge keys on (users share blocks with `<<: *base`),
 * validates with the schemas, resolves build paths like compose does (relative to the file),
 * and orders services so dependencies come first.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { describeValue, formatPath } from './describe.js';
import {
  type BuildSpec,
  type Dependency,
  type RailwaySettings,
  type Service,
  type Stack,
  DEFAULT_BUDGET,
} from './model.js';
import { documentProblems } from './checks.js';
import { composeVariables, interpolate } from './interpolate.js';
import { inferRequires, rawEnvironments } from './requires.js';
import { parseComposeYaml, readBounded } from './source.js';
import { dependencyOrder } from './order.js';
import { recordOf } from '../records.js';
import {
  COMPOSE_TOP_LEVEL_KEYS,
  type ComposeFile,
  type ComposeService,
  composeSchema,
} from './schema.js';

export interface LoadOptions {
  /** Variables for `${VAR}` in the file (default: this process's environment, then `.env`). */
  env?: NodeJS.ProcessEnv;
  /** The `budget` input: replaces the file's default budget (a service's own budget still wins). */
  budget?: number;
  railwayProject?: string;
  railwayEnvironment?: string;
}

export function loadStack(file: string, options: LoadOptions = {}, cwd = process.cwd()): Stack {
  const absolute = path.resolve(cwd, file);
  const dir = path.dirname(absolute);
  const text = readBounded(file, absolute);
  const parsed = parseComposeYaml(file, text);
  const raw = withVariables(file, parsed, dir, options.env);
  const compose = validate(file, raw);
  const problems: ConfigProblem[] = [];
  const environments = rawEnvironments(parsed);
  const services = [...compose.services].map(([name, service]) => ({
    ...toService(name, service, compose, dir, options, problems),
    inferredRequires: inferRequires(environments.get(name)),
  }));
  if (problems.length > 0) throw new ConfigError(file, problems);
  const fileRailway = compose['x-deploy']?.railway;
  return {
    file,
    path: absolute,
    dir,
    services: dependencyOrder(file, services),
    railway: {
      project: options.railwayProject ?? fileRailway?.project,
      environment: options.railwayEnvironment ?? fileRailway?.environment,
    },
  };
}

function withVariables(file: string, raw: unknown, dir: string, env = process.env): unknown {
  const problems: ConfigProblem[] = [];
  const result = interpolate(raw, composeVariables(dir, env), problems);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return result;
}

function validate(file: string, raw: unknown): ComposeFile {
  const found = documentProblems(raw);
  if (found.length > 0) throw new ConfigError(file, found);
  const result = composeSchema.safeParse(raw, { reportInput: true });
  const problems: ConfigProblem[] = result.success
    ? []
    : result.error.issues.flatMap((i) => toProblems(i));
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const key of Object.keys(raw)) {
      if (!key.startsWith('x-') && !COMPOSE_TOP_LEVEL_KEYS.includes(key)) {
        problems.push({
          path: key,
          message: `unknown top-level key; expected one of ${COMPOSE_TOP_LEVEL_KEYS.join(', ')} or an x- extension`,
        });
      }
    }
  }
  if (result.success && result.data.services.size === 0) {
    problems.push({
      path: 'services',
      message: 'expected at least one service, got an empty mapping',
    });
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(file, problems);
  return result.data;
}

/**
 * A union (a string or a mapping, say) that failed inside the branch the value did match is
 * reported from inside that branch, so the path names the key that is wrong.
 */
function toProblems(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): ConfigProblem[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const matched = issue.errors.find((branch) => branch.every((inner) => inner.path.length > 0));
    if (matched) return matched.flatMap((inner) => toProblems(inner, path));
  }
  return [{ path: formatPath(path), message: issue.message }];
}

function toService(
  name: string,
  service: ComposeService,
  compose: ComposeFile,
  dir: string,
  options: LoadOptions,
  problems: ConfigProblem[],
): Service {
  const where = `services.${name}`;
  if (service.build === undefined && service.image === undefined) {
    problems.push({ path: where, message: 'expected a build or an image key, got neither' });
  }
  const deploy = service['x-deploy'];
  const fileBudget = compose['x-deploy']?.budget;
  const budgetSource =
    deploy?.budget !== undefined
      ? 'service'
      : options.budget !== undefined
        ? 'input'
        : fileBudget !== undefined
          ? 'file'
          : 'default';
  const migrate = deploy?.migrate;
  return {
    name,
    build: service.build === undefined ? undefined : toBuild(where, service.build, dir, problems),
    image: service.image,
    dependsOn: toDependencies(service.depends_on),
    budget: deploy?.budget ?? options.budget ?? fileBudget ?? DEFAULT_BUDGET,
    budgetSource,
    hasHealthcheck: service.healthcheck !== undefined && service.healthcheck.disable !== true,
    migrate,
    health: deploy?.health,
    railway: deploy?.railway && toRailway(deploy.railway),
  };
}

function toRailway(
  raw: NonNullable<NonNullable<ComposeService['x-deploy']>['railway']>,
): RailwaySettings {
  return {
    service: raw.service,
    healthcheck: raw.healthcheck,
    healthcheckTimeoutMs: raw['healthcheck-timeout'],
    migrate: raw.migrate ?? true,
    deployImage: raw['deploy-image'] ?? false,
    backup: raw.backup ?? false,
    url: raw.url,
    expect:
      raw.expect && Object.fromEntries(Object.entries(raw.expect).map(([k, v]) => [k, String(v)])),
    public: raw.public ?? false,
    requires: raw.requires,
  };
}

function toBuild(
  where: string,
  build: NonNullable<ComposeService['build']>,
  dir: string,
  problems: ConfigProblem[],
): BuildSpec | undefined {
  const spec = typeof build === 'string' ? { context: build } : build;
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
  const kind = fileKind(dockerfile);
  if (kind !== 'file') {
    const given = typeof build === 'string' || spec.dockerfile === undefined;
    const why = kind === 'folder' ? 'it is a folder' : 'it does not exist';
    problems.push({
      path: given ? contextPath : `${where}.build.dockerfile`,
      message: `expected a Dockerfile at ${path.relative(dir, dockerfile) || dockerfile}, but ${why}`,
    });
    return undefined;
  }
  return { context, dockerfile, args: toArgs(spec.args), target: spec.target };
}

function toArgs(args: Map<string, unknown> | string[] | undefined): Record<string, string> {
  if (args === undefined) return recordOf([]);
  const entries = Array.isArray(args)
    ? args.map((a): [string, string] =>
        a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, ''],
      )
    : [...args].map(([k, v]): [string, string] => [k, v === null ? '' : String(v)]);
  return recordOf(entries);
}

function toDependencies(dependsOn: ComposeService['depends_on']): Dependency[] {
  if (dependsOn === undefined) return [];
  if (Array.isArray(dependsOn))
    return dependsOn.map((service) => ({ service, condition: 'service_started' }));
  return [...dependsOn].map(([service, spec]) => ({
    service,
    condition: spec.condition ?? 'service_started',
  }));
}

function fileKind(p: string): 'file' | 'folder' | 'missing' {
  try {
    const stat = statSync(p);
    return stat.isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
