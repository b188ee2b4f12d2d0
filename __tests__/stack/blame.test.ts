import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { blameUp, errorLineFor, type Observed } from '../../src/stack/blame.js';

const FIXTURES = path.resolve(import.meta.dirname ?? '.', '../../__fixtures__/stack');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

const pending = (service: string): Observed => ({
  service,
  verdict: { status: 'pending', reason: 'is created' },
  containers: [],
});
const ready = (service: string): Observed => ({
  service,
  verdict: { status: 'ready' },
  containers: [],
});

describe('which service a failed compose up is about', () => {
  it('v1 (recorded): the backend, with the reason after "ERROR: for backend"', () => {
    const failures = blameUp(read('up-v1-port-taken.txt'), [
      ready('postgres'),
      pending('backend'),
      pending('frontend'),
    ]);
    expect(failures.map((f) => [f.service, f.reason])).toEqual([
      [
        'backend',
        expect.stringMatching(
          /^did not start: Cannot start service backend: .*127\.0\.0\.1:38151: bind: address already in use$/,
        ),
      ],
    ]);
  });

  it('v2 (transcribed): the backend, from the line naming its container', () => {
    const line = errorLineFor(read('up-v2-port-taken.txt'), 'backend');
    expect(line).toMatch(/^Error response from daemon: .*port is already allocated$/);
    expect(errorLineFor(read('up-v2-port-taken.txt'), 'postgres')).toBeUndefined();
  });

  it('v2 (transcribed): an unhealthy dependency is named, not its progress lines', () => {
    expect(errorLineFor(read('up-v2-unhealthy-dependency.txt'), 'postgres')).toBe(
      'dependency failed to start: container da-e2e00000-k3v9qz-postgres-1 is unhealthy',
    );
  });

  it("keeps a container's own verdict (it crashed) over compose's words", () => {
    const crashed: Observed = {
      service: 'backend',
      verdict: { status: 'failed', reason: 'exited with code 1' },
      containers: [],
    };
    expect(blameUp('ERROR: for backend  boom', [crashed])[0]!.reason).toBe('exited with code 1');
  });

  it("gives compose's last line to each service it left unstarted, when none is named", () => {
    const failures = blameUp('ERROR: manifest for x:1 not found\n', [
      ready('db'),
      pending('web'),
      pending('worker'),
    ]);
    expect(failures).toEqual([
      { service: 'web', reason: 'compose up failed: manifest for x:1 not found', containers: [] },
      {
        service: 'worker',
        reason: 'compose up failed: manifest for x:1 not found',
        containers: [],
      },
    ]);
  });

  it('gives it to every service when all of them run (compose failed after them)', () => {
    const failures = blameUp('network error\n', [ready('db'), ready('web')]);
    expect(failures.map((f) => f.service)).toEqual(['db', 'web']);
  });

  it('says "not ready in time" when compose was stopped at the deadline', () => {
    const starting: Observed = {
      service: 'postgres',
      verdict: { status: 'pending', reason: 'healthcheck is starting' },
      containers: [],
    };
    expect(blameUp('Creating p_postgres_1 ... done\n', [starting], true)[0]!.reason).toBe(
      'was not ready in time (healthcheck is starting)',
    );
  });
});
