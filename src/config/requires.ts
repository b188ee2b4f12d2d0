/**
 * The variables a service needs from where it runs, read from its compose `environment:` as
 * written (before interpolation): a key whose value is exactly `${VAR}` or `$VAR`, with no
 * default, takes its value from outside, so on Railway it must be set on the service.
 */
const REFERENCE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/** The keys of `environment` (mapping or `KEY=value` list) that are a bare reference. */
export function inferRequires(environment: unknown): string[] {
  const entries: [string, unknown][] = Array.isArray(environment)
    ? environment
        .filter((e): e is string => typeof e === 'string' && e.includes('='))
        .map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)])
    : environment && typeof environment === 'object'
      ? Object.entries(environment)
      : [];
  return entries
    .filter(([, value]) => typeof value === 'string' && REFERENCE.test(value.trim()))
    .map(([key]) => key);
}

/** `environment:` of each service in the raw (uninterpolated) compose tree. */
export function rawEnvironments(raw: unknown): Map<string, unknown> {
  const services = (raw as { services?: unknown } | null)?.services;
  const found = new Map<string, unknown>();
  if (!services || typeof services !== 'object') return found;
  for (const [name, service] of Object.entries(services)) {
    found.set(name, (service as { environment?: unknown } | null)?.environment);
  }
  return found;
}
