/**
 * The few things the deploy logic asks of Railway, as a small interface over the GraphQL
 * client: the state machines depend on this, so they are tested without HTTP when useful.
 */
import { RailwayApiError, RailwayClient, type ClientOptions, type TokenType } from './client.js';
import {
  CANCEL,
  DEPLOYMENT,
  DOMAIN_CREATE,
  ENVIRONMENT_CREATE,
  ENVIRONMENT_DELETE,
  LOGS,
  PROJECT,
  PROJECT_TOKEN,
  RESTORE,
  UPDATE_INSTANCE,
  VOLUMES,
  backupListQuery,
  backupMutation,
  historyQuery,
  pollQuery,
  snapshotQuery,
  variablesQuery,
  waveMutation,
  workflowQuery,
  type DeploymentNode,
  type DeploymentStatus,
  type Edges,
  type InstanceNode,
  type LogLine,
  type WaveStep,
} from './operations.js';
import type { InstanceSettings } from './state.js';

export interface Deployment {
  id: string;
  status: DeploymentStatus;
  createdAt: string;
  canRollback: boolean;
  image?: string;
  commitHash?: string;
  /** Statuses of its containers (RUNNING, RESTARTING, CRASHED, ...). */
  instances: string[];
  /** Who started it, when Railway says. */
  creator?: string;
}

/** What the plan reads of one service in one request. */
export interface ServiceSnapshot {
  /** Newest first. */
  history: Deployment[];
  instance: InstanceSettings & { repo: string | null; domains: string[] };
}

export interface ProjectInfo {
  id: string;
  name: string;
  environments: { id: string; name: string }[];
  services: { id: string; name: string }[];
}

export interface TokenScope {
  projectId: string;
  environmentId: string;
}

export interface RailwayApi {
  project(id: string): Promise<ProjectInfo>;
  /** Recent deployments of each service, newest first, keyed by service id. */
  history(
    projectId: string,
    environmentId: string,
    serviceIds: string[],
  ): Promise<Map<string, Deployment[]>>;
  deployment(id: string): Promise<Deployment & { serviceId?: string; environmentId: string }>;
  /** Current state of several deployments in ONE request. */
  statuses(ids: string[], name?: string): Promise<Map<string, Deployment>>;
  /** Deployments and instance settings of several services in ONE request. */
  snapshot(
    projectId: string,
    environmentId: string,
    serviceIds: string[],
  ): Promise<Map<string, ServiceSnapshot>>;
  /**
   * For several services in ONE request, the names of their variables that are set and not
   * empty. The values never leave this function.
   */
  variableNames(
    projectId: string,
    environmentId: string,
    serviceIds: string[],
  ): Promise<Map<string, Set<string>>>;
  /** The environment's volume instances (each names its service). */
  volumeInstances(environmentId: string): Promise<{ id: string; serviceId: string | null }[]>;
  /** Starts a manual backup of each volume instance (ONE request); workflow ids in order. */
  createBackups(items: { volumeInstanceId: string; name: string }[]): Promise<(string | null)[]>;
  /** State of several workflows in ONE request. */
  workflows(ids: string[]): Promise<Map<string, { status: string; error: string | null }>>;
  /** Backups of several volume instances in ONE request, keyed by volume instance. */
  backups(volumeInstanceIds: string[]): Promise<Map<string, { id: string; name: string | null }[]>>;
  restoreBackup(backupId: string, volumeInstanceId: string): Promise<string | null>;
  createEnvironment(input: {
    projectId: string;
    name: string;
    sourceEnvironmentId: string;
  }): Promise<{ id: string; name: string }>;
  deleteEnvironment(id: string): Promise<void>;
  createDomain(serviceId: string, environmentId: string): Promise<string>;
  /** Several mutations in ONE request, run in order; answers in the same order. */
  wave(environmentId: string, steps: WaveStep[]): Promise<unknown[]>;
  updateInstance(
    serviceId: string,
    environmentId: string,
    input: Record<string, unknown>,
  ): Promise<void>;
  cancel(id: string): Promise<void>;
  logs(id: string, limit: number): Promise<{ build: LogLine[]; deploy: LogLine[] }>;
  /** Least time between polls the rate limit allows now (0: no constraint). */
  pollFloorMs(): number;
  /** Requests to keep back for a rollback of what the run changed. */
  setReserve(requests: number): void;
  /** The auth header the socket of subscriptions is opened with. */
  authHeader(): Record<string, string>;
}

