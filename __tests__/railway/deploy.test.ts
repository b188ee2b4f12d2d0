import { describe, expect, it } from '@jest/globals';
import {
  PROJECT_TOKEN,
  newImage,
  type ScenarioResult,
} from '../../__fixtures__/railway/harness.js';
import { deployWith } from './scenarios.js';
import type { Script, ScriptContext } from '../../__fixtures__/railway/world.js';

/** Deploys of one service fail in a given way; everything else (rollbacks too) succeeds. */
function failing(service: string, outcome: Script['outcome']) {
  return (c: ScriptContext): Script | undefined =>
    c.service === service && c.kind === 'deploy' ? { outcome } : undefined;
}

const mutationsOf = (r: ScenarioResult, operation: string) =>
  r.emulator.mutations().filter((q) => q.operation === operation);
const servingImage = (r: ScenarioResult, service: string) =>
  r.emulator.world.serving(service)?.meta.image;
const output = (r: ScenarioResult) => JSON.parse(r.recorded.outputs.deployments!);

describe('deploy: the happy path', () => {
  it('deploys postgres, backend, frontend in order, each exactly once, each after the one before is live', async () => {
    const r = await deployWith();
    expect(r.error).toBeUndefined();
    const deploys = mutationsOf(r, 'Deploy');
    expect(deploys.map((q) => q.variables.serviceId)).toEqual([
      'svc-postgres',
      'svc-backend',
      'svc-frontend',
    ]);
    for (const service of ['postgres', 'backend', 'frontend']) {
      expect(servingImage(r, service)).toBe(newImage(service));
    }
    const world = r.emulator.world;
    const live = (service: string) => world.serving(service)!.statusUpdatedAt;
    expect(deploys[1]!.at).toBeGreaterThanOrEqual(live('postgres'));
    expect(deploys[2]!.at).toBeGreaterThanOrEqual(live('backend'));
    expect(mutationsOf(r, 'SetImage').map((q) => q.variables.image)).toEqual(
      ['postgres', 'backend', 'frontend'].map(newImage),
    );
    expect(output(r)).toEqual({
      postgres: {
        id: 'dep-postgres-7',
        status: 'SUCCESS',
        previousId: 'dep-postgres-2',
        step: 'succeeded',
      },
      backend: {
        id: 'dep-backend-8',
        status: 'SUCCESS',
        previousId: 'dep-backend-4',
        step: 'succeeded',
      },
      frontend: {
        id: 'dep-frontend-9',
        status: 'SUCCESS',
        previousId: 'dep-frontend-6',
        step: 'succeeded',
      },
    });
    expect(r.recorded.outputs['rolled-back']).toBe('false');
    expect(r.recorded.lines).toContain('info: Not on Railway (no x-deploy.railway): worker');
  });

  it('sends the project token as Project-Access-Token on every request, never as Bearer', async () => {
    const r = await deployWith();
    for (const request of r.emulator.requests) {
      expect(request.headers['project-access-token']).toBe(PROJECT_TOKEN);
      expect(request.headers.authorization).toBeUndefined();
    }
  });

  it('polls every deployment in flight in one request, backing off from 2 s to 10 s', async () => {
    const r = await deployWith();
    const polls = r.emulator.requests.filter((q) => q.operation === 'Poll');
    const secondDeploy = mutationsOf(r, 'Deploy')[1]!;
    const index = (q: object) => r.emulator.requests.indexOf(q as never);
    const firstWave = polls.filter((q) => index(q) < index(secondDeploy));
    const gaps = firstWave.slice(1).map((q, i) => (q.at - firstWave[i]!.at) / 1000);
    expect(gaps).toEqual([4, 8, 10, 10, 10, 10, 10]);
    // Later waves also watch the services already live (a late crash), in the same request.
    expect(Object.keys(polls.at(-1)!.variables)).toHaveLength(3);
  });

  it('deploys the commit when no images are given (no serviceInstanceUpdate)', async () => {
    const r = await deployWith({}, { images: undefined });
    expect(r.error).toBeUndefined();
    expect(mutationsOf(r, 'SetImage')).toHaveLength(0);
    expect(mutationsOf(r, 'Deploy').map((q) => q.variables.commitSha)).toEqual([
      'abc123',
      'abc123',
      'abc123',
    ]);
  });
});

