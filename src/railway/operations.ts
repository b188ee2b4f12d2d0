/**
 * Every GraphQL document the action sends to Railway, with the shape of its result. Plain
 * strings (no graphql-js at runtime keeps dist small); a test validates each one against the
 * trimmed SDL and Railway's published schema. Batched documents are built by functions that
 * alias one root field per deployment or service, so N services cost one request, not N.
 */

export type DeploymentStatus =
  | 'BUILDING'
  | 'CRASHED'
  | 'DEPLOYING'
  | 'FAILED'
  | 'INITIALIZING'
  | 'NEEDS_APPROVAL'
  | 'QUEUED'
  | 'REMOVED'
  | 'REMOVING'
  | 'SKIPPED'
  | 'SLEEPING'
  | 'SUCCESS'
  | 'WAITING';

export interface Operation<TData> {
  name: string;
  kind: 'query' | 'mutation';
  query: string;
  /** A write that leaves the same state however often it is applied: safe to resend. */
  idempotent?: boolean;
  /** Type-only marker so `request(op)` knows what comes back. */
  readonly data?: TData;
}

function operation<TData>(
  kind: 'query' | 'mutation',
  name: string,
  body: string,
): Operation<TData> {
  return { kind, name, query: `${kind} ${name}${body}` };
}

interface Named {
  id: string;
  name: string;
}
interface Edges<T> {
  edges: { node: T }[];
}

export interface DeploymentNode {
  id: string;
  status: DeploymentStatus;
  createdAt: string;
  canRollback: boolean;
  /** Free-form JSON; `image` is set for image deploys. */
  meta: { image?: unknown; [key: string]: unknown } | null;
}

export interface LogLine {
  timestamp: string;
  message: string;
  severity: string | null;
}

const DEPLOYMENT_FIELDS =
  'fragment DeploymentFields on Deployment ' + '{ id status createdAt canRollback meta }';

export const PROJECT = operation<{
  project: Named & { environments: Edges<Named>; services: Edges<Named> };
}>(
  'query',
  'Project',
  `($id: String!) {
  project(id: $id) {
    id name
    environments { edges { node { id name } } }
    services { edges { node { id name } } }
  }
}`,
);

/** Answers only for a project token: how `railway-token-type: auto` tells the kinds apart. */
export const PROJECT_TOKEN = operation<{
  projectToken: { projectId: string; environmentId: string };
}>('query', 'ProjectToken', ' { projectToken { projectId environmentId } }');

export const DEPLOYMENT = operation<{
  deployment: DeploymentNode & { serviceId: string | null; environmentId: string };
}>(
  'query',
  'Deployment',
  `($id: String!) {
  deployment(id: $id) { ...DeploymentFields serviceId environmentId }
}
${DEPLOYMENT_FIELDS}`,
);

/** How many deployments of each service one history request returns (newest first). */
export const HISTORY_DEPTH = 20;

/** The recent deployments of several services in one request, aliased s0, s1, ... */
export function historyQuery(services: number): Operation<Record<string, Edges<DeploymentNode>>> {
  const vars = range(services)
    .map((i) => `, $s${i}: String!`)
    .join('');
  const fields = range(services)
    .map(
      (i) =>
        `  s${i}: deployments(first: ${HISTORY_DEPTH}, ` +
        `input: { projectId: $projectId, environmentId: $environmentId, serviceId: $s${i} }) ` +
        '{ edges { node { ...DeploymentFields } } }',
    )
    .join('\n');
  return operation(
    'query',
    'History',
    `($projectId: String!, $environmentId: String!${vars}) {\n${fields}\n}\n${DEPLOYMENT_FIELDS}`,
  );
}

/** The status of several deployments in one request, aliased d0, d1, ... */
export function pollQuery(deployments: number): Operation<Record<string, DeploymentNode>> {
  const vars = range(deployments)
    .map((i) => `$d${i}: String!`)
    .join(', ');
  const fields = range(deployments)
    .map((i) => `  d${i}: deployment(id: $d${i}) { ...DeploymentFields }`)
    .join('\n');
  return operation('query', 'Poll', `(${vars}) {\n${fields}\n}\n${DEPLOYMENT_FIELDS}`);
}

export const LOGS = operation<{ buildLogs: LogLine[]; deploymentLogs: LogLine[] }>(
  'query',
  'Logs',
  `($id: String!, $limit: Int!) {
  buildLogs(deploymentId: $id, limit: $limit) { timestamp message severity }
  deploymentLogs(deploymentId: $id, limit: $limit) { timestamp message severity }
}`,
);

/**
 * Points the service at an exact image; it does NOT start a deployment, and setting the same
 * image twice changes nothing, so a lost answer may be resent.
 */
export const SET_IMAGE: Operation<{ serviceInstanceUpdate: boolean }> = {
  ...operation(
    'mutation',
    'SetImage',
    `($serviceId: String!, $environmentId: String!, $image: String!) {
  serviceInstanceUpdate(serviceId: $serviceId, environmentId: $environmentId,
    input: { source: { image: $image } })
}`,
  ),
  idempotent: true,
};

export const DEPLOY = operation<{ serviceInstanceDeployV2: string }>(
  'mutation',
  'Deploy',
  `($serviceId: String!, $environmentId: String!, $commitSha: String) {
  serviceInstanceDeployV2(serviceId: $serviceId, environmentId: $environmentId,
    commitSha: $commitSha)
}`,
);

/** Takes the OLD deployment's id and creates a new one; returns only a Boolean. */
export const ROLLBACK = operation<{ deploymentRollback: boolean }>(
  'mutation',
  'Rollback',
  '($id: String!) { deploymentRollback(id: $id) }',
);

/** For an old deployment that can no longer be rolled back to: redeploy its image tag. */
export const REDEPLOY = operation<{ deploymentRedeploy: { id: string; status: DeploymentStatus } }>(
  'mutation',
  'Redeploy',
  '($id: String!) { deploymentRedeploy(id: $id, usePreviousImageTag: true) { id status } }',
);

export const CANCEL = operation<{ deploymentCancel: boolean }>(
  'mutation',
  'Cancel',
  '($id: String!) { deploymentCancel(id: $id) }',
);

/** Every fixed document, for the schema validation test (batched ones are built there). */
export const DOCUMENTS: Operation<unknown>[] = [
  PROJECT,
  PROJECT_TOKEN,
  DEPLOYMENT,
  LOGS,
  SET_IMAGE,
  DEPLOY,
  ROLLBACK,
  REDEPLOY,
  CANCEL,
];

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
