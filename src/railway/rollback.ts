/**
 * Going back: after a failed rollout (fail.ts), for `command: rollback`, and from the post
 * phase. Services go back in reverse dependency order, each wave in ONE request and verified
 * SUCCESS before the next, within deploy-timeout per wave. Railway's `deploymentRollback` when
 * the target still `canRollback`; otherwise the target's image (by digest, from its meta) is
 * set and deployed: `deploymentRedeploy` of a REMOVED deployment is refused by Railway (CLI
 * `src/commands/redeploy.rs`). A wave's rollback runs no pre-deploy command (an old image's
 * migration against a newer schema would fail it); afterwards each instance's image and gates
 * are put back and read back. A rollback that fails is said loudly, never reported as success.
 */
import { errorMessage } from '../errors.js';
import { instanceInput, type Deployment } from './api.js';
import { RailwayAnswerLostError, RailwayApiError } from './client.js';
import { fetchLogs, type EngineDeps } from './engine.js';
import { backupHint } from './backup.js';
import { restoreInstances } from './fail.js';
import type { Run } from './machine.js';
import type { WaveStep } from './operations.js';
import { IN_PROGRESS, LIVE, newerThan, type RunState, type ServiceRun } from './state.js';
import { POLL, pollUntil } from './wait.js';

/** Looking for the deployment a rollback created: 1 s, growing to 10 s between looks. */
const LOOK = { initialMs: 1000, maxMs: 10_000 };

/** Rolls back every 'rollback-pending' (or interrupted) service, last wave first. */
export async function rollBack(run: Run, deps: EngineDeps): Promise<void> {
  if (run.state.phase !== 'rolling-back') run.apply({ type: 'phase', phase: 'rolling-back' });
  const waves = [...new Set(run.state.services.map((s) => s.wave))].sort((a, b) => b - a);
  for (const wave of waves) {
    const inWave = (s: ServiceRun) => s.wave === wave;
    const members = run.where(
      (s) => inWave(s) && (s.step === 'rollback-pending' || s.step === 'rolling-back'),
    );
    if (members.length === 0) continue;
    const deadline = deps.clock.now() + deps.timeoutMs;
    await startRollbacks(run, wave, deadline, deps);
    await waitRollbacks(run, wave, deadline, deps);
    const done = run.where((s) => inWave(s) && s.step === 'rolled-back' && !!s.instanceTouched);
    await restoreInstances(run, done, deps);
  }
  const failed = run.state.services.some((s) => s.step === 'rollback-failed');
  run.apply({ type: 'phase', phase: failed ? 'rollback-failed' : 'rolled-back' });
}

/**
 * Requests a rollback of what this run changed would need, kept back from polling when the
 * hourly budget runs low: per wave, the targets' status, the wave's mutations, finding the new
 * deployments, the polls of a 60 s deployment, and the settings read back and restored.
 */
export function rollbackReserve(state: RunState): number {
  const changing = new Set(
    state.services.filter((s) => !['unchanged', 'managed'].includes(s.step)).map((s) => s.wave),
  );
  return Math.max(1, changing.size) * (4 + pollsFor(60_000) + 1);
}

/** Polls the backoff needs to see a deployment of `ms` finish. */
export function pollsFor(ms: number): number {
  let at = 0;
  let n = 0;
  for (let delay = POLL.initialMs; at < ms; delay = Math.min(POLL.maxMs, delay * POLL.factor)) {
    at += delay;
    n++;
  }
  return n;
}

