/** compose's merge rules, as a table (the corpus test checks them against compose itself). */
import { describe, expect, it } from '@jest/globals';
import { mergeCompose } from '../../src/config/merge.js';

const svc = (service: unknown) => ({ services: { web: service } });

describe('merging compose files', () => {
  it.each([
    [
      'a build string becomes a context',
      { build: '.' },
      { build: { target: 't' } },
      { build: { context: '.', target: 't' } },
    ],
    [
      'args merge by name, list or mapping',
      { build: { args: ['A=1', 'B=2'] } },
      { build: { args: { B: '3' } } },
      { build: { args: { A: '1', B: '3' } } },
    ],
    [
      'tags are appended without duplicates',
      { build: { tags: ['a', 'b'] } },
      { build: { tags: ['b', 'c'] } },
      { build: { tags: ['a', 'b', 'c'] } },
    ],
    [
      'command and profiles are replaced',
      { command: ['a', 'b'], profiles: ['x'] },
      { command: ['c'], profiles: ['y'] },
      { command: ['c'], profiles: ['y'] },
    ],
    [
      'depends_on merges a list with a mapping',
      { depends_on: ['db'] },
      { depends_on: { cache: { condition: 'service_healthy' } } },
      {
        depends_on: {
          db: { condition: 'service_started' },
          cache: { condition: 'service_healthy' },
        },
      },
    ],
    [
      'extra_hosts merge by host, either form',
      { build: { extra_hosts: ['h:1.1.1.1'] } },
      { build: { extra_hosts: { h: '2.2.2.2', g: '3.3.3.3' } } },
      { build: { extra_hosts: ['h=2.2.2.2', 'g=3.3.3.3'] } },
    ],
    [
      'scalars are replaced, x-deploy merges',
      { image: 'a', 'x-deploy': { budget: '1MB', health: 'http://x' } },
      { image: 'b', 'x-deploy': { budget: '2MB' } },
      { image: 'b', 'x-deploy': { budget: '2MB', health: 'http://x' } },
    ],
  ])('%s', (_name, base, override, merged) => {
    expect(mergeCompose(svc(base), svc(override))).toEqual(svc(merged));
  });
});
