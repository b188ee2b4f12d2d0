/**
 * The emulator's Railway: a project, its environments and services, and deployments whose
 * status follows a timeline over (injectable) time. A deployment that reaches SUCCESS replaces
 * the one serving (which shows REMOVED and can be rolled back to), as Railway does.
 */
import type { DeploymentStatus } from '../../src/railway/operations.js';

// The statuses are Railway's (the schema test holds operations.ts to the published schema).
export type Status = DeploymentStatus;

export type Outcome = 'success' | 'fail' | 'crash' | 'hang' | 'needs-approval';

export interface Script {
  outcome: Outcome;
  durationMs?: number;
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
  meta: { image?: string; commitSha?: string; rollbackOf?: string };
  timeline: { at: number; status: Status }[];
  applied: number;
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
}

const LIVE: Status[] = ['SUCCESS', 'SLEEPING'];
const IN_FLIGHT: Status[] = ['QUEUED', 'WAITING', 'INITIALIZING', 'BUILDING', 'DEPLOYING'];

export class World {
  readonly projectId = 'prj-sigmasight';
  readonly projectName = 'sigmasight';
  readonly environments: { id: string; name: string }[];
  readonly services: { id: string; name: string; image?: string }[];
  readonly deployments: EmulatedDeployment[] = [];
  /** The source image serviceInstanceUpdate set, per service id (the next deploy uses it). */
  readonly sources = new Map<string, string>();
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
      service.image = current.meta.image;
    }
  }

  serviceByName(name: string) {
    return this.services.find((s) => s.name === name);
  }

  /** Brings every deployment's status up to now, in time order across deployments. */
  advance(): void {
    const now = this.options.now();
    const due: { d: EmulatedDeployment; status: Status; at: number }[] = [];
    for (const d of this.deployments) {
      while (d.applied < d.timeline.length && d.createdAt + d.timeline[d.applied]!.at <= now) {
        const step = d.timeline[d.applied++]!;
        due.push({ d, status: step.status, at: d.createdAt + step.at });
      }
    }
    due.sort((a, b) => a.at - b.at);
    for (const { d, status, at } of due) this.set(d, status, at);
  }

  create(
    serviceId: string,
    environmentId: string,
    kind: ScriptContext['kind'],
    meta: EmulatedDeployment['meta'],
  ): EmulatedDeployment {
    this.advance();
    const service = this.services.find((s) => s.id === serviceId)!;
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
    const d = this.make(service.name, serviceId, environmentId, kind, meta, now);
    d.timeline = timeline(script, script.durationMs ?? this.options.defaultDurationMs ?? 60_000);
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
    if ((status === 'SUCCESS' || status === 'CRASHED') && !d.wentLive) {
      d.wentLive = true;
      for (const other of this.of(d.serviceId, d.environmentId)) {
        if (
          other === d ||
          !(LIVE.includes(other.status) || (other.status === 'CRASHED' && other.wentLive))
        )
          continue;
        other.status = 'REMOVED';
        other.statusUpdatedAt = at;
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
    };
    this.deployments.push(d);
    return d;
  }
}

function timeline(script: Script, duration: number): { at: number; status: Status }[] {
  if (script.outcome === 'needs-approval') return [{ at: 0, status: 'NEEDS_APPROVAL' }];
  const start: { at: number; status: Status }[] = [
    { at: 0, status: 'QUEUED' },
    { at: Math.round(duration * 0.1), status: 'INITIALIZING' },
    { at: Math.round(duration * 0.3), status: 'DEPLOYING' },
  ];
  const end: Record<Outcome, Status | undefined> = {
    success: 'SUCCESS',
    fail: 'FAILED',
    crash: 'CRASHED',
    hang: undefined,
    'needs-approval': undefined,
  };
  const last = end[script.outcome];
  return last ? [...start, { at: duration, status: last }] : start;
}
