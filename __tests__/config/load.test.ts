import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { loadStack } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { DOCKERFILES, composeDir } from '../../__fixtures__/compose.js';

const F = 'docker-compose.yml';

function load(compose: string, options = {}, files: Record<string, string> = DOCKERFILES) {
  return loadStack(F, options, composeDir(compose, files));
}

/** The message a user sees, checked to be a ConfigError (so it prints without a stack). */
function problem(compose: string, files?: Record<string, string>): string {
  try {
    load(compose, {}, files);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

const svc = (xDeploy: string) =>
  `services:\n  backend:\n    build: ./backend\n    x-deploy: ${xDeploy}\n`;

describe('a malformed compose file names the file, the path and what was expected', () => {
  it.each([
    [
      'a size in words',
      svc('{ budget: 500 megs }'),
      'docker-compose.yml: services.backend.x-deploy.budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "500 megs"',
    ],
    [
      'a negative size',
      svc('{ budget: -1MB }'),
      'docker-compose.yml: services.backend.x-deploy.budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "-1MB"',
    ],
    [
      'a unit alone',
      svc('{ budget: MB }'),
      'docker-compose.yml: services.backend.x-deploy.budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "MB"',
    ],
    [
      'an empty budget',
      svc('{ budget: "" }'),
      'docker-compose.yml: services.backend.x-deploy.budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got an empty string',
    ],
    [
      'a budget with no value',
      svc('{ budget: }'),
      'docker-compose.yml: services.backend.x-deploy.budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got an empty value',
    ],
    [
      'a bare number as budget',
      svc('{ budget: 500 }'),
      'docker-compose.yml: services.backend.x-deploy.budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got the number 500',
    ],
    [
      'a zero budget',
      svc('{ budget: 0MB }'),
      'docker-compose.yml: services.backend.x-deploy.budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "0MB"',
    ],
    [
      'a budget as a list',
      svc('{ budget: [500MB] }'),
      'docker-compose.yml: services.backend.x-deploy.budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got a list',
    ],
    [
      'an unknown x-deploy key',
      svc('{ budgett: 500MB }'),
      'docker-compose.yml: services.backend.x-deploy: unknown key "budgett"; expected one of budget, migrate, health, railway',
    ],
    [
      'x-deploy as a string',
      svc('yes please'),
      'docker-compose.yml: services.backend.x-deploy: expected a mapping, got "yes please"',
    ],
    [
      'a health URL that is not one',
      svc('{ health: localhost:8000/health }'),
      'docker-compose.yml: services.backend.x-deploy.health: expected an http:// or https:// URL, got "localhost:8000/health"',
    ],
    [
      'a health URL of another scheme',
      svc('{ health: "ftp://localhost/health" }'),
      'docker-compose.yml: services.backend.x-deploy.health: expected an http:// or https:// URL, got "ftp://localhost/health"',
    ],
    [
      'a migrate command as a number',
      svc('{ migrate: 5 }'),
      'docker-compose.yml: services.backend.x-deploy.migrate: expected a command as a string or a list of strings, got the number 5',
    ],
    [
      'an empty migrate list',
      svc('{ migrate: [] }'),
      'docker-compose.yml: services.backend.x-deploy.migrate: expected a command as a string or a list of strings, got a list',
    ],
    [
      'a railway mapping without service',
      svc('{ railway: { name: api } }'),
      'docker-compose.yml: services.backend.x-deploy.railway.service: expected a Railway service name or id, got nothing\n' +
        'docker-compose.yml: services.backend.x-deploy.railway: unknown key "name"; expected one of ' +
        'service, healthcheck, healthcheck-timeout, migrate, deploy-image, backup, url, expect, ' +
        'public, requires',
    ],
    [
      'a railway service that is a number',
      svc('{ railway: { service: 42 } }'),
      'docker-compose.yml: services.backend.x-deploy.railway.service: expected a Railway service name or id, got the number 42',
    ],
    [
      'an unknown key in the file x-deploy',
      'x-deploy: { budgets: 1GB }\nservices:\n  db: { image: postgres:15 }\n',
      'docker-compose.yml: x-deploy: unknown key "budgets"; expected one of budget, railway',
    ],
    [
      'a bad default budget',
      'x-deploy: { budget: huge }\nservices:\n  db: { image: postgres:15 }\n',
      'docker-compose.yml: x-deploy.budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "huge"',
    ],
    [
      'a railway project that is a number',
      'x-deploy: { railway: { project: 7 } }\nservices:\n  db: { image: postgres:15 }\n',
      'docker-compose.yml: x-deploy.railway.project: expected a Railway project id, got the number 7',
    ],
    [
      'a service with neither build nor image',
      'services:\n  worker:\n    command: run\n',
      'docker-compose.yml: services.worker: expected a build or an image key, got neither',
    ],
    [
      'a service that is a string',
      'services:\n  worker: postgres\n',
      'docker-compose.yml: services.worker: expected a mapping of compose keys (build, image, depends_on, ...), got "postgres"',
    ],
    [
      'no services key',
      'x-deploy: { budget: 1GB }\n',
      'docker-compose.yml: services: expected a mapping of services, got nothing',
    ],
    [
      'services as a list',
      'services:\n  - backend\n',
      'docker-compose.yml: services: expected a mapping of services, got a list',
    ],
    [
      'no services at all',
      'services: {}\n',
      'docker-compose.yml: services: expected at least one service, got an empty mapping',
    ],
    [
      'a top-level typo',
      'service:\n  db: { image: postgres:15 }\nservices:\n  db: { image: postgres:15 }\n',
      'docker-compose.yml: service: unknown top-level key; expected one of version, name, services, networks, volumes, configs, secrets, include, models or an x- extension',
    ],
    [
      'a file that is a list',
      '- services\n',
      'docker-compose.yml: (top level): expected a mapping with a services key, got a list',
    ],
    [
      'an empty file',
      '',
      'docker-compose.yml: (top level): expected a mapping with a services key, got an empty value',
    ],
    [
      'a file that is not YAML',
      'services:\n  db: { image: postgres:15\n',
      'docker-compose.yml: (top level): expected YAML, but it is not valid at line 3, column 1: Flow map in block collection must be sufficiently indented and end with a }',
    ],
    [
      'an image that is a number',
      'services:\n  db: { image: 15 }\n',
      'docker-compose.yml: services.db.image: expected an image reference, got the number 15',
    ],
    [
      'a build that is a number',
      'services:\n  api: { build: 3 }\n',
      'docker-compose.yml: services.api.build: expected a build context path or a mapping with context and dockerfile, got the number 3',
    ],
    [
      'a missing build context',
      'services:\n  api: { build: ./api }\n',
      'docker-compose.yml: services.api.build: expected an existing folder, got "./api"',
    ],
    [
      'a missing Dockerfile',
      'services:\n  api: { build: . }\n',
      'docker-compose.yml: services.api.build: expected a Dockerfile at Dockerfile, but it does not exist',
    ],
    [
      'a missing named Dockerfile',
      'services:\n  web: { build: { context: ./frontend, dockerfile: prod.Dockerfile } }\n',
      'docker-compose.yml: services.web.build.dockerfile: expected a Dockerfile at frontend/prod.Dockerfile, but it does not exist',
    ],
    [
      'depends_on as a string',
      'services:\n  db: { image: pg }\n  api: { image: api, depends_on: db }\n',
      'docker-compose.yml: services.api.depends_on: expected a list of service names or a mapping of service name to condition, got "db"',
    ],
    [
      'an unknown depends_on condition',
      'services:\n  db: { image: pg }\n  api: { image: api, depends_on: { db: { condition: healthy } } }\n',
      'docker-compose.yml: services.api.depends_on.db.condition: expected one of service_started, service_healthy, service_completed_successfully, got "healthy"',
    ],
    [
      'a dependency on an unknown service',
      'services:\n  db: { image: pg }\n  api: { image: api, depends_on: [postgres] }\n',
      'docker-compose.yml: services.api.depends_on: expected a service of this file (db, api), got "postgres"',
    ],
    [
      'a cycle in depends_on',
      'services:\n  a: { image: a, depends_on: [c] }\n  b: { image: b, depends_on: [a] }\n  c: { image: c, depends_on: [b] }\n',
      'docker-compose.yml: services.a.depends_on: expected no dependency cycle, got a -> c -> b -> a',
    ],
    [
      'a service that depends on itself',
      'services:\n  a: { image: a, depends_on: [a] }\n',
      'docker-compose.yml: services.a.depends_on: expected no dependency cycle, got a -> a',
    ],
    [
      'a healthcheck that is a string',
      'services:\n  db: { image: pg, healthcheck: pg_isready }\n',
      'docker-compose.yml: services.db.healthcheck: expected a mapping, got "pg_isready"',
    ],
  ])('%s', (_name, compose, message) => {
    expect(problem(compose)).toBe(message);
  });

  it('lists every problem of the file, not just the first', () => {
    const message = problem('services:\n  a: { build: ./nowhere }\n  b: { command: x }\n');
    expect(message.split('\n')).toEqual([
      'docker-compose.yml: services.a.build: expected an existing folder, got "./nowhere"',
      'docker-compose.yml: services.b: expected a build or an image key, got neither',
    ]);
  });

  it('names a compose file that does not exist', () => {
    expect(() => loadStack('nope.yml', {}, composeDir('services: {}\n'))).toThrow(
      'nope.yml: (top level): expected a compose file, but the file does not exist',
    );
  });
});

describe('a valid compose file', () => {
  const compose = `
x-deploy:
  budget: 500MB
  railway: { project: p-1, environment: production }
x-base: &base
  build: { context: ./frontend, dockerfile: web.Dockerfile, args: { NODE_ENV: production } }
services:
  frontend:
    <<: *base
    depends_on: [backend]
    x-deploy: { health: "http://localhost:3005/api/health", railway: { service: web } }
  backend:
    build: ./backend
    depends_on: { postgres: { condition: service_healthy } }
    x-deploy: { budget: 400MiB, migrate: alembic upgrade head }
  postgres:
    image: postgres:15
    healthcheck: { test: ["CMD-SHELL", "pg_isready"] }
`;

  it('orders services so that dependencies come first', () => {
    expect(load(compose).services.map((s) => s.name)).toEqual(['postgres', 'backend', 'frontend']);
  });

  it('resolves builds like compose: relative to the file, merge keys applied', () => {
    const stack = load(compose);
    const frontend = stack.services.find((s) => s.name === 'frontend')!;
    expect(frontend.build).toMatchObject({
      context: path.join(stack.dir, 'frontend'),
      dockerfile: path.join(stack.dir, 'frontend', 'web.Dockerfile'),
      args: { NODE_ENV: 'production' },
      target: undefined,
    });
    expect(frontend.dependsOn).toEqual([{ service: 'backend', condition: 'service_started' }]);
  });

  it.each([
    [
      'the service budget wins over everything',
      'backend',
      { budget: 1e9 },
      400 * 2 ** 20,
      'service',
    ],
    ['the file default applies', 'frontend', {}, 500_000_000, 'file'],
    ['the budget input replaces the file default', 'frontend', { budget: 1e9 }, 1e9, 'input'],
  ])('%s', (_name, service, options, budget, source) => {
    const found = load(compose, options).services.find((s) => s.name === service)!;
    expect([found.budget, found.budgetSource]).toEqual([budget, source]);
  });

  it('uses 500 MB when nothing sets a budget', () => {
    expect(load('services:\n  db: { image: pg }\n').services[0]!.budget).toBe(500_000_000);
  });

  it('reads x-deploy per service and Railway overrides from inputs', () => {
    const stack = load(compose, { railwayEnvironment: 'staging' });
    const backend = stack.services.find((s) => s.name === 'backend')!;
    expect(backend.migrate).toBe('alembic upgrade head');
    expect(stack.railway).toEqual({ project: 'p-1', environment: 'staging' });
    expect(stack.services.find((s) => s.name === 'postgres')!.hasHealthcheck).toBe(true);
  });
});
