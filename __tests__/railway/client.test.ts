import { describe, expect, it } from '@jest/globals';
import { RailwayClient } from '../../src/railway/client.js';
import {
  PROJECT,
  UPDATE_INSTANCE,
  waveMutation,
  type Operation,
} from '../../src/railway/operations.js';
import {
  ACCOUNT_TOKEN,
  PROJECT_TOKEN,
  VirtualClock,
  emulator,
} from '../../__fixtures__/railway/harness.js';
import type { Fault } from '../../__fixtures__/railway/emulator.js';

async function withClient(
  faults: Fault[],
  work: (client: RailwayClient) => Promise<void>,
  fetcher?: typeof fetch,
) {
  const clock = new VirtualClock();
  const emu = await emulator(clock, { faults, budgetPerHour: 20 });
  const debug: string[] = [];
  const client = new RailwayClient({
    url: emu.url,
    fetch: fetcher,
    token: PROJECT_TOKEN,
    tokenType: 'project',
    sleep: clock.sleep,
    now: clock.now,
    timeoutMs: 1000, // real time: long enough for a loaded machine, short for a stalled answer
    random: () => 0.5,
    debug: (m) => debug.push(m),
  });
  try {
    await work(client);
  } finally {
    await emu.stop();
  }
  expect(debug.join('\n')).not.toContain(PROJECT_TOKEN);
  return { emu, debug };
}

const variables = {
  serviceId: 'svc-backend',
  environmentId: 'env-production',
  input: { source: { image: 'x@sha256:1' } },
};
const wave = waveMutation([{ op: 'deploy', serviceId: 'svc-backend' }]);
const DEPLOY = wave.op;
const deployVars = { environmentId: 'env-production', ...wave.variables };
const backendDeploys = (emu: Awaited<ReturnType<typeof withClient>>['emu']) =>
  emu.world.deployments.filter((d) => d.service === 'backend' && d.kind === 'deploy');

/** fetch as undici fails it when nothing listens: the request never left. */
function refusedOnce(): typeof fetch {
  let refused = false;
  return (url, init) => {
    if (refused) return fetch(url, init);
    refused = true;
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    return Promise.reject(new TypeError('fetch failed', { cause }));
  };
}

describe('RailwayClient', () => {
  it.each([
    ['a read', PROJECT, { id: 'prj-sigmasight' }],
    ['an idempotent write (UpdateInstance)', UPDATE_INSTANCE, variables],
  ] as [string, Operation<unknown>, Record<string, unknown>][])(
    'resends %s that got no answer within the timeout',
    async (_what, op, vars) => {
      const { emu, debug } = await withClient([{ action: 'stall' }], async (client) => {
        await expect(client.request(op, vars)).resolves.toBeDefined();
      });
      expect(emu.requests).toHaveLength(2);
      expect(debug[0]).toMatch(/no answer within the timeout; retrying in \d+ ms/);
    },
  );

  it('keeps retries jittered and growing for reads on 502', async () => {
    const { emu } = await withClient([{ action: '502', times: 3 }], async (client) => {
      await client.request(PROJECT, { id: 'prj-sigmasight' });
    });
    const gaps = emu.requests.slice(1).map((q, i) => q.at - emu.requests[i]!.at);
    expect(gaps).toEqual([375, 750, 1500]);
  });

  it.each([
    ['no answer within the timeout', 'stall', 0],
    ['a dropped connection after Railway applied it', 'drop-after', 1],
    ['an empty 502 after Railway applied it', '502-after', 1],
    ['a 500 with a body after Railway applied it', '500', 1],
  ] as const)(
    'never resends a Deploy after %s: it would start a second deployment',
    async (_what, action, created) => {
      const { emu } = await withClient([{ action }], async (client) => {
        await expect(client.request(DEPLOY, deployVars)).rejects.toThrow(
          /^Railway's answer to Wave was lost \(.+\); not resent, since Railway may have applied it$/,
        );
      });
      expect(emu.requests).toHaveLength(1);
      expect(backendDeploys(emu)).toHaveLength(created);
    },
  );

  it('resends a Deploy that certainly never left (connection refused): one deployment', async () => {
    const { emu } = await withClient(
      [],
      async (client) => {
        await expect(client.request(DEPLOY, deployVars)).resolves.toBeDefined();
      },
      refusedOnce(),
    );
    expect(backendDeploys(emu)).toHaveLength(1);
  });

  it('resends a Deploy that got 429 (Railway applies nothing it throttles): one deployment', async () => {
    const { emu } = await withClient([{ action: '429', retryAfterSeconds: 1 }], async (client) => {
      await client.request(DEPLOY, deployVars);
    });
    expect(emu.requests.map((q) => q.status)).toEqual([429, 200]);
    expect(backendDeploys(emu)).toHaveLength(1);
  });

  it('says which inputs to check when Railway refuses the token, without the token', async () => {
    const clock = new VirtualClock();
    const emu = await emulator(clock);
    const client = new RailwayClient({
      url: emu.url,
      token: `${ACCOUNT_TOKEN}x`,
      tokenType: 'account',
      environment: 'production',
    });
    await expect(client.request(PROJECT, { id: 'prj-sigmasight' })).rejects.toThrow(
      'Railway refused the railway-token (Not Authorized): check that it is a project token ' +
        'of environment "production" (railway-token-type: project) or an account token ' +
        '(railway-token-type: account).',
    );
    await emu.stop();
  });

  it('asks to poll slower when few requests remain this hour, keeping some for a rollback', async () => {
    const { emu } = await withClient([], async (client) => {
      client.setReserve(5); // the engine sets it from the run's rollback plan
      await client.request(PROJECT, { id: 'prj-sigmasight' });
      expect(client.pollFloorMs()).toBe(0);
      for (let i = 1; i < 14; i++) await client.request(PROJECT, { id: 'prj-sigmasight' });
      // 6 left, 5 kept back: the one spare request is spread over the hour, capped at 5 min.
      expect(client.pollFloorMs()).toBe(300_000);
    });
    expect(emu.requests).toHaveLength(14);
  });
});
