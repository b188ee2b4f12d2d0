/**
 * A failed rollout: stop what is in flight, keep what never went live (and put its instance's
 * image and gates back, read back from Railway), roll back what did (rollback.ts). Also the
 * post phase's entry for a run whose main phase died (resume). Every step is saved before the
 * next await, so a death at any await leaves a state that resume finishes.
 */
import { errorMessage } from '../errors.js';
import { instanceInput, type Deployment } from './api.js';
import { recordBackups, restore } from './backup.js';
import { fetchLogs, type EngineDeps } from './engine.js';
import { Run } from './machine.js';
import { rollBack } from './rollback.js';
import {
  IN_PROGRESS,
  LIVE,
  isFinished,
  mayHaveServed,
  newerThan,
  sameGates,
  type RunState,
  type ServiceRun,
} from './state.js';

/** Steps of a deploy whose service has not been sorted into "roll back" or "keep" yet. */
const UNSETTLED: readonly ServiceRun['step'][] = ['deploying', 'succeeded', 'failed'];

export async function failRun(run: Run, failure: string, deps: EngineDeps): Promise<void> {
  run.apply({ type: 'run-failed', failure });
  deps.log.error(failure);
  await adoptLost(run, deps);
  const failed = run.where((s) => s.step === 'failed' && s.deploymentId !== undefined)[0];
  if (failed) await fetchLogs(failed.service, failed.deploymentId!, deps);
  await cancelInFlight(run, deps);
  const preview = run.state.resources.preview !== undefined;
  for (const service of run.where((s) => UNSETTLED.includes(s.step))) {
    // A deployment whose status could not be read may have gone live: roll it back to be safe.
    const unknown = service.deploymentId !== undefined && service.status === undefined;
    // In a fresh preview there is nothing to go back to: the failed deployment stays to look at.
    const nowhere = preview && !service.previous;
    const served = !nowhere && (unknown || (mayHaveServed(service.status) && !service.cancelled));
    run.apply({
      type: 'sorted',
      service: service.service,
      to: served ? 'rollback-pending' : 'kept-previous',
    });
  }
  await restoreInstances(
    run,
    run.where((s) => s.step === 'kept-previous' && s.instanceTouched === true),
    deps,
  );
  await rollBack(run, deps);
  await readServing(run, deps);
}

/**
 * Nothing claimed that was not read: once the run is over, what each service it went back on
 * serves is read from Railway (one request), and the closing sentence is made from that.
 */
async function readServing(run: Run, deps: EngineDeps): Promise<void> {
  const back = run.where((s) => s.step === 'kept-previous' || s.step === 'rolled-back');
  if (back.length === 0) return;
  const { projectId, environmentId } = run.state;
  const history = await deps.api
    .history(
      projectId,
      environmentId,
      back.map((s) => s.serviceId),
    )
    .catch(() => undefined);
  if (!history) return;
  for (const service of back) {
    const list = history.get(service.serviceId) ?? [];
    const serving = list.find((d) => LIVE.includes(d.status));
    const ours = [service.deploymentId, service.rollbackId];
    const coming = newerThan(list, serving?.id).find(
      (d) => IN_PROGRESS.includes(d.status) && !ours.includes(d.id),
    );
    const event = { service: service.service, deploymentId: serving?.id, coming: coming?.id };
    run.apply({ type: 'serving-read', ...event });
  }
}

/**
 * The post phase: finishes a run the main phase left unfinished. A deploy goes through
 * failRun again wherever it stopped (each of its steps is safe to repeat), so no service that
 * was live or still unsorted is missed.
 */
export async function resume(state: RunState, deps: EngineDeps): Promise<RunState> {
  const run = new Run(state, deps);
  if (isFinished(state)) return state;
  await recordBackups(run, deps);
  if (state.kind === 'rollback') await restoreThenRollBack(run, deps);
  else
    await failRun(run, state.failure ?? 'the main phase stopped before the deploy finished', deps);
  return run.state;
}

/** `command: rollback`: a requested restore first; the services only once it is done. */
export async function restoreThenRollBack(run: Run, deps: EngineDeps): Promise<void> {
  const failed = await restore(run, deps);
  if (!failed) return rollBack(run, deps);
  deps.log.error(failed);
  run.apply({ type: 'run-failed', failure: failed });
  run.apply({ type: 'phase', phase: 'rollback-failed' });
}

/** A wave request that got no answer may still have created deployments: find them. */
export async function adoptLost(run: Run, deps: EngineDeps): Promise<void> {
  const lost = run.where((s) => !s.deploymentId && s.step === 'deploying');
  if (lost.length === 0) return;
  const { projectId, environmentId } = run.state;
  const history = await deps.api
    .history(
      projectId,
      environmentId,
      lost.map((s) => s.serviceId),
    )
    .catch(() => new Map<string, Deployment[]>());
  for (const service of lost) {
    const found = newerThan(history.get(service.serviceId) ?? [], service.newestKnownId)[0];
    if (!found) continue;
    run.apply({ type: 'deploy-started', service: service.service, deploymentId: found.id });
    run.apply({ type: 'observed', service: service.service, deployment: found });
    deps.log.info(
      `${service.service}: Railway's answer to the deploy was lost; it had started ` +
        `deployment ${found.id}`,
    );
  }
}

