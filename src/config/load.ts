/**
 * Compose files -> Stack. Reads YAML with merge keys on (users share blocks with `<<: *base`),
 * validates with the schemas, resolves build paths like compose does (relative to the project
 * folder), and orders services so dependencies come first.
 */
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { toBuild } from './build.js';
import { documentProblems } from './checks.js';
import { formatPath } from './describe.js';
import { composeFiles } from './files.js';
import {
  type Dependency,
  type RailwaySettings,
  type Service,
  type Stack,
  DEFAULT_BUDGET,
} from './model.js';
import { parseComposeYaml, readBounded } from './source.js';
import { dependencyOrder } from './order.js';
import { enabledProfiles, fileOf, loadProject, type Project } from './project.js';
import {
  COMPOSE_TOP_LEVEL_KEYS,
  type ComposeFile,
  type ComposeService,
  composeSchema,
  layerSchema,
} from './schema.js';

export interface LoadOptions {
  /** Variables for `${VAR}` in the file (default: this process's environment, then `.env`). */
  env?: NodeJS.ProcessEnv;
  /** The `profiles` input (empty: COMPOSE_PROFILES). */
  profiles?: string[];
  /** The `budget` input: replaces the file's default budget (a service's own budget still wins). */
  budget?: number;
  railwayProject?: string;
  railwayEnvironment?: string;
}

/**
 * `file`: one file, several (a newline separated input or a list), or none for compose's own
 * lookup (see files.ts); merged and filtered by profile as compose does (see project.ts).
 */
export function loadStack(
  file: string | readonly string[],
  options: LoadOptions = {},
  cwd = process.cwd(),
): Stack {
  const env = options.env ?? process.env;
  const refs = composeFiles(file, env, cwd);
  const first = refs[0]!;
  const profiles = enabledProfiles(options.profiles, env);
  const project = loadProject(refs, env, profiles);
  const { dir } = project;
  const compose = validate(first.name, project.data);
  const problems: ConfigProblem[] = [];
  const services = [...compose.services].map(([name, service]) => ({
    ...toService(name, service, compose, { dir, env }, options, problems),
    inferredRequires: project.inferredRequires[name] ?? [],
  }));
  // Reported for the first file that has problems (an override, an included file), all of them.
  if (problems.length > 0) {
    const file = fileOf(project, problems[0]!.path, first.name);
    const own = problems.filter((p) => fileOf(project, p.path, first.name) === file);
    throw new ConfigError(file, own);
  }
  const fileRailway = compose['x-deploy']?.railway;
  return {
    file: first.name,
    path: first.absolute,
    files: refs.map((r) => r.name),
    paths: refs.map((r) => r.absolute),
    profiles,
    dir,
    services: ordered(project, first.name, services),
    railway: {
      project: options.railwayProject ?? fileRailway?.project,
      environment: options.railwayEnvironment ?? fileRailway?.environment,
    },
  };
}

/** Dependencies first; an unknown or cyclic dependency is named in the file that wrote it. */
function ordered(project: Project, file: string, services: Service[]): Service[] {
  try {
    return dependencyOrder(file, services);
  } catch (error) {
    const first = error instanceof ConfigError ? error.problems[0] : undefined;
    if (!first) throw error;
    const named = fileOf(project, first.path, file);
    throw named === file ? error : new ConfigError(named, (error as ConfigError).problems);
  }
}

/** A compose file's text: a regular file only, and bounded in size (source.ts). */
export function readText(file: string, absolute: string): string {
  return readBounded(file, absolute);
}

/** YAML with merge keys, its aliases bounded, duplicate keys refused (source.ts). */
export function parseYaml(file: string, text: string): unknown {
  return parseComposeYaml(file, text);
}

/** `layer`: one file of several, which may have no services (an override, an included file). */
export function validate(file: string, raw: unknown, { layer = false } = {}): ComposeFile {
  const found = documentProblems(raw);
  if (found.length > 0) throw new ConfigError(file, found);
  const schema = layer ? layerSchema : composeSchema;
  const result = schema.safeParse(raw, { reportInput: true });
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
  const services = result.success ? (result.data.services as unknown) : undefined;
  const count = services instanceof Map ? services.size : Object.keys(services ?? {}).length;
  if (!layer && result.success && count === 0) {
    problems.push({
      path: 'services',
      message: 'expected at least one service, got an empty mapping',
    });
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(file, problems);
  return result.data as ComposeFile;
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
  { dir, env }: { dir: string; env: NodeJS.ProcessEnv },
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
    build:
      service.build === undefined
        ? undefined
        : toBuild(service.build, { where, dir, image: service.image, compose, env }, problems),
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

function toDependencies(dependsOn: ComposeService['depends_on']): Dependency[] {
  if (dependsOn === undefined) return [];
  if (Array.isArray(dependsOn))
    return dependsOn.map((service) => ({ service, condition: 'service_started' }));
  return [...dependsOn].map(([service, spec]) => ({
    service,
    condition: spec.condition ?? 'service_started',
  }));
}
