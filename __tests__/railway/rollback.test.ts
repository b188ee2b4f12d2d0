import { describe, expect, it } from '@jest/globals';
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

const rollbacks = (r: ScenarioResult) =>
  r.emulator
    .mutations()
    .filter((q) => q.operation === 'Rollback')
    .map((q) => q.variables.id);

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

  it('dry-run names the targets and changes nothing', async () => {
    const r = await rollbackWith({ dryRun: true });
    expect(r.emulator.mutations()).toHaveLength(0);
    expect(r.recorded.lines).toContain(
      'info: backend -> "backend": serving dep-backend-4, back to dep-backend-3',
    );
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
  });
});

describe('crash safety: the post phase finishes a run the main phase left', () => {
  it.each([
    ['mid-rollout (backend deploying)', 'Deploy', 2],
    ['mid-rollback (first rollback sent)', 'Rollback', 1],
  ])('%s: everything ends on its previous deployment', async (_what, operation, nth) => {
    const clock = new VirtualClock();
    const emu = await emulator(clock, {
      script: (c) =>
        operation === 'Rollback' && c.service === 'frontend' && c.kind === 'deploy'
          ? { outcome: 'fail' }
          : undefined,
    });
    const inputs = railwayInputs(emu.url);
    let saved: RunState | undefined;
    // The main phase "dies": its clock throws once the chosen mutation has gone out.
    const dying = {
      now: clock.now,
      sleep: async (ms: number) => {
        if (emu.mutations().filter((q) => q.operation === operation).length >= nth)
          throw new Error('SIGKILL');
        await clock.sleep(ms);
      },
    };
    await expect(
      runDeploy(inputs, {
        reporter: recordingReporter().reporter,
        clock: dying,
        onState: (s) => (saved = s),
      }),
    ).rejects.toThrow('SIGKILL');
    expect(saved!.phase).toBe(operation === 'Deploy' ? 'deploying' : 'rolling-back');

    const post = recordingReporter();
    const fromStateFile = JSON.parse(JSON.stringify(saved)) as RunState;
    await expect(
      finishRailway(fromStateFile, inputs, { reporter: post.reporter, clock }),
    ).rejects.toThrow(
      operation === 'Deploy' ? /the main phase stopped before the deploy finished/ : /frontend/,
    );
    for (const service of ['postgres', 'backend', 'frontend']) {
      expect(emu.world.serving(service)).toMatchObject({
        status: 'SUCCESS',
        meta: { image: `${service}:v1` },
      });
    }
    // A rollback the dead main phase had sent is adopted, not sent twice.
    const targets = emu
      .mutations()
      .filter((q) => q.operation === 'Rollback')
      .map((q) => q.variables.id);
    // Mid-rollout the backend deployment was cancelled before going live: only postgres goes back.
    expect(targets.sort()).toEqual(
      operation === 'Deploy' ? ['dep-postgres-2'] : ['dep-backend-4', 'dep-postgres-2'],
    );
    expect(post.outputs['rolled-back']).toBe('true');
    await emu.stop();
  });

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
