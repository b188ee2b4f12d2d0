/**
 * The rollout: services deploy in waves of dependency order (a wave starts once every earlier
 * one serves). Each wave is ONE request: per service, the instance update (exact image and
 * Railway's gates: healthcheck, pre-deploy migration) and then the deploy. The wave is polled
 * in one request together with the services already live (a late CRASH is caught), and after
 * the last wave every new deployment must stay up for `stable-for`. On any failure, Railway
 * going away included, the run rolls back (fail.ts).
 */
import { errorMessage } from '../errors.js';
import { formatDuration } from '../config/units.js';
import { instanceInput, type Deployment } from './api.js';
import { RailwayAnswerLostError, RailwayApiError } from './client.js';
import { backUp } from './backup.js';
import { checkAll } from './verify.js';
import type { EngineDeps } from './engine.js';
import { adoptLost, failRun } from './fail.js';
import { InterruptedError, Run } from './machine.js';
import type { DeploymentStatus, WaveStep } from './operations.js';
import type { Plan } from './plan.js';
import { rollbackReserve } from './rollback.js';
import { LIVE, type RunState, type ServiceRun } from './state.js';
import { pollUntil } from './wait.js';

export { type EngineDeps, type Log } from './engine.js';

export function deployState(plan: Plan, resources: RunState['resources'] = {}): RunState {
  const step = { deploy: 'pending', unchanged: 'unchanged', managed: 'managed' } as const;
  return {
    version: 2,
    kind: 'deploy',
    phase: 'deploying',
    projectId: plan.projectId,
    projectName: plan.projectName,
    environmentId: plan.environmentId,
    environmentName: plan.environmentName,
    resources,
    services: plan.services.map((s) => ({
      service: s.service,
      railwayName: s.railwayName,
      serviceId: s.serviceId,
      wave: s.wave,
      source: s.source,
      gates: s.gates,
      backup: s.settings.backup,
      check: s.check,
      startOnly: s.startOnly,
      before: {
        image: s.instance.image,
        healthcheckPath: s.instance.healthcheckPath,
        healthcheckTimeout: s.instance.healthcheckTimeout,
        preDeployCommand: s.instance.preDeployCommand,
      },
      step: step[s.action],
      servingBefore: s.serving?.id,
      previous: s.serving && { id: s.serving.id, image: s.serving.image },
      newestKnownId: s.history[0]?.id,
    })),
  };
}

export async function deploy(
  plan: Plan,
  deps: EngineDeps,
  resources: RunState['resources'] = {},
): Promise<RunState> {
  const run = new Run(deployState(plan, resources), deps);
  deps.api.setReserve(rollbackReserve(run.state));
  let failure: string | undefined;
  try {
    failure =
      (await backUp(run, deps)) ??
      (await rollOut(run, deps)) ??
      (await stabilize(run, deps)) ??
      (await verifyPublic(run, deps));
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    // Railway stopped answering (retries spent) or anything else broke: whatever this run
    // changed must still go back, here and now (the CLI has no post phase to do it later).
    failure = `the rollout stopped: ${errorMessage(error)}`;
  }
  if (failure) {
    await failRun(run, failure, deps);
    return run.state;
  }
  run.apply({ type: 'phase', phase: 'succeeded' });
  return run.state;
}

/** Wave after wave; returns the sentence of the first failure, if any. */
async function rollOut(run: Run, deps: EngineDeps): Promise<string | undefined> {
  const deadline = deps.clock.now() + deps.timeoutMs;
  const lastWave = Math.max(-1, ...run.state.services.map((s) => s.wave));
  for (let wave = 0; wave <= lastWave; wave++) {
    const members = run.where((s) => s.wave === wave && s.step === 'pending');
    for (const s of run.where((s) => s.wave === wave && s.step !== 'pending')) {
      deps.log.info(`${s.service}: ${s.step === 'managed' ? 'managed by Railway' : s.step}`);
    }
    if (members.length === 0) continue;
    const failure =
      (await startWave(run, members, deps)) ?? (await watchWave(run, wave, deadline, deps));
    if (failure) return failure;
  }
  return undefined;
}

