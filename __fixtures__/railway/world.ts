/**
 * The emulator's Railway: a project, its environments and services with their instance
 * settings, and deployments whose status follows a timeline over (injectable) time. Each rule
 * names its source (shared/railway/README.md gathers them); where the sources are silent the
 * stricter behaviour is modelled, so the action is safe either way:
 * - a deployment runs its instance's source image and gates as they were when it was created
 *   (`serviceInstanceUpdate` starts nothing; docs `integrations/api/manage-services.md`);
 * - the pre-deploy command runs first, in its own container; a failure makes the deployment
 *   FAILED and the old one keeps serving (docs `deployments/pre-deploy-command.md`);
 * - with a healthcheck path, SUCCESS only after HTTP 200 there, else FAILED once
 *   `healthcheckTimeout` is spent; without one, SUCCESS when the container starts
 *   (docs `deployments/healthchecks.md`);
 * - a crash after SUCCESS shows restarting instances first, CRASHED after the retries
 *   (docs `deployments/restart-policy.md`);
 * - a new live deployment sends the old one through REMOVING to REMOVED, which can be
 *   rolled back to while Railway holds its image (docs `deployments/deployment-teardown.md`);
 * - `deploymentRedeploy` of a REMOVED deployment is refused (CLI `src/commands/redeploy.rs`);
 * - `deploymentRollback` leaves the instance's source as it is (unverified: the stricter way);
 * - `meta.image` is the image a deployment really runs (README "Deploying an image").
 */
import type { DeploymentStatus } from '../../src/railway/operations.js';

// The statuses are Railway's (the schema test holds operations.ts to the published schema).
export type Status = DeploymentStatus;

export type Outcome = 'success' | 'fail' | 'crash' | 'hang' | 'needs-approval';

export interface Script {
  outcome: Outcome;
  durationMs?: number;
  /** What the healthcheck path answers (default 200); anything else never passes. */
  health?: number | 'timeout';
  /** How the pre-deploy command ends, when the instance has one (default ok). */
  migrate?: 'ok' | 'fail';
  /** A crash this long after SUCCESS (instances RESTARTING for the first half). */
  crashAfterMs?: number;
  /** Railway runs another image than the source (a tag moved, an image auto-update). */
  runsImage?: string;
}

export interface ScriptContext {
  service: string;
  kind: 'deploy' | 'rollback' | 'redeploy' | 'seed';
  image?: string;
  /** How many deployments of this service the API created before this one. */
  index: number;
}

export interface EmulatedDeployment {
  id: string;
  serviceId: string;
  service: string;
  environmentId: string;
  kind: ScriptContext['kind'];
  status: Status;
  createdAt: number;
  statusUpdatedAt: number;
  canRollback: boolean;
  wentLive: boolean;
  meta: { image?: string; commitHash?: string; rollbackOf?: string };
  timeline: Step[];
  applied: number;
  /** Its containers' statuses, as `instances { status }` shows them. */
  instances: string[];
  /** The instance settings it was created with. */
  settings: Instance;
  /** Who started it (a person's name), as `Deployment.creator` shows. */
  creator?: string;
}

interface Step {
  at: number;
  status?: Status;
  instances?: string[];
}

/** A service instance's settings in one environment (ServiceInstance in the schema). */
export interface Instance {
  image: string | null;
  repo: string | null;
  healthcheckPath: string | null;
  healthcheckTimeout: number | null;
  preDeployCommand: string[] | null;
  /** Railway-made domains (`<name>.up.railway.app`) of the service in this environment. */
  domains: string[];
}

