/**
 * Both builders for real: BuildKit through `docker buildx bake` (the trixie buildx plugin that
 * setup-docker.sh installs, docker driver) and the classic builder. The same example, the
 * same images; sizes as `docker image inspect` gives them; budgets and layer attribution on
 * both; and a registry cache that a second BuildKit build reuses.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ImagesRejectedError, type BuildInputs } from '../../src/commands/build.js';
import { DEFAULT_BUILD_INPUTS } from '../../src/build/stack.js';
import { build, exampleInputs } from '../../__fixtures__/build.js';
import { composeDir } from '../../__fixtures__/compose.js';
import {
  REGISTRY,
  docker,
  imageSize,
  requireEngine,
  requireRegistry,
  uniqueId,
  untag,
} from '../../__fixtures__/engine.js';

type Images = Record<string, { size: number; image: string; status: string }>;

const BUILDERS = {
  bake: { ...DEFAULT_BUILD_INPUTS },
  classic: { ...DEFAULT_BUILD_INPUTS, builder: 'classic' },
};

beforeAll(() => {
  requireEngine();
  try {
    execFileSync('docker', ['buildx', 'version'], { stdio: 'ignore' });
  } catch {
    throw new Error('These tests need docker buildx: run `bash scripts/setup-docker.sh`.');
  }
});

function config(tag: string) {
  const [inspected] = JSON.parse(docker('image', 'inspect', tag)) as {
    Config: { Cmd: string[]; Env: string[]; WorkingDir: string; Labels: Record<string, string> };
  }[];
  const { Cmd, Env, WorkingDir, Labels } = inspected!.Config;
  return { Cmd, Env, WorkingDir, revision: Labels['org.opencontainers.image.revision'] };
}

const built: Record<string, { tags: string[]; images: Images }> = {};

describe.each(Object.keys(BUILDERS) as (keyof typeof BUILDERS)[])('%s builds', (builder) => {
  const inputs = (more: Partial<BuildInputs> = {}) =>
    exampleInputs({ build: BUILDERS[builder], ...more });

  it('the example, with the sizes docker reports and the OCI labels', async () => {
    const given = inputs();
    const { result, reporter, tag } = await build(given);
    expect(result).not.toBeInstanceOf(Error);
    const images = JSON.parse(reporter.outputs.images!) as Images;
    const tags = ['backend', 'frontend'].map(tag);
    built[builder] = { tags, images };
    for (const service of ['backend', 'frontend']) {
      expect(images[service]).toMatchObject({ image: tag(service), status: 'ok' });
      expect(images[service]!.size).toBe(imageSize(tag(service)));
      expect(config(tag(service)).revision).toBe(given.sha);
    }
    const created = docker(
      'image',
      'inspect',
      '--format',
      '{{index .Config.Labels "org.opencontainers.image.created"}}',
      tag('backend'),
    );
    expect(Date.now() - Date.parse(created.trim())).toBeLessThan(30 * 60_000);
    // Progress per service on both builders.
    expect(reporter.lines.some((l) => /^\[backend\] .*RUN /.test(l))).toBe(true);
    expect(reporter.lines.some((l) => /^\[frontend\] .*RUN /.test(l))).toBe(true);
  }, 900_000);

  it('holds the frontend to its budget and names the Dockerfile line of its top layer', async () => {
    const { result, reporter, tag } = await build(inputs({ budget: 50_000_000 }));
    untag(tag('backend'), tag('frontend'));
    expect(result).toBeInstanceOf(ImagesRejectedError);
    const message = (result as Error).message;
    expect(message).toMatch(/^frontend is \d+ MB, over its budget of 50\.0 MB by/);
    expect(message).toMatch(
      /Largest layers:\n\s+[\d.]+ MB {2}RUN .*nodejs.* \(Dockerfile line \d+\)/,
    );
    const annotation = reporter.annotations.find((a) => a.level === 'error')!;
    expect(annotation.at).toMatchObject({ file: 'examples/sigmasight/frontend/Dockerfile' });
    expect(annotation.at!.line).toBeGreaterThan(1);
  }, 900_000);

  it("fails a broken Dockerfile with the builder's own error, naming the service", async () => {
    const dir = composeDir('services:\n  broken:\n    build: .\n  fine:\n    build: ./fine\n', {
      Dockerfile: 'FROM debian:bookworm-slim\nRUN no-such-tool --version\n',
      'fine/Dockerfile': 'FROM debian:bookworm-slim\n',
    });
    const given = inputs({ composeFile: path.join(dir, 'docker-compose.yml') });
    const { result, reporter, tag } = await build(given);
    untag(tag('broken'), tag('fine'));
    expect((result as Error).message).toContain('broken: the build failed:');
    expect((result as Error).message).toContain('no-such-tool: not found');
    expect(JSON.parse(reporter.outputs.images!).broken.status).toBe('build-failed');
  }, 300_000);
});

describe('bake and classic', () => {
  it('make the same images of the example', () => {
    const { bake, classic } = built;
    expect(bake && classic).toBeTruthy();
    try {
      for (const [i, service] of ['backend', 'frontend'].entries()) {
        const [b, c] = [config(bake!.tags[i]!), config(classic!.tags[i]!)];
        expect({ ...b, revision: '' }).toEqual({ ...c, revision: '' });
        const [sb, sc] = [bake!.images[service]!.size, classic!.images[service]!.size];
        expect(Math.abs(sb - sc) / sc).toBeLessThan(0.02);
      }
    } finally {
      untag(...(bake?.tags ?? []), ...(classic?.tags ?? []));
    }
  });
});

/** BuildKit records of a step, by a word in its command (`docker buildx du --verbose`). */
function cacheRecords(marker: string): string[] {
  return docker('buildx', 'du', '--verbose')
    .split(/\n\s*\n/)
    .filter((record) => record.includes(marker))
    .map((record) => /^ID:\s+(\S+)/m.exec(record)?.[1])
    .filter((id): id is string => id !== undefined);
}

