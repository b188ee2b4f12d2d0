import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { healthcheckCommand, parseContainers } from '../../src/stack/state.js';
import { judge } from '../../src/stack/wait.js';

const FIXTURES = path.resolve(import.meta.dirname ?? '.', '../../__fixtures__/stack');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

describe('container state from docker inspect', () => {
  it('reads the example stack as compose v1 started it (recorded)', () => {
    const states = parseContainers(read('inspect-v1-running.json'));
    const byService = Object.fromEntries(states.map((s) => [s.service, s]));
    expect(Object.keys(byService).sort()).toEqual(['backend', 'frontend', 'postgres']);
    expect(byService.postgres).toMatchObject({
      name: 'rec_postgres_1',
      status: 'running',
      health: 'healthy',
      restartCount: 0,
    });
    expect(byService.postgres!.healthLog.at(-1)).toMatchObject({ exitCode: 0 });
    expect(byService.postgres!.healthLog.at(-1)!.output).toContain('accepting connections');
    expect(byService.frontend).toMatchObject({ health: 'none', healthLog: [] });
    expect(byService.frontend!.ports).toEqual({ '3005/tcp': ['127.0.0.1:18432'] });
    expect(byService.backend!.startedAt).toBeGreaterThan(Date.parse('2026-01-01'));
  });

  it('reads each healthcheck as the command docker exec runs, with its timeout (recorded)', () => {
    const states = parseContainers(read('inspect-v1-running.json'));
    const byService = Object.fromEntries(states.map((s) => [s.service, s]));
    expect(byService.postgres!.healthcheck).toEqual({
      command: ['/bin/sh', '-c', 'pg_isready -U sigmasight -d sigmasight'],
      timeoutMs: 3000,
    });
    expect(byService.backend!.healthcheck!.command.slice(0, 2)).toEqual(['python3', '-c']);
    expect(byService.frontend!.healthcheck).toBeUndefined();
    expect(healthcheckCommand({ Test: ['NONE'] })).toBeUndefined();
    expect(healthcheckCommand({ Test: ['CMD', 'true'] })).toEqual({
      command: ['true'],
      timeoutMs: 30_000,
    });
  });

  it('reads a compose v2 crash loop (transcribed) and judges it failed at once', () => {
    const [frontend] = parseContainers(read('inspect-v2-crashloop.json'));
    expect(frontend).toMatchObject({
      service: 'frontend',
      name: 'da-e2e00000-k3v9qz-frontend-1',
      status: 'restarting',
      restartCount: 3,
      exitCode: 1,
      ports: { '3005/tcp': [] },
    });
    expect(judge({ name: 'frontend', hasHealthcheck: false }, [frontend!], Date.now())).toEqual({
      status: 'failed',
      reason: 'is crash-looping: restarted 3 time(s), last exit code 1',
    });
  });

  it('reads an unhealthy compose v2 backend and its healthcheck log, not foreign containers', () => {
    const states = parseContainers(read('inspect-v2-unhealthy.json'));
    expect(states.map((s) => s.service)).toEqual(['backend']);
    expect(states[0]!.healthLog).toHaveLength(2);
    expect(judge({ name: 'backend', hasHealthcheck: true }, states, Date.now())).toEqual({
      status: 'failed',
      reason:
        'is unhealthy (its healthcheck failed: urllib.error.HTTPError: HTTP Error 503: Service Unavailable)',
    });
  });

  it('says what it got when docker gives no list', () => {
    expect(() => parseContainers('{"message":"x"}')).toThrow(/docker inspect gave no list/);
  });
});
