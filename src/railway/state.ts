/**
 * The record of one deploy or rollback run. Every change is handed to `onTransition`, which main
 * saves in the action state, so a post phase can finish a run whose main phase died. Only ids,
 * names and statuses: nothing secret.
 */
import type { DeploymentStatus } from './operations.js';

export type Step =
  | 'pending' // not touched yet
  | 'deploying' // a deploy mutation may have been sent
  | 'succeeded' // its new deployment reached SUCCESS
  | 'failed' // its new deployment did not
  | 'kept-previous' // the new deployment never went live: the previous one still serves
  | 'rollback-pending' // must go back to `previous`
  | 'rolling-back' // a rollback mutation may have been sent
  | 'rolled-back' // back on the previous image, verified SUCCESS
  | 'rollback-failed'; // a human must look: see `error`

export interface ServiceRun {
  /** The compose service name. */
  service: string;
  railwayName: string;
  serviceId: string;
  /** Deployed in waves: a wave starts once every earlier one is SUCCESS. */
  wave: number;
  source: { image?: string; commitSha?: string };
  /** The deployment serving before the run (the output's previousId). */
  servingBefore?: string;
  /** Where a rollback takes it: the deployment serving before a deploy, or the chosen one. */
  previous?: { id: string; image?: string };
  /** The newest deployment id seen before this run touched the service. */
  newestKnownId?: string;
  step: Step;
  /** serviceInstanceUpdate changed its image (to undo if the deploy never went live). */
  sourceChanged?: boolean;
  deploymentId?: string;
  status?: DeploymentStatus;
  rollbackId?: string;
  rollbackStatus?: DeploymentStatus;
  error?: string;
}

export type Phase = 'deploying' | 'rolling-back' | 'succeeded' | 'rolled-back' | 'rollback-failed';

export interface RunState {
  version: 1;
  kind: 'deploy' | 'rollback';
  projectId: string;
  projectName: string;
  environmentId: string;
  environmentName: string;
  phase: Phase;
  services: ServiceRun[];
  /** Why the deploy failed (the sentence the step fails with). */
  failure?: string;
}

export type OnTransition = (state: RunState) => void;

export const FINAL_PHASES: readonly Phase[] = ['succeeded', 'rolled-back', 'rollback-failed'];

/** Statuses of a deployment that is still on its way. */
export const IN_PROGRESS: readonly DeploymentStatus[] = [
  'QUEUED',
  'WAITING',
  'INITIALIZING',
  'BUILDING',
  'DEPLOYING',
];
/** A deployment that is (or was, before sleeping) serving traffic. */
export const LIVE: readonly DeploymentStatus[] = ['SUCCESS', 'SLEEPING'];
/** For a deployment this run started: it will never serve. */
export const NEVER_SERVES: readonly DeploymentStatus[] = [
  'FAILED',
  'REMOVED',
  'REMOVING',
  'SKIPPED',
];

/** CRASHED went live before dying; an unknown status is assumed live, to be safe. */
export function mayHaveServed(status: DeploymentStatus | undefined): boolean {
  if (status === undefined) return false;
  return (
    !NEVER_SERVES.includes(status) && !IN_PROGRESS.includes(status) && status !== 'NEEDS_APPROVAL'
  );
}

export function isFinished(state: RunState): boolean {
  return FINAL_PHASES.includes(state.phase);
}

/** Deployments of this run, newest first, that came after `anchor` in a newest-first list. */
export function newerThan<T extends { id: string }>(list: T[], anchor: string | undefined): T[] {
  if (!anchor) return list;
  const at = list.findIndex((d) => d.id === anchor);
  return at === -1 ? list : list.slice(0, at);
}
