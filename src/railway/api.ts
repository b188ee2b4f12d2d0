/**
 * The few things the deploy logic asks of Railway, as a small interface over the GraphQL
 * client: the state machines depend on this, so they are tested without HTTP when useful.
 */
import { RailwayApiError, RailwayClient, type ClientOptions, type TokenType } from './client.js';
import {
  CANCEL,
  DEPLOY,
  DEPLOYMENT,
  LOGS,
  PROJECT,
  PROJECT_TOKEN,
  REDEPLOY,
  ROLLBACK,
  SET_IMAGE,
  historyQuery,
  pollQuery,
  type DeploymentNode,
  type DeploymentStatus,
  type LogLine,
} from './operations.js';

export interface Deployment {
  id: string;
  status: DeploymentStatus;
  createdAt: string;
  canRollback: boolean;
  image?: string;
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
  statuses(ids: string[]): Promise<Map<string, Deployment>>;
  setImage(serviceId: string, environmentId: string, image: string): Promise<void>;
  /** Starts a deployment and returns its id. */
  deploy(serviceId: string, environmentId: string, commitSha?: string): Promise<string>;
  rollback(id: string): Promise<void>;
  /** Redeploys an old deployment's image tag; returns the new deployment's id. */
  redeploy(id: string): Promise<string>;
  cancel(id: string): Promise<void>;
  logs(id: string, limit: number): Promise<{ build: LogLine[]; deploy: LogLine[] }>;
  /** Least time between polls the rate limit allows now (0: no constraint). */
  pollFloorMs(): number;
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
      const vars = Object.fromEntries(serviceIds.map((id, i) => [`s${i}`, id]));
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
    async statuses(ids) {
      if (ids.length === 0) return new Map();
      const vars = Object.fromEntries(ids.map((id, i) => [`d${i}`, id]));
      const data = await client.request(pollQuery(ids.length), vars);
      return new Map(ids.map((id, i) => [id, toDeployment(data[`d${i}`]!)]));
    },
    async setImage(serviceId, environmentId, image) {
      await client.request(SET_IMAGE, { serviceId, environmentId, image });
    },
    async deploy(serviceId, environmentId, commitSha) {
      const data = await client.request(DEPLOY, { serviceId, environmentId, commitSha });
      return data.serviceInstanceDeployV2;
    },
    async rollback(id) {
      await client.request(ROLLBACK, { id });
    },
    async redeploy(id) {
      return (await client.request(REDEPLOY, { id })).deploymentRedeploy.id;
    },
    async cancel(id) {
      await client.request(CANCEL, { id });
    },
    async logs(id, limit) {
      const data = await client.request(LOGS, { id, limit });
      return { build: data.buildLogs, deploy: data.deploymentLogs };
    },
    pollFloorMs: () => client.pollFloorMs(),
  };
}

function toDeployment(node: DeploymentNode): Deployment {
  const image = node.meta?.image;
  return {
    id: node.id,
    status: node.status,
    createdAt: node.createdAt,
    canRollback: node.canRollback,
    image: typeof image === 'string' ? image : undefined,
  };
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
