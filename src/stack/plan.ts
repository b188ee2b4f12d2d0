/**
 * Which services a test brings up, and what "ready" means for each: pure functions over the
 * Stack model, so the ordering rules are tested without Docker.
 */
import type { Service } from '../config/model.js';
import type { WaitTarget } from './wait.js';

/** The selected services and everything they depend on, in dependency order. */
export function withDependencies(all: Service[], selected: Service[]): Service[] {
  const byName = new Map(all.map((s) => [s.name, s]));
  const needed = new Set<string>();
  // A stack of names to visit, not recursion: a 6000-deep depends_on chain is fine.
  const todo = selected.map((s) => s.name);
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (needed.has(name)) continue;
    needed.add(name);
    byName.get(name)?.dependsOn.forEach((d) => todo.push(d.service));
  }
  return all.filter((s) => needed.has(s.name));
}

/** A service's dependencies, transitively, in dependency order (itself excluded). */
export function dependenciesOf(all: Service[], service: Service): Service[] {
  return withDependencies(all, [service]).filter((s) => s.name !== service.name);
}

export function waitTargets(all: Service[], services: Service[]): WaitTarget[] {
  return services.map((s) => ({
    name: s.name,
    hasHealthcheck: s.hasHealthcheck,
    completes: all.some((other) =>
      other.dependsOn.some(
        (d) => d.service === s.name && d.condition === 'service_completed_successfully',
      ),
    ),
  }));
}

/** `da-<sha8>-<random>`: unique per run, and a valid project name for compose v1 and v2. */
export function projectName(sha: string, random: () => number = Math.random): string {
  const short =
    sha
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 8) || 'local';
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `da-${short}-${suffix}`;
}
