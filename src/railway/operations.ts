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
export interface Edges<T> {
  edges: { node: T }[];
}

export interface DeploymentNode {
  id: string;
  status: DeploymentStatus;
  createdAt: string;
  canRollback: boolean;
  /** Free-form JSON; `image` is set for image deploys, `commitHash` for GitHub ones. */
  meta: { image?: unknown; commitHash?: unknown; [key: string]: unknown } | null;
  /** The deployment's containers: RESTARTING or CRASHED here shows a crash loop early. */
  instances?: { status: string }[];
  /** Who started it (a person; none for Railway itself or an integration). */
  creator?: { name: string | null } | null;
}

/** A service instance's settings, as `serviceInstance` reads them back. */
export interface InstanceNode {
  source: { image: string | null; repo: string | null } | null;
  healthcheckPath: string | null;
  healthcheckTimeout: number | null;
  /** JSON in the schema; a list of strings as the action sets it. */
  preDeployCommand: unknown;
  domains?: { serviceDomains: { domain: string }[]; customDomains: { domain: string }[] } | null;
}

export interface LogLine {
  timestamp: string;
  message: string;
  severity: string | null;
}

export const DEPLOYMENT_FIELDS =
  'fragment DeploymentFields on Deployment ' +
  '{ id status createdAt canRollback meta instances { status } creator { name } }';
const INSTANCE_FIELDS =
  'fragment InstanceFields on ServiceInstance ' +
  '{ source { image repo } healthcheckPath healthcheckTimeout preDeployCommand ' +
  'domains { serviceDomains { domain } customDomains { domain } } }';

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

/** Service i's recent deployments in the environment, under `alias`. */
function historyField(alias: string, i: number): string {
  return (
    `  ${alias}: deployments(first: ${HISTORY_DEPTH}, ` +
    `input: { projectId: $projectId, environmentId: $environmentId, serviceId: $s${i} }) ` +
    '{ edges { node { ...DeploymentFields } } }'
  );
}

/** `, $s0: String!, $s1: String!, ...`: one service id variable each. */
function serviceVars(services: number): string {
  return range(services)
    .map((i) => `, $s${i}: String!`)
    .join('');
}

/** The recent deployments of several services in one request, aliased s0, s1, ... */
export function historyQuery(services: number): Operation<Record<string, Edges<DeploymentNode>>> {
  const vars = serviceVars(services);
  const fields = range(services)
    .map((i) => historyField(`s${i}`, i))
    .join('\n');
  return operation(
    'query',
    'History',
    `($projectId: String!, $environmentId: String!${vars}) {\n${fields}\n}\n${DEPLOYMENT_FIELDS}`,
  );
}

/**
 * The plan's one read: for each service its recent deployments (h0, h1, ...) and its
 * instance's settings in the environment (i0, i1, ...): what serves, what it can go back to,
 * and which image and gates Railway would run on the next deploy.
 */
export function snapshotQuery(services: number): Operation<Record<string, unknown>> {
  const vars = serviceVars(services);
  const fields = range(services)
    .map(
      (i) =>
        `${historyField(`h${i}`, i)}\n` +
        `  i${i}: serviceInstance(serviceId: $s${i}, environmentId: $environmentId) ` +
        '{ ...InstanceFields }',
    )
    .join('\n');
  return operation(
    'query',
    'Snapshot',
    `($projectId: String!, $environmentId: String!${vars}) {\n${fields}\n}\n` +
      `${DEPLOYMENT_FIELDS}\n${INSTANCE_FIELDS}`,
  );
}

/**
 * The variables of several services in one request, aliased v0, v1, ... Railway renders
 * reference variables (`${{Postgres.DATABASE_URL}}`) unless `unrendered` is asked for; the
 * values are secrets: the caller keeps only which names are set.
 */
export function variablesQuery(services: number): Operation<Record<string, unknown>> {
  const vars = serviceVars(services);
  const fields = range(services)
    .map(
      (i) =>
        `  v${i}: variables(projectId: $projectId, environmentId: $environmentId, ` +
        `serviceId: $s${i})`,
    )
    .join('\n');
  return operation(
    'query',
    'Variables',
    `($projectId: String!, $environmentId: String!${vars}) {\n${fields}\n}`,
  );
}

/** The volume instances of an environment, each naming its service. */
export const VOLUMES = operation<{
  environment: {
    volumeInstances: Edges<{ id: string; serviceId: string | null; mountPath: string }>;
  };
}>(
  'query',
  'Volumes',
  `($environmentId: String!) {
  environment(id: $environmentId) {
    volumeInstances { edges { node { id serviceId mountPath } } }
  }
}`,
);

/** A manual backup of each volume instance, aliased b0, b1, ...; each answers a workflow id. */
export function backupMutation(
  volumes: number,
): Operation<Record<string, { workflowId: string | null }>> {
  const vars = range(volumes)
    .map((i) => `$v${i}: String!, $n${i}: String!`)
    .join(', ');
  const fields = range(volumes)
    .map(
      (i) =>
        `  b${i}: volumeInstanceBackupCreate(volumeInstanceId: $v${i}, name: $n${i}) { workflowId }`,
    )
    .join('\n');
  return operation('mutation', 'Backup', `(${vars}) {\n${fields}\n}`);
}

/** Several workflows' state in one request, aliased w0, w1, ... */
export function workflowQuery(
  workflows: number,
): Operation<
  Record<string, { status: 'Complete' | 'Error' | 'NotFound' | 'Running'; error: string | null }>
> {
  const vars = range(workflows)
    .map((i) => `$w${i}: String!`)
    .join(', ');
  const fields = range(workflows)
    .map((i) => `  w${i}: workflowStatus(workflowId: $w${i}) { status error }`)
    .join('\n');
  return operation('query', 'Workflows', `(${vars}) {\n${fields}\n}`);
}

