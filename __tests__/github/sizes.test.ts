import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildFailed, evaluate } from '../../src/budget/evaluate.js';
import { sizeReport } from '../../src/budget/report.js';
import type { BuildOutcome } from '../../src/commands/build.js';
import type { CacheApi } from '../../src/github/baseline.js';
import { sizeMarker } from '../../src/github/comment.js';
import { createOctokit } from '../../src/github/octokit.js';
import { publishSizes, type SizesDeps } from '../../src/github/sizes.js';
import { otherComments, startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';

const MB = 1_000_000;

/** An in-memory Actions cache: keys to saved folders, restored by exact key or prefix. */
function memoryCache(available = true): CacheApi & { saved: Map<string, string> } {
  const saved = new Map<string, string>();
  return {
    saved,
    isFeatureAvailable: () => available,
    saveCache: async ([dir], key) => {
      const copy = mkdtempSync(path.join(tmpdir(), 'cache-entry-'));
      await cp(dir!, copy, { recursive: true });
      saved.set(key, copy);
      return 1;
    },
    restoreCache: async ([dir], primaryKey, restoreKeys = []) => {
      const keys = [...saved.keys()].reverse(); // newest first, as the cache service answers
      const hit =
        keys.find((k) => k === primaryKey) ??
        keys.find((k) => restoreKeys.some((p) => k.startsWith(p)));
      if (!hit) return undefined;
      await mkdir(dir!, { recursive: true });
      await cp(saved.get(hit)!, dir!, { recursive: true });
      return hit;
    },
  };
}

/** A build of the given sizes; the compose file has those services, or `inFile` if given. */
function outcome(
  sizes: Record<string, number>,
  sha = 'head0000',
  inFile = Object.keys(sizes),
  file = 'docker-compose.yml',
): BuildOutcome {
  const verdicts = Object.entries(sizes).map(([service, size]) =>
    evaluate(
      { service, image: `ghcr.io/o/r/${service}:${sha}`, id: 'sha256:x', size, layers: [] },
      400 * MB,
    ),
  );
  const services = inFile.map((name) => ({ name, build: {} }));
  return {
    stack: { file, services } as unknown as BuildOutcome['stack'],
    verdicts,
    report: sizeReport(verdicts, sha, undefined, new Date()),
    reportPath: '',
    overBudget: false,
  };
}

const pullRequestEvent = (number: number) => ({
  eventName: 'pull_request',
  ref: `refs/pull/${number}/merge`,
  payload: { pull_request: { number, base: { ref: 'main' } } },
  repo: { owner: 'sigmasight', repo: 'platform' },
  runId: 42,
  serverUrl: 'https://github.com',
});

const pushEvent = {
  eventName: 'push',
  ref: 'refs/heads/main',
  payload: {},
  repo: { owner: 'sigmasight', repo: 'platform' },
  runId: 41,
  serverUrl: 'https://github.com',
};

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
});
afterEach(() => github.close());

function deps(context: object, cache = memoryCache()) {
  const reporter = recordingReporter();
  const sizesDeps: SizesDeps = {
    reporter,
    context: context as SizesDeps['context'],
    octokit: (token) => createOctokit(token, { baseUrl: github.url, throttle: false }),
    cache,
    workDir: mkdtempSync(path.join(tmpdir(), 'deploy-action-sizes-')),
  };
  return { reporter, sizesDeps, cache };
}

const inputs = { comment: 'auto' as const, githubToken: 'ghs_fakeToken', growthThreshold: 0.05 };
const MARKER = sizeMarker('docker-compose.yml');
const ours = (pr: number, marker = MARKER) =>
  github.comments.get(pr)!.filter((c) => c.body.split('\n')[0] === marker);

