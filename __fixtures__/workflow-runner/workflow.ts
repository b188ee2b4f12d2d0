/**
 * A workflow run as GitHub plans it: `on:` decides whether the event starts it, jobs run when
 * their `needs` are done (one after another here), `if:` with the implicit success(), a
 * `strategy.matrix` fans a job out into legs, and a job that `uses:` a reusable workflow runs
 * that workflow's jobs with its typed `inputs` and `secrets` and hands back its `outputs`.
 * Sources: docs.github.com "Workflow syntax", "Events that trigger workflows", "Reusing
 * workflows" (inputs typed and defaulted, secrets passed or inherited, outputs from `jobs`),
 * "Running variations of jobs in a workflow" (matrix include, outputs of matrix jobs).
 */
import path from 'node:path';
import {
  dispatchInputs,
  githubContext,
  normaliseOn,
  triggers,
  typedInputs,
  workflowConcurrency,
  type RunEvent,
} from './events.js';
import { asText, condition, interpolate, type Context } from './expressions.js';
import { readYaml, type Mapping } from './files.js';
import { runJob, type JobRun, type Result } from './job.js';

export type { RunEvent };
import type { RunWorld } from './world.js';

export interface WorkflowRun {
  triggered: boolean;
  runId: string;
  /** Every job by path (`build`, `build/plan`, `build/build (2)`). */
  jobs: Record<string, JobRun>;
  concurrency?: { group: string; cancelInProgress: boolean };
}

export async function runWorkflow(
  world: RunWorld,
  file: string,
  event: RunEvent,
): Promise<WorkflowRun> {
  const workflow = readYaml(file);
  const on = normaliseOn(workflow.on ?? workflow[true as unknown as string]);
  if (!triggers(on, event, String(workflow.name)))
    return { triggered: false, runId: event.runId, jobs: {} };
  const github = githubContext(event, String(workflow.name));
  const inputs = dispatchInputs(on, event);
  const context: Context = {
    github,
    inputs,
    vars: event.vars,
    secrets: { ...event.secrets, GITHUB_TOKEN: event.token },
    env: interpolate(workflow.env ?? {}, { github, inputs, vars: event.vars }),
  };
  const concurrency = workflowConcurrency(workflow.concurrency, context);
  const jobs: Record<string, JobRun> = {};
  await runJobs(world, workflow, context, '', jobs);
  return { triggered: true, runId: event.runId, jobs, concurrency };
}

async function runJobs(
  world: RunWorld,
  workflow: Mapping,
  context: Context,
  prefix: string,
  all: Record<string, JobRun>,
): Promise<Record<string, JobRun>> {
  const jobs = (workflow.jobs ?? {}) as Record<string, Mapping>;
  const done: Record<string, JobRun> = {};
  for (const id of jobOrder(jobs)) {
    const job = jobs[id]!;
    const needs = [job.needs ?? []].flat() as string[];
    const needsContext = Object.fromEntries(
      needs.map((n) => [n, { result: done[n]!.result, outputs: done[n]!.outputs }]),
    );
    const results = needs.map((n) => done[n]!.result);
    const status = results.every((r) => r === 'success')
      ? 'success'
      : results.includes('failure')
        ? 'failure'
        : 'skipped';
    const jobContext = { ...context, needs: needsContext };
    const name = `${prefix}${id}`;
    if (!condition(job.if, jobContext, status)) {
      done[id] = all[name] = { result: 'skipped', outputs: {}, steps: [], summary: '' };
      continue;
    }
    done[id] = await runOne(world, job, jobContext, name, all);
    all[name] = done[id];
  }
  return done;
}

/** Needs first, in file order otherwise. */
function jobOrder(jobs: Record<string, Mapping>): string[] {
  const order: string[] = [];
  while (order.length < Object.keys(jobs).length) {
    const next = Object.keys(jobs).find(
      (id) =>
        !order.includes(id) &&
        [jobs[id]!.needs ?? []].flat().every((n) => order.includes(n as string)),
    );
    if (!next) throw new Error('the jobs have a cycle in needs');
    order.push(next);
  }
  return order;
}

