/**
 * Issue "Hardened", the Railway side: the post phase trusts no state, the token is scrubbed in
 * every shape Railway may echo it, a malformed answer to a read is asked again, a lost answer
 * whose deployment finished is adopted with its real status, and a deployment someone else
 * started during the run is never rolled back over.
 */
import { describe, expect, it } from '@jest/globals';
import { finishRailway } from '../../src/commands/deploy.js';
import type { RunState } from '../../src/railway/state.js';
import {
  PROJECT_TOKEN,
  VirtualClock,
  emulator,
  railwayInputs,
  recordingReporter,
} from '../../__fixtures__/railway/harness.js';
import type { ScriptContext } from '../../__fixtures__/railway/world.js';
import { deployWith, output } from './scenarios.js';

/** A real state from a run whose main phase stopped mid-rollout. */
async function savedState(): Promise<RunState> {
  const r = await deployWith({}, {}, (emu) => {
    emu.inject({ operation: 'Wave', action: 'drop', skip: 1, times: 1 });
  });
  const saved = r.states.find((s) => (s as RunState).phase === 'deploying') as RunState;
  return JSON.parse(JSON.stringify(saved)) as RunState;
}

describe('the post phase validates its state', () => {
  const tamper: [string, (s: RunState) => unknown, RegExp][] = [
    ['not an object', () => 'garbage', /^The saved Railway run is not one this action wrote/],
    ['an old version', (s) => ({ ...s, version: 1 }), /not one this action wrote \(version:/],
    [
      'a step it never has',
      (s) => ({ ...s, services: [{ ...s.services[0], step: 'nuke' }] }),
      /services\.0\.step/,
    ],
    [
      'a service the compose file does not map',
      (s) => ({ ...s, services: [{ ...s.services[0], service: 'billing' }] }),
      /names service "billing", which .*docker-compose\.yml does not map to Railway/,
    ],
    [
      'another environment',
      (s) => ({ ...s, environmentId: 'env-staging', environmentName: 'staging' }),
      /is for environment "staging", not the step's own \("production"\)/,
    ],
  ];
  it.each(tamper)(
    '%s: one sentence, a failed step, nothing sent',
    async (_what, change, message) => {
      const state = await savedState();
      const clock = new VirtualClock();
      const emu = await emulator(clock);
      const error = await finishRailway(change(state) as RunState, railwayInputs(emu.url), {
        reporter: recordingReporter().reporter,
        clock,
      }).then(
        () => undefined,
        (e: Error) => e,
      );
      await emu.stop();
      expect(error?.name).toBe('UserError');
      expect(error?.message).toMatch(message);
      expect(error?.message.split('\n')).toHaveLength(1);
      expect(emu.requests).toHaveLength(0);
    },
  );
});

describe('the token in other shapes', () => {
  const shapes = [
    PROJECT_TOKEN.toUpperCase(),
    Buffer.from(PROJECT_TOKEN).toString('base64'),
    encodeURIComponent(`x ${PROJECT_TOKEN}`),
    PROJECT_TOKEN.slice(0, 16),
  ];
  it.each(shapes)('a Railway error echoing %s is scrubbed', async (shape) => {
    const r = await deployWith({
      faults: [{ operation: 'Project', action: 'errors', message: `bad token ${shape}` }],
    });
    expect(r.error?.message).toMatch(/Railway refused Project: bad token/);
    expect(r.everything).not.toContain(shape);
  });
});

describe('reads asked again', () => {
  it('an HTML answer to a read is retried, not a failed run', async () => {
    const r = await deployWith({ faults: [{ operation: 'Poll', action: 'html' }] });
    expect(r.error).toBeUndefined();
  });
});

describe('a lost answer whose deployment already finished', () => {
  it('is adopted with its real status, not waited out and rolled back', async () => {
    const quick = (c: ScriptContext) =>
      c.kind === 'deploy' ? { outcome: 'success' as const, durationMs: 1000 } : undefined;
    const r = await deployWith(
      { script: quick, faults: [{ operation: 'Wave', action: '502-after', skip: 1 }] },
      { stableForMs: 0 },
    );
    expect(r.error).toBeUndefined();
    expect(output(r).backend).toMatchObject({ status: 'SUCCESS', step: 'succeeded' });
    expect(r.recorded.outputs['rolled-back']).toBe('false');
  });
});

describe('two deploys at once on one environment', () => {
  it('a deployment someone else started during the run is left alone, and said so', async () => {
    const frontendFails = (c: ScriptContext) =>
      c.service === 'frontend' && c.kind === 'deploy' ? { outcome: 'fail' as const } : undefined;
    const r = await deployWith({ script: frontendFails }, {}, (emu) => {
      const world = emu.world;
      const create = world.create.bind(world);
      world.create = (serviceId, environmentId, kind, meta) => {
        const made = create(serviceId, environmentId, kind, meta);
        if (serviceId === 'svc-frontend' && kind === 'deploy') {
          const hotfix = create('svc-backend', environmentId, 'deploy', {
            image: 'backend:hotfix',
          });
          hotfix.creator = 'Ada Lovelace';
        }
        return made;
      };
    });
    expect(r.error?.message).toMatch(
      /NOT ROLLED BACK: backend \(Railway service "backend"\): deployment dep-backend-\d+ \((QUEUED|INITIALIZING|DEPLOYING|SUCCESS)\), started outside this run by Ada Lovelace, came after it; it is left alone/,
    );
    // What the emulator serves at the end is what the run said: the hotfix, not a rollback.
    expect(r.emulator.world.serving('backend')!.meta.image).toBe('backend:hotfix');
    expect(r.emulator.world.serving('postgres')!.meta.image).toBe('postgres:v1');
    expect(r.recorded.lines.join('\n')).not.toMatch(/backend: back on the image/);
  });
});
