import { describe, expect, it } from '@jest/globals';
import { mutationsOf } from './scenarios.js';
import { finishRailway, runDeploy } from '../../src/commands/deploy.js';
import { runRollback } from '../../src/commands/rollback.js';
import type { RunState } from '../../src/railway/state.js';
import {
  ACCOUNT_TOKEN,
  PROJECT_TOKEN,
  VirtualClock,
  emulator,
  railwayInputs,
  recordingReporter,
  runScenario,
  type RailwayInputs,
  type ScenarioResult,
} from '../../__fixtures__/railway/harness.js';
import type { EmulatorOptions } from '../../__fixtures__/railway/emulator.js';

async function rollbackWith(overrides: Partial<RailwayInputs> = {}, options: EmulatorOptions = {}) {
  const result = await runScenario(runRollback, options, overrides);
  for (const token of [PROJECT_TOKEN, ACCOUNT_TOKEN]) {
    expect(result.everything).not.toContain(token);
  }
  return result;
}

const rollbacks = (r: ScenarioResult) => mutationsOf(r, 'Rollback').map((q) => q.variables.id);

describe('command: rollback', () => {
  it('without rollback-to: every mapped service back to its previous good deployment, reverse order', async () => {
    const r = await rollbackWith();
    expect(r.error).toBeUndefined();
    expect(rollbacks(r)).toEqual(['dep-frontend-5', 'dep-backend-3', 'dep-postgres-1']);
    for (const service of ['postgres', 'backend', 'frontend']) {
      expect(r.emulator.world.serving(service)).toMatchObject({
        status: 'SUCCESS',
        meta: { image: `${service}:v0` },
      });
    }
    const out = JSON.parse(r.recorded.outputs.deployments!);
    expect(out.backend).toMatchObject({
      status: 'SUCCESS',
      previousId: 'dep-backend-4',
      step: 'rolled-back',
    });
    expect(out.backend.id).toBe(r.emulator.world.serving('backend')!.id);
    expect(r.recorded.outputs['rolled-back']).toBe('true');
  });

  it('with rollback-to: only the service owning that deployment goes back, to it', async () => {
    const r = await rollbackWith({ rollbackTo: 'dep-backend-3' });
    expect(r.error).toBeUndefined();
    expect(rollbacks(r)).toEqual(['dep-backend-3']);
    expect(r.emulator.world.serving('backend')!.meta.image).toBe('backend:v0');
    expect(r.emulator.world.serving('frontend')!.id).toBe('dep-frontend-6');
  });

  it('refuses a rollback-to that never served, before changing anything', async () => {
    const clock = new VirtualClock();
    const emu = await emulator(clock);
    const failed = emu.world.create('svc-backend', 'env-production', 'deploy', {
      image: 'backend:bad',
    });
    Object.assign(failed, { status: 'FAILED', timeline: [], applied: 0 });
    const { reporter } = recordingReporter();
    try {
      const inputs = railwayInputs(emu.url, { rollbackTo: failed.id });
      await expect(runRollback(inputs, { reporter, clock })).rejects.toThrow(
        `Input "rollback-to": deployment ${failed.id} is FAILED; it never served`,
      );
      expect(emu.mutations()).toHaveLength(0);
    } finally {
      await emu.stop();
    }
  });

  it('dry-run names the targets, changes nothing, and sets deployments like a deploy dry-run', async () => {
    const r = await rollbackWith({ dryRun: true });
    expect(r.emulator.mutations()).toHaveLength(0);
    expect(r.recorded.lines).toContain(
      'info: backend -> "backend": serving dep-backend-4, back to dep-backend-3',
    );
    const dryRun = (previousId: string) => ({ id: null, status: 'DRY_RUN', previousId });
    expect(JSON.parse(r.recorded.outputs.deployments!)).toEqual({
      postgres: dryRun('dep-postgres-2'),
      backend: dryRun('dep-backend-4'),
      frontend: dryRun('dep-frontend-6'),
    });
    expect(r.recorded.outputs['rolled-back']).toBe('false');
  });

  it('a rollback deployment that fails is loud', async () => {
    const r = await rollbackWith(
      {},
      { script: (c) => (c.service === 'backend' ? { outcome: 'fail' } : undefined) },
    );
    expect(r.error?.name).toBe('RollbackFailedError');
    expect(r.error?.message).toMatch(
      /ROLLBACK FAILED: backend .* roll "backend" back to deployment dep-backend-3 by hand/,
    );
    // The others still went back: one failure does not abandon the rest.
    expect(r.emulator.world.serving('postgres')!.meta.image).toBe('postgres:v0');
    // The summary shows why, from the failed rollback deployment's own logs.
    const failed = r.emulator.world.deployments.find((d) => d.status === 'FAILED')!;
    const summary = r.recorded.summary.join('');
    expect(summary).toContain(`<summary>backend (${failed.id}): last log lines</summary>`);
    expect(summary).toContain('Healthcheck failed: /health returned 503');
  });
});

describe('crash safety: the post phase finishes a run the main phase left', () => {
  it('does nothing when the main phase finished', async () => {
    const clock = new VirtualClock();
    const emu = await emulator(clock);
    const states: RunState[] = [];
    const reporter = recordingReporter().reporter;
    await runDeploy(railwayInputs(emu.url), { reporter, clock, onState: (s) => states.push(s) });
    const before = emu.requests.length;
    await finishRailway(states.at(-1)!, railwayInputs(emu.url), { reporter, clock });
    expect(emu.requests.length).toBe(before);
    await emu.stop();
  });
});
