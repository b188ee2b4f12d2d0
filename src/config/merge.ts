/**
 * Several compose files made into one, with compose's merge rules: mappings merge key by key,
 * sequences are appended (duplicates dropped), scalars are replaced; `command`, `entrypoint`,
 * `healthcheck.test` and `profiles` are replaced whole; `args`, `labels`, `environment`,
 * `extra_hosts` merge by name whether written as a list or a mapping; `depends_on` merges by
 * service; a `build` string is a context. Sources: compose-go `override/merge.go`
 * (`mergeSpecials`), `override/uncity.go`, https://docs.docker.com/compose/multiple-compose-files/merge/
 * Pure; values are plain YAML data.
 */
import { recordOf } from '../records.js';

type Data = Record<string, unknown>;

const isMapping = (v: unknown): v is Data => !!v && typeof v === 'object' && !Array.isArray(v);

const REPLACED = [
  'services.*.command',
  'services.*.entrypoint',
  'services.*.healthcheck.test',
  'services.*.profiles',
];
/** Written `[K=V]` or `{K: V}`; merged by key. */
const KEYED = [
  'services.*.build.args',
  'services.*.build.labels',
  'services.*.build.additional_contexts',
  'services.*.environment',
  'services.*.labels',
];
/** `["host=ip"]` or `{host: ip}` (or `host:ip`); merged by host. */
const HOSTS = ['services.*.build.extra_hosts', 'services.*.extra_hosts'];

function matches(pattern: string, at: readonly string[]): boolean {
  const parts = pattern.split('.');
  return parts.length === at.length && parts.every((p, i) => p === '*' || p === at[i]);
}

export function mergeCompose(
  base: unknown,
  override: unknown,
  at: readonly string[] = [],
): unknown {
  if (override === undefined) return base;
  if (base === undefined || base === null) return override;
  if (REPLACED.some((p) => matches(p, at))) return override;
  if (KEYED.some((p) => matches(p, at))) return { ...toMapping(base), ...toMapping(override) };
  if (HOSTS.some((p) => matches(p, at))) return mergeHosts(base, override);
  if (matches('services.*.depends_on', at)) {
    return mergeCompose(toDependsOn(base), toDependsOn(override), [...at, '']);
  }
  if (matches('services.*.build', at)) {
    const [b, o] = [asBuild(base), asBuild(override)];
    if (isMapping(b) && isMapping(o)) return mergeMappings(b, o, at);
  }
  if (isMapping(base) && isMapping(override)) return mergeMappings(base, override, at);
  if (Array.isArray(base) && Array.isArray(override)) return unique([...base, ...override]);
  return override;
}

function mergeMappings(base: Data, override: Data, at: readonly string[]): Data {
  const result: Data = { ...base };
  for (const [key, value] of Object.entries(override)) {
    result[key] = key in base ? mergeCompose(base[key], value, [...at, key]) : value;
  }
  return result;
}

const asBuild = (value: unknown): unknown =>
  typeof value === 'string' ? { context: value } : value;

/** `[K=V, K]` -> `{K: V, K: null}`; a mapping as is. */
export function toMapping(value: unknown): Data {
  // A mapping the schema read keyed by user names (no prototype: `__proto__` stays a key).
  if (value instanceof Map) return recordOf([...value] as [string, unknown][]) as Data;
  if (isMapping(value)) return value;
  if (!Array.isArray(value)) return {};
  return Object.fromEntries(
    value.map((entry) => {
      const text = String(entry);
      const eq = text.indexOf('=');
      return eq === -1 ? [text, null] : [text.slice(0, eq), text.slice(eq + 1)];
    }),
  );
}

function mergeHosts(base: unknown, override: unknown): string[] {
  const hosts = new Map<string, string>();
  for (const value of [base, override]) {
    const entries = isMapping(value)
      ? Object.entries(value).map(([h, ip]) => `${h}=${String(ip)}`)
      : Array.isArray(value)
        ? value.map(String)
        : [];
    for (const entry of entries) {
      const [host, ip] = splitHost(entry);
      hosts.set(host, `${host}=${ip}`);
    }
  }
  return [...hosts.values()];
}

/** `host=ip` or `host:ip` (the older form; an IPv6 address keeps its colons). */
export function splitHost(entry: string): [string, string] {
  const eq = entry.indexOf('=');
  const colon = entry.indexOf(':');
  const at = eq !== -1 ? eq : colon;
  return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
}

function toDependsOn(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return Object.fromEntries(value.map((s) => [String(s), { condition: 'service_started' }]));
}

function unique(values: unknown[]): unknown[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = JSON.stringify(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
