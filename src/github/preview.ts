/**
 * GitHub's side of a preview: the pull request of the event, its sticky preview comment
 * (its own marker, so it never touches the size comment), and whether a pull request is
 * closed (for a sweep). Octokit is made here, at the edge.
 */
import * as github from '@actions/github';
import { PREVIEW_MARKER, type PreviewDeps } from '../commands/preview.js';
import { upsertComment } from './comment.js';

export function previewGithub(token: string): Pick<PreviewDeps, 'pr' | 'comment' | 'isClosed'> {
  const { context } = github;
  const pr = context.payload.pull_request?.number as number | undefined;
  const { owner, repo } = context.repo;
  if (!token) return { pr };
  const octokit = github.getOctokit(token);
  return {
    pr,
    comment: pr
      ? async (body) =>
          void (await upsertComment(octokit, { owner, repo, number: pr }, PREVIEW_MARKER, body))
      : undefined,
    isClosed: async (number) => {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
      return data.state === 'closed';
    },
  };
}
