import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeDir, DOCKERFILES } from '../../__fixtures__/compose.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';
import { buildFailed, evaluate, type ImageVerdict } from '../../src/budget/evaluate.js';
import { sizeReport } from '../../src/budget/report.js';
import { publish, type BuildOutcome } from '../../src/commands/build.js';
import { mergeReports, runCollect } from '../../src/commands/collect.js';
import { publishSizes, type SizesDeps } from '../../src/github/sizes.js';
import type { Exec } from '../../src/docker/exec.js';

const STACK = `
services:
  db: { image: postgres:15 }
  backend: { build: ./backend, depends_on: [db] }
  frontend: { build: ./frontend, depends_on: [backend] }
  worker: { build: ./backend }
`;
const SHA = 'abc1234';
const NOW = () => new Date('2026-12-01T10:00:00Z');
const noExec: Exec = async () => {
  throw new Error('collect runs no command');
};

const verdict = (service: string, size: number): ImageVerdict =>
  evaluate(
    {
      service,
      image: `reg/${service}:${SHA}`,
      id: `sha256:${service}`,
      size,
      layers: [{ instruction: 'RUN make', size }],
      digest: `reg/${service}@sha256:${createHash('sha256').update(service).digest('hex')}`,
    },
    500_000_000,
  );

/** The legs' artifacts, downloaded into one folder as download-artifact lays them out. */
function legReports(legs: ImageVerdict[][]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-legs-'));
  legs.forEach((verdicts, i) => {
    mkdirSync(path.join(dir, `deploy-action-sizes-${i + 1}`));
    const report = sizeReport(verdicts, SHA, 'refs/heads/main', NOW());
    writeFileSync(
      path.join(dir, `deploy-action-sizes-${i + 1}`, 'size-report.json'),
      JSON.stringify(report),
    );
  });
  return dir;
}

function run(reports: string, file: string) {
  const reporter = recordingReporter();
  const published: BuildOutcome[] = [];
  const deps = {
    exec: noExec,
    reporter,
    reportDir: mkdtempSync(path.join(tmpdir(), 'deploy-action-collect-')),
    workspace: path.dirname(file),
    now: NOW,
    onPublished: async (outcome: BuildOutcome): Promise<void> => void published.push(outcome),
  };
  const inputs = {
    composeFile: file,
    services: [],
    imagePrefix: 'reg',
    push: true,
    sha: 'the-collect-job-sha',
    ref: 'refs/heads/main',
    reports,
  };
  return { reporter, published, deps, inputs, collect: () => runCollect(inputs, deps) };
}

describe('collect', () => {
  const file = path.join(composeDir(STACK, DOCKERFILES), 'docker-compose.yml');
  const all = [verdict('backend', 100), verdict('frontend', 200), verdict('worker', 300)];

  it('gives the outputs, report and comment outcome of a one-job build of the same images', async () => {
    const legs = run(legReports([[all[2]!], [all[0]!, all[1]!]]), file);
    const collected = await legs.collect();

    const one = run('', file);
    const loaded = collected.stack;
    const single = await publish(loaded, all, { ...one.inputs, sha: SHA }, one.deps);

    expect(legs.reporter.outputs.images).toBe(one.reporter.outputs.images);
    expect(Object.keys(JSON.parse(legs.reporter.outputs.images!))).toEqual([
      'backend',
      'frontend',
      'worker',
    ]);
    expect(legs.reporter.outputs['over-budget']).toBe('false');
    const report = (r: typeof legs) => JSON.parse(readFileSync(r.reporter.outputs.report!, 'utf8'));
    expect(report(legs)).toEqual(report(one));
    expect(legs.reporter.summaries).toEqual(one.reporter.summaries);
    // The comment and the baseline see the complete set, in order, with the legs' layers.
    expect(legs.published[0]!.verdicts).toEqual(single.verdicts);
    expect(legs.published[0]!.report.sha).toBe(SHA);
  });

  it('publishes, then fails, when a leg left no report for its services', async () => {
    const legs = run(legReports([[all[0]!, all[1]!]]), file);
    await expect(legs.collect()).rejects.toThrow(
      /^No size report for worker: their build leg ended before measuring them/,
    );
    expect(Object.keys(JSON.parse(legs.reporter.outputs.images!))).toEqual(['backend', 'frontend']);
    expect(legs.published).toHaveLength(1);
  });

  it('fails with the over-budget sentence and the failed build, after publishing', async () => {
    const big = evaluate(
      { service: 'worker', image: 'reg/worker:x', id: 'sha256:w', size: 600_000_000, layers: [] },
      500_000_000,
    );
    const broken = buildFailed('frontend', 'reg/frontend:x', 500_000_000, 'RUN false');
    const legs = run(legReports([[all[0]!, broken], [big]]), file);
    await expect(legs.collect()).rejects.toThrow(
      /frontend: the build failed[\s\S]*worker is 600 MB, over its budget of 500 MB/,
    );
    expect(legs.reporter.outputs['over-budget']).toBe('true');
  });

  it('refuses legs that disagree about a service, or built different commits', () => {
    const a = sizeReport([verdict('backend', 1)], SHA, undefined, NOW());
    const b = sizeReport([verdict('backend', 2)], SHA, undefined, NOW());
    expect(() => mergeReports([a, b], ['backend'])).toThrow(/two different images for "backend"/);
    const c = sizeReport([verdict('frontend', 1)], 'other', undefined, NOW());
    expect(() => mergeReports([a, c], [])).toThrow(/built different commits \(abc1234, other\)/);
  });

  it('saves the baseline from the complete set on a push, and not from an incomplete one', async () => {
    const saved: string[] = [];
    const cache = {
      isFeatureAvailable: () => true,
      saveCache: async (_paths: string[], key: string) => {
        saved.push(key);
        return 1;
      },
      restoreCache: async () => undefined,
    };
    const push = {
      eventName: 'push',
      ref: 'refs/heads/main',
      payload: {},
      repo: { owner: 'o', repo: 'r' },
      runId: 1,
      serverUrl: 'https://github.com',
    };
    const publishTo = (legs: ReturnType<typeof run>) => {
      legs.deps.onPublished = (outcome) =>
        publishSizes(
          outcome,
          { comment: 'auto', githubToken: '', growthThreshold: 0.05, services: [] },
          {
            reporter: legs.reporter,
            context: push as unknown as SizesDeps['context'],
            octokit: () => {
              throw new Error('no comment on a push');
            },
            cache,
            workDir: legs.deps.reportDir,
          },
        );
      return legs.collect();
    };
    await publishTo(run(legReports([[all[0]!], [all[1]!, all[2]!]]), file));
    expect(saved).toEqual([
      `deploy-action-sizes-${encodeURIComponent(file).replace(/-/g, '%2D')}-main-${SHA}`,
    ]);
    await expect(publishTo(run(legReports([[all[0]!]]), file))).rejects.toThrow(/No size report/);
    expect(saved).toHaveLength(1);
  });

  it('says which input is missing', async () => {
    await expect(run('', file).collect()).rejects.toThrow(/^Input "reports": expected the folder/);
  });
});
