/**
 * Going back: after a failed rollout (fail.ts), for `command: rollback`, and from the post
 * phase. Services go back in reverse dependency order, each wave verified SUCCESS before the
 * next, within deploy-timeout per wave. A rollback that fails is recorded on the service as
 * 'rollback-failed', said loudly, and never reported as success.
 */
import { errorMessage } from '../errors.js';
import type { Deployment } from './api.js';
import { RailwayAnswerLostError } from './client.js';
import { emit, fetchLogs, type EngineDeps } from './engine.js';
import { IN_PROGRESS, LIVE, newerThan, type RunState, type ServiceRun } from './state.js';
import { pollUntil } from './wait.js';

/** Looking for the deployment a rollback created: 1 s, growing to 10 s between looks. */
const LOOK = { initialMs: 1000, maxMs: 10_000 };

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
    const deadline = deps.clock.now() + deps.timeoutMs;
    const targets = await deps.api
      .statuses(members.filter((s) => s.previous && !s.rollbackId).map((s) => s.previous!.id))
      .catch(() => new Map<string, Deployment>());
    for (const service of members) {
      const target = service.previous && targets.get(service.previous.id);
      await startRollback(state, service, target?.canRollback, deadline, deps);
    }
    await waitRollbacks(state, members, deadline, deps);
  }
  const failed = state.services.some((s) => s.step === 'rollback-failed');
  state.phase = failed ? 'rollback-failed' : 'rolled-back';
  emit(state, deps);
}

async function startRollback(
  state: RunState,
  service: ServiceRun,
  canRollback: boolean | undefined,
  deadline: number,
  deps: EngineDeps,
): Promise<void> {
  if (service.rollbackId) return;
  if (!service.previous)
    return giveUp(state, service, 'it had no earlier deployment to go back to', deps);
  const anchor = service.deploymentId ?? service.newestKnownId;
  try {
    if (service.step === 'rolling-back') {
      // Interrupted after the mutation may have gone out: adopt what it created, if anything.
      const created = await newDeployment(state, service, anchor, deps.clock.now(), deps);
      if (created) return record(state, service, created, deps);
    }
    service.step = 'rolling-back';
    emit(state, deps);
    record(state, service, await sendRollback(state, service, canRollback, deadline, deps), deps);
  } catch (error) {
    giveUp(state, service, `the rollback could not start: ${errorMessage(error)}`, deps);
  }
}

/** Sends the mutation and returns the new deployment's id (throws when none can be found). */
async function sendRollback(
  state: RunState,
  service: ServiceRun,
  canRollback: boolean | undefined,
  deadline: number,
  deps: EngineDeps,
): Promise<string> {
  const { api, log } = deps;
  const target = service.previous!.id;
  let lost: RailwayAnswerLostError | undefined;
  try {
    if (canRollback !== false) await api.rollback(target);
    else {
      log.warn(
        `${service.service}: deployment ${target} can no longer be rolled back to (Railway ` +
          'no longer holds its image); redeploying its image tag instead',
      );
      return await api.redeploy(target);
    }
  } catch (error) {
    // Railway may have applied it: look for its deployment rather than send a second one.
    if (!(error instanceof RailwayAnswerLostError)) throw error;
    lost = error;
  }
  const head = lost ? lost.message : 'Railway accepted the rollback';
  const anchor = service.deploymentId ?? service.newestKnownId;
  const created = await newDeployment(state, service, anchor, deadline, deps).catch(
    (error: unknown) => {
      throw new Error(`${head}; looking for its new deployment: ${errorMessage(error)}`);
    },
  );
  if (created) return created;
  throw new Error(
    `${head}, but no new deployment of "${service.railwayName}" appeared before ` +
      'deploy-timeout ran out',
  );
}

function record(state: RunState, service: ServiceRun, id: string, deps: EngineDeps): void {
  service.rollbackId = id;
  emit(state, deps);
  deps.log.info(`${service.service}: rolling back to ${service.previous!.id} as deployment ${id}`);
}

/**
 * deploymentRollback returns a Boolean: the new deployment is the newest after `anchor`, and
 * Railway may list it late. Looks until `until` (at least once); a list Railway does not
 * answer is tried again while time is left, then its error is thrown.
 */
async function newDeployment(
  state: RunState,
  service: ServiceRun,
  anchor: string | undefined,
  until: number,
  deps: EngineDeps,
): Promise<string | undefined> {
  const { api, clock } = deps;
  for (let wait = LOOK.initialMs; ; wait = Math.min(LOOK.maxMs, wait * 2)) {
    try {
      const history = await api.history(state.projectId, state.environmentId, [service.serviceId]);
      const found = newerThan(history.get(service.serviceId) ?? [], anchor)[0];
      if (found) return found.id;
    } catch (error) {
      if (clock.now() >= until) throw error;
      deps.log.debug(`railway: ${service.service}: listing deployments: ${errorMessage(error)}`);
    }
    const left = until - clock.now();
    if (left <= 0) return undefined;
    await clock.sleep(Math.min(wait, left));
  }
}

async function waitRollbacks(
  state: RunState,
  members: ServiceRun[],
  deadline: number,
  deps: EngineDeps,
) {
  const pending = () => members.filter((s) => s.step === 'rolling-back' && s.rollbackId);
  let unanswered: string | undefined;
  const result = await pollUntil({
    api: deps.api,
    clock: deps.clock,
    deadline,
    debug: deps.log.debug,
    watch: () => pending().map((s) => s.rollbackId!),
    // Railway going away now must not end the rollback: keep asking until the deadline.
    onError: (error) => (unanswered = errorMessage(error)),
    settle: (statuses) => {
      unanswered = undefined;
      for (const service of pending()) settleRollback(state, service, statuses, deps);
      emit(state, deps);
      return pending().length === 0 ? 'stop' : 'continue';
    },
  });
  if (result === 'timeout') {
    for (const service of pending()) {
      const why =
        `its rollback deployment ${service.rollbackId} was still ` +
        `${service.rollbackStatus ?? 'starting'} when deploy-timeout ran out` +
        (unanswered ? ` (Railway did not answer: ${unanswered})` : '');
      giveUp(state, service, why, deps);
    }
  }
  for (const service of members) {
    if (service.step === 'rollback-failed' && service.rollbackStatus && service.rollbackId)
      await fetchLogs(service.service, service.rollbackId, deps);
  }
}

function settleRollback(
  state: RunState,
  service: ServiceRun,
  statuses: Map<string, Deployment>,
  deps: EngineDeps,
) {
  const status = statuses.get(service.rollbackId!)?.status;
  if (!status || status === service.rollbackStatus) return;
  service.rollbackStatus = status;
  if (LIVE.includes(status)) {
    service.step = 'rolled-back';
    deps.log.info(
      `${service.service}: back on the image of ${service.previous!.id} ` +
        `(deployment ${service.rollbackId} SUCCESS)`,
    );
  } else if (!IN_PROGRESS.includes(status)) {
    giveUp(state, service, `its rollback deployment ${service.rollbackId} is ${status}`, deps);
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