describe('deploy: a failure rolls the whole run back', () => {
  it('FAILED on the 2nd service: postgres rolled back to its recorded deployment, frontend never touched', async () => {
    const r = await deployWith({ script: failing('backend', 'fail') });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(r.error?.message).toMatch(/backend: deployment dep-backend-8 FAILED/);
    expect(mutationsOf(r, 'Rollback').map((q) => q.variables.id)).toEqual(['dep-postgres-2']);
    expect(r.emulator.world.serving('postgres')).toMatchObject({
      status: 'SUCCESS',
      meta: { image: 'postgres:v1' },
    });
    // backend's failed deployment never went live: v1 still serves, its source points back.
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-4');
    expect(r.emulator.world.sources.get('svc-backend')).toBe('backend:v1');
    expect(mutationsOf(r, 'Deploy').map((q) => q.variables.serviceId)).not.toContain(
      'svc-frontend',
    );
    expect(r.recorded.outputs['rolled-back']).toBe('true');
    expect(output(r).backend).toMatchObject({ status: 'FAILED', step: 'kept-previous' });
    expect(r.recorded.summary.join('')).toContain('Healthcheck failed: /health returned 503');
  });

  it('FAILED on the 3rd service: backend then postgres rolled back, in reverse order, verified SUCCESS', async () => {
    const r = await deployWith({ script: failing('frontend', 'fail') });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(mutationsOf(r, 'Rollback').map((q) => q.variables.id)).toEqual([
      'dep-backend-4',
      'dep-postgres-2',
    ]);
    const rollbackOf = (service: string) =>
      r.emulator.world.deployments.find((d) => d.service === service && d.kind === 'rollback')!;
    expect(rollbackOf('backend').status).toBe('SUCCESS');
    expect(rollbackOf('postgres').status).toBe('SUCCESS');
    // Reverse order means postgres's rollback starts only once backend's is live.
    expect(rollbackOf('postgres').createdAt).toBeGreaterThanOrEqual(
      rollbackOf('backend').statusUpdatedAt,
    );
    expect(servingImage(r, 'backend')).toBe('backend:v1');
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
    expect(output(r).backend).toMatchObject({
      step: 'rolled-back',
      rollbackId: rollbackOf('backend').id,
    });
  });

  it('CRASHED: the crashed backend itself went live, so it is rolled back too', async () => {
    const r = await deployWith({ script: failing('backend', 'crash') });
    expect(r.error?.message).toMatch(/CRASHED: its container kept exiting/);
    expect(mutationsOf(r, 'Rollback').map((q) => q.variables.id)).toEqual([
      'dep-backend-4',
      'dep-postgres-2',
    ]);
    expect(servingImage(r, 'backend')).toBe('backend:v1');
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
  });

  it('a deployment that never finishes times out, is cancelled, and the run rolls back', async () => {
    const r = await deployWith(
      { script: failing('backend', 'hang') },
      { deployTimeoutMs: 5 * 60_000 },
    );
    expect(r.error?.message).toMatch(
      /dep-backend-8 was still DEPLOYING when deploy-timeout \(5m 00s\) ran out/,
    );
    expect(mutationsOf(r, 'Cancel').map((q) => q.variables.id)).toEqual(['dep-backend-8']);
    expect(r.emulator.world.deployments.find((d) => d.id === 'dep-backend-8')!.status).toBe(
      'REMOVED',
    );
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
    expect(r.clock.now() - r.emulator.requests[0]!.at).toBeLessThan(5 * 60_000 + 3 * 60_000);
  });

  it('NEEDS_APPROVAL fails with a sentence telling the user to approve it in Railway', async () => {
    const r = await deployWith({ script: failing('backend', 'needs-approval') });
    expect(r.error?.message).toMatch(
      /approve deployments of service "backend" in the Railway dashboard/,
    );
    expect(mutationsOf(r, 'Cancel').map((q) => q.variables.id)).toEqual(['dep-backend-8']);
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
  });

  it('goes back with deploymentRedeploy when Railway no longer holds the old image', async () => {
    const r = await deployWith({
      script: failing('frontend', 'fail'),
      expired: ['postgres', 'backend'],
    });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(mutationsOf(r, 'Rollback')).toHaveLength(0);
    expect(mutationsOf(r, 'Redeploy').map((q) => q.variables.id)).toEqual([
      'dep-backend-4',
      'dep-postgres-2',
    ]);
    expect(servingImage(r, 'backend')).toBe('backend:v1');
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
  });
});