async function runOne(
  world: RunWorld,
  job: Mapping,
  context: Context,
  name: string,
  all: Record<string, JobRun>,
): Promise<JobRun> {
  if (typeof job.uses === 'string') return callWorkflow(world, job, context, name, all);
  const legs = matrixLegs(job.strategy as Mapping | undefined, context);
  if (!legs) return runJob(world, job, context, name);
  const runs: JobRun[] = [];
  for (const [i, matrix] of legs.entries()) {
    const legName = `${name} (${i + 1})`;
    const run = await runJob(world, job, { ...context, matrix }, legName);
    all[legName] = run;
    runs.push(run);
  }
  // Outputs of matrix legs: a later leg's non-empty value wins, as on GitHub.
  const outputs: Record<string, string> = {};
  for (const run of runs)
    for (const [k, v] of Object.entries(run.outputs)) if (v !== '') outputs[k] = v;
  const failed = runs.some((r) => r.result === 'failure');
  return { result: failed ? 'failure' : 'success', outputs, steps: [], summary: '' };
}

function matrixLegs(strategy: Mapping | undefined, context: Context): Mapping[] | undefined {
  if (!strategy?.matrix) return undefined;
  const matrix = interpolate(strategy.matrix, context) as Mapping;
  const {
    include = [],
    exclude = [],
    ...axes
  } = matrix as Mapping & {
    include?: Mapping[];
    exclude?: Mapping[];
  };
  let legs: Mapping[] = Object.keys(axes).length ? [{}] : [];
  for (const [key, values] of Object.entries(axes)) {
    legs = legs.flatMap((leg) => (values as unknown[]).map((v) => ({ ...leg, [key]: v })));
  }
  const same = (leg: Mapping, partial: Mapping) =>
    Object.entries(partial).every(([k, v]) => JSON.stringify(leg[k]) === JSON.stringify(v));
  legs = legs.filter((leg) => !(exclude as Mapping[]).some((e) => same(leg, e)));
  legs.push(...(include as Mapping[]));
  if (legs.length === 0) throw new Error('the matrix has no legs');
  return legs;
}

async function callWorkflow(
  world: RunWorld,
  job: Mapping,
  context: Context,
  name: string,
  all: Record<string, JobRun>,
): Promise<JobRun> {
  const callee = readYaml(resolveWorkflow(world, String(job.uses)));
  const call = ((callee.on as Mapping).workflow_call ?? {}) as Mapping;
  const given = interpolate(job.with ?? {}, context) as Mapping;
  const inputs = typedInputs(
    (call.inputs ?? {}) as Record<string, Mapping>,
    given,
    String(job.uses),
  );
  const secrets = calleeSecrets(job.secrets, call, context);
  const github = context.github as Mapping;
  const calleeContext: Context = {
    github,
    inputs,
    vars: context.vars,
    secrets,
    env: interpolate(callee.env ?? {}, { github, inputs, vars: context.vars }),
  };
  const done = await runJobs(world, callee, calleeContext, `${name}/`, all);
  const jobs = Object.fromEntries(
    Object.entries(done).map(([id, r]) => [id, { result: r.result, outputs: r.outputs }]),
  );
  const declared = (call.outputs ?? {}) as Record<string, Mapping>;
  const outputs = Object.fromEntries(
    Object.entries(declared).map(([k, spec]) => [
      k,
      asText(interpolate(spec.value, { ...calleeContext, jobs })),
    ]),
  );
  const results = Object.values(done).map((r) => r.result);
  const result: Result = results.includes('failure') ? 'failure' : 'success';
  return { result, outputs, steps: [], summary: '' };
}

/** This repository's reusable workflows, by `./` or by `sigmasight/deploy-action/...@ref`. */
function resolveWorkflow(world: RunWorld, uses: string): string {
  const own = /^sigmasight\/deploy-action\/(\.github\/workflows\/[^@]+)@.+$/.exec(uses);
  if (own) return path.join(world.actionRoot, own[1]!);
  if (uses.startsWith('./')) return path.join(world.actionRoot, uses);
  throw new Error(`the workflow runner cannot follow ${uses}`);
}

function calleeSecrets(given: unknown, call: Mapping, context: Context): Mapping {
  const mine = context.secrets as Mapping;
  const token = { GITHUB_TOKEN: mine.GITHUB_TOKEN };
  if (given === 'inherit') return { ...mine };
  const passed = interpolate(given ?? {}, context) as Mapping;
  const declared = (call.secrets ?? {}) as Record<string, Mapping | null>;
  for (const [name, spec] of Object.entries(declared)) {
    if (spec?.required && !(name in passed)) throw new Error(`required secret ${name} not passed`);
  }
  for (const name of Object.keys(passed)) {
    if (!(name in declared)) throw new Error(`the called workflow has no secret ${name}`);
  }
  return { ...passed, ...token };
}
