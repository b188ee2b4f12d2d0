/**
 * After a build: keep the size baseline of a branch, and on pull requests keep the one size
 * comment up to date. A comment that cannot be posted never fails the build: a fork's read-only
 * token gets a warning, and the body goes to the job summary and the `comment-file` output.
 */
import * as cache from '@actions/cache';
import * as github from '@actions/github';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderComment } from '../budget/comment.js';
import type { BuildOutcome } from '../commands/build.js';
import { errorMessage } from '../errors.js';
import type { Inputs } from '../inputs.js';
import type { Reporter } from '../reporter.js';
import { restoreBaseline, saveBaseline, type BaselineStore, type CacheApi } from './baseline.js';
import {
  httpStatus,
  markBody,
  sizeMarker,
  upsertComment,
  type Octokit,
  type PullRequestRef,
} from './comment.js';
import { createOctokit } from './octokit.js';

type Context = typeof github.context;

export interface SizesDeps {
  reporter: Reporter;
  context: Context;
  octokit: (token: string) => Octokit;
  cache: CacheApi;
  workDir: string;
}

export function defaultSizesDeps(reporter: Reporter, workDir: string): SizesDeps {
  return {
    reporter,
    context: github.context,
    octokit: (token) => createOctokit(token, { warn: (message) => reporter.warn(message) }),
    cache,
    workDir,
  };
}

export async function publishSizes(
  outcome: BuildOutcome,
  inputs: Pick<Inputs, 'comment' | 'githubToken' | 'growthThreshold'> &
    Partial<Pick<Inputs, 'services'>>,
  deps: SizesDeps,
): Promise<void> {
  const { context, reporter } = deps;
  const store: BaselineStore = {
    cache: deps.cache,
    dir: path.join(deps.workDir, 'baseline'),
    stack: outcome.stack.file,
    warn: (message) => reporter.warn(message),
  };
  const branch = context.eventName === 'push' ? branchOf(context.ref) : undefined;
  // A step given a `services` list (a build leg of a fanned-out stack) never saves one: the
  // collect step does, from the legs together.
  const whole = (inputs.services ?? []).length === 0;
  if (branch && whole && isCompleteReport(outcome)) {
    await saveBaseline(store, outcome.report, branch);
  }

  const pr = pullRequestOf(context);
  const wanted = inputs.comment === 'always' || (inputs.comment === 'auto' && pr !== undefined);
  if (!wanted || outcome.verdicts.length === 0) return;
  const baseRef = pr?.baseRef ?? defaultBranch(context);
  const marker = sizeMarker(outcome.stack.file);
  const rendered = renderComment({
    inFile: outcome.stack.services.map((s) => s.name),
    current: outcome.verdicts,
    baseline: await restoreBaseline(store, baseRef),
    baseRef,
    growthThreshold: inputs.growthThreshold,
    runUrl: runUrl(context),
  });
  const body = markBody(rendered, marker);
  const file = path.join(deps.workDir, 'size-comment.md');
  await writeFile(file, body);
  reporter.setOutput('comment-file', file);
  if (!pr) {
    reporter.warn(
      'comment: always, but this run is not for a pull request: the comment body is in the comment-file output.',
    );
    return;
  }
  await post(deps, inputs.githubToken, pr.ref, marker, body);
}

async function post(
  deps: SizesDeps,
  token: string,
  pr: PullRequestRef,
  marker: string,
  body: string,
): Promise<void> {
  const { reporter } = deps;
  try {
    const posted = await upsertComment(deps.octokit(token), pr, marker, body);
    reporter.info(`Size comment ${posted.action}: ${posted.url}`);
  } catch (error) {
    const status = httpStatus(error);
    const where = `${pr.owner}/${pr.repo}#${pr.number}`;
    if (status === 403) {
      reporter.warn(
        `Cannot comment on ${where} (403: ${errorMessage(error)}); a pull request from a fork gets a read-only token. The comment is in the job summary and the comment-file output, for a workflow_run workflow to post.`,
      );
      await reporter.summary(body);
    } else if (status === 404) {
      reporter.error(
        `Pull request ${where} was not found (404): check that github-token can read ${pr.owner}/${pr.repo}. The size comment was not posted.`,
      );
    } else {
      reporter.warn(`Could not post the size comment on ${where}: ${errorMessage(error)}`);
    }
  }
}

/**
 * Only a build of every image, each measured, is a baseline: a failed build or a `services`
 * subset would make the next comment call images "new" or "removed" that are neither.
 */
function isCompleteReport(outcome: BuildOutcome): boolean {
  const built = outcome.stack.services.filter((s) => s.build).length;
  return outcome.verdicts.length === built && outcome.verdicts.every((v) => v.size !== undefined);
}

function defaultBranch(context: Context): string {
  const repository = context.payload.repository as { default_branch?: string } | undefined;
  return repository?.default_branch ?? 'main';
}

function branchOf(ref: string): string | undefined {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

function pullRequestOf(context: Context): { ref: PullRequestRef; baseRef: string } | undefined {
  const pr = context.payload.pull_request as
    { number?: number; base?: { ref?: string } } | undefined;
  if (!pr?.number) return undefined;
  return {
    ref: { ...context.repo, number: pr.number },
    baseRef: pr.base?.ref ?? defaultBranch(context),
  };
}

function runUrl(context: Context): string | undefined {
  if (!context.runId) return undefined;
  return `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
}
