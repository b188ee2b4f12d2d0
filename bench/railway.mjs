// bench/railway: Railway API requests for a healthy 3-service deploy whose deployments take 60 s
// each (the emulator on virtual time), next to a naive 5-second per-service poll; and the time
// from a FAILED status becoming visible to the first rollback mutation. Compiles src/ and the
// emulator with tsc into .tmp/bench-railway first (Node 20 cannot run TypeScript itself).
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { record } from './lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, '.tmp/bench-railway');
execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'bench/railway.tsconfig.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
copyFileSync(
  path.join(ROOT, '__fixtures__/railway/schema.graphql'),
  path.join(OUT, '__fixtures__/railway/schema.graphql'),
);

const load = (file) => import(path.join(OUT, file));
const harness = await load('__fixtures__/railway/harness.js');
const { runDeploy } = await load('src/commands/deploy.js');
const { RailwayClient } = await load('src/railway/client.js');
const ops = await load('src/railway/operations.js');

const quiet = () => harness.recordingReporter().reporter;
const DURATION = 60_000;

/**
 * Our deploy: the requests Railway saw before the run was green, and apart from them the
 * stable-for polls (30 s) that follow the last wave. Without images, backend and frontend are
 * services Railway builds from their repository (commit deploys).
 */
async function ours(stack, withImages, tokenType = 'project') {
  const clock = new harness.VirtualClock();
  const emu = await harness.emulator(clock, {
    defaultDurationMs: DURATION,
    repoServices: withImages ? [] : ['backend', 'frontend'],
  });
  const inputs = harness.railwayInputs(
    emu.url,
    {
      images: withImages ? harness.images() : undefined,
      railway: { token: harness.PROJECT_TOKEN, tokenType, apiUrl: emu.url },
    },
    stack,
  );
  const deps = { reporter: quiet(), clock, resolveDigest: harness.nothingPushed };
  const state = await runDeploy(inputs, deps);
  await emu.stop();
  if (state?.phase !== 'succeeded') throw new Error(`bench deploy ended ${state?.phase}`);
  const stable = emu.requests.filter((q) => q.operation === 'Stable').length;
  return { requests: emu.requests.length - stable, stable };
}

/** The naive way: one service after the other, each polled alone every 5 s. */
async function naive(withImages) {
  const clock = new harness.VirtualClock();
  const emu = await harness.emulator(clock, { defaultDurationMs: DURATION });
  const client = new RailwayClient({
    url: emu.url,
    token: harness.PROJECT_TOKEN,
    tokenType: 'project',
    sleep: clock.sleep,
    now: clock.now,
  });
  const env = 'env-production';
  await client.request(ops.PROJECT, { id: 'prj-sigmasight' });
  for (const service of ['postgres', 'backend', 'frontend']) {
    const serviceId = `svc-${service}`;
    const where = { projectId: 'prj-sigmasight', environmentId: env };
    await client.request(ops.historyQuery(1), { ...where, s0: serviceId });
    // postgres is image-only (postgres:15): its image is set whether or not images are given.
    const image = harness.deployedImage(service);
    if (withImages || service === 'postgres') {
      const input = { source: { image } };
      await client.request(ops.UPDATE_INSTANCE, { serviceId, environmentId: env, input });
    }
    const deploy = ops.waveMutation([{ op: 'deploy', serviceId }]);
    const started = await client.request(deploy.op, { environmentId: env, ...deploy.variables });
    const id = started.m0;
    for (;;) {
      await clock.sleep(5000);
      if ((await client.request(ops.DEPLOYMENT, { id })).deployment.status === 'SUCCESS') break;
    }
  }
  await emu.stop();
  return emu.requests.length;
}

/** FAILED visible (the emulator's status change) -> first rollback mutation, in ms. */
async function reaction(failAfterMs) {
  const clock = new harness.VirtualClock();
  const emu = await harness.emulator(clock, {
    defaultDurationMs: DURATION,
    script: (c) =>
      c.service === 'backend' && c.kind === 'deploy'
        ? { outcome: 'fail', durationMs: failAfterMs }
        : undefined,
  });
  const inputs = harness.railwayInputs(emu.url, {}, harness.BUILT_STACK);
  const deps = { reporter: quiet(), clock, resolveDigest: harness.nothingPushed };
  await runDeploy(inputs, deps).catch(() => undefined);
  await emu.stop();
  const failed = emu.world.deployments.find((d) => d.status === 'FAILED');
  const first = emu.requests.find(
    (q) => q.kind === 'mutation' && q.fields.includes('deploymentRollback'),
  );
  return first.at - failed.statusUpdatedAt;
}

