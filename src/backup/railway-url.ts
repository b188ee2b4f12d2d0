/**
 * Without a `database-url`, the backup reads the Railway database service's
 * `DATABASE_PUBLIC_URL` (the TCP proxy URL Railway's PostgreSQL template sets; the private
 * `DATABASE_URL` only resolves inside Railway's network). One `variables` query through the
 * same client as the deploy; the value is a secret and is handed to the caller only.
 * Railway's schema: `variables(projectId: String!, environmentId: String!, serviceId: String,
 * unrendered: Boolean): EnvironmentVariables!`, a JSON map of rendered values.
 */
import { loadStack } from '../config/load.js';
import type { Service } from '../config/model.js';
import { selectServices } from '../config/order.js';
import { UserError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import { railwayApi, type TokenScope } from '../railway/api.js';
import { RailwayApiError, RailwayClient, type TokenType } from '../railway/client.js';
import { PROJECT_TOKEN, type Operation } from '../railway/operations.js';
import { makePlan, targets } from '../railway/plan.js';
import type { Wanted } from '../railway/source.js';

export const VARIABLE = 'DATABASE_PUBLIC_URL';

export const DATABASE_VARIABLES: Operation<{ variables: Record<string, unknown> }> = {
  kind: 'query',
  name: 'BackupDatabaseVariables',
  query:
    'query BackupDatabaseVariables($projectId: String!, $environmentId: String!, ' +
    '$serviceId: String) {\n' +
    '  variables(projectId: $projectId, environmentId: $environmentId, serviceId: $serviceId)\n}',
};

export interface ServiceIds {
  projectId: string;
  environmentId: string;
  serviceId: string;
  /** The service's name on Railway, for messages. */
  name: string;
}

export type Requester = Pick<RailwayClient, 'request'>;

/** The service's DATABASE_PUBLIC_URL, with where it came from for messages. */
export async function railwayDatabaseUrl(client: Requester, ids: ServiceIds) {
  const { projectId, environmentId, serviceId } = ids;
  const { variables } = await client.request(DATABASE_VARIABLES, {
    projectId,
    environmentId,
    serviceId,
  });
  const url = variables?.[VARIABLE];
  if (typeof url !== 'string' || url === '') {
    throw new UserError(
      `The Railway service ${ids.name} has no ${VARIABLE} variable: enable ` +
        'its public TCP proxy (Networking) or set the database-url input.',
    );
  }
  return { url, origin: `Railway variable ${VARIABLE} of ${ids.name}` };
}

export type RailwayUrlInputs = Pick<Inputs, 'composeFile' | 'services' | 'railway'>;

export interface RailwayUrlDeps {
  fetch?: typeof fetch;
  debug?: (message: string) => void;
  cwd?: string;
}

/** The default `resolveDatabaseUrl` of `command: backup`: the stack's Railway database. */
export async function databaseUrlFromRailway(inputs: RailwayUrlInputs, deps: RailwayUrlDeps = {}) {
  const stack = loadStack(
    inputs.composeFile,
    { railwayProject: inputs.railway.project, railwayEnvironment: inputs.railway.environment },
    deps.cwd,
  );
  const database = databaseService(
    stack.file,
    selectServices(stack.file, stack.services, inputs.services),
  );
  if (!inputs.railway.token) {
    throw new UserError(
      'Input "database-url": expected the URL of the database to back up, ' +
        'got nothing (and no railway-token to read it from Railway).',
    );
  }
  const { client, scope } = await railwayClient(inputs, deps);
  const list = targets(stack.file, stack.services, [database], new Map([[database.name, MANAGED]]));
  const where = {
    ...stack.railway,
    projectFrom: `${stack.file}: x-deploy.railway.project`,
    environmentFrom: `${stack.file}: x-deploy.railway.environment`,
  };
  const plan = await makePlan(railwayApi(client), where, scope, list);
  const service = plan.services[0]!;
  return railwayDatabaseUrl(client, {
    projectId: plan.projectId,
    environmentId: plan.environmentId,
    serviceId: service.serviceId,
    name: service.railwayName,
  });
}

const MANAGED: Wanted = { kind: 'managed' };

/** The stack maps no PostgreSQL database to Railway: nothing to back up from there. */
export class NoDatabaseError extends UserError {
  override name = 'NoDatabaseError';
}

/** The one selected Railway service marked `x-deploy.railway.backup`, else running PostgreSQL. */
export function databaseService(file: string, services: Service[]): Service {
  const marked = services.filter((s) => s.railway?.backup);
  const found = marked.length
    ? marked
    : services.filter((s) => s.railway && /(^|\/)postgres(ql)?([:@-]|$)/.test(s.image ?? ''));
  if (found.length === 1) return found[0]!;
  const names = found.map((s) => s.name).join(', ');
  throw new (found.length === 0 ? NoDatabaseError : UserError)(
    found.length === 0
      ? `${file}: no selected service with a postgres image has ` +
          'x-deploy.railway.service: set the database-url input, map the database to Railway, or ' +
          'turn the backup off.'
      : `${file}: several PostgreSQL services are on Railway (${names}): pick one with the ` +
          'services input, or set the database-url input.',
  );
}

/** A client with the right auth header: `auto` asks Railway as the deploy does (api.ts). */
async function railwayClient(inputs: RailwayUrlInputs, deps: RailwayUrlDeps) {
  const make = (tokenType: TokenType) =>
    new RailwayClient({
      url: inputs.railway.apiUrl,
      token: inputs.railway.token,
      tokenType,
      fetch: deps.fetch,
      debug: deps.debug,
      environment: inputs.railway.environment,
    });
  if (inputs.railway.tokenType === 'account') return { client: make('account') };
  const client = make('project');
  try {
    const { projectToken } = await client.request(PROJECT_TOKEN);
    return { client, scope: projectToken as TokenScope };
  } catch (error) {
    if (inputs.railway.tokenType === 'project' || !(error instanceof RailwayApiError)) throw error;
    return { client: make('account') };
  }
}
