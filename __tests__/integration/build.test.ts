import { beforeAll, describe, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImagesRejectedError, type BuildInputs } from '../../src/commands/build.js';
import { DEFAULT_BUILD_INPUTS } from '../../src/build/stack.js';
import { build, exampleInputs } from '../../__fixtures__/build.js';
import { composeDir } from '../../__fixtures__/compose.js';
import { docker, imageSize, requireEngine, untag } from '../../__fixtures__/engine.js';

/** The example's two built images, tagged for this run. */
async function buildExample(inputs: BuildInputs) {
  const built = await build(inputs);
  return { ...built, tags: ['backend', 'frontend'].map(built.tag) };
}

beforeAll(requireEngine);

describe('build against the real engine', () => {
  it('builds the example and reports the sizes docker itself reports', async () => {
    const { result, reporter, tags } = await buildExample(exampleInputs());
    try {
      expect(result).not.toBeInstanceOf(Error);
      const images = JSON.parse(reporter.outputs.images!) as Record<
        string,
        { size: number; image: string; status: string }
      >;
      expect(Object.keys(images).sort()).toEqual(['backend', 'frontend']);
      for (const tag of tags) {
        const service = tag.split('/')[1]!.split(':')[0]!;
        expect(images[service]!.image).toBe(tag);
        expect(images[service]!.size).toBe(imageSize(tag));
        expect(images[service]!.status).toBe('ok');
      }
      expect(images.backend!.size).toBeLessThan(400_000_000);
      expect(images.frontend!.size).toBeLessThan(500_000_000);
      expect(reporter.outputs['over-budget']).toBe('false');
      expect(reporter.summaries.join('')).toContain('| backend |');
    } finally {
      untag(...tags);
    }
  }, 600_000);

  it('fails an image over its budget, naming the service, size, budget and top layers', async () => {
    // The frontend has no budget of its own, so the budget input applies to it.
    const { result, reporter, tags } = await buildExample(exampleInputs({ budget: 50_000_000 }));
    try {
      expect(result).toBeInstanceOf(ImagesRejectedError);
      const message = (result as Error).message;
      const size = imageSize(tags[1]!);
      expect(message).toMatch(
        new RegExp(`^frontend is ${(size / 1e6).toFixed(0)} MB, over its budget of 50\\.0 MB by`),
      );
      expect(message).toMatch(
        /Largest layers:\n\s+[\d.]+ MB {2}RUN set -eux; apt-get update; .*nodejs.* \(Dockerfile line \d+\)/,
      );
      expect(message).not.toContain('backend');
      // Failing late: the outputs were written before the step failed.
      expect(reporter.outputs['over-budget']).toBe('true');
      const annotation = reporter.annotations.find((a) => a.level === 'error')!;
      expect(annotation.at).toMatchObject({ file: 'examples/sigmasight/frontend/Dockerfile' });
      expect(annotation.at!.line).toBeGreaterThan(1);
    } finally {
      untag(...tags);
    }
  }, 600_000);

  it("fails a broken Dockerfile with the builder's own error text", async () => {
    const dir = composeDir('services:\n  broken:\n    build: .\n', {
      Dockerfile: 'FROM debian:bookworm-slim\nRUN no-such-tool --version\n',
    });
    // The classic builder's own words (builders.test.ts has BuildKit's).
    const given = exampleInputs({
      composeFile: path.join(dir, 'docker-compose.yml'),
      build: { ...DEFAULT_BUILD_INPUTS, builder: 'classic' },
    });
    const { result, reporter } = await build(given);
    untag(`${given.imagePrefix}/broken:${given.sha}`);
    expect(result).toBeInstanceOf(ImagesRejectedError);
    expect((result as Error).message).toContain('broken: the build failed:');
    expect((result as Error).message).toContain('no-such-tool: not found');
    expect((result as Error).message).toMatch(/returned a non-zero code: 127/);
    expect(JSON.parse(reporter.outputs.images!).broken.status).toBe('build-failed');
    // The failed step's container is not left behind.
    const commands = docker('ps', '-a', '--no-trunc', '--format', '{{.Command}}');
    expect(commands).not.toContain('no-such-tool --version');
  }, 300_000);

  it('says in one sentence that the engine is not running', async () => {
    const previous = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${path.join(tmpdir(), 'no-docker-here.sock')}`;
    try {
      const { result } = await build(exampleInputs());
      expect((result as Error).message).toMatch(
        /^The Docker engine is not reachable \(Cannot connect to the Docker daemon at unix:\/\/.*no-docker-here\.sock\. Is the docker daemon running\?\): start the Docker daemon, or set DOCKER_HOST, and run again\.$/,
      );
    } finally {
      if (previous === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previous;
    }
  });
});