async function startRollbacks(run: Run, wave: number, deadline: number, deps: EngineDeps) {
  const ofWave = () =>
    run.where(
      (s) => s.wave === wave && (s.step === 'rollback-pending' || s.step === 'rolling-back'),
    );
  // Interrupted after the wave may have gone out: adopt what it created, send nothing twice.
  const resumed = ofWave().filter((s) => s.step === 'rolling-back' && !s.rollbackId);
  if (resumed.length) await findCreated(run, resumed, deps.clock.now(), deps);
  // None found: the death came before the request left (the list is read at the same point
  // Railway would have created it), so it is sent now.
  const candidates = ofWave().filter((s) => !s.rollbackId);
  const fresh = await leaveOthersAlone(run, candidates, deps);
  const targets = await deps.api
    .statuses(fresh.filter((s) => s.previous).map((s) => s.previous!.id))
    .catch(() => new Map<string, Deployment>());
  const steps: WaveStep[] = [];
  const sent: { service: ServiceRun; deployAt?: number; first: number; count: number }[] = [];
  for (const service of fresh) {
    const plan = rollbackSteps(service, targets.get(service.previous?.id ?? ''));
    if (typeof plan === 'string') {
      giveUp(run, service, plan, deps);
      continue;
    }
    const first = steps.length;
    const deployAt = plan.via === 'image' ? first + plan.steps.length - 1 : undefined;
    steps.push(...plan.steps);
    sent.push({ service, deployAt, first, count: plan.steps.length });
    run.apply({ type: 'rollback-sent', service: service.service, via: plan.via });
  }
  if (steps.length === 0) return;
  let why: string | undefined;
  try {
    const answers = await deps.api.wave(run.state.environmentId, steps);
    for (const { service, deployAt } of sent) {
      if (deployAt !== undefined) record(run, service.service, String(answers[deployAt]), deps);
    }
  } catch (error) {
    if (!(error instanceof RailwayApiError) && !(error instanceof RailwayAnswerLostError))
      throw error;
    why = `the rollback could not start: ${errorMessage(error)}`;
    // Refused at one field: the mutations before it ran, that one and those after did not.
    const at = /^m(\d+)$/.exec(error instanceof RailwayApiError ? (error.path ?? '') : '')?.[1];
    if (at !== undefined) {
      const refused = sent.filter((x) => x.first + x.count > Number(at)).map((x) => x.service);
      for (const service of refused) giveUp(run, service, why, deps);
    }
  }
  const waiting = run.where(
    (s) =>
      s.step === 'rolling-back' &&
      !s.rollbackId &&
      sent.some((x) => x.service.service === s.service),
  );
  const looked = waiting.length ? await findCreated(run, waiting, deadline, deps) : undefined;
  for (const service of run.where((s) => waiting.some((w) => w.service === s.service))) {
    if (service.rollbackId || service.step !== 'rolling-back') continue;
    const reason =
      why ??
      (looked
        ? `the rollback could not start: Railway accepted the rollback; looking for its new ` +
          `deployment: ${looked}`
        : `Railway accepted the rollback, but no new deployment of "${service.railwayName}" ` +
          'appeared before deploy-timeout ran out');
    giveUp(run, service, reason, deps);
  }
}

/**
 * Another deploy on the same service while this run went back (an autodeploy, a person,
 * another workflow): a deployment newer than this run's own is not this run's to undo. The
 * service is left to it, named with who started it when Railway says, and the run fails
 * truthfully instead of rolling back over someone else's release.
 */
async function leaveOthersAlone(run: Run, services: ServiceRun[], deps: EngineDeps) {
  if (services.length === 0) return services;
  const { projectId, environmentId } = run.state;
  const history = await deps.api
    .history(
      projectId,
      environmentId,
      services.map((s) => s.serviceId),
    )
    .catch(() => undefined);
  if (!history) return services;
  return services.filter((service) => {
    const ours = new Set([service.deploymentId, service.rollbackId].filter(Boolean));
    const anchor = service.deploymentId ?? service.newestKnownId;
    const outside = newerThan(history.get(service.serviceId) ?? [], anchor).find(
      (d) => !ours.has(d.id),
    );
    if (!outside) return true;
    const by = outside.creator ? ` by ${outside.creator}` : '';
    giveUp(
      run,
      service,
      `deployment ${outside.id} (${outside.status}), started outside this run${by}, came ` +
        'after it; it is left alone, not rolled back',
      deps,
    );
    return false;
  });
}

/** The mutations that take one service back, or why none can. */
function rollbackSteps(
  service: ServiceRun,
  target: Deployment | undefined,
): { via: 'rollback' | 'image'; steps: WaveStep[] } | string {
  const previous = service.previous;
  if (!previous) return 'it had no earlier deployment to go back to';
  const image = target?.image ?? previous.image;
  const input = instanceInput({
    image,
    // The old release's own gates (null is a value: no healthcheck), else what is set now.
    healthcheckPath: service.before
      ? service.before.healthcheckPath
      : service.gates.healthcheckPath,
    healthcheckTimeout: service.before
      ? service.before.healthcheckTimeout
      : service.gates.healthcheckTimeout,
    preDeployCommand: null,
  });
  const update: WaveStep = { op: 'update', serviceId: service.serviceId, input };
  if (target?.canRollback) {
    return { via: 'rollback', steps: [update, { op: 'rollback', deploymentId: previous.id }] };
  }
  if (!image) {
    return (
      `Railway can no longer roll back to deployment ${previous.id} and its meta names no ` +
      'image to deploy instead'
    );
  }
  return { via: 'image', steps: [update, { op: 'deploy', serviceId: service.serviceId }] };
}

function record(run: Run, service: string, id: string, deps: EngineDeps): void {
  run.apply({ type: 'rollback-started', service, rollbackId: id });
  const s = run.service(service);
  deps.log.info(
    `${service}: rolling back to ${s.previous!.id} as deployment ${id}` +
      (s.via === 'image' ? ` (its image ${s.previous?.image ?? ''}, deployed again)` : ''),
  );
}

