import { describe, expect, it } from '@jest/globals';
import { COMMENT_MARKER, delta, renderComment } from '../../src/budget/comment.js';
import type { ImageVerdict } from '../../src/budget/evaluate.js';
import type { SizeReport } from '../../src/budget/report.js';

const MB = 1_000_000;

function verdict(service: string, size: number, budget = 500 * MB): ImageVerdict {
  return {
    service,
    image: `ghcr.io/o/r/${service}:abc`,
    size,
    budget,
    status: size > budget ? 'over-budget' : 'ok',
    topLayers: [
      { instruction: 'RUN apt-get install -y python3 | tee log', size: Math.round(size * 0.6) },
      { instruction: '(base image)', size: 75 * MB },
    ],
  };
}

function baseline(...verdicts: ImageVerdict[]): SizeReport {
  return {
    version: 1,
    sha: 'b45e0000',
    createdAt: '2026-11-01T00:00:00Z',
    images: Object.fromEntries(verdicts.map((v) => [v.service, v])),
  };
}

const render = (current: ImageVerdict[], base?: SizeReport, limit?: number) =>
  renderComment({ current, baseline: base, baseRef: 'main', growthThreshold: 0.05, limit });

const rowOf = (body: string, service: string) =>
  body.split('\n').find((line) => line.startsWith(`| ${service} |`));

describe('the pull-request size comment', () => {
  it.each([
    [
      'a new service',
      [verdict('worker', 120 * MB)],
      baseline(verdict('backend', 150 * MB)),
      'worker',
      '| worker | 120 MB | 500 MB | new | ✅ |',
    ],
    [
      'a removed service',
      [verdict('backend', 150 * MB)],
      baseline(verdict('backend', 150 * MB), verdict('worker', 90 * MB)),
      'worker',
      '| worker | — | — | removed (was 90.0 MB) | 🗑️ removed |',
    ],
    [
      'a grown image',
      [verdict('backend', 160 * MB)],
      baseline(verdict('backend', 150 * MB)),
      'backend',
      '| backend | 160 MB | 500 MB | +10.0 MB (+6.7%) | ✅ |',
    ],
    [
      'a shrunk image',
      [verdict('backend', 140 * MB)],
      baseline(verdict('backend', 150 * MB)),
      'backend',
      '| backend | 140 MB | 500 MB | -10.0 MB (-6.7%) | ✅ |',
    ],
    [
      'an unchanged image',
      [verdict('backend', 150 * MB)],
      baseline(verdict('backend', 150 * MB)),
      'backend',
      '| backend | 150 MB | 500 MB | ±0 | ✅ |',
    ],
    [
      'an image over budget',
      [verdict('backend', 450 * MB, 400 * MB)],
      baseline(verdict('backend', 390 * MB, 400 * MB)),
      'backend',
      '| backend | 450 MB | 400 MB | +60.0 MB (+15.4%) | ❌ over budget |',
    ],
    [
      'no baseline yet',
      [verdict('backend', 150 * MB)],
      undefined,
      'backend',
      '| backend | 150 MB | 500 MB | — | ✅ |',
    ],
  ])('%s', (_name, current, base, service, row) => {
    const body = render(current, base);
    expect(body.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(rowOf(body, service)).toBe(row);
  });

  it('says there is no baseline yet, and fails nothing', () => {
    expect(render([verdict('backend', 150 * MB)])).toContain(
      'No size baseline for `main` yet: sizes will be compared once a build on `main` has saved one.',
    );
  });

  it('adds a total against the base branch', () => {
    const body = render(
      [verdict('backend', 160 * MB), verdict('frontend', 100 * MB)],
      baseline(verdict('backend', 150 * MB), verdict('frontend', 100 * MB)),
    );
    expect(rowOf(body, '**Total**')).toBe('| **Total** | **260 MB** | | +10.0 MB (+4.0%) | |');
  });

  it.each([
    [
      'over budget',
      [verdict('backend', 450 * MB, 400 * MB)],
      baseline(verdict('backend', 450 * MB, 400 * MB)),
      true,
    ],
    [
      'grown by more than 5%',
      [verdict('backend', 160 * MB)],
      baseline(verdict('backend', 150 * MB)),
      true,
    ],
    [
      'grown by 5% or less',
      [verdict('backend', 157 * MB)],
      baseline(verdict('backend', 150 * MB)),
      false,
    ],
    ['within budget with no baseline', [verdict('backend', 150 * MB)], undefined, false],
  ])('lists the largest layers of an image %s', (_name, current, base, listed) => {
    const body = render(current, base);
    expect(body.includes('<details><summary>backend: largest layers</summary>')).toBe(listed);
    // A pipe inside the instruction is escaped, or it would split the table cell.
    if (listed) expect(body).toContain(' MB | `RUN apt-get install -y python3 \\| tee log` |');
  });

  it('cuts a body over the limit at a row boundary, with a note', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      verdict(`service-${i}`, (100 + i) * MB, 200 * MB),
    );
    const body = render(many, undefined, 20_000);
    expect(body.length).toBeLessThanOrEqual(20_000);
    expect(body).not.toContain('<details>');
    const rows = body.split('\n').filter((l) => l.startsWith('| service-'));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.endsWith('|'))).toBe(true);
    expect(body).toContain(
      `_${400 - rows.length} more service(s) not shown: the comment would exceed GitHub's size limit._`,
    );
  });

  it.each([
    [110, 100, '+10 B (+10.0%)'],
    [100, 100, '±0'],
    [5, 0, '+5 B'],
  ])('delta %d against %d is %s', (now, base, text) => expect(delta(now, base)).toBe(text));
});