describe('a registry cache', () => {
  beforeAll(requireRegistry);

  it('lets a second BuildKit build reuse the layers of the first', async () => {
    const marker = uniqueId('cacheproof');
    const dir = composeDir('services:\n  app:\n    build: .\n', {
      Dockerfile: `FROM debian:bookworm-slim\nRUN echo ${marker} && head -c 2000000 /dev/urandom > /blob\n`,
    });
    const prefix = `${REGISTRY}/deploy-action-it`;
    const composeFile = path.join(dir, 'docker-compose.yml');
    const first = exampleInputs({
      composeFile,
      imagePrefix: prefix,
      push: true,
      build: { ...DEFAULT_BUILD_INPUTS, cacheTo: ['type=inline'] },
    });
    const one = await build(first);
    expect(one.result).not.toBeInstanceOf(Error);
    const layersOf = (tag: string) =>
      docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', tag).trim();
    const firstLayers = layersOf(one.tag('app'));
    // Nothing of the first build stays on this engine: only the registry has it.
    untag(one.tag('app'));
    const records = cacheRecords(marker);
    expect(records.length).toBeGreaterThan(0);
    for (const id of records) docker('builder', 'prune', '--force', '--filter', `id=${id}`);
    expect(cacheRecords(marker)).toEqual([]);

    const second = exampleInputs({
      composeFile,
      imagePrefix: prefix,
      build: { ...DEFAULT_BUILD_INPUTS, cacheFrom: [`type=registry,ref=${one.tag('app')}`] },
    });
    const two = await build(second);
    try {
      expect(two.result).not.toBeInstanceOf(Error);
      // The random blob is the first build's: its layer was pulled, not made again.
      expect(layersOf(two.tag('app'))).toBe(firstLayers);
    } finally {
      untag(two.tag('app'));
    }
  }, 300_000);
});
