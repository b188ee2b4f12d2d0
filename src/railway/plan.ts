/**
 * From the stack to a plan: which Railway project, environment and services (names or ids,
 * matched client-side: Railway has no lookup by name), in which waves, what each service is
 * serving now (the rollback target), its instance's settings, and what the run does with it:
 * deploy, leave `unchanged`, or leave to Railway (`managed`). Two reads: the project, then one
 * aliased snapshot of every service.
 */
import type { RailwaySettings, Service } from '../config/model.js';
import { UserError } from '../errors.js';
import type { Deployment, ProjectInfo, RailwayApi, ServiceSnapshot, TokenScope } from './api.js';
import type { Wanted } from './source.js';
import { checkUrl } from './verify.js';
import { IN_PROGRESS, LIVE, sameGates, type Gates } from './state.js';
import { pollUntil, type Clock } from './wait.js';

/** Railway's default healthcheck timeout (docs `deployments/healthchecks.md`). */
export const DEFAULT_HEALTHCHECK_TIMEOUT_S = 300;

export interface Target {
  /** The compose service. */
  service: string;
  /** The compose file it comes from, for messages. */
  file: string;
  settings: RailwaySettings;
  /** Mapped services it depends on, directly or through unmapped ones. */
  dependsOn: string[];
  wanted: Wanted;
  gates: Gates;
  /** Variables that must be set on Railway; `inferred`: read from `environment:`. */
  requires: { names: string[]; inferred: boolean };
}

export type Action = 'deploy' | 'unchanged' | 'managed';

export interface PlannedService extends Target {
  serviceId: string;
  railwayName: string;
  wave: number;
  /** Newest first. */
  history: Deployment[];
  serving?: Deployment;
  inProgress?: Deployment;
  instance: ServiceSnapshot['instance'];
  action: Action;
  source: { image?: string; commitSha?: string };
  /** Its public URL at its health path, when it has one (x-deploy.railway.url or a domain). */
  check?: { url: string; expect?: Record<string, string> };
  /** Deployed as its instance is configured, nothing set first (an idle managed database). */
  startOnly?: boolean;
}

export interface Plan {
  projectId: string;
  projectName: string;
  environmentId: string;
  environmentName: string;
  services: PlannedService[];
}

/** Railway's gates for a service: its healthcheck path and timeout, its migration. */
export function gatesFor(service: Service): Gates {
  const railway = service.railway;
  const path = railway?.healthcheck ?? (service.health ? healthPath(service.health) : undefined);
  const migrate = railway?.migrate !== false && service.migrate !== undefined;
  return {
    healthcheckPath: path ?? null,
    healthcheckTimeout: path
      ? Math.ceil((railway?.healthcheckTimeoutMs ?? DEFAULT_HEALTHCHECK_TIMEOUT_S * 1000) / 1000)
      : null,
    // One command line, run by Railway in a container of the new image (docs
    // `deployments/pre-deploy-command.md`); exec form is quoted into one shell line.
    preDeployCommand: migrate ? [shellLine(service.migrate!)] : null,
  };
}

