import { describe, expect, it } from '@jest/globals';
import { buildFailed, evaluate, largestLayers } from '../../src/budget/evaluate.js';
import { markdownTable, overBudgetMessage, sizeReport } from '../../src/budget/report.js';
import { encodeImages } from '../../src/images.js';

const layers = [
  { instruction: 'CMD ["uvicorn"]', size: 0 },
  { instruction: 'COPY dir in /app', size: 40_000 },
  { instruction: 'RUN apt-get install -y python3-fastapi', size: 310_000_000 },
  { instruction: 'RUN apt-get install -y texlive', size: 95_000_000 },
  { instruction: '(base image)', size: 78_000_000 },
];

const measured = (size: number) => ({
  service: 'backend',
  image: 'local/backend:abc',
  id: 'sha256:1',
  size,
  layers,
});

describe('budget', () => {
  it.each([
    ['under', 399_999_999, 'ok'],
    ['exactly at', 400_000_000, 'ok'],
    ['one byte over', 400_000_001, 'over-budget'],
  ])('an image %s its budget is %s', (_name, size, status) => {
    expect(evaluate(measured(size), 400_000_000).status).toBe(status);
  });

  it('keeps the largest non-empty layers, biggest first', () => {
    expect(largestLayers(layers, 2).map((l) => l.size)).toEqual([310_000_000, 95_000_000]);
    expect(largestLayers(layers, 10)).toHaveLength(4);
  });

  it('says which service, its size, its budget and the layers that made it big', () => {
    const verdict = evaluate(measured(483_040_000), 400_000_000);
    const lines = (instruction: string) => (instruction.includes('fastapi') ? 3 : undefined);
    expect(overBudgetMessage(verdict, lines)).toBe(
      [
        'backend is 483 MB, over its budget of 400 MB by 83.0 MB. Largest layers:',
        '     310 MB  RUN apt-get install -y python3-fastapi (Dockerfile line 3)',
        '    95.0 MB  RUN apt-get install -y texlive',
        '    78.0 MB  (base image)',
        '    40.0 kB  COPY dir in /app',
      ].join('\n'),
    );
  });

  it('renders the summary table with each status', () => {
    const table = markdownTable([
      evaluate(measured(200_000_000), 400_000_000),
      { ...evaluate(measured(483_000_000), 400_000_000), service: 'frontend' },
      buildFailed('worker', 'local/worker:abc', 500_000_000, 'no such file'),
    ]);
    expect(table.split('\n')).toEqual([
      '| Service | Image | Size | Budget | Used | Status |',
      '|---|---|--:|--:|--:|---|',
      '| backend | `local/backend:abc` | 200 MB | 400 MB | 50% | ✅ within budget |',
      '| frontend | `local/backend:abc` | 483 MB | 400 MB | 121% | ❌ over budget |',
      '| worker | `local/worker:abc` | — | 500 MB | — | 💥 build failed |',
    ]);
  });

  it('gives the images output and the report the same facts', () => {
    const verdicts = [evaluate(measured(200_000_000), 400_000_000)];
    expect(encodeImages(verdicts)).toEqual({
      backend: {
        image: 'local/backend:abc',
        digest: null,
        id: 'sha256:1',
        size: 200_000_000,
        budget: 400_000_000,
        status: 'ok',
      },
    });
    const report = sizeReport(verdicts, 'abc', 'refs/heads/main', new Date('2026-01-02T03:04:05Z'));
    expect(report).toMatchObject({ version: 1, sha: 'abc', createdAt: '2026-01-02T03:04:05.000Z' });
    expect(report.images.backend!.size).toBe(200_000_000);
  });
});
