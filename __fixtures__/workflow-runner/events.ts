/**
 * Whether an event starts a workflow (`on:`), and the contexts it gives: `github`, dispatch
 * `inputs` (typed and defaulted, as for reusable workflows), the evaluated `concurrency`.
 * Sources: docs.github.com "Events that trigger workflows" (default activity types, branch
 * filters on the base branch for pull_request), "Workflow syntax" (filter patterns).
 */
import { asText, interpolate, type Context } from './expressions.js';
import type { Mapping } from './files.js';

export interface RunEvent {
  name: string;
  payload: Mapping;
  sha: string;
  ref: string;
  /** GITHUB_TOKEN of the run (a fork's pull request gets a read-only one). */
  token: string;
  /** Repository secrets the run may read (none for a fork's pull request). */
  secrets: Record<string, string>;
  vars: Record<string, string>;
  runId: string;
  inputs?: Record<string, unknown>;
}

export function normaliseOn(on: unknown): Mapping {
  if (typeof on === 'string') return { [on]: {} };
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [e, {}]));
  return Object.fromEntries(Object.entries((on ?? {}) as Mapping).map(([k, v]) => [k, v ?? {}]));
}

export function triggers(on: Mapping, event: RunEvent, _name: string): boolean {
  const filter = on[event.name] as Mapping | undefined;
  if (!filter) return false;
  const payload = event.payload;
  if (event.name === 'push') return branchMatches(filter, event.ref.replace('refs/heads/', ''));
  if (event.name === 'pull_request') {
    const types = (filter.types as string[]) ?? ['opened', 'synchronize', 'reopened'];
    const base = (payload.pull_request as Mapping).base as Mapping;
    return types.includes(String(payload.action)) && branchMatches(filter, String(base.ref));
  }
  if (event.name === 'workflow_run') {
    const run = payload.workflow_run as Mapping;
    const types = (filter.types as string[]) ?? ['completed', 'requested'];
    const names = (filter.workflows as string[]) ?? [];
    return types.includes(String(payload.action)) && names.includes(String(run.name));
  }
  return true;
}

/** `branches` / `branches-ignore` with GitHub's glob (`*` within a segment, `**` across). */
function branchMatches(filter: Mapping, branch: string): boolean {
  const glob = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*/g, '<<any>>')
        .replace(/\*/g, '[^/]*')
        .replace(/<<any>>/g, '.*')}$`,
    );
  const branches = filter.branches as string[] | undefined;
  const ignore = filter['branches-ignore'] as string[] | undefined;
  if (branches) return branches.some((b) => glob(String(b)).test(branch));
  if (ignore) return !ignore.some((b) => glob(String(b)).test(branch));
  return true;
}

export function githubContext(event: RunEvent, workflow: string): Mapping {
  const repository = event.payload.repository as Mapping;
  const pr = event.payload.pull_request as Mapping | undefined;
  return {
    event_name: event.name,
    event: event.payload,
    sha: event.sha,
    ref: event.ref,
    ref_name: event.ref.replace(/^refs\/(heads|tags)\//, ''),
    head_ref: pr ? (pr.head as Mapping).ref : '',
    base_ref: pr ? (pr.base as Mapping).ref : '',
    repository: repository.full_name,
    repository_owner: (repository.owner as Mapping).login,
    actor: 'octocat',
    token: event.token,
    run_id: event.runId,
    workflow,
    server_url: 'https://github.com',
  };
}

export function dispatchInputs(on: Mapping, event: RunEvent): Mapping {
  if (event.name !== 'workflow_dispatch') return {};
  const declared = ((on.workflow_dispatch as Mapping).inputs ?? {}) as Record<string, Mapping>;
  return typedInputs(declared, event.inputs ?? {}, 'workflow_dispatch');
}

/** Declared inputs with their defaults and types; a missing required one fails the call. */
export function typedInputs(
  declared: Record<string, Mapping>,
  given: Mapping,
  where: string,
): Mapping {
  const result: Mapping = {};
  for (const [name, spec] of Object.entries(declared)) {
    let value = given[name] ?? spec.default;
    if (value === undefined && spec.required)
      throw new Error(`${where}: input ${name} is required`);
    if (spec.type === 'boolean') value = value === true || value === 'true';
    else if (spec.type === 'number') value = value === undefined ? undefined : Number(value);
    else value = value === undefined ? '' : asText(value);
    result[name] = value;
  }
  for (const name of Object.keys(given)) {
    if (!(name in declared)) throw new Error(`${where}: no input named ${name}`);
  }
  return result;
}

export function workflowConcurrency(value: unknown, context: Context) {
  if (value === undefined) return undefined;
  const spec = interpolate(
    typeof value === 'string' ? { group: value } : value,
    context,
  ) as Mapping;
  return { group: asText(spec.group), cancelInProgress: spec['cancel-in-progress'] === true };
}