/**
 * Over the subscription socket, in real time (the socket's events come in real time): a
 * healthy one-wave 3-service deploy of 3 s deployments with a 2 s stable-for, and the time
 * from a FAILED status to the first rollback request. HTTP requests only (the socket's
 * upgrade is not a GraphQL request; whether its messages count against Railway's rate
 * limit is unverified).
 */
async function overSocket(failing) {
  const emu = await harness.startEmulator(
    {
      script: failing
        ? (c) => (c.service === 'backend' && c.kind === 'deploy' ? { outcome: 'fail' } : undefined)
        : undefined,
    },
    3000,
  );
  const inputs = harness.railwayInputs(emu.url, { stableForMs: 2000 }, harness.FLAT_STACK);
  const deps = { reporter: quiet(), resolveDigest: harness.nothingPushed };
  const state = await runDeploy(inputs, deps).catch(() => undefined);
  await emu.stop();
  if (!failing) {
    if (state?.phase !== 'succeeded') throw new Error('the socket deploy did not succeed');
    if (emu.subscriptions.length === 0) throw new Error('no subscription was opened');
    return emu.requests.length;
  }
  const failed = emu.world.deployments.find((d) => d.status === 'FAILED');
  const first = emu.requests.find(
    (q) => q.kind === 'mutation' && q.fields.includes('deploymentRollback'),
  );
  return first.at - failed.statusUpdatedAt;
}

const socketRequests = await overSocket(false);
const socketReaction = await overSocket(true);
const chainImages = await ours(harness.BUILT_STACK, true);
const flatImages = await ours(harness.FLAT_STACK, true);
const chainSha = await ours(harness.BUILT_STACK, false);
const flatSha = await ours(harness.FLAT_STACK, false);
const naiveImages = await naive(true);
const naiveSha = await naive(false);
const failTimes = [3_000, 7_000, 15_000, 23_000, 45_000, 59_000, 61_000, 90_000];
const latencies = [];
for (const at of failTimes) latencies.push(await reaction(at));
const worst = Math.max(...latencies);

record(
  'railway',
  [
    [
      'requests, healthy 3-service deploy, 60 s each, one wave, image@digest deploys',
      flatImages.requests,
      '<= 12',
      flatImages.requests <= 12,
    ],
    ['  then stable-for polls (30 s after the last SUCCESS)', flatImages.stable, '', false],
    [
      'requests, same, one wave, commit deploys (postgres by image)',
      flatSha.requests,
      '<= 12',
      flatSha.requests <= 12,
    ],
    [
      'requests, dependency chain (3 waves, 180 s), image@digest deploys',
      chainImages.requests,
      '',
      false,
    ],
    ['requests, dependency chain (3 waves, 180 s), commit deploys', chainSha.requests, '', false],
    ['baseline: naive 5 s per-service poll, image deploys', naiveImages, '', false],
    ['baseline: naive 5 s per-service poll, commit deploys', naiveSha, '', false],
    ['FAILED visible -> first rollback mutation, worst ms', worst, '<= 10000', worst <= 10_000],
    [
      'with the subscription: requests, healthy 3-service deploy, one wave (stable-for 2 s)',
      socketRequests,
      '<= 6',
      socketRequests <= 6,
    ],
    [
      'with the subscription: FAILED visible -> first rollback request, ms (real time)',
      socketReaction,
      '<= 1000',
      socketReaction <= 1000,
    ],
  ],
  [
    `FAILED at ${failTimes.map((t) => `${t / 1000} s`).join(', ')} after the deploy started -> ` +
      `first rollback mutation after ${latencies.map((l) => `${l / 1000} s`).join(', ')} ` +
      '(one poll interval is at most 10 s)',
    'requests include the project/environment/service lookup (1), every service\'s history and ' +
      'instance settings in one batched query (1), one request per wave for every update ' +
      '(image and gates) and deploy of the wave, and the polls (one aliased request for all ' +
      'deployments watched, 2 s growing to 10 s); railway-token-type: project (auto adds 1)',
    'virtual time: the emulator and the action share a clock, so 180 s of deploys run in well under a second',
  ],
);
