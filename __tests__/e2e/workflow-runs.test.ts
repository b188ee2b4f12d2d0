/**
 * The templates run as GitHub runs them, on each event they handle (see
 * __fixtures__/workflow-runner: expressions by @actions/expressions, reusable workflows of this
 * repository followed, each job on a fresh runner, this action through its bundle on Node 24,
 * stand-ins for third-party actions), against the real engine, the local registry, the Railway
 * emulator and the fake GitHub API. Each test checks the jobs' results and what the event left.
 *
 * The bundle: a fresh one of src/ into a temp folder (dist/ is rebuilt only after a merge, so
 * a branch's dist/ is not its code); WORKFLOW_DIST=committed runs the committed dist/ instead.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeGitHub, type FakeGitHub } from '../../__fixtures__/github-api.js';
import type { RailwayEmulator } from '../../__fixtures__/railway/emulator.js';
import { ACCOUNT_TOKEN, PROJECT_TOKEN, startEmulator } from '../../__fixtures__/railway/harness.js';
import { sizeMarker } from '../../src/github/comment.js';
import {
  commitChange,
  makeRepository,
  pullRequestPayload,
  repositoryPayload,
  type ServiceSpec,
} from '../../__fixtures__/workflow-runner/repository.js';
import { RunWorld } from '../../__fixtures__/workflow-runner/world.js';
import { runWorkflow, type RunEvent } from '../../__fixtures__/workflow-runner/workflow.js';
import { NODE24, ROOT } from './helpers.js';

const ID = `wfrun-${process.pid}-${Date.now().toString(36)}`;
const REPO = `sigmasight/${ID}`;
const PREFIX = `127.0.0.1:5000/${ID}`;
const STACK: ServiceSpec[] = [
  { name: 'api', railway: true },
  { name: 'web', dependsOn: ['api'], railway: true },
];
const TOKEN = 'ghs_run_token_write';
const FORK_TOKEN = 'ghs_fork_token_read';
const PR = 7;

let root: string;
let world: RunWorld;
let github: FakeGitHub;
let railway: RailwayEmulator;
let repo: { dir: string; main: string };
let runs = 100;

function bundle(): string {
  if (process.env.WORKFLOW_DIST === 'committed') return path.join(ROOT, 'dist/index.js');
  const out = path.join(root, 'dist');
  const ncc = path.join(ROOT, 'node_modules/.bin/ncc');
  execFileSync(ncc, ['build', 'src/index.ts', '-o', out, '--target', 'es2022', '--quiet'], {
    cwd: ROOT,
  });
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  return path.join(out, 'index.js');
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'deploy-action-workflows-'));
  repo = makeRepository(path.join(root, 'repo'), path.join(ROOT, 'workflows-templates'), STACK);
  github = await startFakeGitHub();
  github.comments.set(PR, []);
  github.readOnlyTokens.add(FORK_TOKEN);
  railway = await startEmulator({ services: ['api', 'web'], accountTokens: [ACCOUNT_TOKEN] }, 300);
  world = new RunWorld({
    root,
    repository: repo.dir,
    actionRoot: ROOT,
    bundle: bundle(),
    node: NODE24,
    githubApiUrl: github.url,
    imagePrefixes: [PREFIX, `ghcr.io/${REPO}`],
  });
}, 120_000);

afterAll(async () => {
  world?.cleanImages();
  await github?.close();
  await railway?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** What the repository's variables and secrets hold (the copy checklist of the README). */
const VARS = { REGISTRY: '127.0.0.1:5000', IMAGE_PREFIX: PREFIX, RAILWAY_API_URL: '' };
const SECRETS = {
  RAILWAY_TOKEN: PROJECT_TOKEN,
  RAILWAY_API_TOKEN: ACCOUNT_TOKEN,
  REGISTRY_USERNAME: 'ci',
  REGISTRY_PASSWORD: 'x',
};

function event(name: string, payload: object, sha: string, ref: string, fork = false): RunEvent {
  return {
    name,
    payload: { repository: repositoryPayload(REPO), ...payload },
    sha,
    ref,
    token: fork ? FORK_TOKEN : TOKEN,
    // A fork's pull request gets neither the repository's secrets nor its variables.
    secrets: fork ? {} : SECRETS,
    vars: fork ? {} : { ...VARS, RAILWAY_API_URL: railway.url },
    runId: String(runs++),
  };
}

