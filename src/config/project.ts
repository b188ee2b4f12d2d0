/**
 * The compose project the action reads: the files (see files.ts) read as layers, merged in
 * order, and the services of the active profiles kept. Profiles as compose has them: a service
 * without `profiles` is always on; one with profiles is on when one of them is enabled (the
 * `profiles` input, else COMPOSE_PROFILES; `*` enables all). A service that is on but depends
 * on one that is off is refused, as `docker compose config` refuses it.
 */
import path from 'node:path';
import { ConfigError } from '../errors.js';
import type { ComposeFileRef } from './files.js';
import { composeVariables } from './interpolate.js';
import { readLayer } from './layers.js';
import { mergeCompose } from './merge.js';
import { inferRequires } from './requires.js';

type Data = Record<string, unknown>;
const isMapping = (v: unknown): v is Data => !!v && typeof v === 'object' && !Array.isArray(v);

export interface Project {
  /** The merged file, still plain data (load.ts validates it). */
  data: Data;
  /** Service -> key -> the file that last set it ('' -> the file that defined the service). */
  origin: Record<string, Record<string, string>>;
  /** Folder of the first file: relative paths and `.env` are resolved against it. */
  dir: string;
  /** Service -> the variables its `environment:` takes from outside (see requires.ts). */
  inferredRequires: Record<string, string[]>;
}

export function enabledProfiles(given: readonly string[] | undefined, env: NodeJS.ProcessEnv) {
  if (given && given.length > 0) return [...given];
  return (env.COMPOSE_PROFILES ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

export function loadProject(
  files: readonly ComposeFileRef[],
  env: NodeJS.ProcessEnv,
  profiles: readonly string[],
): Project {
  const dir = path.dirname(files[0]!.absolute);
  const variables = composeVariables(dir, env);
  let data: Data = {};
  const origin: Record<string, Record<string, string>> = {};
  const inferredRequires: Record<string, string[]> = {};
  for (const ref of files) {
    const layer = readLayer(ref.name, ref.absolute, dir, variables);
    // The last file that writes a service's environment decides (merging keeps its keys).
    for (const [name, environment] of Object.entries(layer.environments ?? {})) {
      if (environment !== undefined) inferredRequires[name] = inferRequires(environment);
    }
    data = mergeCompose(data, layer.data) as Data;
    for (const [name, service] of Object.entries((layer.data.services as Data) ?? {})) {
      const file = layer.origin[name] ?? ref.name;
      const keys = (origin[name] ??= { '': file });
      for (const key of isMapping(service) ? Object.keys(service) : []) keys[key] = file;
    }
  }
  if (isMapping(data.services)) data.services = activeServices(data.services, origin, profiles);
  return { data, origin, dir, inferredRequires };
}

const profilesOf = (service: unknown): string[] =>
  isMapping(service) && Array.isArray(service.profiles) ? service.profiles.map(String) : [];

/** The file a problem at `services.<name>.<key>...` is in. */
export function fileOf(project: Project, problemPath: string, fallback: string): string {
  const [, name, key] = /^services\.([^.[]+)(?:\.([^.[]+))?/.exec(problemPath) ?? [];
  const keys = name === undefined ? undefined : project.origin[name];
  return keys?.[key ?? ''] ?? keys?.[''] ?? fallback;
}

function activeServices(services: Data, origin: Project['origin'], enabled: readonly string[]) {
  const on = (service: unknown) => {
    const own = profilesOf(service);
    return own.length === 0 || enabled.includes('*') || own.some((p) => enabled.includes(p));
  };
  const active = Object.fromEntries(Object.entries(services).filter(([, s]) => on(s)));
  for (const [name, service] of Object.entries(active)) {
    const deps = isMapping(service) ? service.depends_on : undefined;
    const names = Array.isArray(deps) ? deps.map(String) : isMapping(deps) ? Object.keys(deps) : [];
    const off = names.find((d) => d in services && !(d in active));
    if (off) {
      throw new ConfigError(origin[name]?.depends_on ?? origin[name]?.[''] ?? '', [
        {
          path: `services.${name}.depends_on`,
          message:
            `expected ${off} to be enabled, but it is only in profile ` +
            `${profilesOf(services[off]).join(', ')}: add one to the profiles input (or COMPOSE_PROFILES)`,
        },
      ]);
    }
  }
  return active;
}
