/**
 * One job on a fresh runner: its own workspace, RUNNER_TEMP and DOCKER_CONFIG; `run:` steps in
 * bash as GitHub runs them (`bash --noprofile --norc -eo pipefail`), this action's steps through
 * the bundle on Node 24 with the runner's files (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE,
 * GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH), then the post phases in reverse order.
 * Sources: docs.github.com "Workflow commands", "Metadata syntax" (runs.post, inputs).
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { asText, condition, interpolate, type Context, type Status } from './expressions.js';
import { inputEnv, readKeyValues, stringEnv, type Mapping } from './files.js';
import { standinFor } from './standins.js';
import type { RunWorld } from './world.js';

export type Result = 'success' | 'failure' | 'skipped';

export interface StepRecord {
  id?: string;
  name: string;
  outcome: Result;
  outputs: Record<string, string>;
  log: string;
}

export interface JobRun {
  result: Result;
  outputs: Record<string, string>;
  steps: StepRecord[];
  summary: string;
}

interface Runner {
  workspace: string;
  temp: string;
  env: NodeJS.ProcessEnv;
  summary: string;
}

const ACTION_NAMES = /^(\.\/?|sigmasight\/deploy-action@.+)$/;

export async function runJob(
  world: RunWorld,
  job: Mapping,
  given: Context,
  name: string,
): Promise<JobRun> {
  const runner = freshRunner(world, given, name);
  const context: Context = {
    ...given,
    runner: { os: 'Linux', arch: 'X64', temp: runner.temp },
    job: {},
  };
  const env: Mapping = { ...(context.env as Mapping) };
  Object.assign(env, interpolate(job.env ?? {}, { ...context, env }));
  const steps: StepRecord[] = [];
  const posts: (() => Promise<StepRecord>)[] = [];
  const stepsContext: Mapping = {};
  let status: Status = 'success';
  for (const [index, step] of ((job.steps ?? []) as Mapping[]).entries()) {
    const ctx = { ...context, env, steps: stepsContext };
    const label = String(step.name ?? step.uses ?? `step ${index + 1}`);
    if (!condition(step.if, ctx, status)) {
      steps.push({ id: step.id as string, name: label, outcome: 'skipped', outputs: {}, log: '' });
      if (step.id) stepsContext[step.id as string] = { outputs: {}, outcome: 'skipped' };
      continue;
    }
    const stepEnv = { ...env, ...(interpolate(step.env ?? {}, ctx) as Mapping) };
    const record = await runStep(world, runner, step, ctx, stepEnv, label, posts);
    steps.push(record);
    if (step.id) {
      stepsContext[step.id as string] = { outputs: record.outputs, outcome: record.outcome };
    }
    if (record.outcome === 'failure' && !step['continue-on-error']) status = 'failure';
    Object.assign(env, readKeyValues(path.join(runner.temp, '_env')));
  }
  for (const post of posts.reverse()) {
    const record = await post();
    steps.push(record);
    if (record.outcome === 'failure') status = 'failure';
  }
  const outputs = interpolate(job.outputs ?? {}, { ...context, env, steps: stepsContext });
  world.cleanImages();
  return {
    result: status === 'success' ? 'success' : 'failure',
    outputs: Object.fromEntries(Object.entries(outputs as Mapping).map(([k, v]) => [k, asText(v)])),
    steps,
    summary: runner.summary,
  };
}

function freshRunner(world: RunWorld, context: Context, name: string): Runner {
  const dir = mkdtempSync(path.join(world.root, `job-${name.replace(/[^\w-]+/g, '_')}-`));
  const workspace = path.join(dir, 'workspace');
  const temp = path.join(dir, 'temp');
  const dockerConfig = path.join(dir, 'docker');
  for (const d of [workspace, temp, dockerConfig]) mkdirSync(d, { recursive: true });
  // The runner's own CLI plugins (buildx, compose v2, as GitHub's images have), no logins.
  const plugins = path.join(
    process.env.DOCKER_CONFIG || path.join(homedir(), '.docker'),
    'cli-plugins',
  );
  if (existsSync(plugins)) symlinkSync(plugins, path.join(dockerConfig, 'cli-plugins'));
  const github = context.github as Mapping;
  const event = path.join(temp, '_event.json');
  writeFileSync(event, JSON.stringify(github.event));
  writeFileSync(path.join(temp, '_env'), '');
  return {
    workspace,
    temp,
    summary: '',
    env: world.runnerEnv(github, { workspace, temp, event, dockerConfig, job: name }),
  };
}

async function runStep(
  world: RunWorld,
  runner: Runner,
  step: Mapping,
  ctx: Context,
  env: Mapping,
  label: string,
  posts: (() => Promise<StepRecord>)[],
): Promise<StepRecord> {
  const files = stepFiles(runner);
  const processEnv: NodeJS.ProcessEnv = { ...runner.env, ...stringEnv(env), ...files.env };
  const withs = Object.fromEntries(
    Object.entries((interpolate(step.with ?? {}, ctx) as Mapping) ?? {}).map(([k, v]) => [
      k,
      asText(v),
    ]),
  );
  const id = step.id as string | undefined;
  const finish = (ok: boolean, log: string): StepRecord => {
    runner.summary += readFileSync(files.summary, 'utf8');
    const outputs = readKeyValues(files.output);
    return { id, name: label, outcome: ok ? 'success' : 'failure', outputs, log };
  };
  if (typeof step.run === 'string') {
    const script = asText(interpolate(step.run, ctx));
    const args = ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script];
    const result = await run('bash', args, runner.workspace, processEnv);
    return finish(result.ok, result.text);
  }
  const uses = String(step.uses);
  if (ACTION_NAMES.test(uses)) {
    const inputs = world.actionInputs(withs, ctx);
    const main = await runAction(world, 'main', { ...processEnv, ...inputs }, runner);
    const state = readKeyValues(files.state);
    posts.push(async () => {
      const postFiles = stepFiles(runner);
      const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
      const postEnv = {
        ...runner.env,
        ...stringEnv(env),
        ...inputs,
        ...postFiles.env,
        ...stateEnv,
      };
      const log = await runAction(world, 'post', postEnv, runner);
      runner.summary += readFileSync(postFiles.summary, 'utf8');
      return {
        id,
        name: `Post ${label}`,
        outcome: log.ok ? 'success' : 'failure',
        outputs: {},
        log: log.text,
      };
    });
    return finish(main.ok, main.text);
  }
  if (uses.startsWith('actions/github-script@')) {
    const inputs = {
      'github-token': asText(ctx.github && (ctx.github as Mapping).token),
      ...withs,
    };
    const env = { ...processEnv, ...inputEnv(inputs) };
    const result = await run(world.node, [world.githubScript], runner.workspace, env);
    return finish(result.ok, result.text);
  }
  const standin = standinFor(uses);
  if (!standin) return finish(false, `the workflow runner has no stand-in for ${uses}`);
  const lines: string[] = [];
  try {
    const outputs = standin({
      with: withs,
      workspace: runner.workspace,
      artifacts: world.artifacts,
      runId: String((ctx.github as Mapping).run_id),
      repository: world.repository,
      sha: String((ctx.github as Mapping).sha),
      env: processEnv,
      log: (line) => lines.push(line),
    });
    for (const [k, v] of Object.entries(outputs ?? {}))
      writeFileSync(files.output, `${k}=${v}\n`, { flag: 'a' });
    return finish(true, lines.join('\n'));
  } catch (error) {
    return finish(false, [...lines, String(error)].join('\n'));
  }
}

async function runAction(
  world: RunWorld,
  phase: 'main' | 'post',
  env: NodeJS.ProcessEnv,
  runner: Runner,
) {
  const result = await run(world.node, [world.bundle], runner.workspace, env);
  return { ok: result.ok, text: `[${phase}] ${result.text}` };
}

/** A process of the step, asynchronously: the fakes it talks to live in this process. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ ok: boolean; text: string }>((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('close', (code) => resolve({ ok: code === 0, text }));
  });
}

function stepFiles(runner: Runner) {
  const dir = mkdtempSync(path.join(runner.temp, '_step-'));
  const files = {
    output: path.join(dir, 'output'),
    state: path.join(dir, 'state'),
    summary: path.join(dir, 'summary'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  return {
    ...files,
    env: {
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_ENV: path.join(runner.temp, '_env'),
    },
  };
}