const workflow = (file: string) => path.join(repo.dir, '.github/workflows', file);
const pipeline = () => workflow('sigmasight-pipeline.yml');

async function registryTags(service: string): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:5000/v2/${ID}/${service}/tags/list`);
  if (response.status === 404) return [];
  return ((await response.json()) as { tags?: string[] }).tags ?? [];
}

function results(run: Awaited<ReturnType<typeof runWorkflow>>) {
  return Object.fromEntries(Object.entries(run.jobs).map(([name, job]) => [name, job.result]));
}

function logsOf(run: Awaited<ReturnType<typeof runWorkflow>>): string {
  return Object.entries(run.jobs)
    .flatMap(([name, job]) =>
      job.steps.map((s) => `--- ${name} / ${s.name}: ${s.outcome}\n${s.log}`),
    )
    .join('\n');
}

/** The job results, with every step's log attached when they are not what the test expects. */
function expectResults(run: Awaited<ReturnType<typeof runWorkflow>>, expected: object) {
  const got = results(run);
  if (JSON.stringify(got) !== JSON.stringify({ ...got, ...expected })) {
    console.log(logsOf(run).slice(-20_000));
  }
  expect(got).toMatchObject(expected);
}

/** Every job of the reusable build workflow, with one leg. */
const BUILT = {
  'build/plan': 'success',
  'build/build (1)': 'success',
  'build/collect': 'success',
  build: 'success',
};

function stepOf(run: Awaited<ReturnType<typeof runWorkflow>>, job: string, step: string) {
  const found = run.jobs[job]?.steps.find((s) => s.name === step);
  if (!found) throw new Error(`no step "${step}" in job ${job}`);
  return found;
}
const stepOutcome = (run: Awaited<ReturnType<typeof runWorkflow>>, job: string, step: string) =>
  stepOf(run, job, step).outcome;
const stepLog = (run: Awaited<ReturnType<typeof runWorkflow>>, job: string, step: string) =>
  stepOf(run, job, step).log;

function sizeComments() {
  return (github.comments.get(PR) ?? []).filter((c) =>
    c.body.includes('deploy-action:image-sizes'),
  );
}

describe('the pipeline template, run as GitHub runs it', () => {
  it('a push to the default branch builds and pushes, tests the pushed images, deploys them', async () => {
    const run = await runWorkflow(
      world,
      pipeline(),
      event('push', {}, repo.main, 'refs/heads/main'),
    );
    expect(run.triggered).toBe(true);
    expectResults(run, { ...BUILT, 'test/test': 'success', test: 'success' });
    expectResults(run, { 'deploy/deploy': 'success', deploy: 'success' });
    // Its own concurrency group (the run id): no later run cancels it.
    expect(run.concurrency).toEqual({
      group: `SigmaSight pipeline-${run.runId}`,
      cancelInProgress: false,
    });
    // Pushed images are pulled by the test job, not loaded from an artifact.
    expect(stepOutcome(run, 'test/test', 'Load the built images')).toBe('skipped');
    expect(Object.keys(JSON.parse(run.jobs.test!.outputs.stack!))).toEqual(['api', 'web']);
    for (const service of ['api', 'web']) {
      expect(await registryTags(service)).toContain(repo.main);
      const serving = railway.world.serving(service)!.meta.image;
      expect(serving).toMatch(new RegExp(`^${PREFIX}/${service}@sha256:[0-9a-f]{64}$`));
    }
    const images = JSON.parse(run.jobs.build!.outputs.images!);
    expect(railway.world.serving('api')!.meta.image).toBe(images.api.digest);
  }, 240_000);

  it('a push to another branch deploys nothing', async () => {
    const sha = commitChange(repo.dir, 'wip', 'api', 'wip');
    const before = railway.world.serving('api')!.id;
    const run = await runWorkflow(world, pipeline(), event('push', {}, sha, 'refs/heads/wip'));
    const ran = Object.values(run.jobs).filter((j) => j.result !== 'skipped');
    expect(ran).toEqual([]);
    expect(railway.world.serving('api')!.id).toBe(before);
  }, 60_000);

  it('a pull request from a branch: build, size comment, test; nothing pushed or deployed', async () => {
    const sha = commitChange(repo.dir, 'feature', 'web', 'v2');
    github.pulls.set(PR, { head: { sha, ref: 'feature' }, base: { ref: 'main' } });
    const before = railway.requests.length;
    const payload = pullRequestPayload(REPO, PR, { sha, ref: 'feature' }, false);
    const run = await runWorkflow(
      world,
      pipeline(),
      event('pull_request', payload, sha, `refs/pull/${PR}/merge`),
    );
    expectResults(run, { ...BUILT, 'test/test': 'success', test: 'success', deploy: 'skipped' });
    // A newer push to this pull request cancels this run.
    expect(run.concurrency).toEqual({
      group: `SigmaSight pipeline-pr-${PR}`,
      cancelInProgress: true,
    });
    // Nothing pushed: the test job's fresh runner loads the build's artifact.
    expect(stepOutcome(run, 'build/build (1)', 'Upload the images')).toBe('success');
    expect(stepOutcome(run, 'test/test', 'Load the built images')).toBe('success');
    expect(Object.keys(JSON.parse(run.jobs.test!.outputs.stack!))).toEqual(['api', 'web']);
    expect(sizeComments()).toHaveLength(1);
    expect(sizeComments()[0]!.body.split('\n')[0]).toBe(sizeMarker('docker-compose.yml'));
    expect(sizeComments()[0]!.body).toContain('web');
    expect(await registryTags('web')).not.toContain(sha);
    expect(railway.requests.length).toBe(before);
    // The run again (a re-run, or a push that changes no image): the comment is left alone.
    const patches = github.requests.filter((r) => r.method === 'PATCH').length;
    const again = await runWorkflow(world, pipeline(), {
      ...event('pull_request', payload, sha, `refs/pull/${PR}/merge`),
    });
    expectResults(again, { build: 'success', test: 'success' });
    expect(sizeComments()).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH').length).toBe(patches);
  }, 240_000);

  it('counter-test: handed tags that were never pushed, the test job on a fresh runner is red', async () => {
    // The template as it was: the test job pulls the images of a build that pushed nothing.
    const text = readFileSync(pipeline(), 'utf8').replace(/^ +load-images: .*\n/m, '');
    const broken = path.join(root, 'broken-pipeline.yml');
    writeFileSync(broken, text);
    const sha = commitChange(repo.dir, 'feature-2', 'web', 'v3');
    const payload = pullRequestPayload(REPO, PR, { sha, ref: 'feature-2' }, false);
    const pr = event('pull_request', payload, sha, `refs/pull/${PR}/merge`);
    const run = await runWorkflow(world, broken, pr);
    expect(results(run)).toMatchObject({ build: 'success', 'test/test': 'failure' });
    expect(stepLog(run, 'test/test', 'Test the stack')).toMatch(
      /web: the images input names .*web:[0-9a-f]{40}, which is not on this machine and could not be pulled/,
    );
  }, 240_000);

  it('a pull request from a fork is green with a read-only token; workflow_run posts its comment', async () => {
    const sha = commitChange(repo.dir, 'fork-change', 'api', 'fork');
    github.comments.set(PR, []);
    github.pulls.set(PR, { head: { sha, ref: 'fork-change' }, base: { ref: 'main' } });
    const payload = pullRequestPayload(REPO, PR, { sha, ref: 'fork-change' }, true);
    const prEvent = event('pull_request', payload, sha, `refs/pull/${PR}/merge`, true);
    const run = await runWorkflow(world, pipeline(), prEvent);
    expectResults(run, { ...BUILT, 'test/test': 'success', test: 'success', deploy: 'skipped' });
    expect(sizeComments()).toHaveLength(0);
    expect(stepLog(run, 'build/collect', 'Merge the legs, comment, keep the baseline')).toContain(
      '::warning::Cannot comment on',
    );
    expect(await registryTags('api')).not.toContain(sha);

    const completed = {
      action: 'completed',
      workflow_run: {
        id: Number(prEvent.runId),
        name: 'SigmaSight pipeline',
        event: 'pull_request',
        head_sha: sha,
        conclusion: 'success',
      },
    };
    const comment = await runWorkflow(
      world,
      workflow('image-size-comment-fork.yml'),
      event('workflow_run', completed, repo.main, 'refs/heads/main'),
    );
    expectResults(comment, { comment: 'success' });
    expect(sizeComments()).toHaveLength(1);
    expect(sizeComments()[0]!.body).toContain('api');
    expect(sizeComments()[0]!.user.login).toBe('github-actions[bot]');
    // Run again (a re-run): the same body, so the comment is left alone.
    const patches = () => github.requests.filter((r) => r.method === 'PATCH').length;
    const before = patches();
    const again = await runWorkflow(
      world,
      workflow('image-size-comment-fork.yml'),
      event('workflow_run', completed, repo.main, 'refs/heads/main'),
    );
    expectResults(again, { comment: 'success' });
    expect(sizeComments()).toHaveLength(1);
    expect(patches()).toBe(before);
  }, 240_000);

  it('workflow_dispatch on the rollback template puts Railway back on the previous deployments', async () => {
    const serving = railway.world.serving('api')!;
    const inputs = { environment: 'production', reason: 'bad release' };
    const dispatch = {
      ...event('workflow_dispatch', { inputs }, repo.main, 'refs/heads/main'),
      inputs,
    };
    const run = await runWorkflow(world, workflow('sigmasight-rollback.yml'), dispatch);
    expectResults(run, { rollback: 'success' });
    const after = railway.world.serving('api')!;
    expect(after.id).not.toBe(serving.id);
    expect(after.meta.image).not.toBe(serving.meta.image);
    expect(JSON.parse(run.jobs.rollback!.outputs.deployments!).api).toMatchObject({
      status: 'SUCCESS',
    });
  }, 120_000);
});

describe('the preview template, run as GitHub runs it', () => {
  const PREVIEW_PR = 9;
  const preview = () => workflow('sigmasight-preview.yml');
  const previewComments = () =>
    (github.comments.get(PREVIEW_PR) ?? []).filter((c) => c.body.includes('deploy-action:preview'));

  it('opened: builds and pushes, deploys pr-9 from staging, comments; closed: deletes it', async () => {
    const sha = commitChange(repo.dir, 'preview-branch', 'api', 'preview');
    github.comments.set(PREVIEW_PR, []);
    github.pulls.set(PREVIEW_PR, { head: { sha, ref: 'preview-branch' }, base: { ref: 'main' } });
    const staging = railway.world.deployments.filter((d) => d.environmentId === 'env-staging');
    const opened = {
      ...pullRequestPayload(REPO, PREVIEW_PR, { sha, ref: 'preview-branch' }, false),
      action: 'opened',
    };
    const run = await runWorkflow(
      world,
      preview(),
      event('pull_request', opened, sha, 'refs/pull/9/merge'),
    );
    expectResults(run, { ...BUILT, preview: 'success', down: 'skipped' });
    expect(run.concurrency).toEqual({
      group: `SigmaSight preview-pr-${PREVIEW_PR}`,
      cancelInProgress: false,
    });
    const env = railway.world.environments.find((e) => e.name === `pr-${PREVIEW_PR}`)!;
    expect(env).toMatchObject({ isEphemeral: true });
    const images = JSON.parse(run.jobs.build!.outputs.images!);
    expect(railway.world.servingIn('api', env.id)!.meta.image).toBe(images.api.digest);
    expect(previewComments()).toHaveLength(1);
    expect(previewComments()[0]!.body).toContain(`Preview \`pr-${PREVIEW_PR}\`: deployed`);
    // Production and staging are untouched by the preview.
    expect(railway.world.deployments.filter((d) => d.environmentId === 'env-staging')).toEqual(
      staging,
    );

    const closed = { ...opened, action: 'closed' };
    const down = await runWorkflow(
      world,
      preview(),
      event('pull_request', closed, sha, 'refs/pull/9/merge'),
    );
    expectResults(down, { down: 'success', preview: 'skipped' });
    expect(railway.world.deletedEnvironments).toContain(env.id);
    expect(previewComments()).toHaveLength(1);
    expect(previewComments()[0]!.body).toContain('the preview environment was deleted');
  }, 300_000);

  it('a pull request from a fork gets no preview (no secrets, images cannot be pushed)', async () => {
    const sha = commitChange(repo.dir, 'fork-preview', 'web', 'fork');
    const payload = {
      ...pullRequestPayload(REPO, PREVIEW_PR + 1, { sha, ref: 'fork-preview' }, true),
      action: 'opened',
    };
    const before = railway.requests.length;
    const run = await runWorkflow(
      world,
      preview(),
      event('pull_request', payload, sha, 'refs/pull/10/merge', true),
    );
    const ran = Object.values(run.jobs).filter((j) => j.result !== 'skipped');
    expect(ran).toEqual([]);
    expect(railway.requests.length).toBe(before);
  }, 60_000);
});

