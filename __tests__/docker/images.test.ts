import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { lineOfInstruction } from '../../src/docker/dockerfile.js';
import { digestFor, parseHistory, parseInspect, toInstruction } from '../../src/docker/images.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../__fixtures__/docker/${name}`, import.meta.url), 'utf8');

describe('docker image facts from recorded output', () => {
  it('reads size, id and digests from docker image inspect', () => {
    expect(parseInspect(fixture('inspect-backend.json'))).toEqual({
      id: 'sha256:0d9bc32755cfee12b10bfa60e7f98e4f54ded8cdc7ecbf56ce8d338049eccfa0',
      size: 146_802_717,
      repoDigests: [],
      platform: 'linux/amd64',
    });
  });

  it('reads the classic builder history as instructions with byte sizes', () => {
    const layers = parseHistory(fixture('history-classic-backend.jsonl'));
    expect(layers.map((l) => l.instruction.slice(0, 24))).toEqual([
      'CMD ["python3" "-m" "uvi',
      'EXPOSE 8000',
      'USER app',
      'COPY dir in ./app',
      'COPY dir in ./alembic',
      'COPY file in ./',
      'WORKDIR /app',
      'ENV PYTHONUNBUFFERED=1 P',
      'RUN set -eux;     apt-ge',
      '(base image)',
    ]);
    expect(layers.reduce((sum, l) => sum + l.size, 0)).toBe(146_802_717);
  });

  it('reads the BuildKit history, build args and "# buildkit" removed', () => {
    const layers = parseHistory(fixture('history-buildkit.jsonl'));
    expect(layers.map((l) => [l.instruction, l.size])).toEqual([
      ['CMD ["node" "server.js"]', 0],
      ['COPY server.js ./', 2154],
      [
        'RUN apt-get update && apt-get install -y --no-install-recommends nodejs && rm -rf /var/lib/apt/lists/*',
        98_912_345,
      ],
      ['WORKDIR /app', 0],
      ['(base image)', 74_830_410],
    ]);
  });

  it.each([
    ['/bin/sh -c #(nop)  CMD ["bash"]', 'CMD ["bash"]'],
    ['|2 A=1 B=2 /bin/sh -c make', 'RUN make'],
    ['/bin/sh -c #(nop) ADD file:abc123 in / ', 'ADD file in /'],
    ['RUN /bin/sh -c echo hi # buildkit', 'RUN echo hi'],
    ['ENV PATH=/usr/bin', 'ENV PATH=/usr/bin'],
  ])('turns %j into %j', (createdBy, instruction) => {
    expect(toInstruction(createdBy)).toBe(instruction);
  });

  it('finds the pushed digest of a tag among the repo digests', () => {
    const digests = ['other/repo@sha256:aaa', '127.0.0.1:5000/sigma/backend@sha256:bbb'];
    expect(digestFor('127.0.0.1:5000/sigma/backend:abc', digests)).toBe(
      '127.0.0.1:5000/sigma/backend@sha256:bbb',
    );
    expect(digestFor('127.0.0.1:5000/sigma/frontend:abc', digests)).toBeUndefined();
  });
});

describe('the Dockerfile line behind a layer', () => {
  const dockerfile = fixture('backend.Dockerfile');
  const layers = parseHistory(fixture('history-classic-backend.jsonl'));
  const lineOf = (start: string) =>
    lineOfInstruction(dockerfile, layers.find((l) => l.instruction.startsWith(start))!.instruction);
  const lineOfText = (start: string) =>
    dockerfile.split('\n').findIndex((l) => l.startsWith(start)) + 1;

  it.each([
    ['RUN set -eux', 'RUN set -eux'],
    ['COPY dir in ./alembic', 'COPY alembic '],
    ['COPY file in ./', 'COPY alembic.ini'],
    ['USER app', 'USER app'],
  ])('finds %s where the Dockerfile says %s', (layer, text) => {
    expect(lineOf(layer)).toBe(lineOfText(text));
    expect(lineOf(layer)).toBeGreaterThan(0);
  });

  it('does not guess for a layer of the base image', () => {
    expect(lineOfInstruction(dockerfile, '(base image)')).toBeUndefined();
  });
});