function healthPath(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function shellLine(command: Service['migrate'] & {}): string {
  if (typeof command === 'string') return command;
  return command
    .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/**
 * The mapped services among `selected`, each with the mapped services it waits for (directly
 * or through unmapped ones), in dependency order. Iterative: a deep chain cannot overflow.
 */
export function targets(
  file: string,
  services: Service[],
  selected: Service[],
  wanted: Map<string, Wanted>,
): Target[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const chosen = new Set(selected.map((s) => s.name));
  const mappedDeps = new Map<string, string[]>();
  // `services` is in dependency order, so every dependency is known before its dependents.
  for (const s of services) {
    const found = new Set<string>();
    for (const dep of s.dependsOn) {
      if (byName.get(dep.service)?.railway) found.add(dep.service);
      else (mappedDeps.get(dep.service) ?? []).forEach((d) => found.add(d));
    }
    mappedDeps.set(s.name, [...found]);
  }
  return services
    .filter((s) => s.railway && chosen.has(s.name))
    .map((s) => ({
      service: s.name,
      file,
      settings: s.railway!,
      wanted: wanted.get(s.name) ?? { kind: 'managed' },
      gates: gatesFor(s),
      requires: s.railway!.requires
        ? { names: s.railway!.requires, inferred: false }
        : { names: s.inferredRequires ?? [], inferred: true },
      dependsOn: mappedDeps.get(s.name)!.filter((d) => chosen.has(d)),
    }));
}

/** Wave of each target: 0 without mapped dependencies, else one after its latest dependency. */
export function waves(list: Target[]): Map<string, number> {
  const wave = new Map<string, number>();
  for (const target of list) {
    const after = target.dependsOn.map((d) => wave.get(d) ?? -1);
    wave.set(target.service, after.length ? Math.max(...after) + 1 : 0);
  }
  return wave;
}

export interface Where {
  project?: string;
  environment?: string;
  /** Where each came from, for messages (`docker-compose.yml: x-deploy.railway.environment`). */
  projectFrom: string;
  environmentFrom: string;
}

export async function makePlan(
  api: RailwayApi,
  where: Where,
  scope: TokenScope | undefined,
  list: Target[],
  options: { sha?: string; startIdleManaged?: boolean } = {},
): Promise<Plan> {
  const projectId = where.project ?? scope?.projectId;
  if (!projectId) {
    throw new UserError(
      'No Railway project: set x-deploy.railway.project in the compose file ' +
        'or the railway-project input to the project id.',
    );
  }
  if (scope && scope.projectId !== projectId) {
    throw new UserError(
      `${where.projectFrom}: the railway-token is a project token for project ` +
        `${scope.projectId}, not for ${projectId}: use a token of that project or an account token.`,
    );
  }
  const project = await api.project(projectId);
  const wanted = where.environment ?? scope?.environmentId;
  if (scope && find(project.environments, wanted)?.id !== scope.environmentId) {
    const own = project.environments.find((e) => e.id === scope.environmentId);
    throw new UserError(
      `${where.environmentFrom}: the railway-token is a project token for environment ` +
        `"${own?.name ?? scope.environmentId}", not "${wanted}": create a token for that ` +
        'environment or use an account token.',
    );
  }
  const environment = pick(
    project.environments,
    wanted,
    'environment',
    project,
    where.environmentFrom,
  );
  const wave = waves(list);
  const found = list.map((t) => ({
    target: t,
    railway: pick(
      project.services,
      t.settings.service,
      'service',
      project,
      `${t.file}: services.${t.service}.x-deploy.railway.service`,
    ),
  }));
  const snapshot = await api.snapshot(
    projectId,
    environment.id,
    found.map((f) => f.railway.id),
  );
  const services = found.map(({ target, railway }) => {
    const planned = decide(
      target,
      railway,
      wave.get(target.service)!,
      snapshot.get(railway.id)!,
      options.sha,
    );
    // A fresh preview copies a managed database without deploying it: start it as it is
    // configured there (no image or gate is changed), or its dependents would wait forever.
    if (
      options.startIdleManaged &&
      planned.action === 'managed' &&
      !planned.serving &&
      !planned.inProgress
    )
      return { ...planned, action: 'deploy' as const, startOnly: true };
    return planned;
  });
  return {
    projectId,
    projectName: project.name,
    environmentId: environment.id,
    environmentName: environment.name,
    services,
  };
}

function decide(
  target: Target,
  railway: { id: string; name: string },
  wave: number,
  snap: ServiceSnapshot,
  sha: string | undefined,
): PlannedService {
  const { history, instance } = snap;
  const base = { ...target, serviceId: railway.id, railwayName: railway.name, wave, instance };
  const planned: PlannedService = { ...base, history, action: 'deploy', source: {} };
  const publicUrl =
    target.settings.url ?? (instance.domains[0] && `https://${instance.domains[0]}`);
  if (publicUrl) {
    const url = checkUrl(publicUrl, target.gates.healthcheckPath ?? undefined);
    planned.check = { url, expect: target.settings.expect };
  }
  Object.assign(planned, servingOf(history));
  const { wanted } = target;
  if (wanted.kind === 'managed') return { ...planned, action: 'managed' };
  const gatesSame = sameGates(instance, target.gates);
  if (wanted.kind === 'image') {
    const same = instance.image === wanted.image && planned.serving?.image === wanted.image;
    return {
      ...planned,
      action: same && gatesSame ? 'unchanged' : 'deploy',
      source: { image: wanted.image },
    };
  }
  if (instance.image || !instance.repo) {
    throw new UserError(
      `${target.service}: Railway service "${railway.name}" runs an image` +
        `${instance.image ? ` (${instance.image})` : ''}, and ${wanted.tag ?? 'its image'} ` +
        `could not be resolved to a pushed digest (${wanted.why}): pass the build step's ` +
        'images output (images: ${{ steps.<build step>.outputs.images }}), or build with ' +
        'push: true so the tag exists in the registry.',
    );
  }
  const same = sha !== undefined && planned.serving?.commitHash === sha;
  return {
    ...planned,
    action: same && gatesSame ? 'unchanged' : 'deploy',
    source: { commitSha: wanted.commitSha },
  };
}

/** The serving deployment (the newest live one) and one still on its way before it. */
function servingOf(history: Deployment[]) {
  const serving = history.find((d) => LIVE.includes(d.status));
  const servingAt = serving ? history.indexOf(serving) : history.length;
  const inProgress = history.slice(0, servingAt).find((d) => IN_PROGRESS.includes(d.status));
  return { serving, inProgress };
}

/** By id, then exact name, then name in any case. */
function find<T extends { id: string; name: string }>(items: T[], wanted: string | undefined) {
  if (!wanted) return undefined;
  return (
    items.find((i) => i.id === wanted) ??
    items.find((i) => i.name === wanted) ??
    items.find((i) => i.name.toLowerCase() === wanted.toLowerCase())
  );
}

function pick(
  items: { id: string; name: string }[],
  wanted: string | undefined,
  what: string,
  project: ProjectInfo,
  setIn: string,
): { id: string; name: string } {
  const names = items.map((i) => `"${i.name}"`).join(', ') || 'none';
  if (!wanted) {
    throw new UserError(
      `${setIn}: no Railway ${what} set (project "${project.name}" has ${names}).`,
    );
  }
  const found = find(items, wanted);
  if (!found) {
    throw new UserError(
      `${setIn}: Railway project "${project.name}" has no ${what} "${wanted}"; ` +
        `expected one of ${names} (or an id).`,
    );
  }
  return found;
}

/**
 * Never two at once: a deployment already on its way when the run starts is waited for
 * (bounded), then the plan is read again, since it may have replaced what serves. A managed
 * service (a database) that serves nothing and is not on its way fails the run here, before
 * anything changes: its dependents would wait for it in vain.
 */
export async function waitForBusy(
  api: RailwayApi,
  clock: Clock,
  plan: Plan,
  timeoutMs: number,
  info: (m: string) => void,
): Promise<Plan> {
  const busy = () => plan.services.filter((s) => s.inProgress && s.action !== 'unchanged');
  if (busy().length > 0) {
    for (const s of busy()) {
      info(
        `${s.service}: deployment ${s.inProgress!.id} is already ${s.inProgress!.status}; ` +
          'waiting for it before deploying',
      );
    }
    const result = await pollUntil({
      api,
      clock,
      deadline: clock.now() + timeoutMs,
      watch: () => busy().map((s) => s.inProgress!.id),
      settle: (statuses) => {
        for (const s of busy()) {
          if (!IN_PROGRESS.includes(statuses.get(s.inProgress!.id)?.status ?? 'QUEUED')) {
            s.inProgress = undefined;
          }
        }
        return busy().length === 0 ? 'stop' : 'continue';
      },
    });
    if (result === 'timeout') {
      const s = busy()[0]!;
      throw new UserError(
        `${s.service}: deployment ${s.inProgress!.id} started outside this run ` +
          'is still in progress after deploy-timeout; let it finish or cancel it in Railway, ' +
          'then run the deploy again.',
      );
    }
    await refresh(api, plan);
  }
  const down = plan.services.find((s) => s.action === 'managed' && !s.serving);
  if (down) {
    throw new UserError(
      `${down.service}: Railway service "${down.railwayName}" serves nothing in environment ` +
        `"${plan.environmentName}", and the services that depend on it would wait for it in ` +
        'vain: start it in Railway (it is managed there), then run the deploy again.',
    );
  }
  return plan;
}

/** Reads every service's deployments and settings again (one request). */
async function refresh(api: RailwayApi, plan: Plan): Promise<void> {
  const snapshot = await api.snapshot(
    plan.projectId,
    plan.environmentId,
    plan.services.map((s) => s.serviceId),
  );
  for (const service of plan.services) {
    const snap = snapshot.get(service.serviceId)!;
    Object.assign(
      service,
      { history: snap.history, instance: snap.instance },
      servingOf(snap.history),
    );
  }
}
