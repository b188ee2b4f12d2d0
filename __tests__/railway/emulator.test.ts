/**
 * The emulator's rules, each from a named source (see __fixtures__/railway/world.ts): the
 * engine's tests are only as true as these.
 */
import { describe, expect, it } from '@jest/globals';
import { RailwayClient } from '../../src/railway/client.js';
import type { Operation } from '../../src/railway/operations.js';
import { PROJECT_TOKEN, VirtualClock, emulator } from '../../__fixtures__/railway/harness.js';
import type { EmulatorOptions } from '../../__fixtures__/railway/emulator.js';

function op(kind: 'query' | 'mutation', name: string, body: string): Operation<never> {
  return { kind, name, query: `${kind} ${name}${body}` };
}

const REDEPLOY = op(
  'mutation',
  'Redeploy',
  '($id: String!) { deploymentRedeploy(id: $id) { id } }',
);
const STATUS = op(
  'query',
  'Status',
  '($id: String!) { deployment(id: $id) { status meta instances { status } } }',
);
const UPDATE = op(
  'mutation',
  'Update',
  '($input: ServiceInstanceUpdateInput!) { serviceInstanceUpdate(serviceId: "svc-backend", ' +
    'environmentId: "env-production", input: $input) }',
);
const DEPLOY = op(
  'mutation',
  'Deploy',
  '{ serviceInstanceDeployV2(serviceId: "svc-backend", environmentId: "env-production") }',
);
const INSTANCE = op(
  'query',
  'Instance',
  '{ serviceInstance(serviceId: "svc-backend", environmentId: "env-production") ' +
    '{ source { image } healthcheckPath healthcheckTimeout preDeployCommand } }',
);
const ROLLBACK = op('mutation', 'Rollback', '($id: String!) { deploymentRollback(id: $id) }');

async function world(options: EmulatorOptions = {}) {
  const clock = new VirtualClock();
  const emu = await emulator(clock, { defaultDurationMs: 10_000, ...options });
  const client = new RailwayClient({
    url: emu.url,
    token: PROJECT_TOKEN,
    tokenType: 'project',
    sleep: clock.sleep,
    now: clock.now,
  });
  const ask = (o: Operation<never>, variables = {}) =>
    client.request(o as Operation<Record<string, unknown>>, variables);
  const status = async (id: string) =>
    ((await ask(STATUS, { id })) as { deployment: { status: string; meta: { image?: string } } })
      .deployment;
  return { clock, emu, ask, status };
}

describe('the Railway emulator', () => {
  it('refuses deploymentRedeploy of a REMOVED deployment (CLI src/commands/redeploy.rs)', async () => {
    const { emu, ask } = await world();
    await expect(ask(REDEPLOY, { id: 'dep-backend-3' })).rejects.toThrow(/was removed/);
    await emu.stop();
  });

  it('reads instance settings back as they were set; an update starts no deployment', async () => {
    const { emu, ask } = await world();
    const input = {
      source: { image: 'b@sha256:1' },
      healthcheckPath: '/health',
      healthcheckTimeout: 60,
      preDeployCommand: ['alembic upgrade head'],
    };
    await ask(UPDATE, { input });
    expect(await ask(INSTANCE)).toEqual({
      serviceInstance: {
        source: { image: 'b@sha256:1' },
        healthcheckPath: '/health',
        healthcheckTimeout: 60,
        preDeployCommand: ['alembic upgrade head'],
      },
    });
    expect(emu.world.deployments.filter((d) => d.kind === 'deploy')).toHaveLength(0);
    await emu.stop();
  });

  it('sends a replaced deployment through REMOVING to REMOVED; meta names the image it runs', async () => {
    const { emu, ask, status, clock } = await world();
    await ask(UPDATE, { input: { source: { image: 'b@sha256:2' } } });
    const { serviceInstanceDeployV2: id } = (await ask(DEPLOY)) as {
      serviceInstanceDeployV2: string;
    };
    await clock.sleep(10_000);
    expect(await status(id)).toMatchObject({ status: 'SUCCESS', meta: { image: 'b@sha256:2' } });
    expect((await status('dep-backend-4')).status).toBe('REMOVING');
    await clock.sleep(2000);
    expect((await status('dep-backend-4')).status).toBe('REMOVED');
    await emu.stop();
  });

  it('shows restarting instances before CRASHED when a deployment crashes after SUCCESS', async () => {
    const { emu, ask, status, clock } = await world({
      script: (c) =>
        c.kind === 'deploy' ? { outcome: 'success', crashAfterMs: 20_000 } : undefined,
    });
    const { serviceInstanceDeployV2: id } = (await ask(DEPLOY)) as {
      serviceInstanceDeployV2: string;
    };
    await clock.sleep(10_000);
    expect(await status(id)).toMatchObject({
      status: 'SUCCESS',
      instances: [{ status: 'RUNNING' }],
    });
    await clock.sleep(10_000);
    expect(await status(id)).toMatchObject({
      status: 'SUCCESS',
      instances: [{ status: 'RESTARTING' }],
    });
    await clock.sleep(10_000);
    expect((await status(id)).status).toBe('CRASHED');
    await emu.stop();
  });

  it("rolls back to an old image without rewriting the instance's source (the stricter reading)", async () => {
    const { emu, ask } = await world();
    await ask(UPDATE, { input: { source: { image: 'b@sha256:3' } } });
    await ask(ROLLBACK, { id: 'dep-backend-3' });
    expect(emu.world.sourceImage('backend')).toBe('b@sha256:3');
    const created = emu.world.deployments.find((d) => d.kind === 'rollback')!;
    expect(created.meta.image).toBe('backend:v0');
    await emu.stop();
  });
});
