/**
 * A failed rollout: stop what is in flight, keep what never went live, roll back what did
 * (rollback.ts). Also the post phase's entry for a run whose main phase died (resume). Every
 * step is saved before the next await, so a death at any await leaves a state that resume
 * finishes: services that may have served are never left on their new deployment.
 */
import { errorMessage } from '../errors.js';
import type { Deployment } from './api.js';
import { emit, fetchLogs, type EngineDeps } from './engine.js';
import { rollBack } from './rollback.js';
import {
  IN_PROGRESS,
  isFinished,
  mayHaveServed,
  newerThan,
  type RunState,
  type ServiceRun,
} from './state.js';

/** Steps of a deploy whose service has not been sorted into "roll back" or "keep" yet. */
const UNSETTLED: readonly ServiceRun['step'][] = ['deploying', 'succeeded', 'failed'];

export async function failRun(state: RunState, failure: string, deps: EngineDeps): Promise<void> {
  state.failure = failure;
  state.phase = 'rolling-back';
  // What went live goes back whatever comes next: recorded before the first await.
  for (const service of state.services) {
    if (service.step === 'succeeded') service.step = 'rollback-pending';
  }
  emit(state, deps);
  deps.log.error(failure);
  await adoptLostDeployments(state, deps);
  const failed = state.services.find((s) => s.step === 'failed' && s.deploymentId);
  if (failed) await fetchLogs(failed.service, failed.deploymentId!, deps);
  await cancelInFlight(state, deps);
  for (const service of state.services) {
    if (!UNSETTLED.includes(service.step)) continue;
    // A deployment whose status could not be read may have gone live: roll it back to be safe.
    const unknown = service.deploymentId !== undefined && service.status === undefined;
    service.step = unknown || mayHaveServed(service.status) ? 'rollback-pending' : 'kept-previous';
  }
  emit(state, deps);
  for (const service of state.services) {
    if (service.step === 'kept-previous') await restoreSource(state, service, deps);
  }
  await rollBack(state, deps);
}

/**
 * The post phase: finishes a run the main phase left unfinished. A deploy goes through
 * failRun again wherever it stopped (each of its steps is safe to repeat), so no service that
 * was live or still unsorted is missed.
 */
export async function resume(state: RunState, deps: EngineDeps): Promise<void> {
  if (isFinished(state)) return;
  if (state.kind === 'rollback') return rollBack(state, deps);
  await failRun(state, state.failure ?? 'the main phase stopped before the deploy finished', deps);
}

/** A deploy mutation that got no answer may still have created a deployment: find it. */
export async function adoptLostDeployments(state: RunState, deps: EngineDeps): Promise<void> {
  const lost = state.services.filter(
    (s) => !s.deploymentId && (s.step === 'deploying' || s.step === 'failed'),
  );
  if (lost.length === 0) return;
  const ids = lost.map((s) => s.serviceId);
  const history = await deps.api
    .history(state.projectId, state.environmentId, ids)
    .catch(() => new Map<string, Deployment[]>());
  for (const service of lost) {
    const found = newerThan(history.get(service.serviceId) ?? [], service.newestKnownId)[0];
    if (found) Object.assign(service, { deploymentId: found.id, status: found.status });
  }
  emit(state, deps);
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
    emit(state, deps);
  } catch (error) {
    deps.log.warn(
      `${service.service}: could not set its source image back to ${image}: ` + errorMessage(error),
    );
  }
}