export function railwayApi(client: RailwayClient): RailwayApi {
  return {
    async project(id) {
      const { project } = await client.request(PROJECT, { id });
      return {
        id: project.id,
        name: project.name,
        environments: project.environments.edges.map((e) => e.node),
        services: project.services.edges.map((e) => e.node),
      };
    },
    async history(projectId, environmentId, serviceIds) {
      if (serviceIds.length === 0) return new Map();
      const vars = aliased('s', serviceIds);
      const data = await client.request(historyQuery(serviceIds.length), {
        projectId,
        environmentId,
        ...vars,
      });
      return new Map(
        serviceIds.map((id, i) => [
          id,
          (data[`s${i}`]?.edges ?? []).map((e) => toDeployment(e.node)),
        ]),
      );
    },
    async deployment(id) {
      const { deployment } = await client.request(DEPLOYMENT, { id });
      return {
        ...toDeployment(deployment),
        serviceId: deployment.serviceId ?? undefined,
        environmentId: deployment.environmentId,
      };
    },
    async statuses(ids, name) {
      if (ids.length === 0) return new Map();
      const vars = aliased('d', ids);
      const data = await client.request(pollQuery(ids.length, name), vars);
      return new Map(ids.map((id, i) => [id, toDeployment(data[`d${i}`]!)]));
    },
    async snapshot(projectId, environmentId, serviceIds) {
      if (serviceIds.length === 0) return new Map();
      const vars = aliased('s', serviceIds);
      const data = await client.request(snapshotQuery(serviceIds.length), {
        projectId,
        environmentId,
        ...vars,
      });
      return new Map(
        serviceIds.map((id, i) => {
          const history = data[`h${i}`] as Edges<DeploymentNode> | undefined;
          const instance = data[`i${i}`] as InstanceNode | undefined;
          return [
            id,
            {
              history: (history?.edges ?? []).map((e) => toDeployment(e.node)),
              instance: toInstance(instance),
            },
          ];
        }),
      );
    },
    async variableNames(projectId, environmentId, serviceIds) {
      if (serviceIds.length === 0) return new Map();
      const vars = aliased('s', serviceIds);
      const data = await client.request(variablesQuery(serviceIds.length), {
        projectId,
        environmentId,
        ...vars,
      });
      return new Map(
        serviceIds.map((id, i) => {
          const values = (data[`v${i}`] ?? {}) as Record<string, unknown>;
          const set = Object.keys(values).filter((name) => {
            const value = values[name];
            return typeof value === 'string' ? value.trim() !== '' : value != null;
          });
          return [id, new Set(set)];
        }),
      );
    },
    async createEnvironment(input) {
      const { environmentCreate } = await client.request(ENVIRONMENT_CREATE, {
        input: { ...input, ephemeral: true, skipInitialDeploys: true },
      });
      return environmentCreate;
    },
    async deleteEnvironment(id) {
      await client.request(ENVIRONMENT_DELETE, { id });
    },
    async createDomain(serviceId, environmentId) {
      const data = await client.request(DOMAIN_CREATE, { serviceId, environmentId });
      return data.serviceDomainCreate.domain;
    },
    async volumeInstances(environmentId) {
      const { environment } = await client.request(VOLUMES, { environmentId });
      return environment.volumeInstances.edges.map((e) => e.node);
    },
    async createBackups(items) {
      if (items.length === 0) return [];
      const vars = Object.fromEntries(
        items.flatMap((item, i) => [
          [`v${i}`, item.volumeInstanceId],
          [`n${i}`, item.name],
        ]),
      );
      const data = await client.request(backupMutation(items.length), vars);
      return items.map((_, i) => data[`b${i}`]?.workflowId ?? null);
    },
    async workflows(ids) {
      if (ids.length === 0) return new Map();
      const vars = aliased('w', ids);
      const data = await client.request(workflowQuery(ids.length), vars);
      return new Map(ids.map((id, i) => [id, data[`w${i}`]!]));
    },
    async backups(volumeInstanceIds) {
      if (volumeInstanceIds.length === 0) return new Map();
      const vars = aliased('v', volumeInstanceIds);
      const data = await client.request(backupListQuery(volumeInstanceIds.length), vars);
      return new Map(volumeInstanceIds.map((id, i) => [id, data[`l${i}`] ?? []]));
    },
    async restoreBackup(backupId, volumeInstanceId) {
      const data = await client.request(RESTORE, { backupId, volumeInstanceId });
      return data.volumeInstanceBackupRestore.workflowId;
    },
    async wave(environmentId, steps) {
      if (steps.length === 0) return [];
      const { op, variables } = waveMutation(steps);
      const data = await client.request(op, { environmentId, ...variables });
      return steps.map((_, i) => data[`m${i}`]);
    },
    async updateInstance(serviceId, environmentId, input) {
      await client.request(UPDATE_INSTANCE, { serviceId, environmentId, input });
    },
    async cancel(id) {
      await client.request(CANCEL, { id });
    },
    async logs(id, limit) {
      const data = await client.request(LOGS, { id, limit });
      return { build: data.buildLogs, deploy: data.deploymentLogs };
    },
    pollFloorMs: () => client.pollFloorMs(),
    setReserve: (requests) => client.setReserve(requests),
    authHeader: () => client.authHeader(),
  };
}