export interface WorldOptions {
  now: () => number;
  services: string[];
  environments?: string[];
  defaultDurationMs?: number;
  script?: (context: ScriptContext) => Script | undefined;
  /** Services whose old deployments Railway no longer holds images for (canRollback false). */
  expired?: string[];
  /** Services with no deployment at all yet. */
  fresh?: string[];
  /** A new deployment shows in the deployments list only this long after it was created. */
  listLagMs?: number;
  /** Services Railway builds from a GitHub repository (their instance has no image). */
  repoServices?: string[];
  /** Variables per service name in the first environment (rendered values). */
  variables?: Record<string, Record<string, string>>;
  /** Services with a volume in every environment (default: postgres). */
  volumes?: string[];
  /** How backup and restore workflows end (default: ok after 20 s). */
  workflows?: { outcome?: 'ok' | 'fail' | 'hang'; durationMs?: number };
}

export interface Volume {
  id: string;
  serviceId: string;
  environmentId: string;
  backups: { id: string; name: string; createdAt: number }[];
  /** The backup its data came from last (a restore, once the service was redeployed). */
  dataFrom?: string;
  /** A restore staged: the next deployment of the service runs on it. */
  staged?: string;
}

interface Workflow {
  doneAt: number;
  outcome: 'ok' | 'fail' | 'hang';
  done: boolean;
  onDone: () => void;
}

/** How long a replaced deployment stays REMOVING (draining) before REMOVED. */
export const DRAIN_MS = 2000;

const LIVE: Status[] = ['SUCCESS', 'SLEEPING'];
const IN_FLIGHT: Status[] = ['QUEUED', 'WAITING', 'INITIALIZING', 'BUILDING', 'DEPLOYING'];

export class World {
  readonly projectId = 'prj-sigmasight';
  readonly projectName = 'sigmasight';
  readonly environments: { id: string; name: string; isEphemeral?: boolean }[];
  /** Ids of environments deleted (environmentDelete), in order. */
  readonly deletedEnvironments: string[] = [];
  private readonly variableMap = new Map<string, Record<string, string>>();
  readonly services: { id: string; name: string; image?: string }[];
  readonly deployments: EmulatedDeployment[] = [];
  /** Instance settings per `serviceId envId` (the next deploy uses them). */
  readonly instances = new Map<string, Instance>();
  readonly volumes: Volume[] = [];
  private readonly workflowMap = new Map<string, Workflow>();
  private counter = 0;

  constructor(private readonly options: WorldOptions) {
    this.environments = (options.environments ?? ['production', 'staging']).map((name) => ({
      id: `env-${name}`,
      name,
    }));
    this.services = options.services.map((name) => ({ id: `svc-${name}`, name }));
    for (const service of this.services) {
      if (options.fresh?.includes(service.name)) continue;
      const env = this.environments[0]!.id;
      const day = 86_400_000;
      const old = this.seed(service.name, env, `${service.name}:v0`, options.now() - 2 * day);
      const current = this.seed(service.name, env, `${service.name}:v1`, options.now() - day);
      old.status = 'REMOVED';
      old.canRollback = !options.expired?.includes(service.name);
      current.status = 'SUCCESS';
      current.instances = ['RUNNING'];
      service.image = current.meta.image;
    }
    for (const service of this.services) {
      for (const env of this.environments) {
        if ((options.volumes ?? ['postgres']).includes(service.name)) {
          this.volumes.push({
            id: `vi-${service.name}-${env.name}`,
            serviceId: service.id,
            environmentId: env.id,
            backups: [],
          });
        }
        const repo = options.repoServices?.includes(service.name);
        this.instances.set(`${service.id} ${env.id}`, {
          image: repo ? null : (service.image ?? `${service.name}:v0`),
          repo: repo ? `sigmasight/${service.name}` : null,
          healthcheckPath: null,
          healthcheckTimeout: null,
          preDeployCommand: null,
          domains: [],
        });
      }
    }
  }

  /**
   * Backups and restores run as workflows (docs `volumes/backups.md`): a backup appears in the
   * volume's list when its workflow completes; a restore deletes the newer backups and is
   * staged until the service is redeployed.
   */
  startBackup(volumeInstanceId: string, name: string): string {
    const volume = this.volumes.find((v) => v.id === volumeInstanceId);
    if (!volume) throw new Error('Volume instance not found');
    return this.workflow(() => {
      volume.backups.push({ id: `bak-${++this.counter}`, name, createdAt: this.options.now() });
    });
  }

