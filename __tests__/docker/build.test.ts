import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildArgs, progressLine } from '../../src/docker/build.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../__fixtures__/docker/${name}`, import.meta.url), 'utf8');

const spec = { context: '/w/backend', dockerfile: '/w/backend/Dockerfile', args: {} };
const base = { spec, tag: 'ghcr.io/o/r/backend:abc', labels: {} };

describe('docker build arguments', () => {
  it.each([
    [
      'classic, plain',
      'classic',
      base,
      'build --force-rm --iidfile /t/iid --tag ghcr.io/o/r/backend:abc --file /w/backend/Dockerfile /w/backend',
    ],
    [
      'buildx loads the image into the engine',
      'buildx',
      base,
      'buildx build --load --progress plain --iidfile /t/iid --tag ghcr.io/o/r/backend:abc --file /w/backend/Dockerfile /w/backend',
    ],
    [
      'target, no cache, build args and labels',
      'classic',
      {
        ...base,
        noCache: true,
        labels: { 'org.opencontainers.image.revision': 'abc' },
        spec: { ...spec, target: 'prod', args: { A: '1', B: 'two words' } },
      },
      'build --force-rm --iidfile /t/iid --tag ghcr.io/o/r/backend:abc --file /w/backend/Dockerfile --target prod --no-cache --build-arg A=1 --build-arg B=two words --label org.opencontainers.image.revision=abc /w/backend',
    ],
  ] as const)('%s', (_name, builder, request, expected) => {
    expect(buildArgs(builder, request, '/t/iid').join(' ')).toBe(expected);
  });

  it('keeps a value with spaces as one argument (no shell splitting)', () => {
    const args = buildArgs(
      'classic',
      { ...base, spec: { ...spec, args: { B: 'two words' } } },
      '/t/iid',
    );
    expect(args).toContain('B=two words');
  });
});

describe('progress lines while images build side by side', () => {
  it('keeps the classic builder steps, from recorded output', () => {
    const lines = fixture('build-classic.txt').split('\n').map(progressLine).filter(Boolean);
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe('Step 1/8 : FROM debian:bookworm-slim');
    expect(lines[4]).toBe('Step 5/8 : COPY server.js ./');
  });

  it('keeps the BuildKit steps and drops their output', () => {
    const lines = fixture('build-buildkit-plain.txt').split('\n').map(progressLine).filter(Boolean);
    expect(lines).toEqual([
      '[internal] load build definition from Dockerfile',
      '[internal] load metadata for docker.io/library/debian:bookworm-slim',
      '[internal] load .dockerignore',
      '[1/4] FROM docker.io/library/debian:bookworm-slim@sha256:0e1b3bb7a5e1b9a2f0c4d0a7b6f4a7e2c8f1f0a9b8c7d6e5f4a3b2c1d0e9f8a7',
      '[2/4] WORKDIR /app',
      '[3/4] RUN apt-get update && apt-get install -y --no-install-recommends nodejs',
      '[4/4] COPY server.js ./',
    ]);
  });
});
