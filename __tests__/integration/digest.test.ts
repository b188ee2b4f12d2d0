/**
 * Without an `images` input, deploy resolves `<image-prefix>/<service>:<sha>` to the digest the
 * real local registry holds: from the engine's RepoDigests after a push, else from the
 * registry's manifest endpoint; a tag never pushed is refused before Railway is changed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDeploy } from '../../src/commands/deploy.js';
import { digestResolver } from '../../src/docker/digest.js';
import { createExec } from '../../src/docker/exec.js';
import {
  REGISTRY,
  docker,
  registryDigest,
  requireEngine,
  requireRegistry,
  uniqueId,
  untag,
} from '../../__fixtures__/engine.js';
import {
  VirtualClock,
  emulator,
  railwayInputs,
  recordingReporter,
} from '../../__fixtures__/railway/harness.js';

const SHA = uniqueId('sha');
const PREFIX = `${REGISTRY}/deploy-action-digest`;
const tags = ['backend', 'frontend'].map((s) => `${PREFIX}/${s}:${SHA}`);

beforeAll(async () => {
  requireEngine();
  await requireRegistry();
  const dir = mkdtempSync(path.join(tmpdir(), 'digest-'));
  for (const [i, tag] of tags.entries()) {
    // A distinct tiny image per service: a label is enough to give it its own digest.
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      `FROM debian:bookworm-slim\nLABEL n="${SHA}-${i}"\n`,
    );
    docker('build', '-q', '-t', tag, dir);
    docker('push', tag);
  }
}, 300_000);

afterAll(() => untag(...tags));

const resolve = digestResolver({ exec: createExec() });

describe('the pushed digest of a tag', () => {
  it('comes from the engine after a push, equal to what the registry holds', async () => {
    const held = await registryDigest('deploy-action-digest/backend', SHA);
    expect(await resolve(tags[0]!)).toEqual({ digest: `${PREFIX}/backend@${held}` });
  });

  it('comes from the registry when the engine no longer has the image', async () => {
    const held = await registryDigest('deploy-action-digest/frontend', SHA);
    untag(tags[1]!);
    expect(await resolve(tags[1]!)).toEqual({ digest: `${PREFIX}/frontend@${held}` });
  });

  it('is missing, with the registry named, for a tag never pushed', async () => {
    expect(await resolve(`${PREFIX}/backend:never-pushed`)).toEqual({
      missing: `${REGISTRY} has no ${PREFIX}/backend:never-pushed`,
    });
  });
});

describe('deploy without an images input', () => {
  it('deploys exactly the pushed digests, resolved from the real registry', async () => {
    const clock = new VirtualClock();
    const emu = await emulator(clock);
    const recorded = recordingReporter();
    try {
      const inputs = railwayInputs(emu.url, { images: undefined, sha: SHA, imagePrefix: PREFIX });
      await runDeploy(inputs, { reporter: recorded.reporter, clock, resolveDigest: resolve });
      for (const service of ['backend', 'frontend']) {
        const held = await registryDigest(`deploy-action-digest/${service}`, SHA);
        expect(emu.world.serving(service)!.meta.image).toBe(`${PREFIX}/${service}@${held}`);
      }
    } finally {
      await emu.stop();
    }
  });

  it('refuses before any change when the tag was never pushed and Railway runs an image', async () => {
    const clock = new VirtualClock();
    const emu = await emulator(clock);
    try {
      const inputs = railwayInputs(emu.url, {
        images: undefined,
        sha: 'never-pushed',
        imagePrefix: PREFIX,
      });
      const error = await runDeploy(inputs, {
        reporter: recordingReporter().reporter,
        clock,
        resolveDigest: resolve,
      }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(
        new RegExp(`^backend: Railway service "backend" runs an image .*${REGISTRY} has no`),
      );
      expect(emu.mutations()).toHaveLength(0);
    } finally {
      await emu.stop();
    }
  });
});