/** A wave's updates and deploys in one request; the intent is saved before it is sent. */
async function startWave(run: Run, members: ServiceRun[], deps: EngineDeps) {
  const { environmentId } = run.state;
  const steps: WaveStep[] = [];
  const at: { first: number; deploy: number }[] = [];
  for (const s of members) {
    const first = steps.length;
    if (!s.startOnly) {
      const input = instanceInput({ image: s.source.image, ...s.gates });
      steps.push({ op: 'update', serviceId: s.serviceId, input });
    }
    const commitSha = s.source.image ? undefined : s.source.commitSha;
    steps.push({ op: 'deploy', serviceId: s.serviceId, commitSha });
    at.push({ first, deploy: steps.length - 1 });
  }
  run.apply({ type: 'deploy-sent', services: members.map((s) => s.service) });
  try {
    const answers = await deps.api.wave(environmentId, steps);
    members.forEach((s, i) => started(run, s.service, String(answers[at[i]!.deploy]), deps));
    return undefined;
  } catch (error) {
    if (!(error instanceof RailwayApiError) && !(error instanceof RailwayAnswerLostError))
      throw error;
    // Refused: the mutations before the refused one ran, the rest did not (serial execution).
    // Lost: any of them may have run. Either way the deployment list says what started.
    const refused =
      error instanceof RailwayApiError ? refusedMember(error, members, at) : undefined;
    if (refused) {
      run.apply({ type: 'service-failed', service: refused.service, error: errorMessage(error) });
    }
    await adoptLost(run, deps);
    const missing = run.where((s) => s.step === 'deploying' && !s.deploymentId);
    if (refused) return `${refused.service}: could not start a deployment: ${errorMessage(error)}`;
    if (missing.length === 0) {
      deps.log.info("Railway's answer to the wave was lost; every deployment of it had started");
      return undefined;
    }
    return `${missing[0]!.service}: could not start a deployment: ${errorMessage(error)}`;
  }
}

function refusedMember(error: RailwayApiError, members: ServiceRun[], at: { deploy: number }[]) {
  const index = /^m(\d+)$/.exec(error.path ?? '')?.[1];
  if (index === undefined) return members[0];
  return members[at.findIndex((a) => a.deploy >= Number(index))] ?? members[0];
}

function started(run: Run, service: string, deploymentId: string, deps: EngineDeps) {
  run.apply({ type: 'deploy-started', service, deploymentId });
  const s = run.service(service);
  deps.log.info(
    `${service}: deployment ${deploymentId} started ` +
      `(${s.source.image ?? `commit ${s.source.commitSha ?? 'latest'}`})`,
  );
}

async function watchWave(run: Run, wave: number, deadline: number, deps: EngineDeps) {
  let failure: string | undefined;
  const inFlight = () => run.where((s) => s.wave === wave && s.step === 'deploying');
  // Live services of earlier waves ride along for free: a late CRASH still fails the run.
  const watched = () =>
    run.where(
      (s) =>
        s.deploymentId !== undefined &&
        (s.step === 'succeeded' || (s.wave === wave && s.step === 'deploying')),
    );
  const result = await pollUntil({
    api: deps.api,
    clock: deps.clock,
    deadline,
    debug: deps.log.debug,
    feed: deps.feed,
    quietMs: deps.quietMs,
    watch: () => watched().map((s) => s.deploymentId!),
    settle: (statuses) => {
      for (const service of watched()) {
        failure ??= observe(run, service.service, statuses.get(service.deploymentId!), deps);
      }
      return failure || inFlight().length === 0 ? 'stop' : 'continue';
    },
  });
  if (failure || result !== 'timeout') return failure;
  const late = inFlight()[0]!;
  const error =
    `still ${late.status ?? 'not started'} when deploy-timeout ` +
    `(${formatDuration(deps.timeoutMs)}) ran out`;
  run.apply({ type: 'service-failed', service: late.service, error });
  return `${late.service}: deployment ${late.deploymentId} was ${error}`;
}

/** Records a fresh look; returns the failure sentence when this one fails the run. */
function observe(run: Run, name: string, seen: Deployment | undefined, deps: EngineDeps) {
  const before = run.service(name);
  if (!seen || (seen.status === before.status && seen.image === before.runningImage)) return;
  const wasLive = before.step === 'succeeded';
  run.apply({ type: 'observed', service: name, deployment: seen });
  const service = run.service(name);
  if (seen.status !== before.status) {
    deps.log.info(`${name}: deployment ${service.deploymentId} is ${seen.status}`);
  }
  if (service.step === 'succeeded') {
    const wrong = wrongImage(service, seen);
    if (!wrong || wasLive) return undefined;
    run.apply({ type: 'service-failed', service: name, error: wrong });
    return `${name}: deployment ${service.deploymentId}: ${wrong}`;
  }
  const why = FAILURE_REASON[seen.status]?.(service);
  if (!why) return undefined;
  run.apply({ type: 'service-failed', service: name, error: why });
  return `${name}: deployment ${service.deploymentId} ${seen.status}: ${why}`;
}

/** Railway's meta names the image a deployment runs: it must be the one this run asked for. */
function wrongImage(service: ServiceRun, seen: Deployment): string | undefined {
  const asked = service.source.image;
  if (!asked || seen.image === asked) return undefined;
  return `Railway runs ${seen.image ?? 'an unknown image'}, not ${asked}`;
}

const REPLACED = () => 'it will never serve (replaced or stopped outside this run)';

const FAILURE_REASON: Partial<Record<DeploymentStatus, (s: ServiceRun) => string>> = {
  FAILED: () =>
    'its pre-deploy command (migration) or healthcheck failed, or its image could not be ' +
    'pulled; the previous deployment kept serving (see the logs)',
  CRASHED: () => 'its container kept exiting after it started',
  SKIPPED: REPLACED,
  REMOVED: REPLACED,
  REMOVING: REPLACED,
  NEEDS_APPROVAL: (s) =>
    'Railway holds it for approval, which this action cannot give: ' +
    `approve deployments of service "${s.railwayName}" in the Railway dashboard, ` +
    'then run the deploy again',
};

