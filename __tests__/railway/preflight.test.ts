/**
 * Preflight: every variable a service needs is set on Railway before anything is deployed.
 * The emulator holds variables per service and environment, as Railway's `variables` query
 * answers them (rendered values; a project token sees its own environment's).
 */
import { describe, expect, it } from '@jest/globals';
import { MANAGED_STACK } from '../../__fixtures__/railway/harness.js';
import { deployWith, output } from './scenarios.js';

const SECRET = 'sk-live-9f8e7d6c5b4a-value';
const DB_URL = 'postgresql://app:pa55w0rd-value@db.internal:5432/app';

/** backend declares what it needs; frontend's needs are inferred from `environment:`. */
const STACK = MANAGED_STACK.replace(
  'x-deploy: { railway: { service: backend } }',
  'x-deploy: { railway: { service: backend, requires: [DATABASE_URL, SECRET_KEY] } }',
).replace(
  '    build: ./frontend\n',
  '    build: ./frontend\n' +
    '    environment:\n' +
    '      BACKEND_URL: ${BACKEND_URL}\n' +
    '      API_KEY: $API_KEY\n' +
    '      MODE: ${MODE:-production}\n' +
    '      FIXED: plain\n',
);

const ALL_SET = {
  backend: { DATABASE_URL: DB_URL, SECRET_KEY: SECRET },
  frontend: { BACKEND_URL: 'https://api.example.test', API_KEY: SECRET },
};

async function run(variables: Record<string, Record<string, string>>, dryRun = false) {
  const r = await deployWith({ variables }, { dryRun }, undefined, STACK);
  // No value of any variable reaches a log line, an output, the summary or the saved state.
  for (const value of [SECRET, DB_URL, 'pa55w0rd-value', 'api.example.test'])
    expect(r.everything).not.toContain(value);
  return r;
}

describe('preflight: Railway variables before the first mutation', () => {
  it('all set: the deploy goes ahead, after one read of every service', async () => {
    const r = await run(ALL_SET);
    expect(r.error).toBeUndefined();
    const reads = r.emulator.requests.filter((q) => q.operation === 'Variables');
    expect(reads).toHaveLength(1);
    expect(reads[0]!.fields).toEqual(['variables', 'variables']);
    expect(r.recorded.lines).toContain(
      'info: Railway variables: every required variable is set (2 services)',
    );
  });

  it('a missing variable stops the run with zero mutations, naming service, variable and environment', async () => {
    const r = await run({ ...ALL_SET, backend: { DATABASE_URL: DB_URL } });
    expect(r.error?.message).toBe(
      'Railway variables missing in environment "production": backend needs SECRET_KEY, not ' +
        'set (or empty) on Railway service "backend". Set them in the Railway dashboard ' +
        '(project "sigmasight" > the service > Variables), then run the deploy again; nothing ' +
        'was changed.',
    );
    expect(r.emulator.mutations()).toHaveLength(0);
  });

  it('an empty variable counts as missing', async () => {
    const r = await run({ ...ALL_SET, backend: { DATABASE_URL: DB_URL, SECRET_KEY: '  ' } });
    expect(r.error?.message).toMatch(/backend needs SECRET_KEY, not set \(or empty\)/);
    expect(r.emulator.mutations()).toHaveLength(0);
  });

  it('infers the list from environment: references without a default, and says so', async () => {
    const r = await run({ ...ALL_SET, frontend: { BACKEND_URL: 'https://api.example.test' } });
    expect(r.error?.message).toMatch(/frontend needs API_KEY, not set/);
    expect(r.error?.message).not.toMatch(/MODE|FIXED/);
    expect(r.recorded.lines).toContain(
      'info: frontend: needs BACKEND_URL, API_KEY on Railway (inferred from its environment: ' +
        'values that are ${VAR} without a default; set x-deploy.railway.requires to name them ' +
        'yourself)',
    );
  });

  it('a dry run reports the same check', async () => {
    const r = await run({ frontend: ALL_SET.frontend }, true);
    expect(r.error?.message).toMatch(/backend needs DATABASE_URL, SECRET_KEY, not set/);
    expect(r.emulator.mutations()).toHaveLength(0);
  });

  it('a project token scoped to the environment can read them (the default token here)', async () => {
    const r = await run(ALL_SET);
    const read = r.emulator.requests.find((q) => q.operation === 'Variables')!;
    expect(read.status).toBe(200);
    expect(read.headers['project-access-token']).toBeDefined();
    expect(output(r).backend.status).toBe('SUCCESS');
  });

  it('asks nothing when no service needs a variable', async () => {
    const r = await deployWith({}, {}, undefined, MANAGED_STACK);
    expect(r.emulator.requests.filter((q) => q.operation === 'Variables')).toHaveLength(0);
  });
});
