/**
 * Deployments followed over Railway's subscription socket (graphql-transport-ws), against the
 * emulator's real WebSocket server on 127.0.0.1, in real time with short deployments: a healthy
 * deploy over the socket, a socket dropped mid-rollout or one that never sends (the engine
 * polls instead, missing nothing), and a FAILED event acted on as fast as a poll would be.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { runDeploy } from '../../src/commands/deploy.js';
import type { EmulatorOptions, RailwayEmulator } from '../../__fixtures__/railway/emulator.js';
import {
  PROJECT_TOKEN,
  nothingPushed,
  railwayInputs,
  recordingReporter,
  startEmulator,
} from '../../__fixtures__/railway/harness.js';
import type { ScriptContext } from '../../__fixtures__/railway/world.js';

let emu: RailwayEmulator | undefined;
afterEach(async () => emu?.stop());

async function deployLive(options: EmulatorOptions = {}, quietMs = 15_000) {
  emu = await startEmulator(options, 1200);
  const recorded = recordingReporter();
  const inputs = railwayInputs(emu.url, { stableForMs: 2000 });
  const error = await runDeploy(inputs, {
    reporter: recorded.reporter,
    resolveDigest: nothingPushed,
    quietMs,
  }).then(
    () => undefined,
    (e: Error) => e,
  );
  const polls = emu.requests.filter((q) => q.operation === 'Poll').length;
  expect(recorded.lines.join('\n')).not.toContain(PROJECT_TOKEN);
  return { emu, recorded, error, polls };
}

describe('following deployments over the subscription socket', () => {
  it('a healthy deploy: every deployment subscribed, one catch-up poll per wave, no polling loop', async () => {
    const r = await deployLive();
    expect(r.error).toBeUndefined();
    const deployed = r.emu.world.deployments.filter((d) => d.kind === 'deploy').map((d) => d.id);
    expect(r.emu.subscriptions.map((s) => s.deploymentId)).toEqual(
      expect.arrayContaining(deployed),
    );
    // Three waves (postgres, backend, frontend): one catch-up poll each, nothing more.
    expect(r.polls).toBe(3);
    expect(r.emu.requests.filter((q) => q.operation === 'Stable')).toHaveLength(1);
  }, 30_000);

  it('the socket dropped mid-rollout: the run goes on by polling and ends green', async () => {
    const r = await deployLive({ socket: { dropAfterMs: 1500 } });
    expect(r.error).toBeUndefined();
    expect(r.polls).toBeGreaterThan(3);
    expect(r.recorded.lines.join('\n')).toMatch(
      /railway feed: socket closed; following deployments by polling/,
    );
  }, 30_000);

  it('a subscription that never sends: quiet, then a poll sees what happened', async () => {
    const r = await deployLive({ socket: 'silent' }, 500);
    expect(r.error).toBeUndefined();
    expect(r.emu.world.serving('frontend')!.meta.image).toMatch(/frontend@sha256:/);
  }, 30_000);

  it('a socket that cannot open: polling from the start, still green', async () => {
    const r = await deployLive({ socket: 'refuse' });
    expect(r.error).toBeUndefined();
    expect(r.emu.subscriptions).toHaveLength(0);
  }, 30_000);

  it('a FAILED event starts the rollback within a second (a poll could take 10)', async () => {
    const failing = (c: ScriptContext) =>
      c.service === 'backend' && c.kind === 'deploy' ? { outcome: 'fail' as const } : undefined;
    const r = await deployLive({ script: failing });
    expect(r.error?.name).toBe('DeployFailedError');
    const failed = r.emu.world.deployments.find((d) => d.status === 'FAILED')!;
    const rollback = r.emu.requests.find(
      (q) => q.kind === 'mutation' && q.fields.includes('deploymentRollback'),
    )!;
    expect(rollback.at - failed.statusUpdatedAt).toBeLessThan(1000);
  }, 30_000);
});
