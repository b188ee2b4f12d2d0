import { describe, expect, it } from '@jest/globals';
import { RailwayClient } from '../../src/railway/client.js';
import { PROJECT, SET_IMAGE, type Operation } from '../../src/railway/operations.js';
import {
  ACCOUNT_TOKEN,
  PROJECT_TOKEN,
  VirtualClock,
  emulator,
} from '../../__fixtures__/railway/harness.js';
import type { Fault } from '../../__fixtures__/railway/emulator.js';

async function withClient(faults: Fault[], work: (client: RailwayClient) => Promise<void>) {
  const clock = new VirtualClock();
  const emu = await emulator(clock, { faults, budgetPerHour: 20 });
  const debug: string[] = [];
  const client = new RailwayClient({
    url: emu.url,
    token: PROJECT_TOKEN,
    tokenType: 'project',
    sleep: clock.sleep,
    now: clock.now,
    timeoutMs: 200,
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
  image: 'x@sha256:1',
};

describe('RailwayClient', () => {
  it.each([
    ['a read', PROJECT, { id: 'prj-sigmasight' }],
    ['a write', SET_IMAGE, variables],
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

  it('does not resend a write whose answer was a 5xx with a body', async () => {
    const { emu } = await withClient([{ action: '500' }], async (client) => {
      await expect(client.request(SET_IMAGE, variables)).rejects.toThrow(
        'Railway did not answer SetImage: HTTP 500: Internal Server Error',
      );
    });
    expect(emu.requests).toHaveLength(1);
  });

  it('reports an unknown token as Railway says it, without the token', async () => {
    const clock = new VirtualClock();
    const emu = await emulator(clock);
    const client = new RailwayClient({
      url: emu.url,
      token: `${ACCOUNT_TOKEN}x`,
      tokenType: 'account',
    });
    await expect(client.request(PROJECT, { id: 'prj-sigmasight' })).rejects.toThrow(
      /^Railway refused Project: Not Authorized \(traceId trace-\d+\)$/,
    );
    await emu.stop();
  });

  it('asks to poll slower when few requests remain this hour, keeping some for a rollback', async () => {
    const { emu } = await withClient([], async (client) => {
      await client.request(PROJECT, { id: 'prj-sigmasight' });
      expect(client.pollFloorMs()).toBe(0);
      for (let i = 1; i < 14; i++) await client.request(PROJECT, { id: 'prj-sigmasight' });
      expect(client.rateLimit.remaining).toBe(6);
      // 6 left, 5 kept back: the one spare request is spread over the hour, capped at 5 min.
      expect(client.pollFloorMs()).toBe(300_000);
    });
    expect(emu.requests).toHaveLength(14);
  });
});
