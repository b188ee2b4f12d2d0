/**
 * From the stack to a plan: which Railway project, environment and services (names or ids,
 * matched client-side: Railway has no lookup by name), in which waves, and what each service
 * is serving now (the rollback target). Reads only.
 */
import type { Service } from '../config/model.js';
import { UserError } from '../errors.js';
import type { Deployment, ProjectInfo, RailwayApi, TokenScope } from './api.js';
import { IN_PROGRESS, LIVE } from './state.js';
import { pollUntil, type Clock } from './wait.js';

export interface Target {
  /** The compose service. */
  service: string;
  /** `x-deploy.railway.service`: a name or an id. */
  railway: string;
  /** Mapped services it depends on, directly or through unmapped ones. */
  dependsOn: string[];
  source: { image?: string; commitSha?: string };
}

export interface PlannedService extends Target {
  serviceId: string;
  railwayName: string;
  wave: number;
  /** Newest first. */
  history: Deployment[];
  serving?: Deployment;
  inProgress?: Deployment;
}

export interface Plan {
  projectId: string;
  projectName: string;
  environmentId: string;
  environmentName: string;
  services: PlannedService[];
}

/**
 * The mapped services among `selected`, each with the mapped services it waits for (directly
 * or through unmapped ones such as a managed database), in dependency order.
 */
export function targets(
  services: Service[],
  selected: Service[],
  source: (s: Service) => Target['source'],
): Target[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const chosen = new Set(selected.map((s) => s.name));
  const mappedDeps = new Map<string, string[]>();
  const depsOf = (name: string): string[] => {
    const known = mappedDeps.get(name);
    if (known) return known;
    const found = new Set<string>();
    for (const dep of byName.get(name)?.dependsOn ?? []) {
      if (byName.get(dep.service)?.railway) found.add(dep.service);
      else depsOf(dep.service).forEach((d) => found.add(d));
    }
    mappedDeps.set(name, [...found]);
    return [...found];
  };
  return services
    .filter((s) => s.railway && chosen.has(s.name))
    .map((s) => ({
      service: s.name,
      railway: s.railway!.service,
      source: source(s),
      dependsOn: depsOf(s.name).filter((d) => chosen.has(d)),
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
}

export async function makePlan(
  api: RailwayApi,
  where: Where,
  scope: TokenScope | undefined,
  list: Target[],
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
      `The railway-token is a project token for project ${scope.projectId}, ` +
        `not for ${projectId}: use a token of that project or an account token.`,
    );
  }
  const project = await api.project(projectId);
  const wanted = where.environment ?? scope?.environmentId;
  if (scope && find(project.environments, wanted)?.id !== scope.environmentId) {
    const own = project.environments.find((e) => e.id === scope.environmentId);
    throw new UserError(
      `The railway-token is a project token for environment ` +
        `"${own?.name ?? scope.environmentId}", not "${wanted}": create a token for that ` +
        'environment or use an account token.',
    );
  }
  const environment = pick(
    project.environments,
    wanted,
    'environment',
    project,
    'x-deploy.railway.environment in the compose file or the railway-environment input',
  );
  const wave = waves(list);
  const services = list.map((t) => {
    const found = pick(
      project.services,
      t.railway,
      `service of ${t.service}`,
      project,
      `x-deploy.railway.service of ${t.service}`,
    );
    return {
      ...t,
      serviceId: found.id,
      railwayName: found.name,
      wave: wave.get(t.service)!,
      history: [] as Deployment[],
    };
  });
  const plan = {
    projectId,
    projectName: project.name,
    environmentId: environment.id,
    environmentName: environment.name,
    services,
  };
  await readHistory(api, plan);
  return plan;
}

/** Refreshes each service's history, serving and in-progress deployment (one request). */
export async function readHistory(api: RailwayApi, plan: Plan): Promise<void> {
  const ids = plan.services.map((s) => s.serviceId);
  const history = await api.history(plan.projectId, plan.environmentId, ids);
  for (const service of plan.services) {
    const list = history.get(service.serviceId) ?? [];
    service.history = list;
    service.serving = list.find((d) => LIVE.includes(d.status));
    const servingAt = service.serving ? list.indexOf(service.serving) : list.length;
    service.inProgress = list.slice(0, servingAt).find((d) => IN_PROGRESS.includes(d.status));
  }
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
      `No Railway ${what}: set ${setIn} (project "${project.name}" has ${names}).`,
    );
  }
  const found = find(items, wanted);
  if (!found) {
    throw new UserError(
      `Railway project "${project.name}" has no ${what} "${wanted}"; ` +
        `expected one of ${names} (or an id).`,
    );
  }
  return found;
}

/**
 * Never two at once: a deployment already on its way when the run starts is waited for
 * (bounded), then the serving deployments are read again, since it may have replaced one.
 */
export async function waitForBusy(
  api: RailwayApi,
  clock: Clock,
  plan: Plan,
  timeoutMs: number,
  info: (m: string) => void,
): Promise<void> {
  const busy = () => plan.services.filter((s) => s.inProgress);
  if (busy().length === 0) return;
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
  await readHistory(api, plan);
}
