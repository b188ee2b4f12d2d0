import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  bakeArgs,
  bakeDefinition,
  bakeProgress,
  failedServices,
  serviceLog,
} from '../../src/build/bake.js';
import { chooseStrategy, ociLabels } from '../../src/build/index.js';
import { createdAt } from '../../src/build/stack.js';
import { createExec } from '../../src/docker/exec.js';
import { refusalMessage, refusals } from '../../src/build/keys.js';
import type { BuildOptions, BuildTarget } from '../../src/build/options.js';
import type { BuildSpec } from '../../src/config/model.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../__fixtures__/docker/${name}`, import.meta.url), 'utf8');

const spec = (more: Partial<BuildSpec> = {}): BuildSpec => ({
  context: '/w/api',
  dockerfile: '/w/api/Dockerfile',
  args: { A: 'file' },
  tags: [],
  labels: {},
  cacheFrom: [],
  cacheTo: [],
  platforms: [],
  additionalContexts: {},
  extraHosts: [],
  ulimits: [],
  noCache: false,
  pull: false,
  secrets: [],
  ssh: [],
  keys: ['context'],
  ...more,
});

const options = (more: Partial<BuildOptions> = {}): BuildOptions => ({
  composeFiles: ['/w/compose.yaml', '/w/compose.override.yaml'],
  projectDir: '/w',
  tagOf: (s) => `local/${s}:abc`,
  labels: { 'org.opencontainers.image.revision': 'abc' },
  noCache: false,
  cacheFrom: [],
  cacheTo: [],
  platforms: [],
  buildArgs: {},
  secrets: {},
  onProgress: () => {},
  ...more,
});

const api = (more: Partial<BuildSpec> = {}): BuildTarget[] => [
  { service: 'api', spec: spec(more) },
];

describe('the bake definition laid over the compose files', () => {
  it('names the default platform unless the builder is known to build for it anyway', () => {
    const platformsOf = (o: Partial<BuildOptions>, more: Partial<BuildSpec> = {}) =>
      bakeDefinition(api(more), options(o), {}).target.api!.platforms;
    expect(platformsOf({})).toEqual(['linux/amd64']);
    expect(platformsOf({ nativePlatform: 'linux/amd64' })).toBeUndefined();
    // A daemon on another platform, or a platform the user named, is always named.
    expect(platformsOf({ nativePlatform: 'linux/arm64' })).toEqual(['linux/amd64']);
    expect(platformsOf({ nativePlatform: 'linux/amd64', platforms: ['linux/amd64'] })).toEqual([
      'linux/amd64',
    ]);
    expect(platformsOf({ nativePlatform: 'linux/amd64' }, { platforms: ['linux/amd64'] })).toEqual([
      'linux/amd64',
    ]);
  });

  it('adds the action tag, the image: tag, labels, platforms and absolute paths', () => {
    const definition = bakeDefinition(
      api({ tags: ['r/api:1', 'r/api:extra'], labels: { own: 'x' }, target: 'prod' }),
      options({ buildArgs: { A: 'input' } }),
      {},
    );
    expect(definition.target.api).toEqual({
      context: '/w/api',
      dockerfile: '/w/api/Dockerfile',
      target: 'prod',
      args: { A: 'input' },
      tags: ['local/api:abc', 'r/api:1', 'r/api:extra'],
      labels: { own: 'x', 'org.opencontainers.image.revision': 'abc' },
      platforms: ['linux/amd64'],
      'cache-from': [],
      'cache-to': [],
      output: ['type=docker'],
      secret: [],
    });
  });

  it('puts {service} in the cache inputs, inline Dockerfiles, secrets as files', () => {
    const definition = bakeDefinition(
      api({
        dockerfileInline: 'FROM x\n',
        secrets: [
          { id: 'npm', file: '/w/npm.txt' },
          { id: 'gh', env: 'GH_TOKEN' },
        ],
        noCache: true,
        pull: true,
      }),
      options({
        cacheFrom: ['type=gha,scope={service}'],
        cacheTo: ['type=gha,mode=max,scope={service}'],
      }),
      { TOKEN: '/tmp/s/secret-0' },
    );
    expect(definition.target.api).toMatchObject({
      'dockerfile-inline': 'FROM x\n',
      'cache-from': ['type=gha,scope=api'],
      'cache-to': ['type=gha,mode=max,scope=api'],
      secret: ['id=npm,src=/w/npm.txt', 'id=gh,env=GH_TOKEN', 'id=TOKEN,src=/tmp/s/secret-0'],
      'no-cache': true,
      pull: true,
    });
    expect(definition.target.api).not.toHaveProperty('dockerfile');
  });

  it('runs bake on the compose files, then the definition, for the selected services', () => {
    const args = bakeArgs(
      options({ builderName: 'ci', provenance: 'mode=max' }),
      '/t/d.json',
      '/t/m.json',
      ['api', 'web'],
    );
    expect(args.join(' ')).toBe(
      'buildx bake --progress plain --metadata-file /t/m.json --builder ci --file /w/compose.yaml --file /w/compose.override.yaml --file /t/d.json --provenance=mode=max api web',
    );
  });
});

