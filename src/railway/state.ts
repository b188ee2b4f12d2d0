/**
 * The record of one deploy or rollback run (version 2). It changes only through `advance`
 * (machine.ts); every change is handed to `onTransition`, which main saves in the action state,
 * so a post phase can finish a run whose main phase died. Only ids, names, images and statuses:
 * nothing secret.
 */
import type { DeploymentStatus } from './operations.js';

export type Step =
  | 'pending' // to deploy, not touched yet
  | 'unchanged' // already serves the requested image with the same gates: left alone
  | 'managed' // an image-only service (database): Railway runs it, the run only waits for it
  | 'deploying' // its update and deploy may have been sent (see `intent`)
  | 'succeeded' // its new deployment reached SUCCESS with the requested image
  | 'failed' // its new deployment did not
  | 'kept-previous' // the new deployment never went live: the previous one still serves
  | 'rollback-pending' // must go back to `previous`
  | 'rolling-back' // a rollback may have been sent (see `intent`)
  | 'rolled-back' // back on the previous image, verified SUCCESS
  | 'rollback-failed'; // a human must look: see `error`

/** Railway's own gates, as set on the service instance. */
export interface Gates {
  healthcheckPath: string | null;
  /** Seconds. */
  healthcheckTimeout: number | null;
  preDeployCommand: string[] | null;
}

/** What the service instance had before the run: a rollback restores it. */
export interface InstanceSettings extends Gates {
  image: string | null;
}

export interface ServiceRun {
  /** The compose service name. */
  service: string;
  railwayName: string;
  serviceId: string;
  /** Deployed in waves: a wave starts once every earlier one serves. */
  wave: number;
  source: { image?: string; commitSha?: string };
  /** The gates this run sets with the image. */
  gates: Gates;
  /** `x-deploy.railway.backup`: its volumes are backed up before a migrating deploy. */
  backup?: boolean;
  /** Deployed as its instance is configured: no update is sent (an idle managed database). */
  startOnly?: boolean;
  /** Its public URL at its health path, checked after the deploy (verify.ts). */
  check?: { url: string; expect?: Record<string, string> };
  /** The instance's settings before the run (read in the plan). */
  before?: InstanceSettings;
  /** The deployment serving before the run (the output's previousId). */
  servingBefore?: string;
  /** Where a rollback takes it: the deployment serving before a deploy, or the chosen one. */
  previous?: { id: string; image?: string };
  /** The newest deployment id seen before this run touched the service. */
  newestKnownId?: string;
  step: Step;
  /** Saved before a mutation is sent, cleared once its answer is in: a death in between
   *  resumes by looking at Railway instead of trusting the step. */
  intent?: 'deploy' | 'rollback' | 'restore';
  /** An update of the instance (source image, gates) may have been applied. */
  instanceTouched?: boolean;
  deploymentId?: string;
  status?: DeploymentStatus;
  /** This run cancelled its deployment while it was on its way: it never served. */
  cancelled?: boolean;
  /** The image the new deployment runs, from its meta. */
  runningImage?: string;
  rollbackId?: string;
  rollbackStatus?: DeploymentStatus;
  /** The deployment serving once the run ended, as read from Railway (what claims rest on). */
  servingAfter?: string;
  /** A newer deployment someone else started, still on its way when the run ended. */
  comingAfter?: string;
  /** How the rollback went: Railway's deploymentRollback, or the previous image deployed. */
  via?: 'rollback' | 'image';
  error?: string;
}

export type Phase =
  'deploying' | 'stabilizing' | 'rolling-back' | 'succeeded' | 'rolled-back' | 'rollback-failed';

/** Run-level resources beside the services (a database backup, a preview environment). */
export interface Resources {
  backups?: BackupRecord[];
  restore?: RestoreRecord;
  /** A pull request's preview environment: the run deploys into it, and only into it. */
  preview?: { environmentId: string; name: string; created: boolean; sourceEnvironmentId: string };
  /** Post-deploy checks of the public URLs, per service. */
  verified?: Record<
    string,
    { url: string; ok: boolean; status: number | null; ms: number | null; failure?: string }
  >;
}

/** `command: rollback` with `restore-backup`: the database's volume goes back first. */
export interface RestoreRecord {
  service: string;
  serviceId: string;
  railwayName: string;
  volumeInstanceId: string;
  backupId: string;
  step: 'pending' | 'restoring' | 'redeploying' | 'done' | 'failed';
  workflowId?: string;
  /** The newest deployment of the database before the run: its redeploy comes after it. */
  newestKnownId?: string;
  /** The redeploy may have been sent (saved before it is): look before sending again. */
  redeploySent?: boolean;
  deploymentId?: string;
  error?: string;
}

export interface BackupRecord {
  service: string;
  volumeInstanceId: string;
  name: string;
  workflowId?: string;
  backupId?: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  error?: string;
}

/** How `backup` asked for the run: auto (only when a migration runs), always, off. */
export type BackupMode = 'auto' | 'always' | 'off';

export interface RunState {
  version: 2;
  kind: 'deploy' | 'rollback';
  projectId: string;
  projectName: string;
  environmentId: string;
  environmentName: string;
  phase: Phase;
  services: ServiceRun[];
  resources: Resources;
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
export const NEVER_SERVES: readonly DeploymentStatus[] = ['FAILED', 'SKIPPED'];

/**
 * CRASHED went live before dying; REMOVED/REMOVING may have served before it was replaced; an
 * unknown status is assumed live, to be safe. Railway docs `deployments/reference.md`.
 */
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

export function sameGates(a: Gates, b: Gates): boolean {
  return (
    (a.healthcheckPath ?? null) === (b.healthcheckPath ?? null) &&
    (a.healthcheckTimeout ?? null) === (b.healthcheckTimeout ?? null) &&
    JSON.stringify(a.preDeployCommand ?? null) === JSON.stringify(b.preDeployCommand ?? null)
  );
}