/** `{ s0: a, s1: b }`: the variables of an aliased batch (operations.ts names them so). */
function aliased(prefix: string, ids: string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id, i) => [`${prefix}${i}`, id]));
}

export function toDeployment(node: DeploymentNode): Deployment {
  const image = node.meta?.image;
  const commit = node.meta?.commitHash;
  return {
    id: node.id,
    status: node.status,
    createdAt: node.createdAt,
    canRollback: node.canRollback,
    image: typeof image === 'string' ? image : undefined,
    commitHash: typeof commit === 'string' ? commit : undefined,
    instances: (node.instances ?? []).map((i) => i.status),
    creator: node.creator?.name ?? undefined,
  };
}

function toInstance(node: InstanceNode | undefined): ServiceSnapshot['instance'] {
  const command = node?.preDeployCommand;
  const list = Array.isArray(command)
    ? command.map(String)
    : typeof command === 'string'
      ? [command]
      : null;
  return {
    image: node?.source?.image ?? null,
    repo: node?.source?.repo ?? null,
    healthcheckPath: node?.healthcheckPath ?? null,
    healthcheckTimeout: node?.healthcheckTimeout ?? null,
    preDeployCommand: list && list.length ? list : null,
    // A custom domain is what users reach; Railway's own domain otherwise.
    domains: [
      ...(node?.domains?.customDomains ?? []).map((d) => d.domain),
      ...(node?.domains?.serviceDomains ?? []).map((d) => d.domain),
    ],
  };
}

/** The update input that puts an instance's image and gates to `settings`. */
export function instanceInput(settings: Partial<InstanceSettings>): Record<string, unknown> {
  const input: Record<string, unknown> = {
    healthcheckPath: settings.healthcheckPath ?? null,
    healthcheckTimeout: settings.healthcheckTimeout ?? null,
    preDeployCommand: settings.preDeployCommand ?? [],
  };
  if (settings.image) input.source = { image: settings.image };
  return input;
}

export interface Connection {
  api: RailwayApi;
  /** What a project token is scoped to (account tokens see every project they may). */
  scope?: TokenScope;
}

/**
 * A client with the right auth header. `auto` asks Railway: only a project token answers the
 * `projectToken` query, and its answer also names the project and environment it may touch
 * (asked for an explicit project token too when the stack does not name them).
 */
export async function connect(
  options: Omit<ClientOptions, 'tokenType'> & { tokenType: TokenType | 'auto' },
  needScope = false,
): Promise<Connection> {
  const make = (tokenType: TokenType, refusedAsProject?: string) =>
    new RailwayClient({ ...options, tokenType, refusedAsProject });
  const known = options.tokenType === 'account' || (options.tokenType === 'project' && !needScope);
  if (known) return { api: railwayApi(make(options.tokenType as TokenType)) };
  const client = make('project');
  try {
    const { projectToken } = await client.request(PROJECT_TOKEN);
    return { api: railwayApi(client), scope: projectToken };
  } catch (error) {
    if (options.tokenType === 'project' || !(error instanceof RailwayApiError)) throw error;
    options.debug?.('railway: the token is not a project token; using it as an account token');
    // Kept, so that a refusal of the account token too can say both kinds were tried.
    return { api: railwayApi(make('account', error.detail)) };
  }
}
