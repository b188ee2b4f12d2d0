import { beforeAll, describe, expect, it } from '@jest/globals';
import { build, exampleInputs } from '../../__fixtures__/build.js';
import {
  REGISTRY,
  registryDigest,
  requireEngine,
  requireRegistry,
  untag,
} from '../../__fixtures__/engine.js';

const PREFIX = `${REGISTRY}/deploy-action-it`;

beforeAll(async () => {
  requireEngine();
  await requireRegistry();
});

describe('push to a real registry', () => {
  it('pushes images that pass and outputs the digest the registry holds', async () => {
    const inputs = exampleInputs({ imagePrefix: PREFIX, services: ['backend'], push: true });
    const { result, reporter, tag } = await build(inputs);
    untag(tag('backend'));
    expect(result).not.toBeInstanceOf(Error);
    const images = JSON.parse(reporter.outputs.images!);
    const digest = await registryDigest('deploy-action-it/backend', inputs.sha);
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(images.backend.digest).toBe(`${PREFIX}/backend@${digest}`);
    expect(Object.keys(images)).toEqual(['backend']);
  }, 600_000);

  it('pushes nothing when an image is over budget', async () => {
    const inputs = exampleInputs({ imagePrefix: PREFIX, budget: 1_000_000, push: true });
    const { result, tag } = await build(inputs);
    untag(tag('backend'), tag('frontend'));
    expect(result).toBeInstanceOf(Error);
    expect(await registryDigest('deploy-action-it/backend', inputs.sha)).toBeNull();
    expect(await registryDigest('deploy-action-it/frontend', inputs.sha)).toBeNull();
  }, 600_000);
});

describe('a push that fails', () => {
  it('still publishes the sizes, then fails with the registry error and what to do', async () => {
    // Nothing listens on this port: the push cannot reach a registry.
    const inputs = exampleInputs({
      imagePrefix: '127.0.0.1:5999/nowhere',
      services: ['frontend'],
      push: true,
    });
    const { result, reporter, tag } = await build(inputs);
    untag(tag('frontend'));
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(
      /^Pushing 127\.0\.0\.1:5999\/nowhere\/frontend:\S+ failed: /,
    );
    expect((result as Error).message).toContain('Log in to the registry first');
    expect(JSON.parse(reporter.outputs.images!).frontend.status).toBe('ok');
    expect(reporter.summaries.join('')).toContain('| frontend |');
  }, 600_000);
});
