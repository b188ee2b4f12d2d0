/**
 * The few answers of Railway's GraphQL API that reading a database URL needs, from a real HTTP
 * server on 127.0.0.1. Shapes from Railway's published schema (../shared/railway/schema.json):
 * `projectToken { projectId environmentId }`, `project(id)` with environment and service edges,
 * `deployments(...)` connections with `serviceInstance(...)` settings, and
 * `variables(projectId, environmentId, serviceId)`, whose
 * EnvironmentVariables scalar is a JSON map of rendered values (docs
 * `integrations/api/manage-variables.md`). A project token answers projectToken; others do not.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRequest, readBody } from '../railway/request.js';

export const IDS = {
  project: '00000000-0000-4000-8000-000000000001',
  environment: 'env-production',
  postgres: 'svc-postgres',
  backend: 'svc-backend',
};

export interface FakeRailway {
  url: string;
  /** Every request: operation name, variables and the auth header that came with it. */
  requests: { operation?: string; variables: Record<string, unknown>; auth: string }[];
  close(): Promise<void>;
}

export async function fakeRailway(variables: Record<string, string>): Promise<FakeRailway> {
  const requests: FakeRailway['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    const parsed = parseRequest(await readBody(req));
    const auth = String(req.headers['project-access-token'] ? 'project' : 'bearer');
    requests.push({ operation: parsed.operation, variables: parsed.variables, auth });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer(parsed.operation, parsed.variables, variables)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql/v2`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function answer(
  operation: string | undefined,
  given: Record<string, unknown>,
  variables: Record<string, string>,
) {
  switch (operation) {
    case 'ProjectToken':
      return { data: { projectToken: { projectId: IDS.project, environmentId: IDS.environment } } };
    case 'Project':
      return {
        data: {
          project: {
            id: IDS.project,
            name: 'sigmasight',
            environments: { edges: [{ node: { id: IDS.environment, name: 'production' } }] },
            services: {
              edges: [
                { node: { id: IDS.postgres, name: 'sigmasight-postgres' } },
                { node: { id: IDS.backend, name: 'sigmasight-backend' } },
              ],
            },
          },
        },
      };
    case 'Snapshot':
      return { data: { h0: { edges: [] }, i0: { source: { image: 'postgres-ssl:15' } } } };
    case 'BackupDatabaseVariables':
      // Railway answers a service's variables; those of another service are not these.
      return { data: { variables: given.serviceId === IDS.postgres ? variables : {} } };
    default:
      return { errors: [{ message: `Problem processing request (${operation})` }] };
  }
}
