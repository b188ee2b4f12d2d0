/**
 * dist/index.js on Node 24, run as the runner runs it, against the Railway emulator on
 * 127.0.0.1 (real time, short deployments): a deploy, a failed deploy rolled back, and a main
 * phase killed with SIGKILL mid-rollout whose post phase rolls everything back.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { EmulatorOptions, RailwayEmulator } from '../../__fixtures__/railway/emulator.js';
import {
  PROJECT_TOKEN,
  deployedImage,
  images,
  stackFile,
  startEmulator,
} from '../../__fixtures__/railway/harness.js';
import { runStep, runnerFiles, type StepResult } from './helpers.js';

let emulator: RailwayEmulator | undefined;
afterEach(async () => emulator?.stop());

async function start(options: EmulatorOptions = {}) {
  emulator = await startEmulator(options, 1500);
  return emulator;
}

function inputs(url: string, command = 'deploy') {
  return {
    command: command,
    'compose-file': stackFile(),
    'railway-token': PROJECT_TOKEN,
    'railway-api-url': url,
    'stable-for': '2s',
    images: JSON.stringify(images()),
  };
}

/** The token may reach the runner only inside its own masking command. */
function expectNoToken(step: StepResult): void {
  const all = [
    step.stdout.replace(`::add-mask::${PROJECT_TOKEN}`, ''),
    step.stderr,
    JSON.stringify(step.outputs),
    JSON.stringify(step.state),
    step.summary,
  ].join('\n');
  expect(all).not.toContain(PROJECT_TOKEN);
}

describe('e2e: command deploy on Node 24', () => {
  it('deploys the three services and reports them', async () => {
    const emu = await start();
    const files = runnerFiles();
    const step = await runStep('main', { inputs: inputs(emu.url), files });
    expect(step.code).toBe(0);
    const deployments = JSON.parse(step.outputs.deployments!);
    expect(Object.keys(deployments)).toEqual(['postgres', 'backend', 'frontend']);
    expect(deployments.backend).toMatchObject({ status: 'SUCCESS', previousId: 'dep-backend-4' });
    expect(step.outputs['rolled-back']).toBe('false');
    for (const s of ['postgres', 'backend', 'frontend'])
      expect(emu.world.serving(s)!.meta.image).toBe(deployedImage(s));
    expect(step.summary).toContain(
      '| backend | backend | `dep-backend-4` | `dep-backend-8` SUCCESS',
    );
    expectNoToken(step);
    // The run finished: the post phase has nothing to do and asks Railway nothing.
    const before = emu.requests.length;
    const post = await runStep('post', { inputs: inputs(emu.url), files });
    expect(post.code).toBe(0);
    expect(emu.requests.length).toBe(before);
  }, 60_000);

  it('fails red, after rolling back, when the backend FAILS', async () => {
    const emu = await start({
      script: (c) =>
        c.service === 'backend' && c.kind === 'deploy' ? { outcome: 'fail' } : undefined,
    });
    const step = await runStep('main', { inputs: inputs(emu.url) });
    expect(step.code).toBe(1);
    expect(step.stdout).toMatch(/::error::Deploy failed: backend: deployment dep-backend-8 FAILED/);
    expect(step.outputs['rolled-back']).toBe('true');
    expect(emu.world.serving('postgres')!.meta.image).toBe('postgres:v1');
    expectNoToken(step);
  }, 60_000);

  it('SIGKILL mid-rollout: the post phase rolls back what the main phase had deployed', async () => {
    const emu = await start({
      script: (c) =>
        c.service === 'backend' && c.kind === 'deploy'
          ? { outcome: 'success', durationMs: 60_000 }
          : undefined,
    });
    const files = runnerFiles();
    const main = await runStep('main', {
      inputs: inputs(emu.url),
      files,
      onSpawn: (child) => {
        const timer = setInterval(() => {
          if (
            emu.mutations().some((q) => q.operation === 'Wave' && q.variables.m0 === 'svc-backend')
          ) {
            clearInterval(timer);
            setTimeout(() => child.kill('SIGKILL'), 300);
          }
        }, 50);
        child.on('close', () => clearInterval(timer));
      },
    });
    expect(main.signal).toBe('SIGKILL');
    expect(emu.world.serving('postgres')!.meta.image).toBe(deployedImage('postgres'));
    const post = await runStep('post', { inputs: inputs(emu.url), files });
    expect(post.stdout).toContain(
      'The main phase stopped during the Railway deploy; finishing it now.',
    );
    expect(post.stdout).toMatch(
      /::error::Deploy failed: the main phase stopped before the deploy finished/,
    );
    expect(emu.world.serving('postgres')).toMatchObject({
      status: 'SUCCESS',
      meta: { image: 'postgres:v1' },
    });
    expect(emu.world.serving('backend')!.id).toBe('dep-backend-4');
    expect(emu.world.deployments.find((d) => d.id === 'dep-backend-8')!.status).toBe('REMOVED');
    const deploys = emu.mutations().filter((q) => q.fields.includes('serviceInstanceDeployV2'));
    expect(deploys).toHaveLength(2);
    // Read back: the next deploy on Railway would ship the previous images, not the new ones.
    expect(emu.world.sourceImage('postgres')).toBe('postgres:v1');
    expect(emu.world.sourceImage('backend')).toBe('backend:v1');
    expectNoToken(main);
    expectNoToken(post);
  }, 90_000);
});
