import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js';
import { upsertComment } from '../../src/github/comment.js';
import { createOctokit } from '../../src/github/octokit.js';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
  github.comments.set(3, []);
});
afterEach(() => github.close());

const PR = { owner: 'sigmasight', repo: 'platform', number: 3 };
const MARKER = '<!-- deploy-action:image-sizes file=docker-compose.yml -->';
// Retry-After seconds count as 5 ms here, so waits are real but short.
const octokit = (warnings: string[] = []) =>
  createOctokit('ghs_token', {
    baseUrl: github.url,
    retryAfterBaseValue: 5,
    warn: (m) => warnings.push(m),
  });
const posts = () =>
  github.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/comments'));

// The throttling plugin spaces writes across the process (a second, three for comments).
jest.setTimeout(20_000);

describe('every GitHub call retries and waits out rate limits', () => {
  it('posts the comment after two 502s from GitHub', async () => {
    github.faults.push(
      { status: 502, message: 'Bad Gateway' },
      { status: 502, message: 'Bad Gateway' },
    );
    const posted = await upsertComment(octokit(), PR, MARKER, `${MARKER}\nsizes`);
    expect(posted.action).toBe('created');
    expect(github.comments.get(3)!.map((c) => c.body)).toEqual([`${MARKER}\nsizes`]);
  });

  it('waits out a secondary rate limit, then posts', async () => {
    const warnings: string[] = [];
    const limited = {
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes.',
      headers: { 'retry-after': '1' },
    };
    github.faults.push(limited);
    await octokit(warnings).rest.issues.createComment({ ...PR, issue_number: 3, body: 'second' });
    expect(github.comments.get(3)!.map((c) => c.body)).toEqual(['second']);
    expect(warnings).toEqual([expect.stringMatching(/^GitHub secondary rate limit on /)]);
  });

  it("does not retry a fork's read-only 403: one attempt, the error goes to the caller", async () => {
    github.readOnly = true;
    await expect(upsertComment(octokit(), PR, MARKER, `${MARKER}\nx`)).rejects.toMatchObject({
      status: 403,
    });
    expect(posts()).toHaveLength(1);
  });

  it('gives up after a few 502s instead of holding the build', async () => {
    for (let i = 0; i < 6; i++) github.faults.push({ status: 502, message: 'Bad Gateway' });
    await expect(
      octokit().rest.issues.listComments({ owner: 'o', repo: 'r', issue_number: 3 }),
    ).rejects.toMatchObject({ status: 502 });
    expect(github.requests).toHaveLength(4);
  });
});