describe('a big stack fans out', () => {
  const services: ServiceSpec[] = Array.from({ length: 24 }, (_, i) => ({
    name: `s${String(i + 1).padStart(2, '0')}`,
    dependsOn: i % 6 === 5 ? [`s${String(i).padStart(2, '0')}`] : [],
  }));
  let big: { dir: string; main: string };

  beforeAll(() => {
    big = makeRepository(path.join(root, 'big'), undefined, services);
    // A warm layer cache, as a registry cache would give a runner: same ids in both runs. The
    // same build as the action's (it adds the revision label), so the cache matches.
    const label = `org.opencontainers.image.revision=${big.main}`;
    for (const s of services) {
      const tag = `${ID}-keep/${s.name}`;
      execFileSync('docker', [
        'build',
        '-q',
        '--label',
        label,
        '-t',
        tag,
        path.join(big.dir, s.name),
      ]);
    }
  }, 180_000);

  afterAll(() => {
    const keep = services.map((s) => `${ID}-keep/${s.name}`);
    execFileSync('docker', ['rmi', ...keep], { stdio: 'ignore' });
  });

  function caller(max: number): string {
    const file = path.join(big.dir, '.github/workflows', `build-${max}.yml`);
    const text = [
      `name: Build ${max}`,
      'on: pull_request',
      'jobs:',
      '  build:',
      '    uses: sigmasight/deploy-action/.github/workflows/build.yml@v1',
      '    with:',
      `      max-services-per-job: ${max}`,
      '      images-artifact: false',
    ].join('\n');
    writeFileSync(file, `${text}\n`);
    return file;
  }

  it('24 services on 4 legs give the outputs of one job, and one comment', async () => {
    const bigWorld = new RunWorld({
      root: path.join(root, 'big-runs'),
      repository: big.dir,
      actionRoot: ROOT,
      bundle: world.bundle,
      node: NODE24,
      githubApiUrl: github.url,
      imagePrefixes: [`ghcr.io/${REPO}`],
    });
    github.comments.set(PR + 1, []);
    github.pulls.set(PR + 1, { head: { sha: big.main, ref: 'big' }, base: { ref: 'main' } });
    const payload = pullRequestPayload(REPO, PR + 1, { sha: big.main, ref: 'big' }, false);
    const prEvent = () => event('pull_request', payload, big.main, `refs/pull/${PR + 1}/merge`);
    mkdirSync(path.join(big.dir, '.github/workflows'), { recursive: true });
    const one = await runWorkflow(bigWorld, caller(24), prEvent());
    const fanned = await runWorkflow(bigWorld, caller(6), prEvent());
    expectResults(one, { build: 'success' });
    expectResults(fanned, { build: 'success' });
    const legs = Object.keys(fanned.jobs).filter((name) => /^build\/build \(\d\)$/.test(name));
    expect(legs).toHaveLength(4);
    const matrix = JSON.parse(fanned.jobs['build/plan']!.outputs.matrix!);
    expect(matrix.include.map((l: { count: number }) => l.count)).toEqual([6, 6, 6, 6]);
    expect(legs.every((leg) => fanned.jobs[leg]!.result === 'success')).toBe(true);
    expect(Object.keys(one.jobs).filter((n) => /^build\/build \(\d\)$/.test(n))).toHaveLength(1);
    const { images, 'over-budget': over } = fanned.jobs.build!.outputs;
    expect(JSON.parse(images!)).toEqual(JSON.parse(one.jobs.build!.outputs.images!));
    expect(Object.keys(JSON.parse(images!))).toEqual(
      Object.keys(JSON.parse(one.jobs.build!.outputs.images!)),
    );
    expect(over).toBe(one.jobs.build!.outputs['over-budget']);
    // The merged size report the collect job uploaded, as the one job's.
    const reports = [one, fanned].map((r) => {
      const file = path.join(bigWorld.artifacts, r.runId, 'image-size-report/size-report.json');
      return JSON.parse(readFileSync(file, 'utf8')).images;
    });
    expect(reports[1]).toEqual(reports[0]);
    const comments = (github.comments.get(PR + 1) ?? []).filter((c) =>
      c.body.includes('image-sizes'),
    );
    expect(comments).toHaveLength(1);
    for (const s of services) expect(comments[0]!.body).toContain(s.name);
  }, 300_000);
});