/** The backups of several volume instances in one request, aliased l0, l1, ... */
export function backupListQuery(
  volumes: number,
): Operation<Record<string, { id: string; name: string | null; createdAt: string }[]>> {
  const vars = range(volumes)
    .map((i) => `$v${i}: String!`)
    .join(', ');
  const fields = range(volumes)
    .map((i) => `  l${i}: volumeInstanceBackupList(volumeInstanceId: $v${i}) { id name createdAt }`)
    .join('\n');
  return operation('query', 'Backups', `(${vars}) {\n${fields}\n}`);
}

/**
 * Stages a restore of a backup onto its volume instance; Railway deletes the backups newer
 * than it, and the service needs a redeploy to run on it (docs `volumes/backups.md`).
 */
export const RESTORE = operation<{ volumeInstanceBackupRestore: { workflowId: string | null } }>(
  'mutation',
  'Restore',
  `($backupId: String!, $volumeInstanceId: String!) {
  volumeInstanceBackupRestore(volumeInstanceBackupId: $backupId,
    volumeInstanceId: $volumeInstanceId) { workflowId }
}`,
);

/**
 * A preview environment: an ephemeral copy of another one, its services not deployed until
 * the action deploys them (docs `integrations/api/manage-environments.md`). It needs an
 * account or workspace token. Not resent: a create answered by a timeout may still happen,
 * so it is looked up by name before anything is sent again.
 */
export const ENVIRONMENT_CREATE = operation<{ environmentCreate: { id: string; name: string } }>(
  'mutation',
  'EnvironmentCreate',
  `($input: EnvironmentCreateInput!) {
  environmentCreate(input: $input) { id name }
}`,
);

export const ENVIRONMENT_DELETE = operation<{ environmentDelete: boolean }>(
  'mutation',
  'EnvironmentDelete',
  '($id: String!) { environmentDelete(id: $id) }',
);

/** A Railway domain (`*.up.railway.app`) for a service in one environment. */
export const DOMAIN_CREATE = operation<{ serviceDomainCreate: { domain: string } }>(
  'mutation',
  'DomainCreate',
  `($serviceId: String!, $environmentId: String!) {
  serviceDomainCreate(input: { serviceId: $serviceId, environmentId: $environmentId }) { domain }
}`,
);

/** One mutation of a wave request. */
export type WaveStep =
  | { op: 'update'; serviceId: string; input: Record<string, unknown> }
  | { op: 'deploy'; serviceId: string; commitSha?: string }
  | { op: 'rollback'; deploymentId: string };

/**
 * The mutations of a whole wave in ONE request, aliased m0, m1, ... Mutations of one request
 * run one after another, in order (GraphQL spec, "Normal and Serial Execution"), so a
 * service's update (image and gates) lands before its deploy starts.
 */
export function waveMutation(steps: WaveStep[]): {
  op: Operation<Record<string, unknown>>;
  variables: Record<string, unknown>;
} {
  const vars: string[] = ['$environmentId: String!'];
  const fields: string[] = [];
  const variables: Record<string, unknown> = {};
  steps.forEach((step, i) => {
    if (step.op === 'rollback') {
      vars.push(`$m${i}: String!`);
      variables[`m${i}`] = step.deploymentId;
      fields.push(`  m${i}: deploymentRollback(id: $m${i})`);
      return;
    }
    vars.push(`$m${i}: String!`);
    variables[`m${i}`] = step.serviceId;
    if (step.op === 'update') {
      vars.push(`$u${i}: ServiceInstanceUpdateInput!`);
      variables[`u${i}`] = step.input;
      fields.push(
        `  m${i}: serviceInstanceUpdate(serviceId: $m${i}, environmentId: $environmentId, ` +
          `input: $u${i})`,
      );
      return;
    }
    vars.push(`$c${i}: String`);
    variables[`c${i}`] = step.commitSha ?? null;
    fields.push(
      `  m${i}: serviceInstanceDeployV2(serviceId: $m${i}, environmentId: $environmentId, ` +
        `commitSha: $c${i})`,
    );
  });
  return {
    op: operation('mutation', 'Wave', `(${vars.join(', ')}) {\n${fields.join('\n')}\n}`),
    variables,
  };
}

/** The status of several deployments in one request, aliased d0, d1, ... */
export function pollQuery(
  deployments: number,
  name = 'Poll',
): Operation<Record<string, DeploymentNode>> {
  const vars = range(deployments)
    .map((i) => `$d${i}: String!`)
    .join(', ');
  const fields = range(deployments)
    .map((i) => `  d${i}: deployment(id: $d${i}) { ...DeploymentFields }`)
    .join('\n');
  return operation('query', name, `(${vars}) {\n${fields}\n}\n${DEPLOYMENT_FIELDS}`);
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
 * Sets a service instance's settings (source image, gates); it does NOT start a deployment,
 * and the same settings twice leave the same instance, so a lost answer may be resent. Used
 * alone only to put settings back; a deploy sends it inside its wave request.
 */
export const UPDATE_INSTANCE: Operation<{ serviceInstanceUpdate: boolean }> = {
  ...operation(
    'mutation',
    'UpdateInstance',
    `($serviceId: String!, $environmentId: String!, $input: ServiceInstanceUpdateInput!) {
  serviceInstanceUpdate(serviceId: $serviceId, environmentId: $environmentId, input: $input)
}`,
  ),
  idempotent: true,
};

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
  UPDATE_INSTANCE,
  CANCEL,
  VOLUMES,
  RESTORE,
  ENVIRONMENT_CREATE,
  ENVIRONMENT_DELETE,
  DOMAIN_CREATE,
];

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
