import { describe, expect, it } from '@jest/globals';
import type { ContainerState } from '../../src/stack/state.js';
import { judge, waitForServices, type WaitTarget } from '../../src/stack/wait.js';

const NOW = 1_000_000;

function container(overrides: Partial<ContainerState> = {}): ContainerState {
  return {
    id: 'c1',
    name: 'p_svc_1',
    service: 'svc',
    status: 'running',
    health: 'none',
    exitCode: 0,
    restartCount: 0,
    startedAt: NOW - 10_000,
    healthLog: [],
    ports: {},
    ...overrides,
  };
}

const plain: WaitTarget = { name: 'svc', hasHealthcheck: false };
const checked: WaitTarget = { name: 'svc', hasHealthcheck: true };

describe('judging one service', () => {
  it.each([
    ['no container yet', plain, [], 'pending'],
    ['running long enough, no healthcheck', plain, [container()], 'ready'],
    ['running for 0.5 s, no healthcheck', plain, [container({ startedAt: NOW - 500 })], 'pending'],
    [
      'running for 1 s (the default stable-time)',
      plain,
      [container({ startedAt: NOW - 1000 })],
      'ready',
    ],
    ['healthy', checked, [container({ health: 'healthy' })], 'ready'],
    ['healthcheck starting', checked, [container({ health: 'starting' })], 'pending'],
    ['unhealthy', checked, [container({ health: 'unhealthy' })], 'failed'],
    ['created, waiting for its dependencies', plain, [container({ status: 'created' })], 'pending'],
    ['exited 3', plain, [container({ status: 'exited', exitCode: 3 })], 'failed'],
    ['exited 0 without anyone waiting for it', plain, [container({ status: 'exited' })], 'failed'],
    [
      'exited 0, awaited with service_completed_successfully',
      { ...plain, completes: true },
      [container({ status: 'exited' })],
      'ready',
    ],
    ['restarting', plain, [container({ status: 'restarting', restartCount: 1 })], 'failed'],
    [
      'running again after a restart',
      checked,
      [container({ health: 'healthy', restartCount: 2 })],
      'failed',
    ],
    [
      'one of two replicas exited',
      plain,
      [container(), container({ id: 'c2', status: 'exited', exitCode: 137 })],
      'failed',
    ],
  ] as const)('%s: %s', (_name, target, containers, status) => {
    expect(judge(target, [...containers], NOW).status).toBe(status);
  });

  it('names the exit code and the restart count', () => {
    expect(judge(plain, [container({ status: 'exited', exitCode: 3 })], NOW)).toEqual({
      status: 'failed',
      reason: 'exited with code 3',
    });
    expect(judge(plain, [container({ restartCount: 2 })], NOW)).toEqual({
      status: 'failed',
      reason: 'is crash-looping: restarted 2 time(s)',
    });
  });
});

/** A fake engine whose containers change as the fake clock advances. */
function timeline(steps: [number, ContainerState[]][]) {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    read: async () => [...steps].reverse().find(([at]) => at <= now)![1],
  };
}

