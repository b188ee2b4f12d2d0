/**
 * Railway going away or lagging mid-run: the run still fails through a rollback, writes its
 * outputs and summary, and a rollback it cannot finish is loud and names what a human must do.
 */
import { describe, expect, it } from '@jest/globals';
import { mutationsOf } from './scenarios.js';
import type { Fault, RailwayEmulator } from '../../__fixtures__/railway/emulator.js';
import { POSTGRES_IMAGE, type ScenarioResult } from '../../__fixtures__/railway/harness.js';
import type { Script, ScriptContext } from '../../__fixtures__/railway/world.js';
import type { RunState } from '../../src/railway/state.js';
import { deployWith } from './scenarios.js';

/** Faults that start once Railway has created the given kind of deployment of a service. */
function onceThereIs(service: string, kind: string, fault: Fault) {
  return (emu: RailwayEmulator) =>
    emu.inject({
      ...fault,
      when: () => emu.world.deployments.some((d) => d.service === service && d.kind === kind),
    });
}

const backendFails = (c: ScriptContext): Script | undefined =>
  c.service === 'backend' && c.kind === 'deploy' ? { outcome: 'fail' } : undefined;
const output = (r: ScenarioResult) => JSON.parse(r.recorded.outputs.deployments!);
const lastPhase = (r: ScenarioResult) => (r.states.at(-1) as RunState).phase;
const rollbacks = (r: ScenarioResult) => mutationsOf(r, 'Rollback');

describe('outage mid-rollout', () => {
  it('polls that fail past their retries fail the run into a rollback, outputs and summary written', async () => {
    const r = await deployWith(
      {},
      {},
      onceThereIs('backend', 'deploy', { operation: 'Poll', action: '502', times: 5 }),
    );
    expect(r.error?.name).toBe('DeployFailedError');
    expect(r.error?.message).toMatch(
      new RegExp(
        '^Deploy failed: the rollout stopped: Railway did not answer Poll: HTTP 502 ' +
          '\\(gave up after 5 attempts\\)\\. Every service of the run is back',
      ),
    );
    expect(r.emulator.world.serving('postgres')!.meta.image).toBe('postgres:v1');
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-4');
    expect(output(r).postgres).toMatchObject({ step: 'rolled-back' });
    expect(r.recorded.outputs['rolled-back']).toBe('true');
    expect(r.recorded.summary.join('')).toContain('the rollout stopped');
  });

  it('Railway gone for good: the rollback fails LOUDLY, naming what to do by hand, outputs written', async () => {
    const r = await deployWith(
      {},
      { deployTimeoutMs: 2 * 60_000 },
      onceThereIs('backend', 'deploy', { action: '502', times: Infinity }),
    );
    expect(r.error?.name).toBe('RollbackFailedError');
    const message = r.error?.message ?? '';
    expect(message).toContain(
      'ROLLBACK FAILED: postgres (Railway service "postgres") is NOT back on its previous ' +
        "deployment: the rollback could not start: Railway's answer to Wave was lost " +
        '(HTTP 502)',
    );
    expect(message).toContain(
      'A human must roll "postgres" back to deployment dep-postgres-2 by hand in Railway',
    );
    expect(r.emulator.world.serving('postgres')!.meta.image).toBe(POSTGRES_IMAGE);
    expect(output(r).postgres.step).toBe('rollback-failed');
    expect(r.recorded.summary.join('')).toContain('ROLLBACK FAILED');
    expect(lastPhase(r)).toBe('rollback-failed');
  });
});

describe('after Railway accepted a rollback', () => {
  it('keeps looking for its new deployment while Railway is slow to list it', async () => {
    const r = await deployWith({ script: backendFails, listLagMs: 10_000 });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(r.emulator.world.serving('postgres')!.meta.image).toBe('postgres:v1');
    expect(rollbacks(r)).toHaveLength(1);
    expect(output(r).postgres.step).toBe('rolled-back');
  });

  it('a deployments list that keeps failing ends in a loud failed rollback, not an escaped error', async () => {
    const r = await deployWith(
      { script: backendFails },
      { deployTimeoutMs: 2 * 60_000 },
      onceThereIs('postgres', 'rollback', { operation: 'History', action: '502', times: Infinity }),
    );
    expect(r.error?.name).toBe('RollbackFailedError');
    expect(r.error?.message).toContain(
      'postgres (Railway service "postgres") is NOT back on its previous deployment: the ' +
        'rollback could not start: Railway accepted the rollback; looking for its new ' +
        'deployment: Railway did not answer History: HTTP 502',
    );
    expect(r.recorded.lines.some((l) => l.startsWith('error: ROLLBACK FAILED: postgres'))).toBe(
      true,
    );
    expect(output(r).postgres.step).toBe('rollback-failed');
    expect(lastPhase(r)).toBe('rollback-failed');
  });
});
