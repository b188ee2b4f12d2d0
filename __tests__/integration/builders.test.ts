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
import { ROOT, build, exampleInputs } from '../../__fixtures__/build.js';
import { createExec, type Exec } from '../../src/docker/exec.js';
import { imageHistory, inspectImages } from '../../src/docker/images.js';
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

/** The acceptance-style sample: two files, extends, a profile, a target, args, an inline file. */
const SAMPLE = path.join(ROOT, '__fixtures__/acceptance');
const SAMPLE_FILES = ['compose.yaml', 'compose.override.yaml'].map((f) => path.join(SAMPLE, f));
const SAMPLE_SERVICES = ['api', 'worker', 'inline'];
const sampled: Record<string, { tags: string[]; images: Images; runs: string[][] }> = {};

const envOf = (tag: string) =>
  Object.fromEntries(
    config(tag).Env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
  );
const idOf = (tag: string) => docker('image', 'inspect', '--format', '{{.Id}}', tag).trim();
/** The RUN steps of an image, oldest first, as `docker history` records them. */
const runsOf = (tag: string) =>
  docker('history', '--no-trunc', '--format', '{{.CreatedBy}}', tag)
    .trim()
    .split('\n')
    .filter((line) => /head -c/.test(line))
    .map((line) => /head -c .*/.exec(line)![0].replace(/\s*# buildkit$/, ''))
    .reverse();

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

  it('the acceptance-style sample: every file and key it uses, its budgets and layers', async () => {
    const saved = { QUEUE_NAME: process.env.QUEUE_NAME, UNSET_IN_ENV: process.env.UNSET_IN_ENV };
    process.env.QUEUE_NAME = 'jobs';
    delete process.env.UNSET_IN_ENV;
    const given = inputs({ composeFile: SAMPLE_FILES.join('\n') });
    const { result, reporter, tag } = await build(given).finally(() => {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    });
    const tags = SAMPLE_SERVICES.map(tag);
    try {
      // The profile-only service is not built; the one over its budget fails the build.
      const images = JSON.parse(reporter.outputs.images!) as Images;
      expect(Object.keys(images).sort()).toEqual(['api', 'inline', 'worker']);
      expect(images.api!.status).toBe('ok');
      expect(images.worker!.status).toBe('ok');
      expect(images.inline!.status).toBe('over-budget');
      for (const service of SAMPLE_SERVICES)
        expect(images[service]!.size).toBe(imageSize(tag(service)));
      expect(result).toBeInstanceOf(ImagesRejectedError);
      const message = (result as Error).message;
      expect(message).toMatch(/^inline is 1\d\d MB, over its budget of 20\.0 MB by/);
      expect(message).toMatch(
        /Largest layers:\n\s+[\d.]+ MB {2}\(base image\)\n\s+30\.0 MB {2}RUN head -c 30000000 \/dev\/urandom > \/blob \(Dockerfile line 2\)/,
      );
      expect(message).not.toMatch(/^(api|worker) /m);
      // An inline Dockerfile is annotated on the compose file that holds it.
      expect(reporter.annotations.find((a) => a.level === 'error')!.at).toMatchObject({
        file: '__fixtures__/acceptance/compose.yaml',
      });

      // api: the override's arg and label, the target stage (not the later debug one), the
      // build stage's file copied in, and the image: tag on the same image.
      expect(envOf(tag('api'))).toMatchObject({
        APP_VERSION: '1.2.3',
        GREETING: 'from-the-override',
        STAGE: 'runtime',
      });
      const labels = JSON.parse(
        docker('image', 'inspect', '--format', '{{json .Config.Labels}}', tag('api')),
      ) as Record<string, string>;
      expect(labels).toMatchObject({
        'com.example.team': 'core',
        'com.example.layer': 'override',
        'org.opencontainers.image.revision': given.sha,
      });
      expect(idOf('acceptance/api:local')).toBe(idOf(tag('api')));
      expect(runsOf(tag('api'))).toEqual([]); // the build stage's RUN is not a layer of runtime
      // worker: extends' context and arg; a list-form arg from the environment, one left out.
      expect(envOf(tag('worker'))).toMatchObject({
        WORKER_KIND: 'batch',
        QUEUE_NAME: 'jobs',
        UNSET_IN_ENV: 'kept-default',
      });
      sampled[builder] = {
        tags,
        images,
        runs: SAMPLE_SERVICES.map((s) => runsOf(tag(s))),
      };
    } finally {
      untag('acceptance/api:local');
      if (!sampled[builder]) untag(...tags);
    }
  }, 900_000);
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

describe('bake and classic, the acceptance-style sample', () => {
  it('reads the same facts on the engine socket as from the docker CLI', async () => {
    const { bake } = sampled;
    expect(bake).toBeTruthy();
    const real = createExec();
    expect(real.engine?.api()).toBeDefined();
    const cliOnly: Exec = (command, args, options) => real(command, args, options);
    const tags = [...(bake?.tags ?? []), 'debian:bookworm-slim'];
    expect(await inspectImages(real, tags)).toEqual(await inspectImages(cliOnly, tags));
    for (const tag of tags)
      expect(await imageHistory(real, tag)).toEqual(await imageHistory(cliOnly, tag));
  });

  it('make the same images: settings, RUN steps, sizes within 2%', () => {
    const { bake, classic } = sampled;
    expect(bake && classic).toBeTruthy();
    try {
      expect(bake!.runs).toEqual(classic!.runs);
      for (const [i, service] of SAMPLE_SERVICES.entries()) {
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