describe('the size comment on a pull request', () => {
  it('is created on the first run and updated in place on the next', async () => {
    github.comments.set(7, []);
    const first = deps(pullRequestEvent(7));
    await publishSizes(outcome({ backend: 150 * MB }), inputs, first.sizesDeps);
    expect(ours(7)).toHaveLength(1);
    expect(ours(7)[0]!.body).toContain('| backend | 150 MB |');
    const id = ours(7)[0]!.id;

    const second = deps(pullRequestEvent(7));
    await publishSizes(outcome({ backend: 180 * MB }), inputs, second.sizesDeps);
    expect(ours(7)).toHaveLength(1);
    expect(ours(7)[0]!.id).toBe(id);
    expect(ours(7)[0]!.body).toContain('| backend | 180 MB |');
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(github.requests.every((r) => r.auth === 'token ghs_fakeToken')).toBe(true);
  });

  it('finds its comment beyond the first page of 100, and ignores a person quoting the marker', async () => {
    github.comments.set(8, otherComments(150));
    await publishSizes(outcome({ backend: 150 * MB }), inputs, deps(pullRequestEvent(8)).sizesDeps);
    await publishSizes(outcome({ backend: 151 * MB }), inputs, deps(pullRequestEvent(8)).sizesDeps);
    expect(ours(8)).toHaveLength(1);
    expect(ours(8)[0]!.body).toContain('| backend | 151 MB |');
    expect(github.comments.get(8)![3]!.body).toBe(
      'quoting <!-- deploy-action:image-sizes --> in a reply',
    );
    const listed = github.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/comments'),
    );
    // Two pages for the first run, at least one more for the second.
    expect(listed.length).toBeGreaterThanOrEqual(3);
  });

  it('with a read-only token (a fork) warns, and leaves the body in the summary and comment-file', async () => {
    github.comments.set(9, []);
    github.readOnly = true;
    const { reporter, sizesDeps } = deps(pullRequestEvent(9));
    await publishSizes(outcome({ backend: 150 * MB }), inputs, sizesDeps);
    expect(ours(9)).toHaveLength(0);
    expect(reporter.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /^Cannot comment on sigmasight\/platform#9 \(403: Resource not accessible by integration/,
        ),
      }),
    ]);
    const file = reporter.outputs['comment-file']!;
    expect(readFileSync(file, 'utf8')).toContain('| backend | 150 MB |');
    expect(reporter.summaries.join('')).toContain(MARKER);
  });

  it('names a pull request that does not exist', async () => {
    const { reporter, sizesDeps } = deps(pullRequestEvent(404));
    await publishSizes(outcome({ backend: 150 * MB }), inputs, sizesDeps);
    expect(reporter.annotations).toEqual([
      {
        level: 'error',
        message:
          'Pull request sigmasight/platform#404 was not found (404): check that github-token can read sigmasight/platform. The size comment was not posted.',
        at: undefined,
      },
    ]);
  });

  it('with comment: always outside a pull request, compares with the default branch', async () => {
    const cache = memoryCache();
    const trunk = { ...pushEvent, ref: 'refs/heads/trunk' };
    await publishSizes(
      outcome({ backend: 100 * MB }, 'trunk000'),
      inputs,
      deps(trunk, cache).sizesDeps,
    );
    const manual = {
      ...pushEvent,
      eventName: 'workflow_dispatch',
      payload: { repository: { default_branch: 'trunk' } },
    };
    const { reporter, sizesDeps } = deps(manual, cache);
    await publishSizes(outcome({ backend: 110 * MB }), { ...inputs, comment: 'always' }, sizesDeps);
    expect(readFileSync(reporter.outputs['comment-file']!, 'utf8')).toContain(
      'Compared with `trunk` at trunk00.',
    );
  });

  it.each([
    ['never', 'pull_request', false],
    ['auto', 'push', false],
    ['auto', 'pull_request', true],
  ] as const)('comment: %s on a %s event comments: %s', async (mode, event, commented) => {
    github.comments.set(5, []);
    const context = event === 'push' ? pushEvent : pullRequestEvent(5);
    await publishSizes(
      outcome({ backend: 1 * MB }),
      { ...inputs, comment: mode },
      deps(context).sizesDeps,
    );
    expect(ours(5).length).toBe(commented ? 1 : 0);
  });
});

