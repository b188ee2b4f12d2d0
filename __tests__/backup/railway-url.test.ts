import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClientSchema, parse, validate, type IntrospectionQuery } from 'graphql';
import { loadStack } from '../../src/config/load.js';
import {
  DATABASE_VARIABLES,
  databaseService,
  databaseUrlFromRailway,
  type RailwayUrlInputs,
} from '../../src/backup/railway-url.js';
import { UserError } from '../../src/errors.js';
import { IDS, fakeRailway, type FakeRailway } from '../../__fixtures__/backup/railway.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PUBLISHED = path.resolve(ROOT, '../shared/railway/schema.json');
const EXAMPLE = path.join(ROOT, 'examples/sigmasight/docker-compose.yml');
const withPublished = existsSync(PUBLISHED) ? it : it.skip;
const skipped = existsSync(PUBLISHED) ? '' : ' (SKIPPED: ../shared/railway/schema.json not found)';
const URL = 'postgresql://postgres:pw@roundhouse.proxy.rlwy.net:41234/railway';

let railway: FakeRailway | undefined;
afterEach(() => railway?.close());

function inputs(apiUrl: string, overrides: Partial<RailwayUrlInputs['railway']> = {}) {
  return {
    composeFile: EXAMPLE,
    services: [],
    railway: { token: 'tok', tokenType: 'auto' as const, apiUrl, ...overrides },
  };
}

describe("the Railway database's DATABASE_PUBLIC_URL", () => {
  withPublished(`is read by a document valid in Railway's published schema${skipped}`, () => {
    const schema = buildClientSchema(
      (JSON.parse(readFileSync(PUBLISHED, 'utf8')) as { data: IntrospectionQuery }).data,
    );
    expect(validate(schema, parse(DATABASE_VARIABLES.query)).map((e) => e.message)).toEqual([]);
    expect(DATABASE_VARIABLES.query.startsWith(`query ${DATABASE_VARIABLES.name}`)).toBe(true);
    // The check can fail: a field Railway does not have.
    const wrong = DATABASE_VARIABLES.query.replace('variables(', 'serviceVariables(');
    expect(validate(schema, parse(wrong)).length).toBeGreaterThan(0);
  });

  it("is the postgres service's variable, asked with the project token's scope", async () => {
    railway = await fakeRailway({ DATABASE_PUBLIC_URL: URL, PGPASSWORD: 'pw' });
    const found = await databaseUrlFromRailway(inputs(railway.url));
    expect(found).toEqual({
      url: URL,
      origin: 'Railway variable DATABASE_PUBLIC_URL of sigmasight-postgres',
    });
    const asked = railway.requests.find((r) => r.operation === 'BackupDatabaseVariables');
    expect(asked).toEqual({
      operation: 'BackupDatabaseVariables',
      variables: {
        projectId: IDS.project,
        environmentId: IDS.environment,
        serviceId: IDS.postgres,
      },
      auth: 'project',
    });
  });

  it('says what to do when the database has no public URL', async () => {
    railway = await fakeRailway({
      DATABASE_URL: 'postgresql://postgres:pw@postgres.railway.internal/railway',
    });
    const error = await databaseUrlFromRailway(inputs(railway.url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      'The Railway service sigmasight-postgres has no DATABASE_PUBLIC_URL variable: enable its ' +
        'public TCP proxy (Networking) or set the database-url input.',
    );
  });

  it('needs a token when there is no database-url', async () => {
    await expect(
      databaseUrlFromRailway(inputs('http://127.0.0.1:9/', { token: '' })),
    ).rejects.toThrow(
      'Input "database-url": expected the URL of the database to back up, got nothing ' +
        '(and no railway-token to read it from Railway).',
    );
  });
});

describe('the database service of the stack', () => {
  const stack = loadStack(EXAMPLE, {});

  it("is the example's postgres", () => {
    expect(databaseService(stack.file, stack.services).name).toBe('postgres');
  });

  it('is refused when there is none, or more than one', () => {
    const noDb = stack.services.filter((s) => s.name !== 'postgres');
    expect(() => databaseService('c.yml', noDb)).toThrow(
      'c.yml: no selected service with a postgres image has x-deploy.railway.service: set',
    );
    const pg = stack.services.find((s) => s.name === 'postgres')!;
    const two = [
      ...stack.services,
      { ...pg, name: 'analytics', image: 'ghcr.io/railwayapp-templates/postgres-ssl:16' },
    ];
    expect(() => databaseService('c.yml', two)).toThrow(
      'c.yml: several PostgreSQL services are on Railway (postgres, analytics)',
    );
  });
});