describe('bake output, recorded from buildx 0.13 on the docker driver', () => {
  it('tells each step of the one session by service', () => {
    const steps = fixture('bake-plain.txt').split('\n').map(bakeProgress).filter(Boolean);
    expect(steps).toContainEqual({
      service: 'a',
      step: '[2/2] RUN echo "foo=hello" > /foo && sleep 1',
    });
    expect(steps).toContainEqual({ service: 'b', step: '[2/2] RUN echo b > /b' });
    expect(new Set(steps.map((s) => s!.service))).toEqual(new Set(['a', 'b']));
  });

  it('names the service that failed and shows only its steps and the error', () => {
    const log = fixture('bake-failed.txt');
    expect(failedServices(log, ['broken', 'slow'])).toEqual(['broken']);
    const own = serviceLog(log, 'broken');
    expect(own).toContain('no-such-tool: not found');
    expect(own).toContain('ERROR: failed to solve');
    expect(own).not.toContain('RUN sleep 2');
  });
});

describe('build keys a builder cannot honour are refused, naming the key and why', () => {
  it.each([
    [
      'classic',
      api({ keys: ['secrets'], secrets: [{ id: 's', env: 'S' }] }),
      options(),
      'api: build.secrets is not supported: it needs BuildKit (docker buildx), and this build uses the classic builder',
    ],
    [
      'classic',
      api({ keys: ['ssh'], ssh: ['default'] }),
      options(),
      'api: build.ssh is not supported',
    ],
    [
      'classic',
      api({ keys: ['additional_contexts'] }),
      options(),
      'api: build.additional_contexts is not supported',
    ],
    [
      'classic',
      api({ keys: ['cache_to'], cacheTo: ['type=inline'] }),
      options(),
      'api: build.cache_to is not supported',
    ],
    [
      'classic',
      api({ platforms: ['linux/amd64', 'linux/arm64'] }),
      options(),
      'api: build.platforms is not supported: several platforms',
    ],
    [
      'classic',
      api({ cacheFrom: ['type=gha'] }),
      options(),
      'api: build.cache_from is not supported: a cache other than an image',
    ],
    ['classic', api(), options({ cacheTo: ['type=gha'] }), 'input cache-to is not supported'],
    ['classic', api(), options({ provenance: 'mode=max' }), 'input provenance is not supported'],
    ['classic', api(), options({ secrets: { T: 'v' } }), 'input secrets is not supported'],
    [
      'bake',
      api({ extraHosts: ['h=1.2.3.4'] }),
      options(),
      'api: build.extra_hosts is not supported: docker buildx bake 0.13 does not pass it to BuildKit',
    ],
  ] as const)('%s: case %#', (strategy, targets, given, message) => {
    expect(refusalMessage(refusals(strategy, [...targets], given))).toContain(message);
  });

  it('lets the classic builder take an image cache and one platform, and bake everything else', () => {
    const targets = api({
      cacheFrom: ['r/api:cache', 'type=registry,ref=r/api:c2'],
      platforms: ['linux/amd64'],
      ssh: ['default'],
      keys: ['ssh'],
    });
    expect(
      refusals(
        'classic',
        api({ cacheFrom: ['r/api:cache'], platforms: ['linux/amd64'] }),
        options(),
      ),
    ).toEqual([]);
    expect(
      refusals('bake', targets, options({ cacheTo: ['type=inline'], secrets: { T: 'v' } })),
    ).toEqual([]);
  });
});

describe('the strategy and the labels', () => {
  it.each([
    [undefined, true, 'bake'],
    [undefined, false, 'classic'],
    ['classic', true, 'classic'],
    ['ci-builder', true, 'bake'],
  ] as const)('builder %s, buildx %s: %s', (input, buildx, strategy) => {
    expect(chooseStrategy(input, buildx)).toBe(strategy);
  });

  it('refuses a buildx builder name when there is no buildx', () => {
    expect(() => chooseStrategy('ci-builder', false)).toThrow(
      'Input "builder": ci-builder is a buildx builder, but docker buildx is not installed.',
    );
  });

  it('stamps source, revision and created', () => {
    const env = { GITHUB_REPOSITORY: 'o/r', GITHUB_SERVER_URL: 'https://ghe.example' };
    expect(ociLabels('abc', env, new Date('2026-12-01T10:00:00Z'))).toEqual({
      'org.opencontainers.image.source': 'https://ghe.example/o/r',
      'org.opencontainers.image.revision': 'abc',
      'org.opencontainers.image.created': '2026-12-01T10:00:00.000Z',
    });
  });
});

describe('the created label is stable for a commit', () => {
  const exec = createExec();
  const now = () => new Date('2030-01-01T00:00:00Z');

  it('takes SOURCE_DATE_EPOCH, then the commit time, then now', async () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const committed = execFileSync('git', ['show', '-s', '--format=%cI', head], {
      encoding: 'utf8',
    });
    const at = (sha: string, env: NodeJS.ProcessEnv = {}) =>
      createdAt(exec, sha, process.cwd(), env, now);
    expect((await at(head, { SOURCE_DATE_EPOCH: '1700000000' })).toISOString()).toBe(
      '2023-11-14T22:13:20.000Z',
    );
    expect((await at(head)).getTime()).toBe(new Date(committed.trim()).getTime());
    expect(await at('latest')).toEqual(now());
    expect(await at('0000000000000000000000000000000000000000')).toEqual(now());
  });
});