  startRestore(backupId: string, volumeInstanceId: string): string {
    const volume = this.volumes.find((v) => v.id === volumeInstanceId);
    const backup = volume?.backups.find((b) => b.id === backupId);
    if (!volume || !backup) throw new Error('Backup not found');
    return this.workflow(() => {
      volume.backups = volume.backups.filter((b) => b.createdAt <= backup.createdAt);
      volume.staged = backupId;
    });
  }

  workflowStatus(id: string): { status: string; error: string | null } {
    this.settleWorkflows();
    const flow = this.workflowMap.get(id);
    if (!flow) return { status: 'NotFound', error: null };
    if (!flow.done) return { status: 'Running', error: null };
    if (flow.outcome === 'fail') return { status: 'Error', error: 'Backup failed: volume busy' };
    return { status: 'Complete', error: null };
  }

  /** Ends every workflow whose time has come (their effect shows in any later read). */
  settleWorkflows(): void {
    for (const flow of this.workflowMap.values()) {
      if (flow.done || flow.outcome === 'hang' || this.options.now() < flow.doneAt) continue;
      flow.done = true;
      if (flow.outcome === 'ok') flow.onDone();
    }
  }

  private workflow(onDone: () => void): string {
    const id = `wf-${++this.counter}`;
    const { outcome = 'ok', durationMs = 20_000 } = this.options.workflows ?? {};
    this.workflowMap.set(id, {
      doneAt: this.options.now() + durationMs,
      outcome,
      done: false,
      onDone,
    });
    return id;
  }

  /** Rendered variables of a service in an environment (Railway's `variables` query). */
  variablesOf(serviceId: string, environmentId: string): Record<string, string> {
    const service = this.services.find((s) => s.id === serviceId);
    if (!service) return {};
    const own = this.variableMap.get(`${serviceId} ${environmentId}`);
    if (own) return { ...own };
    if (environmentId !== this.environments[0]!.id) return {};
    return { ...(this.options.variables?.[service.name] ?? {}) };
  }

  /**
   * environmentCreate with a source: the new environment copies the source's services, their
   * settings and variables, and deploys nothing while `skipInitialDeploys` (docs
   * `environments.md`, "Forking"). Domains are the environment's own: none are copied.
   */
  createEnvironment(name: string, sourceId: string | undefined, ephemeral: boolean) {
    if (this.environments.some((e) => e.name === name))
      throw new Error(`Environment ${name} already exists`);
    const env = { id: `env-${name}`, name, isEphemeral: ephemeral };
    this.environments.push(env);
    for (const service of this.services) {
      const from = sourceId && this.instances.get(`${service.id} ${sourceId}`);
      this.instances.set(`${service.id} ${env.id}`, {
        ...(from ? structuredClone(from) : { image: null, repo: null, healthcheckPath: null }),
        healthcheckTimeout: from ? from.healthcheckTimeout : null,
        preDeployCommand: from ? from.preDeployCommand : null,
        domains: [],
      } as Instance);
      if (sourceId)
        this.variableMap.set(`${service.id} ${env.id}`, this.variablesOf(service.id, sourceId));
    }
    return env;
  }

  deleteEnvironment(id: string): void {
    const at = this.environments.findIndex((e) => e.id === id);
    if (at === -1) throw new Error('Environment not found');
    this.environments.splice(at, 1);
    this.deletedEnvironments.push(id);
  }

  createDomain(serviceId: string, environmentId: string): string {
    const service = this.services.find((s) => s.id === serviceId)!;
    const env = this.environments.find((e) => e.id === environmentId)!;
    const domain = `${service.name}-${env.name}.up.railway.app`;
    this.instance(serviceId, environmentId).domains.push(domain);
    return domain;
  }

