/**
 * The sticky comment: found by its hidden marker among the token's own comments (paged, so a
 * long PR thread still finds it), edited in place, created only when there is none.
 * Octokit is passed in, so tests drive it against a local fake of the REST API.
 */
import type { getOctokit } from '@actions/github';

export type Octokit = ReturnType<typeof getOctokit>;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export interface Posted {
  action: 'created' | 'updated';
  id: number;
  url: string;
}

interface IssueComment {
  id: number;
  body?: string | null;
  user: { login: string; type: string } | null;
}

export async function upsertComment(
  octokit: Octokit,
  pr: PullRequestRef,
  marker: string,
  body: string,
): Promise<Posted> {
  const author = await viewerLogin(octokit);
  const existing = await findComment(octokit, pr, marker, author);
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({
      owner: pr.owner,
      repo: pr.repo,
      comment_id: existing.id,
      body,
    });
    return { action: 'updated', id: data.id, url: data.html_url };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    body,
  });
  return { action: 'created', id: data.id, url: data.html_url };
}

export async function findComment(
  octokit: Octokit,
  pr: PullRequestRef,
  marker: string,
  author: string | undefined,
): Promise<IssueComment | undefined> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100,
  });
  for await (const { data } of pages) {
    const found = (data as IssueComment[]).find(
      (c) => c.body?.includes(marker) && isOwn(c, author),
    );
    if (found) return found;
  }
  return undefined;
}

// Only our own comments: someone quoting the marker in a reply must not get their comment edited.
function isOwn(comment: IssueComment, author: string | undefined): boolean {
  if (!comment.user) return false;
  return author ? comment.user.login === author : comment.user.type === 'Bot';
}

/**
 * The login behind the token. GITHUB_TOKEN (an app installation token) may not call GET /user;
 * then we fall back to "any bot", which is what the token posts as.
 */
async function viewerLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch {
    return undefined;
  }
}

/** The HTTP status of an Octokit error, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
