import { describe, expect, it } from '@jest/globals';
import { deployedImage, type ScenarioResult } from '../../__fixtures__/railway/harness.js';
import { deployWith } from './scenarios.js';

/** Every deployment the run started, as Railway holds them (a resent write would show twice). */
const deploysOf = (r: ScenarioResult) =>
  r.emulator.world.deployments.filter((d) => d.kind === 'deploy').map((d) => d.serviceId);
const allNew = (r: ScenarioResult) =>
  ['postgres', 'backend', 'frontend'].map((s) => r.emulator.world.serving(s)?.meta.image);
const ALL_NEW = ['postgres', 'backend', 'frontend'].map(deployedImage);

describe('deploy: the network misbehaves and the result is still right', () => {
  it.each([
    [
      '429 storms with Retry-After on polls and on the deploy mutation',
      [
        { operation: 'Poll', action: '429' as const, times: 6, retryAfterSeconds: 7 },
        { operation: 'Deploy', action: '429' as const, times: 3, retryAfterSeconds: 3 },
      ],
    ],
    [
      '502s (no body) on reads and on the idempotent SetImage',
      [
        { operation: 'History', action: '502' as const, times: 2 },
        { operation: 'Poll', action: '502' as const, times: 3 },
        { operation: 'SetImage', action: '502-after' as const, times: 2 },
      ],
    ],
    [
      'dropped connections on reads',
      [
        { operation: 'Project', action: 'drop' as const, times: 1 },
        { operation: 'Poll', action: 'drop' as const, times: 4 },
      ],
    ],
    [
      'Deploy mutations applied, then their answer lost (dropped, 502, 500)',
      [
        { operation: 'Deploy', action: 'drop-after' as const, times: 1 },
        { operation: 'Deploy', action: '502-after' as const, times: 1 },
        { operation: 'Deploy', action: '500' as const, times: 1 },
      ],
    ],
  ])('%s: every service deployed exactly once', async (_what, faults) => {
    const r = await deployWith({ faults });
    expect(r.error).toBeUndefined();
    expect(deploysOf(r)).toEqual(['svc-postgres', 'svc-backend', 'svc-frontend']);
    expect(allNew(r)).toEqual(ALL_NEW);
    const injected = faults.reduce((n, f) => n + f.times, 0);
    expect(r.emulator.requests.filter((q) => q.fault).length).toBe(injected);
  });

  it('honours Retry-After: the retry comes no sooner than Railway asked', async () => {
    const r = await deployWith({
      faults: [{ operation: 'Deploy', action: '429', times: 2, retryAfterSeconds: 9 }],
    });
    const deploys = r.emulator.requests.filter((q) => q.operation === 'Wave').slice(0, 3);
    expect(deploys.map((q) => q.status)).toEqual([429, 429, 200]);
    expect(deploys[1]!.at - deploys[0]!.at).toBeGreaterThanOrEqual(9000);
    expect(deploys[2]!.at - deploys[1]!.at).toBeGreaterThanOrEqual(9000);
  });

  it('adopts the deployment a Deploy with a lost answer started, and says so', async () => {
    const r = await deployWith({ faults: [{ operation: 'Deploy', action: '500', skip: 1 }] });
    expect(r.error).toBeUndefined();
    expect(r.emulator.requests.filter((q) => q.operation === 'Wave')).toHaveLength(3);
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-8');
    expect(r.recorded.lines).toContain(
      "info: backend: Railway's answer to the deploy was lost; it had started deployment dep-backend-8",
    );
  });

  it('a Deploy lost before Railway ran it is not resent: the run rolls back instead', async () => {
    const r = await deployWith({ faults: [{ operation: 'Deploy', action: 'drop', skip: 1 }] });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(r.error?.message).toMatch(
      /backend: could not start a deployment: Railway's answer to Wave was lost .*not resent/,
    );
    // postgres's wave, backend's (dropped, never resent), then postgres's rollback.
    const waves = r.emulator.requests.filter((q) => q.operation === 'Wave');
    expect(waves.map((q) => q.fields.at(-1))).toEqual([
      'serviceInstanceDeployV2',
      'serviceInstanceDeployV2',
      'deploymentRollback',
    ]);
    expect(r.emulator.world.serving('postgres')!.meta.image).toBe('postgres:v1');
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-4');
  });

  it('gives up on a read after 5 attempts with one clear sentence', async () => {
    const r = await deployWith({
      faults: [{ operation: 'Project', action: '502', times: Infinity }],
    });
    expect(r.error?.message).toBe(
      'Railway did not answer Project: HTTP 502 (gave up after 5 attempts)',
    );
    expect(r.emulator.mutations()).toHaveLength(0);
  });

  it('slows polling down when the hourly budget runs low, and never hits the limit', async () => {
    const r = await deployWith({ budgetPerHour: 30 });
    expect(r.error).toBeUndefined();
    expect(r.emulator.requests.filter((q) => q.status === 429)).toHaveLength(0);
    expect(allNew(r)).toEqual(ALL_NEW);
    expect(r.recorded.lines.some((l) => /few requests left this hour/.test(l))).toBe(true);
  });

  it('waits out an exhausted hourly budget (429 + Retry-After) when it is short', async () => {
    const r = await deployWith({
      faults: [{ operation: 'Poll', action: '429', times: 1, retryAfterSeconds: 240 }],
    });
    expect(r.error).toBeUndefined();
  });

  it('fails with a sentence when the budget is exhausted for longer than it should wait', async () => {
    const r = await deployWith({
      faults: [{ operation: 'Project', action: '429', retryAfterSeconds: 3000 }],
    });
    expect(r.error?.message).toMatch(
      /^Railway did not answer Project: Railway's rate limit is exhausted until 2026-03-02T10:50:00/,
    );
  });
});

describe('deploy: never two at once', () => {
  it('waits for a deployment already in progress, then records it as the one to go back to', async () => {
    const r = await deployWith({}, {}, (emulator) => {
      emulator.world.create('svc-backend', 'env-production', 'deploy', { image: 'backend:v2' });
    });
    expect(r.error).toBeUndefined();
    const running = r.emulator.world.deployments.find((d) => d.meta.image === 'backend:v2')!;
    expect(running.status).toBe('REMOVED'); // it finished SUCCESS, then our deploy replaced it
    const firstDeploy = r.emulator.mutations().find((q) => q.operation === 'Wave')!;
    expect(firstDeploy.at).toBeGreaterThanOrEqual(running.createdAt + 60_000);
    expect(JSON.parse(r.recorded.outputs.deployments!).backend.previousId).toBe(running.id);
    expect(r.recorded.lines).toContain(
      `info: backend: deployment ${running.id} is already QUEUED; waiting for it before deploying`,
    );
  });
});

describe('deploy: dry-run', () => {
  it('prints the plan and sends no mutation', async () => {
    const r = await deployWith({}, { dryRun: true });
    expect(r.error).toBeUndefined();
    expect(r.emulator.requests.every((q) => q.kind === 'query')).toBe(true);
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-4');
    const plan = r.recorded.lines.find((l) => l.includes('wave 2: backend'))!;
    expect(plan).toContain(
      `deploy image ${deployedImage('backend')}, no healthcheck (serving dep-backend-4)`,
    );
    expect(JSON.parse(r.recorded.outputs.deployments!).backend).toEqual({
      id: null,
      status: 'DRY_RUN',
      previousId: 'dep-backend-4',
    });
  });
});
