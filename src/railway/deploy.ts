/**
 * The rollout: services deploy in waves of dependency order (a wave starts once every earlier
 * one is SUCCESS), each wave polled in one request together with the services already live,
 * so a service that CRASHES after going live is caught too. On any failure, Railway going away
 * included, the run rolls back (fail.ts). Pure logic over RailwayApi; every transition goes
 * through onTransition.
 */
import { errorMessage } from '../errors.js';
import { formatDuration } from '../config/units.js';
import type { Deployment } from './api.js';
import { RailwayAnswerLostError } from './client.js';
import { emit, type EngineDeps } from './engine.js';
import { adoptLostDeployments, failRun } from './fail.js';
import type { DeploymentStatus } from './operations.js';
import type { Plan } from './plan.js';
import { LIVE, NEVER_SERVES, type RunState, type ServiceRun } from './state.js';
import { pollUntil } from './wait.js';

export { emit, type EngineDeps, type Log } from './engine.js';

export function deployState(plan: Plan): RunState {
  return {
    version: 1,
    kind: 'deploy',
    phase: 'deploying',
    projectId: plan.projectId,
    projectName: plan.projectName,
    environmentId: plan.environmentId,
    environmentName: plan.environmentName,
    services: plan.services.map((s) => ({
      service: s.service,
      railwayName: s.railwayName,
      serviceId: s.serviceId,
      wave: s.wave,
      source: s.source,
      step: 'pending',
      servingBefore: s.serving?.id,
      previous: s.serving && { id: s.serving.id, image: s.serving.image },
      newestKnownId: s.history[0]?.id,
    })),
  };
}

export async function deploy(plan: Plan, deps: EngineDeps): Promise<RunState> {
  const state = deployState(plan);
  emit(state, deps);
  let failure: string | undefined;
  try {
    failure = await rollOut(state, deps);
  } catch (error) {
    // Railway stopped answering (retries spent) or anything else broke: whatever this run
    // changed must still go back, here and now (the CLI has no post phase to do it later).
    failure = `the rollout stopped: ${errorMessage(error)}`;
  }
  if (failure) {
    await failRun(state, failure, deps);
    return state;
  }
  state.phase = 'succeeded';
  emit(state, deps);
  return state;
}

/** Wave after wave; returns the sentence of the first failure, if any. */
async function rollOut(state: RunState, deps: EngineDeps): Promise<string | undefined> {
  const deadline = deps.clock.now() + deps.timeoutMs;
  const lastWave = Math.max(-1, ...state.services.map((s) => s.wave));
  for (let wave = 0; wave <= lastWave; wave++) {
    for (const service of state.services.filter((s) => s.wave === wave)) {
      const failure = await start(state, service, deps);
      if (failure) return failure;
    }
    const failure = await watchWave(state, wave, deadline, deps);
    if (failure) return failure;
  }
  return undefined;
}

async function start(state: RunState, service: ServiceRun, deps: EngineDeps) {
  const { api, log } = deps;
  service.step = 'deploying';
  emit(state, deps);
  try {
    const { image, commitSha } = service.source;
    if (image) {
      await api.setImage(service.serviceId, state.environmentId, image);
      service.sourceChanged = true;
      emit(state, deps);
    }
    service.deploymentId = await api.deploy(
      service.serviceId,
      state.environmentId,
      image ? undefined : commitSha,
    );
    emit(state, deps);
    log.info(
      `${service.service}: deployment ${service.deploymentId} started ` +
        `(${image ?? `commit ${commitSha ?? 'latest'}`})`,
    );
    return undefined;
  } catch (error) {
    if (error instanceof RailwayAnswerLostError && (await adopted(state, service, deps))) return;
    service.step = 'failed';
    service.error = errorMessage(error);
    emit(state, deps);
    return `${service.service}: could not start a deployment: ${service.error}`;
  }
}

/** The deploy mutation's answer was lost: the deployment it started, if any, is taken on. */
async function adopted(state: RunState, service: ServiceRun, deps: EngineDeps) {
  if (!service.deploymentId) await adoptLostDeployments(state, deps);
  if (!service.deploymentId) return false;
  deps.log.info(
    `${service.service}: Railway's answer to the deploy was lost; it had started ` +
      `deployment ${service.deploymentId}`,
  );
  return true;
}

async function watchWave(state: RunState, wave: number, deadline: number, deps: EngineDeps) {
  let failure: string | undefined;
  const inFlight = () => state.services.filter((s) => s.wave === wave && s.step === 'deploying');
  // Live services of earlier waves ride along for free: a late CRASH still fails the run.
  const watched = () =>
    state.services.filter(
      (s) =>
        s.deploymentId && (s.step === 'succeeded' || (s.wave === wave && s.step === 'deploying')),
    );
  const result = await pollUntil({
    api: deps.api,
    clock: deps.clock,
    deadline,
    debug: deps.log.debug,
    watch: () => watched().map((s) => s.deploymentId!),
    settle: (statuses) => {
      for (const service of watched()) {
        failure ??= observe(service, statuses.get(service.deploymentId!), deps);
      }
      emit(state, deps);
      return failure || inFlight().length === 0 ? 'stop' : 'continue';
    },
  });
  if (failure || result !== 'timeout') return failure;
  const late = inFlight()[0]!;
  late.step = 'failed';
  late.error =
    `still ${late.status ?? 'not started'} when deploy-timeout ` +
    `(${formatDuration(deps.timeoutMs)}) ran out`;
  emit(state, deps);
  return `${late.service}: deployment ${late.deploymentId} was ${late.error}`;
}

/** Records a fresh status; returns the failure sentence when this one fails the run. */
function observe(service: ServiceRun, seen: Deployment | undefined, deps: EngineDeps) {
  if (!seen || seen.status === service.status) return undefined;
  service.status = seen.status;
  deps.log.info(`${service.service}: deployment ${service.deploymentId} is ${seen.status}`);
  if (LIVE.includes(seen.status)) {
    service.step = 'succeeded';
    return undefined;
  }
  const why =
    FAILURE_REASON[seen.status] ??
    (NEVER_SERVES.includes(seen.status)
      ? () => 'it will never serve (replaced or stopped outside this run)'
      : undefined);
  if (!why) return undefined;
  service.step = 'failed';
  service.error = why(service);
  return `${service.service}: deployment ${service.deploymentId} ${seen.status}: ${service.error}`;
}

const FAILURE_REASON: Partial<Record<DeploymentStatus, (s: ServiceRun) => string>> = {
  FAILED: () => 'its build, pre-deploy command or healthcheck failed (see the logs)',
  CRASHED: () => 'its container kept exiting after it started',
  NEEDS_APPROVAL: (s) =>
    'Railway holds it for approval, which this action cannot give: ' +
    `approve deployments of service "${s.railwayName}" in the Railway dashboard, ` +
    'then run the deploy again',
};
