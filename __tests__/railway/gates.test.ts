/**
 * Issue "Railway releases that Railway itself verifies": Railway's own gates set with the image,
 * managed databases left alone, nothing redeployed for nothing, the image checked, and a crash
 * after SUCCESS caught within stable-for.
 */
import { describe, expect, it } from '@jest/globals';
import { runDeploy } from '../../src/commands/deploy.js';
import {
  MANAGED_STACK,
  VirtualClock,
  emulator,
  images,
  newImage,
  railwayInputs,
  recordingReporter,
  nothingPushed,
} from '../../__fixtures__/railway/harness.js';
import type { Script, ScriptContext } from '../../__fixtures__/railway/world.js';
import { deployWith, mutationsOf, output, sentMutations, servingImage } from './scenarios.js';

/** backend with a health URL and a migration, as the example has. */
const GATED = MANAGED_STACK.replace(
  'x-deploy: { railway: { service: backend } }',
  'x-deploy: { migrate: alembic upgrade head, health: "http://localhost:8000/health", ' +
    'railway: { service: backend, healthcheck-timeout: 60s } }',
);

const backendDeploys =
  (script: Partial<Script>) =>
  (c: ScriptContext): Script | undefined =>
    c.service === 'backend' && c.kind === 'deploy' ? { outcome: 'success', ...script } : undefined;

describe("deploy: Railway's own gates", () => {
  it('sets the healthcheck and the pre-deploy migration in the same request as the image, then deploys', async () => {
    const r = await deployWith({}, {}, undefined, GATED);
    expect(r.error).toBeUndefined();
    const backendWave = r.emulator
      .mutations()
      .find((q) => q.operation === 'Wave' && q.variables.m0 === 'svc-backend')!;
    expect(backendWave.fields).toEqual(['serviceInstanceUpdate', 'serviceInstanceDeployV2']);
    expect(backendWave.variables.u0).toEqual({
      source: { image: newImage('backend') },
      healthcheckPath: '/health',
      healthcheckTimeout: 60,
      preDeployCommand: ['alembic upgrade head'],
    });
    const instance = r.emulator.world.instance('svc-backend', 'env-production');
    expect(instance).toMatchObject({
      healthcheckPath: '/health',
      preDeployCommand: ['alembic upgrade head'],
    });
    // The deployment ran with those settings (Railway snapshots them when it is created).
    expect(r.emulator.world.serving('backend')!.settings.healthcheckPath).toBe('/health');
  });

  it('a migration that fails on Railway leaves the old deployment serving and its settings as they were', async () => {
    const r = await deployWith(
      { script: backendDeploys({ migrate: 'fail' }) },
      {},
      undefined,
      GATED,
    );
    expect(r.error?.name).toBe('DeployFailedError');
    expect(r.error?.message).toMatch(
      /backend: deployment dep-backend-\d+ FAILED: its pre-deploy command \(migration\)/,
    );
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-4');
    expect(output(r).backend).toMatchObject({ status: 'FAILED', step: 'kept-previous' });
    expect(r.emulator.world.instance('svc-backend', 'env-production')).toMatchObject({
      image: 'backend:v1',
      healthcheckPath: null,
      preDeployCommand: null,
    });
    expect(mutationsOf(r, 'Deploy').map((q) => q.variables.serviceId)).not.toContain(
      'svc-frontend',
    );
  });

  it('a healthcheck that never answers 200 fails once healthcheck-timeout is spent; the old one serves', async () => {
    const r = await deployWith({ script: backendDeploys({ health: 503 }) }, {}, undefined, GATED);
    expect(r.error?.message).toMatch(/backend: deployment dep-backend-\d+ FAILED/);
    const failed = r.emulator.world.deployments.find(
      (d) => d.service === 'backend' && d.kind === 'deploy',
    )!;
    // 60 s healthcheck-timeout after the container started (30 s into a 60 s deployment).
    expect(failed.statusUpdatedAt - failed.createdAt).toBe(30_000 + 60_000);
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-4');
  });

  it('warns for each service deployed without a healthcheck, saying what SUCCESS then means', async () => {
    const r = await deployWith({}, {}, undefined, GATED);
    expect(r.recorded.lines).toContain(
      'warn: frontend: deployed without a healthcheck (set x-deploy.health or ' +
        "x-deploy.railway.healthcheck): Railway's SUCCESS then only means its container started.",
    );
    expect(r.recorded.lines.some((l) => l.startsWith('warn: backend: deployed without'))).toBe(
      false,
    );
  });
});

describe('deploy: a managed database is left to Railway', () => {
  it('postgres is untouched across three deploys, and its dependents wait for it to serve', async () => {
    const clock = new VirtualClock();
    const emu = await emulator(clock);
    try {
      for (const run of [1, 2, 3]) {
        const recorded = recordingReporter();
        const built = images();
        for (const entry of Object.values(built))
          entry.digest = entry.digest!.replace(/.{6}$/, `00000${run}`);
        await runDeploy(railwayInputs(emu.url, { images: built }, MANAGED_STACK), {
          reporter: recorded.reporter,
          clock,
          resolveDigest: nothingPushed,
        });
        expect(JSON.parse(recorded.outputs.deployments!).postgres).toEqual({
          id: 'dep-postgres-2',
          status: 'MANAGED',
          previousId: 'dep-postgres-2',
          step: 'managed',
        });
        expect(recorded.lines).toContain('info: postgres: managed by Railway');
      }
      const touched = emu
        .mutations()
        .filter((q) => JSON.stringify(q.variables).includes('svc-postgres'));
      expect(touched).toEqual([]);
      expect(emu.world.serving('postgres')!.id).toBe('dep-postgres-2');
      expect(emu.world.sourceImage('postgres')).toBe('postgres:v1');
    } finally {
      await emu.stop();
    }
  });

  it('a managed database that serves nothing stops the run before anything changes', async () => {
    const r = await deployWith({ fresh: ['postgres'] }, {}, undefined, MANAGED_STACK);
    expect(r.error?.message).toMatch(
      /^postgres: Railway service "postgres" serves nothing in environment "production"/,
    );
    expect(r.emulator.mutations()).toHaveLength(0);
  });
});

