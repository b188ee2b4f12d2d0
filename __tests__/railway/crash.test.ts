/**
 * Crash safety: the main phase dies (as on SIGKILL: nothing after that point runs) at a chosen
 * request to Railway, sent or not; the post phase, given only the last saved state, must leave
 * every service on the deployment it served before the run.
 */
import { describe, expect, it } from '@jest/globals';
import { finishRailway, runDeploy } from '../../src/commands/deploy.js';
import type { RunState } from '../../src/railway/state.js';
import type { EmulatorOptions, RailwayEmulator } from '../../__fixtures__/railway/emulator.js';
import {
  VirtualClock,
  emulator,
  railwayInputs,
  recordingReporter,
  type RailwayInputs,
} from '../../__fixtures__/railway/harness.js';
import type { Script, ScriptContext } from '../../__fixtures__/railway/world.js';

interface Death {
  /** The operation whose request is the last thing the main phase does. */
  operation: string;
  /** Railway gets the request (and applies it); its answer never arrives. */
  sent: boolean;
  /** Only once the run is rolling back (inside failRun and after). */
  rollingBack?: boolean;
  nth?: number;
}

/** Runs the main phase until it dies; returns the state it had saved last. */
async function mainDiesAt(clock: VirtualClock, inputs: RailwayInputs, death: Death) {
  let saved: RunState | undefined;
  let died!: () => void;
  const dead = new Promise<void>((resolve) => (died = resolve));
  let seen = 0;
  const dying: typeof fetch = async (url, init) => {
    const operation = (JSON.parse(String(init?.body)) as { operationName?: string }).operationName;
    const armed = !death.rollingBack || saved?.phase === 'rolling-back';
    if (operation === death.operation && armed && ++seen === (death.nth ?? 1)) {
      if (death.sent) await fetch(url, init);
      died();
      return new Promise<Response>(() => undefined);
    }
    return fetch(url, init);
  };
  const main = runDeploy(inputs, {
    reporter: recordingReporter().reporter,
    clock,
    fetch: dying,
    onState: (s) => (saved = s),
  });
  await Promise.race([dead, main.then(() => Promise.reject(new Error('the main phase lived')))]);
  return JSON.parse(JSON.stringify(saved)) as RunState;
}

async function crashScenario(options: EmulatorOptions, death: Death, deployTimeoutMs?: number) {
  // One clock for the emulator, the dying main phase and the post phase.
  const clock = new VirtualClock();
  const emu = await emulator(clock, options);
  const inputs = railwayInputs(emu.url, deployTimeoutMs ? { deployTimeoutMs } : {});
  const saved = await mainDiesAt(clock, inputs, death);
  const post = recordingReporter();
  const fromStateFile = structuredClone(saved);
  const error = await finishRailway(fromStateFile, inputs, { reporter: post.reporter, clock }).then(
    () => undefined,
    (e: Error) => e,
  );
  await emu.stop();
  return { emu, saved, post, error };
}

const deploysOf = (service: string, outcome: Script['outcome']) => (c: ScriptContext) =>
  c.service === service && c.kind === 'deploy' ? { outcome } : undefined;
const FRONTEND_FAILS = { script: deploysOf('frontend', 'fail') };
const BACKEND_HANGS = { script: deploysOf('backend', 'hang') };
const BACKEND_DEPLOY_LOST = { faults: [{ operation: 'Deploy', action: 'drop' as const, skip: 1 }] };

function expectAllBack(emu: RailwayEmulator) {
  for (const service of ['postgres', 'backend', 'frontend']) {
    expect(emu.world.serving(service)).toMatchObject({
      status: 'SUCCESS',
      meta: { image: `${service}:v1` },
    });
    // What it serves and what its next deploy would ship: both the previous image.
    expect(emu.world.sourceImage(service)).toBe(`${service}:v1`);
  }
  // Never two rollbacks of one service: one sent before the death is adopted, not resent.
  const targets = emu
    .mutations()
    .filter((q) => q.fields.includes('deploymentRollback'))
    .map((q) => q.variables.m1 ?? q.variables.m3);
  expect(new Set(targets).size).toBe(targets.length);
}

describe('crash safety: a main phase that dies mid-rollout or mid-rollback', () => {
  it.each([
    ['mid-rollout, backend Deploy sent', {}, { operation: 'Wave', sent: true, nth: 2 }],
    [
      'mid-rollback, first Rollback sent',
      FRONTEND_FAILS,
      { operation: 'Wave', sent: true, rollingBack: true },
    ],
  ] as [string, EmulatorOptions, Death][])(
    '%s: everything ends on its previous deployment',
    async (_what, options, death) => {
      const { emu, saved, post, error } = await crashScenario(options, death);
      expect(saved.phase).toBe(death.rollingBack ? 'rolling-back' : 'deploying');
      expect(error?.message).toMatch(
        !death.rollingBack ? /the main phase stopped before the deploy finished/ : /frontend/,
      );
      expectAllBack(emu);
      expect(post.outputs['rolled-back']).toBe('true');
    },
  );
});

describe('crash safety: the main phase dies at each await point of failRun', () => {
  it.each([
    ['frontend FAILED, dies fetching its logs', FRONTEND_FAILS, 'Logs', false],
    ['frontend FAILED, dies restoring its source', FRONTEND_FAILS, 'UpdateInstance', true],
    ['frontend FAILED, dies reading its source back', FRONTEND_FAILS, 'Snapshot', false],
    ['frontend FAILED, dies reading rollback targets', FRONTEND_FAILS, 'Poll', false],
    ['frontend FAILED, dies sending the first Rollback', FRONTEND_FAILS, 'Wave', false],
    ['frontend FAILED, dies looking for the rollback deployment', FRONTEND_FAILS, 'History', true],
    ['backend timed out, dies cancelling it (not sent)', BACKEND_HANGS, 'Cancel', false],
    ['backend timed out, dies cancelling it (sent)', BACKEND_HANGS, 'Cancel', true],
    ['backend timed out, dies re-reading its status', BACKEND_HANGS, 'Poll', false],
    [
      'backend Deploy lost, dies looking for what it started',
      BACKEND_DEPLOY_LOST,
      'History',
      false,
    ],
  ] as const)('%s: the post phase rolls back all that went live', async (_w, options, op, sent) => {
    const timeout = options === BACKEND_HANGS ? 5 * 60_000 : undefined;
    const death = { operation: op, sent, rollingBack: true };
    const { emu, saved, error } = await crashScenario(options, death, timeout);
    expect(saved.phase).toBe('rolling-back');
    expect(error?.name).toBe('DeployFailedError');
    expect(error?.message).toMatch(
      /^Deploy failed: (frontend|backend): .*postgres \(dep-postgres-2\)/,
    );
    expectAllBack(emu);
  });
});
