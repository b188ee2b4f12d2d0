/**
 * Going back: after a failed rollout (failRun), for `command: rollback`, and from the post
 * phase for a run whose main phase died (resume). Services go back in reverse dependency
 * order, each wave verified SUCCESS before the next. A rollback that fails is recorded on the
 * service as 'rollback-failed' and never reported as success.
 */
import { errorMessage } from '../errors.js';
import type { Deployment, RailwayApi } from './api.js';
import { emit, type EngineDeps } from './deploy.js';
import {
  IN_PROGRESS,
  LIVE,
  isFinished,
  mayHaveServed,
  newerThan,
  type RunState,
  type ServiceRun,
} from './state.js';
import { pollUntil } from './wait.js';

const LOG_LINES = 30;

/** Stops what is in flight, keeps what never went live, rolls back what did. */
export async function failRun(state: RunState, failure: string, deps: EngineDeps): Promise<void> {
  state.failure = failure;
  state.phase = 'rolling-back';
  emit(state, deps);
  deps.log.error(failure);
  await adoptLostDeployments(state, deps);
  await fetchLogs(state, deps);
  await cancelInFlight(state, deps);
  for (const service of state.services) {
    if (!['deploying', 'succeeded', 'failed'].includes(service.step)) continue;
    // A deployment whose status could not be read may have gone live: roll it back to be safe.
    const unknown = service.deploymentId !== undefined && service.status === undefined;
    service.step = unknown || mayHaveServed(service.status) ? 'rollback-pending' : 'kept-previous';
    if (service.step === 'kept-previous') await restoreSource(state, service, deps);
  }
  emit(state, deps);
  await rollBack(state, deps);
}

/** The post phase: finishes a run the main phase left unfinished. */
export async function resume(state: RunState, deps: EngineDeps): Promise<void> {
  if (isFinished(state)) return;
  if (state.phase === 'deploying') {
    await failRun(state, 'the main phase stopped before the deploy finished', deps);
  } else {
    await rollBack(state, deps);
  }
}

/** Rolls back every 'rollback-pending' (or interrupted) service, last wave first. */
export async function rollBack(state: RunState, deps: EngineDeps): Promise<void> {
  state.phase = 'rolling-back';
  emit(state, deps);
  const waves = [...new Set(state.services.map((s) => s.wave))].sort((a, b) => b - a);
  for (const wave of waves) {
    const members = state.services
      .filter(
        (s) => s.wave === wave && (s.step === 'rollback-pending' || s.step === 'rolling-back'),
      )
      .reverse();
    if (members.length === 0) continue;
    const targets = await deps.api
      .statuses(members.filter((s) => s.previous && !s.rollbackId).map((s) => s.previous!.id))
      .catch(() => new Map<string, Deployment>());
    for (const service of members) {
      const target = service.previous && targets.get(service.previous.id);
      await startRollback(state, service, target?.canRollback, deps);
    }
    await waitRollbacks(state, members, deps);
  }
  const failed = state.services.some((s) => s.step === 'rollback-failed');
  state.phase = failed ? 'rollback-failed' : 'rolled-back';
  emit(state, deps);
}

async function startRollback(
  state: RunState,
  service: ServiceRun,
  canRollback: boolean | undefined,
  deps: EngineDeps,
): Promise<void> {
  const { api, log } = deps;
  if (service.rollbackId) return;
  if (!service.previous)
    return giveUp(state, service, 'it had no earlier deployment to go back to', deps);
  const anchor = service.deploymentId ?? service.newestKnownId;
  if (service.step === 'rolling-back') {
    // Interrupted after the mutation may have gone out: adopt what it created, if anything.
    const created = await newDeployment(api, state, service, anchor);
    if (created) return void record(state, service, created, deps);
  }
  service.step = 'rolling-back';
  emit(state, deps);
  try {
    if (canRollback === false) {
      log.warn(
        `${service.service}: deployment ${service.previous.id} can no longer be rolled ` +
          'back to (Railway no longer holds its image); redeploying its image tag instead',
      );
      return void record(state, service, await api.redeploy(service.previous.id), deps);
    }
    await api.rollback(service.previous.id);
    const created = await newDeployment(api, state, service, anchor, 3, deps);
    if (!created) throw new Error('Railway accepted the rollback but no new deployment appeared');
    record(state, service, created, deps);
  } catch (error) {
    giveUp(state, service, `the rollback could not start: ${errorMessage(error)}`, deps);
  }
}

function record(state: RunState, service: ServiceRun, id: string, deps: EngineDeps): void {
  service.rollbackId = id;
  emit(state, deps);
  deps.log.info(`${service.service}: rolling back to ${service.previous!.id} as deployment ${id}`);
}

/** deploymentRollback returns a Boolean: the new deployment is the newest after `anchor`. */
async function newDeployment(
  api: RailwayApi,
  state: RunState,
  service: ServiceRun,
  anchor: string | undefined,
  tries = 1,
  deps?: EngineDeps,
): Promise<string | undefined> {
  for (let i = 0; i < tries; i++) {
    if (i > 0) await deps!.clock.sleep(1000);
    const history = await api.history(state.projectId, state.environmentId, [service.serviceId]);
    const found = newerThan(history.get(service.serviceId) ?? [], anchor)[0];
    if (found) return found.id;
  }
  return undefined;
}