describe('deploy: nothing redeployed for nothing', () => {
  it('a service already serving the requested digest with the same gates is reported unchanged', async () => {
    const clock = new VirtualClock();
    const emu = await emulator(clock);
    try {
      const inputs = railwayInputs(emu.url, {}, MANAGED_STACK);
      const deps = { reporter: recordingReporter().reporter, clock, resolveDigest: nothingPushed };
      await runDeploy(inputs, deps);
      const before = emu.mutations().length;
      const second = recordingReporter();
      await runDeploy(inputs, { ...deps, reporter: second.reporter });
      expect(emu.mutations()).toHaveLength(before);
      const out = JSON.parse(second.outputs.deployments!);
      expect(out.backend).toMatchObject({ status: 'UNCHANGED', step: 'unchanged' });
      expect(out.frontend).toMatchObject({ status: 'UNCHANGED', step: 'unchanged' });
      // Only the frontend changes: only it is deployed.
      const third = images();
      third.frontend!.digest = third.frontend!.digest!.replace(/.{6}$/, '000003');
      await runDeploy({ ...inputs, images: third }, deps);
      const sent = emu
        .mutations()
        .slice(before)
        .map((q) => q.variables.m0);
      expect(sent).toEqual(['svc-frontend']);
    } finally {
      await emu.stop();
    }
  });
});

describe('deploy: exactly the image that was built', () => {
  it('fails into rollback when Railway runs another image than the one asked for', async () => {
    const r = await deployWith({
      script: backendDeploys({ runsImage: 'ghcr.io/sigmasight/backend:latest' }),
    });
    expect(r.error?.message).toMatch(
      new RegExp(
        `backend: deployment dep-backend-\\d+: Railway runs ghcr.io/sigmasight/backend:latest, not ${newImage('backend').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      ),
    );
    expect(servingImage(r, 'backend')).toBe('backend:v1');
    expect(r.emulator.world.sourceImage('backend')).toBe('backend:v1');
  });
});

describe('deploy: stable before green', () => {
  it('a crash 10 s after SUCCESS, with restarts visible first, fails the run into a rollback', async () => {
    const late = (c: ScriptContext) =>
      c.service === 'frontend' && c.kind === 'deploy'
        ? { outcome: 'success' as const, crashAfterMs: 10_000 }
        : undefined;
    const r = await deployWith({ script: late });
    expect(r.error?.message).toMatch(
      /frontend: deployment dep-frontend-\d+: (its instances are RESTARTING|it became CRASHED) within stable-for \(30\.0 s\) after SUCCESS/,
    );
    for (const service of ['postgres', 'backend', 'frontend']) {
      expect(servingImage(r, service)).toBe(`${service}:v1`);
      expect(r.emulator.world.sourceImage(service)).toBe(`${service}:v1`);
    }
    expect(output(r).frontend.step).toBe('rolled-back');
  });

  it('stable-for 0s turns the watch off: the run is green at the last SUCCESS', async () => {
    const r = await deployWith({}, { stableForMs: 0 });
    expect(r.error).toBeUndefined();
    expect(r.emulator.requests.filter((q) => q.operation === 'Stable')).toHaveLength(0);
  });

  it('watches for stable-for with its own polls after the last wave', async () => {
    const r = await deployWith();
    const stable = r.emulator.requests.filter((q) => q.operation === 'Stable');
    expect(stable).toHaveLength(3);
    expect(Object.keys(stable[0]!.variables)).toHaveLength(3);
    expect(r.recorded.lines).toContain(
      'info: Watching postgres, backend, frontend for 30.0 s (stable-for) before calling the deploy good',
    );
  });
});

describe('rollback: one wave request, no pre-deploy command, settings put back', () => {
  it('goes back without running the migration of the old image, then restores its gates', async () => {
    const failFrontend = (c: ScriptContext) =>
      c.service === 'frontend' && c.kind === 'deploy' ? { outcome: 'fail' as const } : undefined;
    const r = await deployWith({ script: failFrontend }, {}, undefined, GATED);
    expect(r.error?.name).toBe('DeployFailedError');
    const rollback = sentMutations(r).filter((m) => m.field === 'deploymentRollback');
    expect(rollback.map((m) => m.variables.id)).toEqual(['dep-backend-4']);
    const backendRollback = r.emulator.world.deployments.find(
      (d) => d.service === 'backend' && d.kind === 'rollback',
    )!;
    expect(backendRollback.settings.preDeployCommand).toBeNull();
    expect(r.emulator.world.instance('svc-backend', 'env-production')).toMatchObject({
      image: 'backend:v1',
      healthcheckPath: null,
      preDeployCommand: null,
    });
  });
});