/** The public URLs of what this run deployed, checked from the runner; recorded either way. */
async function verifyPublic(run: Run, deps: EngineDeps): Promise<string | undefined> {
  const checked = run.where((s) => s.step === 'succeeded' && s.check !== undefined);
  if (!deps.verify || checked.length === 0) return undefined;
  const checks = checked.map((s) => ({ service: s.service, ...s.check! }));
  deps.log.info(`Checking ${checks.map((c) => c.url).join(', ')} from the runner`);
  const results = await checkAll(checks, { clock: deps.clock, ...deps.verify });
  const verified = Object.fromEntries(
    results.map((r) => [
      r.service,
      { url: r.url, ok: r.ok, status: r.status ?? null, ms: r.ms ?? null, failure: r.failure },
    ]),
  );
  run.apply({ type: 'resources', resources: { ...run.state.resources, verified } });
  const failed = results.find((r) => !r.ok);
  for (const r of results.filter((x) => x.ok))
    deps.log.info(`${r.service}: ${r.url} answered ${r.status} in ${r.ms} ms`);
  if (!failed) return undefined;
  const window = formatDuration(deps.verify.timeoutMs);
  run.apply({
    type: 'service-failed',
    service: failed.service,
    error: `${failed.url} ${failed.failure}`,
  });
  return `${failed.service}: the post-deploy check of ${failed.url} did not pass within verify-timeout (${window}): ${failed.failure}`;
}

const RESTARTING = ['RESTARTING', 'CRASHED', 'EXITED'];

/**
 * Stable before green: Railway restarts a crashing container up to 10 times before it shows
 * CRASHED (docs `deployments/restart-policy.md`), so every new deployment is watched for
 * `stable-for` after the last wave; a restart or a crash in that window fails the run.
 */
async function stabilize(run: Run, deps: EngineDeps): Promise<string | undefined> {
  const fresh = () => run.where((s) => s.step === 'succeeded' && s.deploymentId !== undefined);
  if (deps.stableForMs <= 0 || fresh().length === 0) return undefined;
  run.apply({ type: 'phase', phase: 'stabilizing' });
  deps.log.info(
    `Watching ${fresh()
      .map((s) => s.service)
      .join(', ')} for ` +
      `${formatDuration(deps.stableForMs)} (stable-for) before calling the deploy good`,
  );
  const { clock } = deps;
  const until = clock.now() + deps.stableForMs;
  const every = Math.min(10_000, Math.max(2000, Math.ceil(deps.stableForMs / 3)));
  let unanswered: unknown;
  let heard = false;
  while (clock.now() < until) {
    const feed = deps.feed && !deps.feed.closed ? deps.feed : undefined;
    if (feed) {
      // Over the socket: a crash or a restart is heard the moment Railway says it.
      const ids = fresh().map((s) => s.deploymentId!);
      feed.watch(ids);
      feed.takeNew();
      heard = true;
      if (!(await feed.wait(until - clock.now()))) {
        if (feed.closed) continue;
        break;
      }
      const seen = feed.take(ids);
      for (const service of fresh()) {
        const got = seen.get(service.deploymentId!);
        const failure = got && unstable(run, service, got, deps);
        if (failure) return failure;
      }
      continue;
    }
    await clock.sleep(Math.min(Math.max(every, deps.api.pollFloorMs()), until - clock.now()));
    const ids = fresh().map((s) => s.deploymentId!);
    const statuses = await deps.api.statuses(ids, 'Stable').catch((error: unknown) => {
      unanswered = error;
      return undefined;
    });
    if (!statuses) continue;
    unanswered = undefined;
    for (const service of fresh()) {
      const seen = statuses.get(service.deploymentId!);
      if (!seen) continue;
      const failure = unstable(run, service, seen, deps);
      if (failure) return failure;
    }
  }
  if (heard) {
    // One look at the end confirms what the socket said (instances included).
    const statuses = await deps.api.statuses(
      fresh().map((s) => s.deploymentId!),
      'Stable',
    );
    for (const service of fresh()) {
      const seen = statuses.get(service.deploymentId!);
      const failure = seen && unstable(run, service, seen, deps);
      if (failure) return failure;
    }
  }
  if (unanswered) return `could not confirm stable-for: ${errorMessage(unanswered)}`;
  return undefined;
}

function unstable(run: Run, service: ServiceRun, seen: Deployment, deps: EngineDeps) {
  const restarting = seen.instances.filter((i) => RESTARTING.includes(i));
  if (LIVE.includes(seen.status) && restarting.length === 0) return undefined;
  const window = formatDuration(deps.stableForMs);
  const error = LIVE.includes(seen.status)
    ? `its instances are ${restarting.join(', ')} within stable-for (${window}) after SUCCESS`
    : `it became ${seen.status} within stable-for (${window}) after SUCCESS`;
  run.apply({ type: 'service-failed', service: service.service, error, status: seen.status });
  return `${service.service}: deployment ${service.deploymentId}: ${error}`;
}
