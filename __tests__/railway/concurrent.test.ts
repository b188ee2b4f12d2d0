/**
 * Two deploys at once on one environment (an autodeploy, a person, another workflow), in real
 * time against one emulator, both orders and several offsets: the run that started last ends
 * serving; neither run rolls back over the other's deployment, tells a human to roll back what
 * is fine, or leaves a service's source pointing at an image it does not serve; and every "back
 * on" line or sentence a run prints holds at the end.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { runDeploy } from '../../src/commands/deploy.js';
import type { RailwayEmulator } from '../../__fixtures__/railway/emulator.js';
import {
  images,
  nothingPushed,
  railwayInputs,
  recordingReporter,
  startEmulator,
  MANAGED_STACK,
} from '../../__fixtures__/railway/harness.js';

let emu: RailwayEmulator | undefined;
afterEach(async () => emu?.stop());

function release(tag: string) {
  const built = images();
  for (const entry of Object.values(built)) entry.digest = entry.digest!.replace(/.{6}$/, tag);
  return built;
}

async function run(url: string, tag: string) {
  const recorded = recordingReporter();
  const inputs = railwayInputs(url, { images: release(tag), stableForMs: 0 }, MANAGED_STACK);
  const error = await runDeploy(inputs, {
    reporter: recorded.reporter,
    resolveDigest: nothingPushed,
  }).then(
    () => undefined,
    (e: Error) => e,
  );
  return { tag, lines: recorded.lines, error };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two deploys at once on one environment', () => {
  it.each([
    ['aaaaaa', 'bbbbbb', 0],
    ['aaaaaa', 'bbbbbb', 500],
    ['aaaaaa', 'bbbbbb', 1500],
    ['bbbbbb', 'aaaaaa', 0],
    ['bbbbbb', 'aaaaaa', 500],
    ['bbbbbb', 'aaaaaa', 1500],
  ])(
    '%s first, %s %i ms later: every claim holds at the end',
    async (first, second, offset) => {
      emu = await startEmulator({}, 1000);
      const earlier = run(emu.url, first);
      await sleep(offset);
      const later = await run(emu.url, second);
      const before = await earlier;
      // One of them wins (the later one unless Railway superseded it): its release serves.
      expect(before.error && later.error).toBeFalsy();
      const winner = later.error ? before : later;
      for (const service of ['backend', 'frontend']) {
        const serving = emu.world.serving(service)!;
        expect(serving.meta.image).toMatch(new RegExp(`${winner.tag}$`));
        // No source left pointing at an image the service does not run.
        expect(emu.world.sourceImage(service)).toBe(serving.meta.image);
      }
      for (const r of [before, later]) {
        const text = `${r.lines.join('\n')}\n${r.error?.message ?? ''}`;
        expect(text).not.toMatch(/A human must roll "(backend|frontend)" back/);
        // A run that lost says what serves now; it never calls that "back on its previous".
        if (r.error?.message.includes('back on its previous deployment')) {
          for (const m of r.error.message.matchAll(/(\w+) \((dep-[\w-]+)\)/g)) {
            const was = emu.world.deployments.find((d) => d.id === m[2])!;
            expect(emu.world.serving(m[1]!)!.meta.image).toBe(was.meta.image);
          }
        }
        for (const [, service, target] of text.matchAll(/(\w+): back on the image of (dep-\S+)/g)) {
          const was = emu.world.deployments.find((d) => d.id === target)!;
          expect(emu.world.serving(service!)!.meta.image).toBe(was.meta.image);
        }
      }
    },
    60_000,
  );
});
