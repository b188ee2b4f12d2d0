/**
 * Dependencies first, in file order otherwise (Kahn's algorithm, stable), so builds, migrations
 * and Railway deploys all walk the same order: database, backend, frontend.
 */
import { ConfigError, type ConfigProblem, InputError } from '../errors.js';
import { describeValue } from './describe.js';
import type { Service } from './model.js';

export function dependencyOrder(file: string, services: Service[]): Service[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const problems: ConfigProblem[] = [];
  services.forEach((service) =>
    service.dependsOn.forEach((dep) => {
      if (!byName.has(dep.service)) {
        problems.push({
          path: `services.${service.name}.depends_on`,
          message: `expected a service of this file (${[...byName.keys()].join(', ')}), got ${describeValue(dep.service)}`,
        });
      }
    }),
  );
  if (problems.length > 0) throw new ConfigError(file, problems);

  const ordered: Service[] = [];
  const placed = new Set<string>();
  while (ordered.length < services.length) {
    const next = services.find(
      (s) => !placed.has(s.name) && s.dependsOn.every((d) => placed.has(d.service)),
    );
    if (!next) {
      const cycle = findCycle(
        services.filter((s) => !placed.has(s.name)),
        byName,
      );
      throw new ConfigError(file, [
        {
          path: `services.${cycle[0]}.depends_on`,
          message: `expected no dependency cycle, got ${cycle.join(' -> ')}`,
        },
      ]);
    }
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

function findCycle(remaining: Service[], byName: Map<string, Service>): string[] {
  const start = remaining[0]!.name;
  const path: string[] = [];
  let current = start;
  while (!path.includes(current)) {
    path.push(current);
    const unplaced = byName
      .get(current)!
      .dependsOn.find((d) => remaining.some((r) => r.name === d.service));
    current = unplaced!.service;
  }
  return [...path.slice(path.indexOf(current)), current];
}

/** Names in dependency order, only those selected, for commands that work on a subset. */
export function selectServices(file: string, services: Service[], names: string[]): Service[] {
  if (names.length === 0) return services;
  const known = new Set(services.map((s) => s.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new InputError(
      'services',
      `expected services of ${file} (${[...known].join(', ')}), got ${unknown.map((u) => `"${u}"`).join(', ')}`,
    );
  }
  return services.filter((s) => names.includes(s.name));
}