  /** The live deployment of a service in one environment. */
  servingIn(serviceName: string, environmentId: string): EmulatedDeployment | undefined {
    this.advance();
    const service = this.serviceByName(serviceName)!;
    return this.of(service.id, environmentId).find((d) => LIVE.includes(d.status));
  }

  instance(serviceId: string, environmentId: string): Instance {
    return this.instances.get(`${serviceId} ${environmentId}`)!;
  }

  /** The source image of a service's instance in the first environment. */
  sourceImage(serviceName: string): string | null {
    return this.instance(this.serviceByName(serviceName)!.id, this.environments[0]!.id).image;
  }

  serviceByName(name: string) {
    return this.services.find((s) => s.name === name);
  }

  /** Brings every deployment's status up to now, in time order across deployments. */
  advance(): void {
    const now = this.options.now();
    const due: { d: EmulatedDeployment; step: Step; at: number }[] = [];
    for (const d of this.deployments) {
      while (d.applied < d.timeline.length && d.createdAt + d.timeline[d.applied]!.at <= now) {
        const step = d.timeline[d.applied++]!;
        due.push({ d, step, at: d.createdAt + step.at });
      }
    }
    due.sort((a, b) => a.at - b.at);
    for (const { d, step, at } of due) {
      if (step.instances) d.instances = step.instances;
      if (step.status) this.set(d, step.status, at);
    }
  }

  create(
    serviceId: string,
    environmentId: string,
    kind: ScriptContext['kind'],
    meta: EmulatedDeployment['meta'],
  ): EmulatedDeployment {
    this.advance();
    const service = this.services.find((s) => s.id === serviceId)!;
    const settings = structuredClone(this.instance(serviceId, environmentId));
    const index = this.deployments.filter(
      (d) => d.serviceId === serviceId && d.kind !== 'seed',
    ).length;
    const script = this.options.script?.({
      service: service.name,
      kind,
      image: meta.image,
      index,
    }) ?? { outcome: 'success' };
    const now = this.options.now();
    // A newer deployment supersedes one still on its way, as on Railway.
    for (const d of this.of(serviceId, environmentId)) {
      if (IN_FLIGHT.includes(d.status)) this.set(d, 'SKIPPED', now);
    }
    for (const volume of this.volumes) {
      if (
        volume.serviceId === serviceId &&
        volume.environmentId === environmentId &&
        volume.staged
      ) {
        volume.dataFrom = volume.staged;
        volume.staged = undefined;
      }
    }
    const runs = script.runsImage ?? meta.image;
    const d = this.make(
      service.name,
      serviceId,
      environmentId,
      kind,
      { ...meta, image: runs },
      now,
    );
    d.settings = settings;
    const duration = script.durationMs ?? this.options.defaultDurationMs ?? 60_000;
    d.timeline = timeline(script, duration, settings);
    this.advance();
    return d;
  }

  cancel(d: EmulatedDeployment): boolean {
    this.advance();
    if (!IN_FLIGHT.includes(d.status) && d.status !== 'NEEDS_APPROVAL') return false;
    this.set(d, 'REMOVED', this.options.now());
    d.applied = d.timeline.length;
    return true;
  }

  /** Newest first, like Railway's deployments list. */
  of(serviceId: string, environmentId?: string): EmulatedDeployment[] {
    return this.deployments
      .filter(
        (d) => d.serviceId === serviceId && (!environmentId || d.environmentId === environmentId),
      )
      .sort(
        (a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id, 'en', { numeric: true }),
      );
  }

  /** The deployments list as Railway answers it: the newest may not be listed yet. */
  listed(serviceId: string, environmentId?: string): EmulatedDeployment[] {
    const shown = this.options.now() - (this.options.listLagMs ?? 0);
    return this.of(serviceId, environmentId).filter((d) => d.createdAt <= shown);
  }

  serving(serviceName: string): EmulatedDeployment | undefined {
    this.advance();
    const service = this.serviceByName(serviceName)!;
    return this.of(service.id, this.environments[0]!.id).find((d) => LIVE.includes(d.status));
  }