async function cancelInFlight(run: Run, deps: EngineDeps): Promise<void> {
  const running = run.where(
    (s) =>
      s.deploymentId !== undefined &&
      (s.step === 'deploying' || s.step === 'failed') &&
      (s.status === undefined || IN_PROGRESS.includes(s.status) || s.status === 'NEEDS_APPROVAL'),
  );
  // Last seen on its way and a cancel sent (answered or not, maybe by a main phase that died):
  // REMOVED now means the cancel stopped it before it went live.
  const cancelled = new Set<string>(running.map((s) => s.service));
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
  for (const service of running) {
    const seen = now.get(service.deploymentId!);
    // Cancelled while on its way, now stopped without having gone live: it never served.
    const stopped = seen && !LIVE.includes(seen.status) && seen.status !== 'CRASHED';
    if (seen && cancelled.has(service.service) && stopped) {
      run.apply({ type: 'cancelled', service: service.service, status: seen.status });
    } else if (seen) {
      run.apply({ type: 'observed', service: service.service, deployment: seen });
    } else {
      // Unread: assume it may have gone live (sorted for a rollback).
      run.apply({ type: 'service-failed', service: service.service, error: 'status unknown' });
    }
  }
}

/**
 * Puts each instance's image and gates back to what they were before the run, reading them
 * from Railway first and again after: nothing is claimed that was not read back. The same
 * settings twice change nothing, so this is safe to repeat after a death.
 */
export async function restoreInstances(run: Run, services: ServiceRun[], deps: EngineDeps) {
  const todo = services.filter((s) => s.before);
  if (todo.length === 0) return;
  const { projectId, environmentId } = run.state;
  const read = () =>
    deps.api.snapshot(
      projectId,
      environmentId,
      todo.map((s) => s.serviceId),
    );
  try {
    const now = await read();
    const differ = todo.filter((s) => !matches(now.get(s.serviceId)?.instance, s));
    for (const service of todo.filter((s) => !differ.includes(s))) {
      run.apply({ type: 'instance-checked', service: service.service });
    }
    // Settings this run did not set (another deploy's, a person's) are theirs: left alone.
    const others = differ.filter((s) => !setByThisRun(now.get(s.serviceId)?.instance, s));
    for (const service of others) {
      const image = now.get(service.serviceId)?.instance.image ?? 'another source';
      deps.log.warn(
        `${service.service}: its Railway settings were changed outside this run (image ` +
          `${image}); left as they are`,
      );
      run.apply({ type: 'instance-checked', service: service.service });
    }
    const ours = differ.filter((s) => !others.includes(s));
    if (ours.length === 0) return;
    differ.splice(0, differ.length, ...ours);
    for (const service of differ) {
      run.apply({ type: 'restore-sent', service: service.service });
      await deps.api.updateInstance(
        service.serviceId,
        environmentId,
        instanceInput(service.before!),
      );
    }
    const after = await read();
    for (const service of differ) {
      if (matches(after.get(service.serviceId)?.instance, service)) {
        run.apply({ type: 'instance-checked', service: service.service });
        deps.log.info(
          `${service.service}: its Railway settings are back to what they were ` +
            `(image ${service.before!.image ?? 'as it was'})`,
        );
      } else {
        deps.log.warn(`${service.service}: Railway still shows other settings than before the run`);
      }
    }
  } catch (error) {
    deps.log.warn(
      `could not put the Railway settings of ${todo.map((s) => s.service).join(', ')} back: ` +
        `${errorMessage(error)}; check each service's source image in Railway`,
    );
  }
}

/**
 * What this run itself would have left on the instance: its image and gates after a deploy,
 * or the rollback's (the previous image, the old healthcheck, no pre-deploy command).
 */
function setByThisRun(instance: ServiceRun['before'] | undefined, service: ServiceRun) {
  if (!instance) return true;
  const before = service.before!;
  const wrote =
    service.via !== undefined
      ? {
          image: service.previous?.image ?? null,
          healthcheckPath: before.healthcheckPath,
          healthcheckTimeout: before.healthcheckTimeout,
          preDeployCommand: null,
        }
      : { image: service.source.image ?? null, ...service.gates };
  const imageOurs = !wrote.image || instance.image === wrote.image;
  return imageOurs && sameGates(instance, wrote);
}

function matches(instance: ServiceRun['before'] | undefined, service: ServiceRun): boolean {
  const before = service.before!;
  if (!instance) return false;
  const imageSame = !before.image || instance.image === before.image;
  return imageSame && sameGates(instance, before);
}
