/**
 * One compose file read into plain data the way compose reads it before merging: variables
 * substituted, checked, its `include`d files brought in and its `extends` resolved, and the
 * paths the action reads made absolute (against the project folder for the files given,
 * against their own folder for included and extended files, as compose-go's loader does:
 * `loader/include.go`, `loader/extends.go`, `paths/resolve.go`). Every problem names the file
 * it is in.
 */
import path from 'node:path';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { describeValue } from './describe.js';
import { composeVariables, interpolate, type Variables } from './interpolate.js';
import { parseYaml, readText, validate } from './load.js';
import { mergeCompose, toMapping } from './merge.js';
import { rawEnvironments } from './requires.js';

type Data = Record<string, unknown>;
const isMapping = (v: unknown): v is Data => !!v && typeof v === 'object' && !Array.isArray(v);

export interface Layer {
  /** The file as named in messages. */
  file: string;
  data: Data;
  /** Service name -> the file its definition came from (an included file, say). */
  origin: Record<string, string>;
  /** Service name -> its `environment:` as written in this file, before interpolation. */
  environments?: Record<string, unknown>;
}

interface Reading {
  variables: Variables;
  /** Paths made absolute (an included or extended file): the given files keep theirs. */
  rebase: boolean;
  /** Files being read, to refuse an include or extends cycle. */
  chain: string[];
}

export function readLayer(file: string, absolute: string, baseDir: string, vars: Variables): Layer {
  return read(file, absolute, baseDir, { variables: vars, chain: [], rebase: false });
}

function read(file: string, absolute: string, baseDir: string, reading: Reading): Layer {
  if (reading.chain.includes(absolute)) {
    throw new ConfigError(file, [
      { path: '', message: `expected no cycle of include/extends, but ${file} includes itself` },
    ]);
  }
  const rebase = reading.rebase;
  const inner = { ...reading, chain: [...reading.chain, absolute], rebase: true };
  const problems: ConfigProblem[] = [];
  const parsed = parseYaml(file, readText(file, absolute));
  const raw = interpolate(parsed, reading.variables, problems);
  if (problems.length > 0) throw new ConfigError(file, problems);
  validate(file, raw, { layer: true });
  // `environment:` as written, before ${VAR} is filled in: what a service needs from outside.
  const environments = Object.fromEntries(rawEnvironments(parsed));
  const data = { ...(raw as Data) };
  const services = isMapping(data.services) ? { ...data.services } : {};
  const origin: Record<string, string> = Object.fromEntries(
    Object.keys(services).map((s) => [s, file]),
  );
  for (const [name, service] of Object.entries(services)) {
    services[name] = resolveExtends(file, absolute, name, service, { ...inner, rebase }, []);
    if (rebase) absolutise(services[name], baseDir);
  }
  if (data.services !== undefined) data.services = services;
  if (rebase) absolutiseSecrets(data, baseDir);
  const included = includes(file, absolute, data.include, inner);
  delete data.include;
  for (const layer of included) addIncluded(file, data, origin, layer);
  return { file, data, origin, environments };
}

/** `include:` entries: a path, or `{path: a path or a list, project_directory, env_file}`. */
function includes(file: string, absolute: string, include: unknown, reading: Reading): Layer[] {
  if (include === undefined) return [];
  const entries = Array.isArray(include) ? include : [include];
  const dir = path.dirname(absolute);
  return entries.flatMap((entry, i) => {
    const where = `include[${i}]`;
    const spec: Data = typeof entry === 'string' ? { path: entry } : isMapping(entry) ? entry : {};
    const unknown = Object.keys(spec).filter((k) => !['path', 'project_directory'].includes(k));
    if (unknown.length > 0 || spec.path === undefined) {
      const why = unknown.includes('env_file')
        ? 'env_file is not supported: put the variables in the environment or a .env beside it'
        : `expected a path or a mapping with path and project_directory, got ${describeValue(entry)}`;
      throw new ConfigError(file, [{ path: where, message: why }]);
    }
    const paths = (Array.isArray(spec.path) ? spec.path : [spec.path]).map(String);
    const first = path.resolve(dir, paths[0]!);
    const projectDir =
      typeof spec.project_directory === 'string'
        ? path.resolve(dir, spec.project_directory)
        : path.dirname(first);
    // An included file is its own project: its own folder, its own .env.
    const variables = composeVariables(projectDir, envOnly(reading.variables));
    const layers = paths.map((p) => {
      const abs = path.resolve(dir, p);
      return read(path.join(path.dirname(file), p), abs, projectDir, {
        ...reading,
        variables,
      });
    });
    return [
      layers.reduce((a, b) => ({
        ...b,
        data: mergeCompose(a.data, b.data) as Data,
        origin: { ...a.origin, ...b.origin },
      })),
    ];
  });
}