async function waitRollbacks(state: RunState, members: ServiceRun[], deps: EngineDeps) {
  const pending = () => members.filter((s) => s.step === 'rolling-back' && s.rollbackId);
  const result = await pollUntil({
    api: deps.api,
    clock: deps.clock,
    deadline: deps.clock.now() + deps.timeoutMs,
    debug: deps.log.debug,
    watch: () => pending().map((s) => s.rollbackId!),
    settle: (statuses) => {
      for (const service of pending()) {
        const status = statuses.get(service.rollbackId!)?.status;
        if (!status || status === service.rollbackStatus) continue;
        service.rollbackStatus = status;
        if (LIVE.includes(status)) {
          service.step = 'rolled-back';
          deps.log.info(
            `${service.service}: back on the image of ${service.previous!.id} ` +
              `(deployment ${service.rollbackId} SUCCESS)`,
          );
        } else if (!IN_PROGRESS.includes(status)) {
          giveUp(
            state,
            service,
            `its rollback deployment ${service.rollbackId} is ${status}`,
            deps,
          );
        }
      }
      emit(state, deps);
      return pending().length === 0 ? 'stop' : 'continue';
    },
  });
  if (result !== 'timeout') return;
  for (const service of pending()) {
    giveUp(
      state,
      service,
      `its rollback deployment ${service.rollbackId} was still ` +
        `${service.rollbackStatus ?? 'starting'} when deploy-timeout ran out`,
      deps,
    );
  }
}

function giveUp(state: RunState, service: ServiceRun, why: string, deps: EngineDeps): void {
  service.step = 'rollback-failed';
  service.error = why;
  emit(state, deps);
  deps.log.error(rollbackFailedMessage(state, service));
}

/** The loud sentence: which service, which deployment, what a human must do. */
export function rollbackFailedMessage(state: RunState, service: ServiceRun): string {
  const target = service.previous
    ? `roll "${service.railwayName}" back to deployment ${service.previous.id} by hand`
    : `check "${service.railwayName}" by hand`;
  return (
    `ROLLBACK FAILED: ${service.service} (Railway service "${service.railwayName}") is NOT ` +
    `back on its previous deployment: ${service.error}. A human must ${target} in Railway ` +
    `(project "${state.projectName}", environment "${state.environmentName}").`
  );
}

/** A deploy mutation that got no answer may still have created a deployment: find it. */
async function adoptLostDeployments(state: RunState, deps: EngineDeps): Promise<void> {
  const lost = state.services.filter(
    (s) => !s.deploymentId && (s.step === 'deploying' || s.step === 'failed'),
  );
  if (lost.length === 0) return;
  const history = await deps.api
    .history(
      state.projectId,
      state.environmentId,
      lost.map((s) => s.serviceId),
    )
    .catch(() => new Map<string, Deployment[]>());
  for (const service of lost) {
    const found = newerThan(history.get(service.serviceId) ?? [], service.newestKnownId)[0];
    if (found) Object.assign(service, { deploymentId: found.id, status: found.status });
  }
  emit(state, deps);
}

async function fetchLogs(state: RunState, deps: EngineDeps): Promise<void> {
  const failed = state.services.find((s) => s.step === 'failed' && s.deploymentId);
  if (!failed) return;
  try {
    const logs = await deps.api.logs(failed.deploymentId!, LOG_LINES);
    const lines = [...logs.build, ...logs.deploy]
      .map((l) => `${l.timestamp} ${l.message}`)
      .slice(-LOG_LINES);
    deps.log.info(
      `${failed.service}: last log lines of deployment ${failed.deploymentId}:\n` +
        (lines.join('\n') || '(no log lines)'),
    );
    deps.onLogs?.(failed.service, failed.deploymentId!, lines);
  } catch (error) {
    deps.log.warn(`${failed.service}: could not fetch its logs: ${errorMessage(error)}`);
  }
}

async function cancelInFlight(state: RunState, deps: EngineDeps): Promise<void> {
  const running = state.services.filter(
    (s) =>
      s.deploymentId &&
      (s.step === 'deploying' || s.step === 'failed') &&
      (s.status === undefined || IN_PROGRESS.includes(s.status) || s.status === 'NEEDS_APPROVAL'),
  );
  for (const service of running) {
    try {
      await deps.api.cancel(service.deploymentId!);
      deps.log.info(`${service.service}: cancelled deployment ${service.deploymentId}`);
    } catch (error) {
      deps.log.warn(
        `${service.service}: could not cancel ${service.deploymentId}: ${errorMessage(error)}`,
      );
    }
  }
  if (running.length === 0) return;
  // It may have gone live in the meantime: what it is now decides whether it needs a rollback.
  const now = await deps.api
    .statuses(running.map((s) => s.deploymentId!))
    .catch(() => new Map<string, Deployment>());
  for (const service of running) service.status = now.get(service.deploymentId!)?.status;
  emit(state, deps);
}

/** The deploy never went live, but serviceInstanceUpdate pointed the service at its image. */
async function restoreSource(state: RunState, service: ServiceRun, deps: EngineDeps) {
  if (!service.sourceChanged) return;
  const image = service.previous?.image;
  if (!image) {
    deps.log.warn(
      `${service.service}: its source image stays ${service.source.image}; its ` +
        'serving deployment is unchanged',
    );
    return;
  }
  try {
    await deps.api.setImage(service.serviceId, state.environmentId, image);
    service.sourceChanged = false;
  } catch (error) {
    deps.log.warn(
      `${service.service}: could not set its source image back to ${image}: ` + errorMessage(error),
    );
  }
}