describe('one comment per compose file, found by the token identity', () => {
  it('keeps a comment for each compose file of the repository', async () => {
    github.comments.set(30, []);
    const api = outcome({ api: 100 * MB }, 'head0000', ['api'], 'api/compose.yml');
    const web = outcome({ web: 200 * MB }, 'head0000', ['web'], 'web/compose.yml');
    await publishSizes(api, inputs, deps(pullRequestEvent(30)).sizesDeps);
    await publishSizes(web, inputs, deps(pullRequestEvent(30)).sizesDeps);
    const grown = outcome({ api: 120 * MB }, 'head0000', ['api'], 'api/compose.yml');
    await publishSizes(grown, inputs, deps(pullRequestEvent(30)).sizesDeps);
    expect(ours(30, sizeMarker('api/compose.yml')).map((c) => c.body)).toEqual([
      expect.stringContaining('| api | 120 MB |'),
    ]);
    expect(ours(30, sizeMarker('web/compose.yml')).map((c) => c.body)).toEqual([
      expect.stringContaining('| web | 200 MB |'),
    ]);
    expect(github.comments.get(30)).toHaveLength(2);
  });

  it('is not edited when the body is unchanged, even by a new run', async () => {
    github.comments.set(31, []);
    const { reporter, sizesDeps } = deps(pullRequestEvent(31));
    await publishSizes(outcome({ backend: 150 * MB }), inputs, sizesDeps);
    const rerun = { ...sizesDeps, context: { ...sizesDeps.context, runId: 43 } };
    await publishSizes(outcome({ backend: 150 * MB }), inputs, rerun as SizesDeps);
    expect(ours(31)).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
    expect(reporter.lines).toContain(`Size comment unchanged: ${ours(31)[0]!.html_url}`);
  });

  it("with GITHUB_TOKEN edits only github-actions[bot]'s comment, not another bot's", async () => {
    const marker = sizeMarker('docker-compose.yml');
    const other = {
      id: 5,
      body: `${marker}\nold sizes from another app`,
      user: { login: 'some-app[bot]', type: 'Bot' },
      html_url: 'https://github.example/c5',
    };
    github.comments.set(32, [other]);
    await publishSizes(
      outcome({ backend: 150 * MB }),
      inputs,
      deps(pullRequestEvent(32)).sizesDeps,
    );
    expect(github.comments.get(32)![0]!.body).toBe(other.body);
    expect(github.comments.get(32)!.map((c) => c.user.login)).toEqual([
      'some-app[bot]',
      'github-actions[bot]',
    ]);
    expect(github.requests.some((r) => r.path === '/graphql')).toBe(true);
  });

  it('escapes a double hyphen of the file name inside the hidden marker', () => {
    expect(sizeMarker('ops--prod/compose.yml')).toBe(
      '<!-- deploy-action:image-sizes file=ops%2D-prod/compose.yml -->',
    );
  });
});

