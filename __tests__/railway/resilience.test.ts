import { describe, expect, it } from '@jest/globals';
import {
  ACCOUNT_TOKEN,
  PROJECT_TOKEN,
  newImage,
  type ScenarioResult,
} from '../../__fixtures__/railway/harness.js';
import { deployWith } from './scenarios.js';

const deploysOf = (r: ScenarioResult) =>
  r.emulator
    .mutations()
    .filter((q) => q.operation === 'Deploy')
    .map((q) => q.variables.serviceId);
const allNew = (r: ScenarioResult) =>
  ['postgres', 'backend', 'frontend'].map((s) => r.emulator.world.serving(s)?.meta.image);

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
      '502s (no body) on reads and on writes',
      [
        { operation: 'History', action: '502' as const, times: 2 },
        { operation: 'Poll', action: '502' as const, times: 3 },
        { operation: 'Deploy', action: '502' as const, times: 2 },
        { operation: 'SetImage', action: '502' as const, times: 1 },
      ],
    ],
    [
      'dropped connections on reads and on writes',
      [
        { operation: 'Project', action: 'drop' as const, times: 1 },
        { operation: 'Poll', action: 'drop' as const, times: 4 },
        { operation: 'Deploy', action: 'drop' as const, times: 2 },
      ],
    ],
  ])('%s: every service deployed exactly once', async (_what, faults) => {
    const r = await deployWith({ faults });
    expect(r.error).toBeUndefined();
    expect(deploysOf(r)).toEqual(['svc-postgres', 'svc-backend', 'svc-frontend']);
    expect(allNew(r)).toEqual(['postgres', 'backend', 'frontend'].map(newImage));
    const injected = faults.reduce((n, f) => n + f.times, 0);
    expect(r.emulator.requests.filter((q) => q.fault).length).toBe(injected);
  });

  it('honours Retry-After: the retry comes no sooner than Railway asked', async () => {
    const r = await deployWith({
      faults: [{ operation: 'Deploy', action: '429', times: 2, retryAfterSeconds: 9 }],
    });
    const deploys = r.emulator.requests.filter((q) => q.operation === 'Deploy').slice(0, 3);
    expect(deploys.map((q) => q.status)).toEqual([429, 429, 200]);
    expect(deploys[1]!.at - deploys[0]!.at).toBeGreaterThanOrEqual(9000);
    expect(deploys[2]!.at - deploys[1]!.at).toBeGreaterThanOrEqual(9000);
  });

  it('never resends a write that got a 5xx WITH a body (Railway may have applied it)', async () => {
    const r = await deployWith({ faults: [{ operation: 'Deploy', action: '500', skip: 1 }] });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(r.error?.message).toMatch(
      /backend: could not start a deployment: Railway did not answer Deploy: HTTP 500/,
    );
    // The 500 came after Railway created dep-backend-8: the run found it, and since it never
    // went live it was cancelled; postgres was rolled back.
    expect(r.emulator.requests.filter((q) => q.operation === 'Deploy')).toHaveLength(2);
    expect(r.emulator.world.deployments.find((d) => d.id === 'dep-backend-8')!.status).toBe(
      'REMOVED',
    );
    expect(r.emulator.world.serving('postgres')!.meta.image).toBe('postgres:v1');
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
    expect(allNew(r)).toEqual(['postgres', 'backend', 'frontend'].map(newImage));
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
    const firstDeploy = r.emulator.mutations().find((q) => q.operation === 'SetImage')!;
    expect(firstDeploy.at).toBeGreaterThanOrEqual(running.createdAt + 60_000);
    expect(JSON.parse(r.recorded.outputs.deployments!).backend.previousId).toBe(running.id);
    expect(r.recorded.lines).toContain(
      `info: backend: deployment ${running.id} is already QUEUED; waiting for it before deploying`,
    );
  });
});

describe('deploy: both kinds of token', () => {
  it.each([
    ['project', PROJECT_TOKEN, 'project', ['project-access-token'], false],
    ['account', ACCOUNT_TOKEN, 'account', ['authorization'], false],
    ['auto + project token', PROJECT_TOKEN, 'auto', ['project-access-token'], true],
    ['auto + account token', ACCOUNT_TOKEN, 'auto', ['authorization'], true],
  ] as const)('%s', async (_what, token, tokenType, header, asks) => {
    const r = await deployWith({}, { railway: { token, tokenType, apiUrl: '' } });
    expect(r.error).toBeUndefined();
    const [first, ...rest] = r.emulator.requests;
    expect(first!.operation === 'ProjectToken').toBe(asks);
    for (const request of asks ? rest : r.emulator.requests) {
      const value = header[0] === 'authorization' ? `Bearer ${token}` : token;
      expect(request.headers[header[0]]).toBe(value);
      expect(
        request.headers[header[0] === 'authorization' ? 'project-access-token' : 'authorization'],
      ).toBeUndefined();
    }
    expect(allNew(r)).toEqual(['postgres', 'backend', 'frontend'].map(newImage));
  });

  it('a project token of another environment is refused before anything changes', async () => {
    const r = await deployWith({ projectTokens: { [PROJECT_TOKEN]: 'staging' } });
    expect(r.error?.message).toMatch(/project token for environment "staging", not "production"/);
    expect(r.emulator.mutations()).toHaveLength(0);
  });

  it('an unknown Railway service is named with the ones that exist', async () => {
    const r = await deployWith({ services: ['postgres', 'backend', 'web'] });
    expect(r.error?.message).toBe(
      'Railway project "sigmasight" has no service of frontend "frontend"; ' +
        'expected one of "postgres", "backend", "web" (or an id).',
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
    expect(plan).toContain(`deploy image ${newImage('backend')} (serving dep-backend-4)`);
    expect(JSON.parse(r.recorded.outputs.deployments!).backend).toEqual({
      id: null,
      status: 'DRY_RUN',
      previousId: 'dep-backend-4',
    });
  });
});
