/**
 * The sticky comment: found by its hidden marker among the token's own comments (paged, so a
 * long PR thread still finds it), edited in place only when its body changed, created only
 * when there is none. One comment per compose file: the marker names the file.
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
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  url: string;
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user: { login: string; type: string } | null;
}

const MARKER_HEAD = '<!-- deploy-action:image-sizes';

/**
 * The hidden first line of the size comment of one compose file. `--` may not appear inside
 * an HTML comment, so a file name's double hyphens are escaped.
 */
export function sizeMarker(composeFile: string): string {
  const name = composeFile.replace(/\s+/g, ' ').replace(/-(?=-)/g, '%2D');
  return `${MARKER_HEAD} file=${name} -->`;
}

/** The rendered body with its generic marker line replaced by the one naming the file. */
export function markBody(body: string, marker: string): string {
  const newline = body.indexOf('\n');
  const first = newline === -1 ? body : body.slice(0, newline);
  if (!first.startsWith(MARKER_HEAD)) return `${marker}\n${body}`;
  return newline === -1 ? marker : `${marker}${body.slice(newline)}`;
}

export async function upsertComment(
  octokit: Octokit,
  pr: PullRequestRef,
  marker: string,
  body: string,
): Promise<Posted> {
  const author = await viewerLogin(octokit);
  const existing = await findComment(octokit, pr, marker, author);
  if (existing && sameContent(existing.body ?? '', body)) {
    return { action: 'unchanged', id: existing.id, url: existing.html_url ?? '' };
  }
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
      (c) => firstLine(c.body) === marker && isOwn(c, author),
    );
    if (found) return found;
  }
  return undefined;
}

/**
 * Equal but for the link to the run that measured them: a new run of the same sizes (a push that
 * changed no image) edits nothing and notifies no one; the link keeps naming a run that did.
 */
export function sameContent(old: string, body: string): boolean {
  const runLink = /^\[Build run\]\([^)\s]*\/actions\/runs\/\d+[^)\s]*\)$/gm;
  return old.replace(runLink, '') === body.replace(runLink, '');
}

/** The marker is the body's first line: a reply quoting it further down is not ours. */
function firstLine(body: string | null | undefined): string {
  return (body ?? '').split('\n', 1)[0]!.trim();
}

// Only our own comments: someone quoting the marker in a reply must not get their comment edited.
function isOwn(comment: IssueComment, author: string | undefined): boolean {
  if (!comment.user) return false;
  if (!author) return comment.user.type === 'Bot';
  const bare = (login: string) => login.replace(/\[bot\]$/, '');
  return bare(comment.user.login) === bare(author);
}

/**
 * The login behind the token, from GraphQL `viewer`, which answers installation tokens
 * (GITHUB_TOKEN: `github-actions[bot]`) where REST GET /user answers 403. Only if that fails
 * do we fall back to "any bot".
 */
async function viewerLogin(octokit: Octokit): Promise<string | undefined> {
  try {
    const data = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    return data.viewer.login || undefined;
  } catch {
    return undefined;
  }
}

/** The HTTP status of an Octokit error, if it has one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