describe('the base-branch baseline', () => {
  it('is saved by a push build and compared by the pull request build', async () => {
    const cache = memoryCache();
    await publishSizes(
      outcome({ backend: 150 * MB }, 'main1111'),
      inputs,
      deps(pushEvent, cache).sizesDeps,
    );
    expect([...cache.saved.keys()]).toEqual([
      'deploy-action-sizes-docker%2Dcompose.yml-main-main1111',
    ]);

    github.comments.set(11, []);
    await publishSizes(
      outcome({ backend: 165 * MB }),
      inputs,
      deps(pullRequestEvent(11), cache).sizesDeps,
    );
    const body = ours(11)[0]!.body;
    expect(body).toContain('Compared with `main` at main111.');
    expect(body).toContain('| backend | 165 MB | 400 MB | +15.0 MB (+10.0%) | ✅ |');
  });

  it.each([
    [
      'a build that failed',
      () => ({
        ...outcome({ backend: 150 * MB }),
        verdicts: [buildFailed('backend', 'x', MB, 'boom')],
      }),
    ],
    [
      'a build of a subset of the services',
      () => outcome({ backend: 150 * MB }, 'sub00000', ['backend', 'frontend']),
    ],
  ])('is not saved from %s', async (_name, made) => {
    const cache = memoryCache();
    await publishSizes(made(), inputs, deps(pushEvent, cache).sizesDeps);
    expect([...cache.saved.keys()]).toEqual([]);
  });

  it('is not saved by a build leg (given a services list), even one that built everything', async () => {
    const cache = memoryCache();
    const leg = { ...inputs, services: ['backend'] };
    await publishSizes(outcome({ backend: 150 * MB }), leg, deps(pushEvent, cache).sizesDeps);
    expect([...cache.saved.keys()]).toEqual([]);
    await publishSizes(outcome({ backend: 150 * MB }), inputs, deps(pushEvent, cache).sizesDeps);
    expect([...cache.saved.keys()]).toHaveLength(1);
  });

  it('calls a service this run did not build "not built", not "removed", and leaves it out of the total', async () => {
    const cache = memoryCache();
    await publishSizes(
      outcome({ backend: 150 * MB, frontend: 100 * MB }, 'main2222'),
      inputs,
      deps(pushEvent, cache).sizesDeps,
    );
    github.comments.set(15, []);
    const subset = outcome({ backend: 160 * MB }, 'head1111', ['backend', 'frontend']);
    await publishSizes(subset, inputs, deps(pullRequestEvent(15), cache).sizesDeps);
    const body = ours(15)[0]!.body;
    expect(body).toContain('| frontend | — | — | not built in this run (was 100 MB) | ⏭️ |');
    expect(body).toContain('| **Total** | **160 MB** | | +10.0 MB (+6.7%) | |');
  });

  it('takes the newest report of the base branch', async () => {
    const cache = memoryCache();
    await publishSizes(
      outcome({ backend: 100 * MB }, 'old00000'),
      inputs,
      deps(pushEvent, cache).sizesDeps,
    );
    await publishSizes(
      outcome({ backend: 160 * MB }, 'new00000'),
      inputs,
      deps(pushEvent, cache).sizesDeps,
    );
    github.comments.set(12, []);
    await publishSizes(
      outcome({ backend: 160 * MB }),
      inputs,
      deps(pullRequestEvent(12), cache).sizesDeps,
    );
    expect(ours(12)[0]!.body).toContain('| backend | 160 MB | 400 MB | ±0 | ✅ |');
  });

  it('without a cache service warns once and still comments, with no comparison', async () => {
    github.comments.set(13, []);
    const { reporter, sizesDeps } = deps(pullRequestEvent(13), memoryCache(false));
    await publishSizes(outcome({ backend: 150 * MB }), inputs, sizesDeps);
    expect(reporter.annotations.map((a) => a.message)).toEqual([
      'The Actions cache service is not available here (a local run or GHES without cache): image sizes are not compared with the base branch.',
    ]);
    expect(ours(13)[0]!.body).toContain('No size baseline for `main` yet');
  });

  it('a cache that fails to restore is a warning, not a failure', async () => {
    const cache = memoryCache();
    cache.restoreCache = async () => {
      throw new Error('cache service answered 503');
    };
    github.comments.set(14, []);
    const { reporter, sizesDeps } = deps(pullRequestEvent(14), cache);
    await publishSizes(outcome({ backend: 150 * MB }), inputs, sizesDeps);
    expect(reporter.annotations[0]!.message).toBe(
      'Could not restore the size baseline of main: cache service answered 503',
    );
    expect(ours(14)).toHaveLength(1);
    expect(existsSync(reporter.outputs['comment-file']!)).toBe(true);
  });
});
