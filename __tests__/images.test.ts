import { describe, expect, it } from '@jest/globals';
import { buildFailed, evaluate, type ImageVerdict } from '../src/budget/evaluate.js';
import { InputError } from '../src/errors.js';
import { encodeImages, formatImages, mergeImages, parseImages } from '../src/images.js';

const measured = (service: string, size: number, digest?: string) =>
  evaluate(
    { service, image: `local/${service}:abc`, id: `sha256:${service}`, size, layers: [], digest },
    400_000_000,
  );

const verdicts: ImageVerdict[] = [
  measured('backend', 200_000_000, `reg/backend@sha256:${'a'.repeat(64)}`),
  measured('frontend', 480_000_000),
  buildFailed('worker', 'local/worker:abc', 500_000_000, 'RUN false: exit 1'),
];

describe('the images contract', () => {
  it('round-trips: what a build encodes, test and deploy decode to the same facts', () => {
    const decoded = parseImages(formatImages(verdicts))!;
    expect(decoded).toEqual({
      backend: {
        image: 'local/backend:abc',
        digest: `reg/backend@sha256:${'a'.repeat(64)}`,
        id: 'sha256:backend',
        size: 200_000_000,
        budget: 400_000_000,
        status: 'ok',
      },
      frontend: {
        image: 'local/frontend:abc',
        id: 'sha256:frontend',
        size: 480_000_000,
        budget: 400_000_000,
        status: 'over-budget',
      },
      worker: { image: 'local/worker:abc', budget: 500_000_000, status: 'build-failed' },
    });
    // Decoding then encoding again changes nothing a later step reads.
    const again = Object.entries(decoded).map(([service, e]) => ({
      ...e,
      service,
      budget: e.budget!,
      status: e.status!,
      topLayers: [],
    }));
    expect(encodeImages(again)).toEqual(encodeImages(verdicts));
  });

  it('merges build legs into the one-job output, in dependency order', () => {
    const one = encodeImages(verdicts);
    const legs = [
      formatImages([verdicts[2]!]),
      formatImages([verdicts[1]!]),
      formatImages([verdicts[0]!]),
    ].map((text) => parseImages(text)!);
    const merged = mergeImages(legs, ['backend', 'frontend', 'worker']);
    expect(Object.keys(merged)).toEqual(['backend', 'frontend', 'worker']);
    expect(merged).toEqual(parseImages(JSON.stringify(one)));
  });

  it('refuses two legs that built the same service differently', () => {
    const a = parseImages(formatImages([measured('api', 1)]))!;
    const b = parseImages(formatImages([measured('api', 2)]))!;
    expect(() => mergeImages([a, b])).toThrow(/two different images for "api"/);
    expect(Object.keys(mergeImages([a, a]))).toEqual(['api']);
  });

  it.each([
    ['not json', /not JSON/],
    ['[1]', /JSON object of service -> image/],
    ['{"api":{}}', /an image for "api"/],
    ['{"api":{"image":"x","digest":3}}', /a digest string/],
    ['{"api":{"image":"x","size":"big"}}', /a size in bytes/],
    ['{"api":{"image":"x","status":"great"}}', /a status of ok, over-budget, build-failed/],
  ])('refuses %s with a sentence naming the input', (text, message) => {
    expect(() => parseImages(text)).toThrow(InputError);
    expect(() => parseImages(text)).toThrow(message);
  });

  it('reads an empty input as no images', () => {
    expect(parseImages('')).toBeUndefined();
    expect(parseImages('  \n')).toBeUndefined();
  });
});