describe('deploy: a rollback that fails is loud and never success', () => {
  it.each([
    [
      'its rollback deployment FAILS',
      {
        script: (c: ScriptContext): Script | undefined =>
          c.service === 'backend' && c.kind === 'deploy'
            ? { outcome: 'fail' }
            : c.kind === 'rollback'
              ? { outcome: 'fail' }
              : undefined,
      },
      /rollback deployment dep-postgres-\d+ is FAILED/,
    ],
    [
      'Railway refuses the rollback mutation',
      {
        script: failing('backend', 'fail'),
        faults: [
          {
            operation: 'deploymentRollback',
            action: 'errors' as const,
            message: 'Deployment is locked',
          },
        ],
      },
      /the rollback could not start: Railway refused Rollback: Deployment is locked \(traceId trace-1\)/,
    ],
  ])('when %s', async (_what, options, why) => {
    const r = await deployWith(options);
    expect(r.error?.name).toBe('RollbackFailedError');
    expect(r.error?.message).toMatch(why);
    expect(r.error?.message).toMatch(
      /ROLLBACK FAILED: postgres \(Railway service "postgres"\) is NOT back/,
    );
    expect(r.error?.message).toMatch(/roll "postgres" back to deployment dep-postgres-2 by hand/);
    expect(r.recorded.lines.some((l) => l.startsWith('error: ROLLBACK FAILED: postgres'))).toBe(
      true,
    );
    expect(r.recorded.outputs['rolled-back']).toBe('false');
    expect(output(r).postgres.step).toBe('rollback-failed');
    expect(r.recorded.summary.join('')).toContain('ROLLBACK FAILED');
  });
});

describe('deploy: 200 with errors on each mutation', () => {
  it.each([
    ['SetImage', { skip: 1 }, 'dep-postgres-2'],
    ['Deploy', { skip: 1 }, 'dep-postgres-2'],
  ])('a refused %s on backend rolls postgres back', async (operation, where, target) => {
    const r = await deployWith({ faults: [{ operation, action: 'errors', ...where }] });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(r.error?.message).toMatch(
      new RegExp(`backend: could not start a deployment: Railway refused ${operation}`),
    );
    expect(mutationsOf(r, 'Rollback').map((q) => q.variables.id)).toEqual([target]);
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-4');
  });

  it('a refused Redeploy is a failed rollback', async () => {
    const r = await deployWith({
      script: failing('backend', 'fail'),
      expired: ['postgres'],
      faults: [{ operation: 'Redeploy', action: 'errors' }],
    });
    expect(r.error?.name).toBe('RollbackFailedError');
    expect(r.error?.message).toMatch(/postgres .* is NOT back on its previous deployment/);
  });

  it('a refused Cancel is only a warning: the timed-out deployment never went live', async () => {
    const r = await deployWith(
      { script: failing('backend', 'hang'), faults: [{ operation: 'Cancel', action: 'errors' }] },
      { deployTimeoutMs: 120_000 },
    );
    expect(r.error?.name).toBe('DeployFailedError');
    expect(
      r.recorded.lines.some((l) => /^warn: backend: could not cancel dep-backend-8/.test(l)),
    ).toBe(true);
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
  });

  it('scrubs the token even when Railway echoes it back in an error', async () => {
    const r = await deployWith({
      faults: [{ operation: 'Project', action: 'errors', message: `bad token ${PROJECT_TOKEN}` }],
    });
    expect(r.error?.message).toBe('Railway refused Project: bad token *** (traceId trace-1)');
  });
});