  private set(d: EmulatedDeployment, status: Status, at: number): void {
    d.status = status;
    d.statusUpdatedAt = at;
    if (status === 'FAILED') d.canRollback = false;
    if (status === 'SUCCESS' && d.instances.length === 0) d.instances = ['RUNNING'];
    if (status === 'FAILED' || status === 'REMOVED' || status === 'SKIPPED') d.instances = [];
    if ((status === 'SUCCESS' || status === 'CRASHED') && !d.wentLive) {
      d.wentLive = true;
      for (const other of this.of(d.serviceId, d.environmentId)) {
        if (
          other === d ||
          !(LIVE.includes(other.status) || (other.status === 'CRASHED' && other.wentLive))
        )
          continue;
        // Replaced: REMOVING while it drains, then REMOVED.
        other.status = 'REMOVING';
        other.statusUpdatedAt = at;
        other.timeline.push({ at: at + DRAIN_MS - other.createdAt, status: 'REMOVED' });
        other.canRollback = !this.options.expired?.includes(d.service);
      }
      const service = this.services.find((s) => s.id === d.serviceId)!;
      service.image = d.meta.image;
    }
  }

  private seed(service: string, environmentId: string, image: string, at: number) {
    const d = this.make(service, `svc-${service}`, environmentId, 'seed', { image }, at);
    d.wentLive = true;
    return d;
  }

  private make(
    service: string,
    serviceId: string,
    environmentId: string,
    kind: ScriptContext['kind'],
    meta: EmulatedDeployment['meta'],
    at: number,
  ) {
    const n = ++this.counter;
    const d: EmulatedDeployment = {
      id: `dep-${service}-${n}`,
      serviceId,
      service,
      environmentId,
      kind,
      status: 'QUEUED',
      createdAt: at,
      statusUpdatedAt: at,
      canRollback: false,
      wentLive: false,
      meta,
      timeline: [],
      applied: 0,
      instances: [],
      settings: structuredClone(
        this.instances.get(`${serviceId} ${environmentId}`) ?? {
          image: meta.image ?? null,
          repo: null,
          healthcheckPath: null,
          healthcheckTimeout: null,
          preDeployCommand: null,
          domains: [],
        },
      ),
    };
    this.deployments.push(d);
    return d;
  }
}

function timeline(script: Script, duration: number, settings: Instance): Step[] {
  if (script.outcome === 'needs-approval') return [{ at: 0, status: 'NEEDS_APPROVAL' }];
  const at = (f: number) => Math.round(duration * f);
  const start: Step[] = [
    { at: 0, status: 'QUEUED' },
    { at: at(0.1), status: 'INITIALIZING' },
  ];
  // The pre-deploy command runs before the new container starts.
  if (settings.preDeployCommand?.length && script.migrate === 'fail') {
    return [...start, { at: at(0.5), status: 'FAILED' }];
  }
  start.push({ at: at(0.3), status: 'DEPLOYING' });
  if (script.outcome === 'hang') return start;
  if (script.outcome === 'fail') return [...start, { at: duration, status: 'FAILED' }];
  if (script.outcome === 'crash') return [...start, { at: duration, status: 'CRASHED' }];
  const health = script.health ?? 200;
  if (settings.healthcheckPath && health !== 200) {
    const timeout = (settings.healthcheckTimeout ?? 300) * 1000;
    return [
      ...start,
      { at: at(0.5), instances: ['RUNNING'] },
      { at: at(0.5) + timeout, status: 'FAILED' },
    ];
  }
  const live: Step[] = [...start, { at: duration, status: 'SUCCESS', instances: ['RUNNING'] }];
  if (script.crashAfterMs === undefined) return live;
  return [
    ...live,
    { at: duration + Math.round(script.crashAfterMs / 2), instances: ['RESTARTING'] },
    { at: duration + script.crashAfterMs, status: 'CRASHED', instances: ['CRASHED'] },
  ];
}
