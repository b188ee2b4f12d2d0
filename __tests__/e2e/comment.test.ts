import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { requireEngine, untag } from '../../__fixtures__/engine.js';
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js';
import { runStep } from './helpers.js';

const PREFIX = 'deploy-action-e2e-pr';
const SHA = 'e2e0000000000000000000000000000000000000';
let github: FakeGitHub;

beforeAll(async () => {
  requireEngine();
  github = await startFakeGitHub();
});
afterAll(async () => {
  untag(`${PREFIX}/backend:${SHA}`, `${PREFIX}/frontend:${SHA}`);
  await github.close();
});

const event = {
  name: 'pull_request',
  payload: { number: 21, pull_request: { number: 21, base: { ref: 'main' } } },
};

function build() {
  return runStep('main', {
    inputs: {
      command: 'build',
      'compose-file': 'examples/sigmasight/docker-compose.yml',
      'image-prefix': PREFIX,
      'github-token': 'ghs_e2ePullRequestToken',
    },
    env: { GITHUB_API_URL: github.url, GITHUB_RUN_ID: '77' },
    event,
  });
}

describe('the size comment through dist/ on a pull_request event', () => {
  it('creates one comment, and leaves it alone when the next build measures the same', async () => {
    github.comments.set(21, []);
    const first = await build();
    expect(first.code).toBe(0);
    expect(github.comments.get(21)).toHaveLength(1);
    const comment = github.comments.get(21)![0]!;
    expect(comment.body).toMatch(/\| backend \| [\d.]+ MB \| 400 MB \| — \| ✅ \|/);
    expect(comment.body).toContain(
      '[Build run](https://github.com/sigmasight/platform/actions/runs/77)',
    );
    expect(readFileSync(first.outputs['comment-file']!, 'utf8')).toBe(comment.body);
    // No cache service on this machine: one warning, the comment still goes out.
    expect(first.stdout).toContain('::warning::The Actions cache service is not available here');

    const second = await build();
    expect(second.code).toBe(0);
    expect(github.comments.get(21)).toHaveLength(1);
    // Nothing changed between the two builds: the comment is not edited (no notification).
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
    const shown = (first.stdout + second.stdout).replace(/^::add-mask::.*$/gm, '');
    expect(shown).not.toContain('ghs_e2ePullRequestToken');
  }, 600_000);
});