function envOnly(variables: Variables): NodeJS.ProcessEnv {
  return { ...process.env, ...variables };
}

function addIncluded(file: string, data: Data, origin: Record<string, string>, layer: Layer) {
  const services = (data.services ?? {}) as Data;
  data.services = services;
  for (const [name, service] of Object.entries((layer.data.services as Data) ?? {})) {
    if (name in services) {
      throw new ConfigError(file, [
        {
          path: `services.${name}`,
          message: `expected a service name of its own, but ${layer.file} (included) defines ${name} too`,
        },
      ]);
    }
    services[name] = service;
    origin[name] = layer.origin[name] ?? layer.file;
  }
  for (const key of ['secrets', 'volumes', 'networks', 'configs']) {
    if (isMapping(layer.data[key]))
      data[key] = { ...(layer.data[key] as Data), ...(isMapping(data[key]) ? data[key] : {}) };
  }
}

/** `extends: base` or `extends: {service, file}`: the base service merged under this one. */
function resolveExtends(
  file: string,
  absolute: string,
  name: string,
  service: unknown,
  reading: Reading,
  seen: string[],
): unknown {
  if (!isMapping(service) || service.extends === undefined) return service;
  const where = `services.${name}.extends`;
  const spec = typeof service.extends === 'string' ? { service: service.extends } : service.extends;
  if (!isMapping(spec) || typeof spec.service !== 'string') {
    throw new ConfigError(file, [
      {
        path: where,
        message: `expected a service name or {service, file}, got ${describeValue(service.extends)}`,
      },
    ]);
  }
  const key = `${absolute}#${spec.service}`;
  if (seen.includes(key)) {
    throw new ConfigError(file, [
      {
        path: where,
        message: `expected no extends cycle, but ${spec.service} extends ${name} back`,
      },
    ]);
  }
  let base: unknown;
  if (typeof spec.file === 'string') {
    const other = path.resolve(path.dirname(absolute), spec.file);
    const layer = read(spec.file, other, path.dirname(other), { ...reading, rebase: true });
    base = (layer.data.services as Data)[spec.service];
    if (base === undefined) throw missingBase(file, where, spec.service, spec.file);
  } else {
    const own = parseServices(file, absolute, reading);
    if (!(spec.service in own)) throw missingBase(file, where, spec.service, file);
    base = resolveExtends(file, absolute, spec.service, own[spec.service], reading, [...seen, key]);
  }
  const rest = { ...service };
  delete rest.extends;
  const merged = mergeCompose(
    { services: { [name]: base } },
    { services: { [name]: rest } },
  ) as Data;
  return (merged.services as Data)[name];
}

function parseServices(file: string, absolute: string, reading: Reading): Data {
  const problems: ConfigProblem[] = [];
  const raw = interpolate(parseYaml(file, readText(file, absolute)), reading.variables, problems);
  return isMapping(raw) && isMapping(raw.services) ? raw.services : {};
}

function missingBase(file: string, where: string, service: string, other: string): ConfigError {
  return new ConfigError(file, [
    { path: where, message: `expected a service ${service} in ${other}, but it has none` },
  ]);
}

const isRelativePath = (p: string) => !path.isAbsolute(p) && !/^[a-z][a-z0-9+.-]*:/i.test(p);

/** The build paths the action reads, absolute (compose prints them absolute too). */
function absolutise(service: unknown, dir: string): void {
  if (!isMapping(service)) return;
  if (typeof service.build === 'string') service.build = { context: service.build };
  const build = service.build;
  if (!isMapping(build)) return;
  if (typeof build.context !== 'string') build.context = '.';
  if (isRelativePath(build.context as string))
    build.context = path.resolve(dir, build.context as string);
  if (Array.isArray(build.additional_contexts)) {
    build.additional_contexts = toMapping(build.additional_contexts);
  }
  if (isMapping(build.additional_contexts)) {
    build.additional_contexts = Object.fromEntries(
      Object.entries(build.additional_contexts).map(([k, v]) => [
        k,
        typeof v === 'string' && isRelativePath(v) ? path.resolve(dir, v) : v,
      ]),
    );
  }
}

function absolutiseSecrets(data: Data, dir: string): void {
  if (!isMapping(data.secrets)) return;
  for (const secret of Object.values(data.secrets)) {
    if (isMapping(secret) && typeof secret.file === 'string' && isRelativePath(secret.file)) {
      secret.file = path.resolve(dir, secret.file);
    }
  }
}