describe('waiting for the stack', () => {
  it('waits until every service is ready and says when each became ready', async () => {
    const db = container({ service: 'db', health: 'starting' });
    const api = container({ service: 'api', status: 'created' });
    const clock = timeline([
      [0, [db, api]],
      [2000, [{ ...db, health: 'healthy' }, api]],
      [
        3000,
        [
          { ...db, health: 'healthy' },
          { ...api, status: 'running', startedAt: -1_000_000 },
        ],
      ],
    ]);
    const result = await waitForServices(
      clock.read,
      [
        { name: 'db', hasHealthcheck: true },
        { name: 'api', hasHealthcheck: false },
      ],
      { deadline: 60_000, ...clock },
    );
    expect(result.map((r) => [r.service, r.verdict.status, r.readyAt])).toEqual([
      ['db', 'ready', 2000],
      ['api', 'ready', 3000],
    ]);
  });

  it('stops at the first crash instead of waiting for the deadline', async () => {
    const clock = timeline([
      [0, [container({ service: 'web', health: 'starting' })]],
      [1500, [container({ service: 'web', status: 'exited', exitCode: 2 })]],
    ]);
    const result = await waitForServices(clock.read, [{ name: 'web', hasHealthcheck: true }], {
      deadline: 180_000,
      ...clock,
    });
    expect(result[0]!.verdict).toEqual({ status: 'failed', reason: 'exited with code 2' });
    expect(clock.now()).toBeLessThan(3000);
  });

  it('fails what is still pending at the deadline, saying what it was waiting for', async () => {
    const clock = timeline([[0, [container({ service: 'db', health: 'starting' })]]]);
    const result = await waitForServices(clock.read, [{ name: 'db', hasHealthcheck: true }], {
      deadline: 10_000,
      ...clock,
    });
    expect(result[0]!.verdict).toEqual({
      status: 'failed',
      reason: 'was not ready in time (healthcheck is starting)',
    });
    expect(clock.now()).toBe(10_000);
  });

  it('calls a service without healthcheck ready the moment its stable window ends, not a poll later', async () => {
    const web = container({ service: 'web', startedAt: 100 });
    const clock = timeline([[0, [web]]]);
    const result = await waitForServices(clock.read, [{ name: 'web', hasHealthcheck: false }], {
      deadline: 60_000,
      stableMs: 1000,
      pollMs: 10_000, // a poll alone would look again only at 10 s
      ...clock,
    });
    expect(result[0]!.verdict.status).toBe('ready');
    expect(result[0]!.readyAt).toBeGreaterThanOrEqual(1100);
    expect(result[0]!.readyAt).toBeLessThan(1200);
  });

  it('looks again at a container event instead of waiting for the next poll', async () => {
    let healthy = false;
    const db = container({ service: 'db', health: 'starting' });
    const read = async () => [{ ...db, health: healthy ? 'healthy' : 'starting' } as const];
    // The engine's event, 100 ms in: the healthcheck passed.
    const event = new Promise<void>((resolve) =>
      setTimeout(() => {
        healthy = true;
        resolve();
      }, 100),
    );
    const started = Date.now();
    const result = await waitForServices(read, [{ name: 'db', hasHealthcheck: true }], {
      deadline: Date.now() + 30_000,
      pollMs: 5000,
      wake: () => event,
    });
    expect(result[0]!.verdict.status).toBe('ready');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("runs a service's own healthcheck early: ready when it passes, before Docker's first run", async () => {
    const healthcheck = { command: ['/bin/sh', '-c', 'pg_isready'], timeoutMs: 3000 };
    const db = container({ service: 'db', health: 'starting', healthcheck });
    const clock = timeline([[0, [db]]]);
    const probed: string[][] = [];
    let passes = false;
    const result = await waitForServices(clock.read, [{ name: 'db', hasHealthcheck: true }], {
      deadline: 60_000,
      ...clock,
      probe: async (c) => {
        probed.push(c.healthcheck!.command);
        const said = passes;
        passes = true; // the first run fails (still starting), the second passes
        return said;
      },
    });
    expect(result[0]!.verdict.status).toBe('ready');
    expect(result[0]!.readyAt).toBe(250); // one short poll after the failed probe
    expect(probed).toEqual([healthcheck.command, healthcheck.command]);
  });

  it("a failing early probe is no verdict: Docker's retries decide", async () => {
    const healthcheck = { command: ['false'], timeoutMs: 3000 };
    const db = container({ service: 'db', health: 'starting', healthcheck });
    const clock = timeline([
      [0, [db]],
      [1000, [{ ...db, health: 'unhealthy' }]],
    ]);
    const result = await waitForServices(clock.read, [{ name: 'db', hasHealthcheck: true }], {
      deadline: 60_000,
      ...clock,
      probe: async () => false,
    });
    expect(result[0]!.verdict).toMatchObject({ status: 'failed' });
    expect(clock.now()).toBe(1000);
  });
});
