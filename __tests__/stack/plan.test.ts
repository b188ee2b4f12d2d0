import { describe, expect, it } from '@jest/globals';
import type { Service } from '../../src/config/model.js';
import { dependenciesOf, waitTargets, withDependencies } from '../../src/stack/plan.js';

function service(
  name: string,
  deps: [string, Service['dependsOn'][0]['condition']][] = [],
): Service {
  return {
    name,
    dependsOn: deps.map(([s, condition]) => ({ service: s, condition })),
    budget: 1,
    budgetSource: 'default',
    hasHealthcheck: name === 'db',
  };
}

// Dependency order, as loadStack gives it.
const db = service('db');
const init = service('init', [['db', 'service_healthy']]);
const api = service('api', [
  ['db', 'service_healthy'],
  ['init', 'service_completed_successfully'],
]);
const web = service('web', [['api', 'service_started']]);
const worker = service('worker', [['db', 'service_started']]);
const all = [db, init, api, web, worker];

describe('which services a test runs', () => {
  it('adds every dependency of the selected services, in dependency order', () => {
    expect(withDependencies(all, [web]).map((s) => s.name)).toEqual(['db', 'init', 'api', 'web']);
    expect(withDependencies(all, [worker, db]).map((s) => s.name)).toEqual(['db', 'worker']);
  });

  it("lists what must be ready before a service's migration", () => {
    expect(dependenciesOf(all, api).map((s) => s.name)).toEqual(['db', 'init']);
    expect(dependenciesOf(all, db)).toEqual([]);
  });

  it('lets a one-shot service awaited with service_completed_successfully exit 0', () => {
    expect(waitTargets(all, [db, init, web])).toEqual([
      { name: 'db', hasHealthcheck: true, completes: false },
      { name: 'init', hasHealthcheck: false, completes: true },
      { name: 'web', hasHealthcheck: false, completes: false },
    ]);
  });
});
