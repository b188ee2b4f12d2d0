/**
 * The platform of what was built, held to account. On buildx's default builder with the daemon
 * on linux/amd64 the default platform is left to BuildKit (BuildOptions.nativePlatform); every
 * image's own os/arch is then checked, so an image for another platform fails the build
 * instead of reaching Railway. The engine here is a stand-in exec answering as docker 20.10 and
 * buildx 0.13 do (recorded shapes in __fixtures__/docker); the real engine is in
 * __tests__/integration/builders.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_BUILD_INPUTS } from '../../src/build/stack.js';
import { ImagesRejectedError, runBuild, type BuildInputs } from '../../src/commands/build.js';
import type { EngineApi } from '../../src/docker/api.js';
import type { Exec } from '../../src/docker/exec.js';
import { composeDir } from '../../__fixtures__/compose.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';

const inspected = JSON.parse(
  readFileSync(new URL('../../__fixtures__/docker/inspect-backend.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** Answers the daemon's questions on a stand-in socket and bake's on a stand-in CLI. */
function engine(arch: string) {
  const definitions: unknown[] = [];
  const api: EngineApi = {
    get: async <T>(at: string) => {
      if (at === '/version') return { Version: '20.10.24+dfsg1', Os: 'linux', Arch: 'amd64' } as T;
      if (at.endsWith('/json')) return { ...inspected, Architecture: arch } as T;
      if (at.endsWith('/history')) return [{ CreatedBy: 'RUN true', Size: 1 }] as T;
      throw new Error(`unexpected ${at}`);
    },
  };
  const exec: Exec = async (command, args) => {
    if (command === 'git') throw new Error('not a checkout');
    if (args[0] === 'buildx' && args[1] === 'bake') {
      const file = args.filter((_, i) => args[i - 1] === '--file').at(-1)!;
      definitions.push(JSON.parse(readFileSync(file, 'utf8')));
      const metadata = args[args.indexOf('--metadata-file') + 1]!;
      writeFileSync(metadata, JSON.stringify({ api: { 'containerimage.digest': 'sha256:1' } }));
      return { stdout: '', stderr: '' };
    }
    throw new Error(`unexpected ${command} ${args.join(' ')}`);
  };
  exec.engine = { api: () => api, hasPlugin: () => true };
  return { exec, definitions };
}

async function buildOn(arch: string, more: Partial<BuildInputs> = {}) {
  const dir = composeDir('services:\n  api:\n    build: .\n', { Dockerfile: 'FROM scratch\n' });
  const { exec, definitions } = engine(arch);
  const reporter = recordingReporter();
  const previous = process.env.DOCKER_CONFIG;
  process.env.DOCKER_CONFIG = mkdtempSync(path.join(tmpdir(), 'no-buildx-current-'));
  const result = await runBuild(
    {
      composeFile: path.join(dir, 'docker-compose.yml'),
      services: [],
      budget: undefined,
      imagePrefix: 'local',
      push: false,
      sha: 'abc',
      ref: undefined,
      build: { ...DEFAULT_BUILD_INPUTS },
      ...more,
    },
    { exec, reporter, reportDir: mkdtempSync(path.join(tmpdir(), 'r-')), workspace: dir },
  )
    .catch((error: unknown) => error)
    .finally(() => {
      if (previous === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = previous;
    });
  const target = (definitions[0] as { target: Record<string, { platforms?: string[] }> }).target;
  return { result, reporter, platforms: target.api!.platforms };
}

describe('the platform of the images built', () => {
  it('leaves linux/amd64 to the default builder of a linux/amd64 daemon, and gets it', async () => {
    const { result, platforms } = await buildOn('amd64');
    expect(result).not.toBeInstanceOf(Error);
    expect(platforms).toBeUndefined();
  });

  it('fails an image of another platform, naming it and what was wanted', async () => {
    const { result, reporter } = await buildOn('arm64');
    expect(result).toBeInstanceOf(ImagesRejectedError);
    expect((result as Error).message).toBe(
      'api: the build failed:\nthe builder made a linux/arm64 image, not linux/amd64 (the default: ' +
        'what Railway runs). Name the platform in the platforms input or build.platforms, or ' +
        'build with a builder for it.',
    );
    expect(JSON.parse(reporter.outputs.images!).api.status).toBe('build-failed');
  });

  it('names the platform for a builder given by name, and checks what it made', async () => {
    const named = await buildOn('amd64', { build: { ...DEFAULT_BUILD_INPUTS, builder: 'tb' } });
    expect(named.platforms).toEqual(['linux/amd64']);
    const asked = await buildOn('amd64', {
      build: { ...DEFAULT_BUILD_INPUTS, platforms: ['linux/arm64'] },
    });
    expect(asked.platforms).toEqual(['linux/arm64']);
    expect((asked.result as Error).message).toContain(
      'the builder made a linux/amd64 image, not linux/arm64. Name the platform',
    );
  });
});