/**
 * deploymentRollback returns a Boolean: the new deployment is the newest after the anchor,
 * and Railway may list it late. Looks until `until` (at least once), for all at once.
 */
async function findCreated(run: Run, services: ServiceRun[], until: number, deps: EngineDeps) {
  const { api, clock } = deps;
  const names = new Set(services.map((s) => s.service));
  const left = () =>
    run.where((s) => names.has(s.service) && !s.rollbackId && s.step === 'rolling-back');
  let failed: string | undefined;
  for (let wait = LOOK.initialMs; left().length > 0; wait = Math.min(LOOK.maxMs, wait * 2)) {
    const { projectId, environmentId } = run.state;
    try {
      const history = await api.history(
        projectId,
        environmentId,
        left().map((s) => s.serviceId),
      );
      failed = undefined;
      for (const service of left()) {
        const anchor = service.deploymentId ?? service.newestKnownId;
        const found = newerThan(history.get(service.serviceId) ?? [], anchor)[0];
        if (found) record(run, service.service, found.id, deps);
      }
    } catch (error) {
      failed = errorMessage(error);
      deps.log.debug(`railway: listing deployments: ${failed}`);
    }
    const remaining = until - clock.now();
    if (left().length === 0 || remaining <= 0) return failed;
    await clock.sleep(Math.min(wait, remaining));
  }
  return failed;
}

async function waitRollbacks(run: Run, wave: number, deadline: number, deps: EngineDeps) {
  const pending = () =>
    run.where((s) => s.wave === wave && s.step === 'rolling-back' && s.rollbackId !== undefined);
  let unanswered: string | undefined;
  const result = await pollUntil({
    api: deps.api,
    clock: deps.clock,
    deadline,
    debug: deps.log.debug,
    feed: deps.feed,
    quietMs: deps.quietMs,
    watch: () => pending().map((s) => s.rollbackId!),
    // Railway going away now must not end the rollback: keep asking until the deadline.
    onError: (error) => (unanswered = errorMessage(error)),
    settle: (statuses) => {
      unanswered = undefined;
      for (const service of pending())
        settle(run, service, statuses.get(service.rollbackId!), deps);
      return pending().length === 0 ? 'stop' : 'continue';
    },
  });
  if (result === 'timeout') {
    for (const service of pending()) {
      const why =
        `its rollback deployment ${service.rollbackId} was still ` +
        `${service.rollbackStatus ?? 'starting'} when deploy-timeout ran out` +
        (unanswered ? ` (Railway did not answer: ${unanswered})` : '');
      giveUp(run, service, why, deps);
    }
  }
  for (const service of run.where((s) => s.wave === wave && s.step === 'rollback-failed')) {
    if (service.rollbackStatus && service.rollbackId)
      await fetchLogs(service.service, service.rollbackId, deps);
  }
}

function settle(run: Run, service: ServiceRun, seen: Deployment | undefined, deps: EngineDeps) {
  if (!seen || seen.status === service.rollbackStatus) return;
  run.apply({ type: 'rollback-observed', service: service.service, status: seen.status });
  if (LIVE.includes(seen.status)) {
    deps.log.info(
      `${service.service}: back on the image of ${service.previous!.id} ` +
        `(deployment ${service.rollbackId} ${seen.status})`,
    );
  } else if (!IN_PROGRESS.includes(seen.status)) {
    giveUp(run, service, `its rollback deployment ${service.rollbackId} is ${seen.status}`, deps);
  }
}

function giveUp(run: Run, service: ServiceRun, why: string, deps: EngineDeps): void {
  run.apply({ type: 'gave-up', service: service.service, why });
  deps.log.error(
    rollbackFailedMessage(run.state, run.service(service.service)) + backupHint(run.state),
  );
}

/** The loud sentence: which service, which deployment, what a human must do. */
export function rollbackFailedMessage(state: RunState, service: ServiceRun): string {
  const where = `(project "${state.projectName}", environment "${state.environmentName}")`;
  if (service.error?.includes('started outside this run')) {
    return (
      `NOT ROLLED BACK: ${service.service} (Railway service "${service.railwayName}"): ` +
      `${service.error}. Check in Railway ${where} that it is the release you want.`
    );
  }
  const target = service.previous
    ? `roll "${service.railwayName}" back to deployment ${service.previous.id} by hand`
    : `check "${service.railwayName}" by hand`;
  return (
    `ROLLBACK FAILED: ${service.service} (Railway service "${service.railwayName}") is NOT ` +
    `back on its previous deployment: ${service.error}. A human must ${target} in Railway ` +
    `${where}.`
  );
}
