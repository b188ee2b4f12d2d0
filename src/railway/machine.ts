/**
 * The rollout as an explicit state machine: `advance(state, event)` is pure (it returns a new
 * state) and refuses any move its table does not allow, so no code path can put a service
 * where the engine does not expect it. `Run` holds the current state and saves every new one
 * (the intent of a mutation is an event of its own, saved before the mutation is sent).
 */
import type { Deployment } from './api.js';
import type { DeploymentStatus } from './operations.js';
import {
  IN_PROGRESS,
  LIVE,
  type Phase,
  type RunState,
  type ServiceRun,
  type Step,
} from './state.js';

export type Event =
  /** The update+deploy request of these services is about to be sent. */
  | { type: 'deploy-sent'; services: string[] }
  | { type: 'deploy-started'; service: string; deploymentId: string }
  /** A fresh look at the run's new deployment. */
  | { type: 'observed'; service: string; deployment: Deployment }
  | { type: 'service-failed'; service: string; error: string; status?: DeploymentStatus }
  | { type: 'cancelled'; service: string; status?: DeploymentStatus }
  | { type: 'run-failed'; failure: string }
  | { type: 'sorted'; service: string; to: 'rollback-pending' | 'kept-previous' }
  | { type: 'restore-sent'; service: string }
  | { type: 'instance-checked'; service: string }
  | { type: 'rollback-sent'; service: string; via: 'rollback' | 'image' }
  | { type: 'rollback-started'; service: string; rollbackId: string }
  | { type: 'rollback-observed'; service: string; status: DeploymentStatus }
  | { type: 'gave-up'; service: string; why: string }
  /** What serves the service now, read from Railway once the run is over. */
  | { type: 'serving-read'; service: string; deploymentId?: string; coming?: string }
  | { type: 'phase'; phase: Phase }
  | { type: 'resources'; resources: RunState['resources'] };

/** From which steps each service event may move a service. */
const FROM: Record<Exclude<Event['type'], 'run-failed' | 'phase' | 'resources'>, Step[]> = {
  'deploy-sent': ['pending'],
  'deploy-started': ['deploying', 'failed'],
  observed: ['deploying', 'succeeded', 'failed'],
  'service-failed': ['deploying', 'succeeded', 'failed'],
  cancelled: ['deploying', 'failed'],
  sorted: ['deploying', 'succeeded', 'failed'],
  'restore-sent': ['kept-previous', 'rolled-back', 'rollback-failed'],
  'instance-checked': ['kept-previous', 'rolled-back', 'rollback-failed'],
  'rollback-sent': ['rollback-pending', 'rolling-back'],
  'rollback-started': ['rolling-back'],
  'rollback-observed': ['rolling-back'],
  'gave-up': ['rollback-pending', 'rolling-back', 'rolled-back'],
  'serving-read': ['kept-previous', 'rolled-back', 'rollback-failed'],
};

/** Legal moves of the run's phase. */
const PHASES: Record<Phase, Phase[]> = {
  deploying: ['stabilizing', 'succeeded', 'rolling-back'],
  stabilizing: ['succeeded', 'rolling-back'],
  'rolling-back': ['rolled-back', 'rollback-failed'],
  succeeded: [],
  'rolled-back': [],
  'rollback-failed': [],
};

export class IllegalMoveError extends Error {
  override name = 'IllegalMoveError';
}

export function advance(state: RunState, event: Event): RunState {
  const next = structuredClone(state);
  if (event.type === 'phase' || event.type === 'run-failed') {
    const to = event.type === 'phase' ? event.phase : 'rolling-back';
    if (next.phase !== to && !PHASES[next.phase].includes(to))
      throw new IllegalMoveError(`run: ${next.phase} -> ${to} is not a legal move`);
    next.phase = to;
    if (event.type === 'run-failed') failRun(next, event.failure);
    return next;
  }
  if (event.type === 'resources') {
    next.resources = structuredClone(event.resources);
    return next;
  }
  const names = event.type === 'deploy-sent' ? event.services : [event.service];
  for (const name of names) {
    const service = next.services.find((s) => s.service === name);
    if (!service) throw new IllegalMoveError(`${event.type}: no service "${name}" in the run`);
    if (!FROM[event.type].includes(service.step))
      throw new IllegalMoveError(`${name}: ${event.type} from ${service.step} is not legal`);
    apply(service, event);
  }
  return next;
}

function failRun(state: RunState, failure: string): void {
  state.failure ??= failure;
  // What went live goes back whatever comes next: recorded before the first await.
  for (const service of state.services) {
    if (service.step === 'succeeded') service.step = 'rollback-pending';
  }
}

function apply(service: ServiceRun, event: Event): void {
  switch (event.type) {
    case 'deploy-sent':
      Object.assign(service, { step: 'deploying', intent: 'deploy' });
      // Only an update changes the instance; a start-only deploy sends none.
      if (!service.startOnly) service.instanceTouched = true;
      return;
    case 'deploy-started':
      service.deploymentId = event.deploymentId;
      delete service.intent;
      return;
    case 'observed': {
      const { status, image } = event.deployment;
      Object.assign(service, { status, runningImage: image ?? service.runningImage });
      delete service.intent;
      if (LIVE.includes(status)) service.step = 'succeeded';
      else if (service.step === 'succeeded' && !IN_PROGRESS.includes(status))
        service.step = 'failed';
      return;
    }
    case 'service-failed':
      Object.assign(service, { step: 'failed', error: event.error });
      if (event.status) service.status = event.status;
      delete service.intent;
      return;
    case 'cancelled':
      Object.assign(service, { step: 'failed', cancelled: true });
      if (event.status) service.status = event.status;
      return;
    case 'sorted':
      service.step = event.to;
      return;
    case 'restore-sent':
      Object.assign(service, { intent: 'restore', instanceTouched: true });
      return;
    case 'instance-checked':
      Object.assign(service, { instanceTouched: false });
      delete service.intent;
      return;
    case 'rollback-sent':
      Object.assign(service, {
        step: 'rolling-back',
        intent: 'rollback',
        via: event.via,
        instanceTouched: true,
      });
      return;
    case 'rollback-started':
      service.rollbackId = event.rollbackId;
      delete service.intent;
      return;
    case 'rollback-observed':
      service.rollbackStatus = event.status;
      if (LIVE.includes(event.status)) service.step = 'rolled-back';
      return;
    case 'gave-up':
      Object.assign(service, { step: 'rollback-failed', error: event.why });
      delete service.intent;
      return;
    case 'serving-read':
      Object.assign(service, { servingAfter: event.deploymentId, comingAfter: event.coming });
      return;
  }
}

export interface Saver {
  onTransition: (state: RunState) => void;
  /** Aborted (Ctrl-C in the CLI): the run stops at its next move, that move saved. */
  signal?: AbortSignal;
}

/** The run was told to stop; what it had done is saved, for the same code as a post phase. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor() {
    super('interrupted before the Railway run finished');
  }
}

/** The current state of a run, saved on every move. */
export class Run {
  constructor(
    private current: RunState,
    private readonly saver: Saver,
  ) {
    saver.onTransition(structuredClone(current));
  }

  get state(): RunState {
    return this.current;
  }

  apply(event: Event): RunState {
    this.current = advance(this.current, event);
    this.saver.onTransition(structuredClone(this.current));
    if (this.saver.signal?.aborted) throw new InterruptedError();
    return this.current;
  }

  service(name: string): ServiceRun {
    return this.current.services.find((s) => s.service === name)!;
  }

  where(test: (s: ServiceRun) => boolean): ServiceRun[] {
    return this.current.services.filter(test);
  }
}
