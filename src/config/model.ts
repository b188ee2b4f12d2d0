/** The typed stack the rest of the action works on, made from the user's compose file. */

export interface Stack {
  /** The (first) compose file as the user named it (used in every message). */
  file: string;
  /** Absolute path of the (first) compose file. */
  path: string;
  /** Every compose file of the project, in merge order (as named, and absolute). */
  files: string[];
  paths: string[];
  /** The profiles enabled (input or COMPOSE_PROFILES): compose runs with them too. */
  profiles: string[];
  /** Folder of the compose file: build contexts are relative to it, like compose does. */
  dir: string;
  /** Every service of the file, dependencies first. */
  services: Service[];
  railway: RailwayTarget;
}

export interface Service {
  name: string;
  /** Present when the service is built from source; absent for `image:`-only services. */
  build?: BuildSpec;
  image?: string;
  dependsOn: Dependency[];
  /** Budget in bytes. */
  budget: number;
  /** Where the budget came from, for messages ("x-deploy.budget of backend"). */
  budgetSource: 'default' | 'file' | 'service' | 'input';
  /** The service's own compose healthcheck, if it has one that is not disabled. */
  hasHealthcheck: boolean;
  /** As written: a string is a shell command line, a list is exec form (like compose's). */
  migrate?: CommandLine;
  health?: string;
  railway?: RailwaySettings;
  /** `environment:` keys whose value is a bare `${VAR}` (no default): needed from outside. */
  inferredRequires?: string[];
}

/** `x-deploy.railway` of a service. */
export interface RailwaySettings {
  /** A Railway service name or id. */
  service: string;
  /** Railway's healthcheck path; default: the path of `x-deploy.health`. */
  healthcheck?: string;
  healthcheckTimeoutMs?: number;
  /** false: `x-deploy.migrate` is not Railway's pre-deploy command (the image migrates). */
  migrate: boolean;
  /** true: an image-only service is deployed with its compose image (when it differs). */
  deployImage: boolean;
  /** Back its volumes up before a migrating deploy. */
  backup: boolean;
  /** Public URL for the post-deploy check (default: its Railway domain). */
  url?: string;
  /** JSON fields the health answer must have. */
  expect?: Record<string, string>;
  /** Make a Railway domain for it in previews. */
  public: boolean;
  /** Variables that must be set on Railway; absent: inferred from `environment:`. */
  requires?: string[];
}

export interface BuildSpec {
  /** Absolute build context. */
  context: string;
  /** Absolute Dockerfile path. */
  dockerfile: string;
  /** `dockerfile_inline`: the Dockerfile's text (then `dockerfile` is only a name for it). */
  dockerfileInline?: string;
  args: Record<string, string>;
  target?: string;
  /** More tags than the action's own: `image:` beside `build:`, then `build.tags`. */
  tags: string[];
  labels: Record<string, string>;
  cacheFrom: string[];
  cacheTo: string[];
  platforms: string[];
  /** Name -> absolute folder, or a `docker-image://`, `target:` or URL source. */
  additionalContexts: Record<string, string>;
  network?: string;
  /** Bytes. */
  shmSize?: number;
  /** `host=ip`. */
  extraHosts: string[];
  /** `nofile=1024:2048`, as `docker build --ulimit` takes it. */
  ulimits: string[];
  noCache: boolean;
  pull: boolean;
  /** BuildKit secrets: the id the Dockerfile mounts and where its value comes from. */
  secrets: BuildSecret[];
  /** `default` or `id=path`, as `docker buildx build --ssh` takes it. */
  ssh: string[];
  /** Keys the file set that one builder or both cannot honour (refused before building). */
  keys: string[];
}

export interface BuildSecret {
  id: string;
  file?: string;
  env?: string;
}

export type DependencyCondition =
  'service_started' | 'service_healthy' | 'service_completed_successfully';

export interface Dependency {
  service: string;
  condition: DependencyCondition;
}

export interface RailwayTarget {
  project?: string;
  environment?: string;
}

export const DEFAULT_BUDGET = 500_000_000;

export type CommandLine = string | string[];

/** A command as a person reads it in a log line. */
export function commandText(command: CommandLine): string {
  return typeof command === 'string' ? command : command.join(' ');
}
