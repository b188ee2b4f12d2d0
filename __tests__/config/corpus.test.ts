/**
 * The action's merged model against the real `docker compose config --format json` (v2, the
 * trixie plugin setup-docker.sh installs), for every key the action reads, over a corpus of
 * set-ups: override files, several files, COMPOSE_FILE, profiles, extends, include, every build
 * key, dockerfile_inline, list-form args.
 */
import { describe, expect, it, beforeAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadStack } from '../../src/config/load.js';
import type { Service } from '../../src/config/model.js';

type Files = Record<string, string>;
interface Case {
  files: Files;
  /** `-f` files; none: compose's lookup. */
  given?: string[];
  profiles?: string[];
  env?: Record<string, string>;
}

const DOCKERFILE = 'FROM debian:bookworm-slim\n';

function project(files: Files): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-corpus-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function composeConfig(dir: string, c: Case): Record<string, Record<string, unknown>> {
  const args = ['compose', ...(c.given ?? []).flatMap((f) => ['-f', f])];
  for (const p of c.profiles ?? []) args.push('--profile', p);
  const out = execFileSync('docker', [...args, 'config', '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...cleanEnv(), ...c.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return (JSON.parse(out) as { services: Record<string, Record<string, unknown>> }).services;
}

/** No COMPOSE_* of this machine leaks into a case. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COMPOSE_')));
}

/** Empty lists, mappings, false and nulls dropped: compose omits them, we default them. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, prune(v)] as const)
      .filter(([, v]) => v !== undefined && v !== false && v !== null);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** What compose prints, for the keys the action reads. */
function fromCompose(service: Record<string, unknown>) {
  const build = service.build as Record<string, unknown> | undefined;
  const deps = (service.depends_on ?? {}) as Record<string, { condition: string }>;
  return prune({
    image: service.image,
    depends_on: Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, v.condition])),
    'x-deploy': service['x-deploy'],
    build: build && {
      context: build.context,
      dockerfile: build.dockerfile_inline === undefined ? build.dockerfile : undefined,
      dockerfile_inline: build.dockerfile_inline,
      args: build.args,
      target: build.target,
      tags: build.tags,
      labels: build.labels,
      cache_from: build.cache_from,
      cache_to: build.cache_to,
      platforms: build.platforms,
      additional_contexts: build.additional_contexts,
      network: build.network,
      shm_size: build.shm_size === undefined ? undefined : Number(build.shm_size),
      extra_hosts: build.extra_hosts,
      ulimits: build.ulimits,
      no_cache: build.no_cache,
      pull: build.pull,
      secrets: (build.secrets as { source: string }[] | undefined)?.map((s) => s.source),
      ssh: build.ssh,
    },
  });
}

/** The action's model in compose's shape. */
function fromAction(service: Service, xDeploy: unknown) {
  const b = service.build;
  return prune({
    image: service.image,
    depends_on: Object.fromEntries(service.dependsOn.map((d) => [d.service, d.condition])),
    'x-deploy': xDeploy,
    build: b && {
      context: b.context,
      dockerfile:
        b.dockerfileInline === undefined ? path.relative(b.context, b.dockerfile) : undefined,
      dockerfile_inline: b.dockerfileInline,
      args: b.args,
      target: b.target,
      tags: b.tags.filter((t) => t !== service.image),
      labels: b.labels,
      cache_from: b.cacheFrom,
      cache_to: b.cacheTo,
      platforms: b.platforms,
      additional_contexts: b.additionalContexts,
      network: b.network,
      shm_size: b.shmSize,
      extra_hosts: b.extraHosts,
      ulimits: Object.fromEntries(
        b.ulimits.map((u) => {
          const [name, limit] = u.split('=') as [string, string];
          const [soft, hard] = limit.split(':').map(Number);
          return [name, hard === undefined ? soft : { soft, hard }];
        }),
      ),
      no_cache: b.noCache,
      pull: b.pull,
      secrets: b.secrets.map((s) => s.id),
      ssh: b.ssh,
    },
  });
}

function compare(c: Case) {
  const dir = project(c.files);
  const expected = composeConfig(dir, c);
  const env = { ...cleanEnv(), ...c.env };
  const stack = loadStack(c.given ?? [], { env, profiles: c.profiles }, dir);
  const actual = Object.fromEntries(
    stack.services.map((s) => [s.name, fromAction(s, expected[s.name]?.['x-deploy'])]),
  );
  const wanted = Object.fromEntries(
    Object.entries(expected).map(([name, s]) => [name, fromCompose(s)]),
  );
  return { actual, wanted, dir };
}

beforeAll(() => {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
  } catch {
    throw new Error('These tests need compose v2 (docker compose): run scripts/setup-docker.sh.');
  }
});

const CASES: Record<string, Case> = {
  'the override file beside compose.yaml, found by compose lookup': {
    files: {
      'compose.yaml':
        'services:\n  web:\n    build: ./web\n    x-deploy: { budget: 100MB }\n  db:\n    image: postgres:15\n',
      'compose.override.yaml':
        'services:\n  web:\n    build: { args: { MODE: dev }, target: dev }\n    depends_on: [db]\n',
      'web/Dockerfile': DOCKERFILE,
    },
  },
  'several files, a later one in a subfolder (paths stay relative to the first)': {
    given: ['base.yml', 'ops/ci.yml', 'last.yml'],
    files: {
      'base.yml':
        'services:\n  api:\n    image: r/api:1\n    build:\n      context: api\n      args: [A=1, B=2]\n      tags: [r/api:a]\n      labels: { l1: one }\n',
      'ops/ci.yml':
        'services:\n  api:\n    build:\n      args: { B: three }\n      tags: [r/api:a, r/api:b]\n      labels: [l2=two]\n      cache_from: [r/api:cache]\n',
      'last.yml':
        'services:\n  api:\n    depends_on:\n      cache: { condition: service_healthy }\n  cache:\n    image: redis\n',
      'api/Dockerfile': DOCKERFILE,
    },
  },
  'COMPOSE_FILE with the path separator': {
    env: { COMPOSE_FILE: 'one.yml:two.yml' },
    files: {
      'one.yml': 'services:\n  a:\n    build: .\n',
      'two.yml': 'services:\n  a:\n    image: r/a:2\n',
      Dockerfile: DOCKERFILE,
    },
  },
  'profiles: only the enabled ones, and services without profiles': {
    profiles: ['tools'],
    files: {
      'compose.yaml':
        'services:\n  web:\n    build: .\n  tool:\n    build: .\n    profiles: [tools]\n  debug:\n    image: busybox\n    profiles: [debug]\n',
      Dockerfile: DOCKERFILE,
    },
  },
  'profiles from COMPOSE_PROFILES': {
    env: { COMPOSE_PROFILES: 'debug' },
    files: {
      'compose.yaml':
        'services:\n  web:\n    build: .\n  debug:\n    image: busybox\n    profiles: [debug]\n',
      Dockerfile: DOCKERFILE,
    },
  },
  'extends in the same file and from another file in another folder': {
    files: {
      'compose.yaml':
        'services:\n  base:\n    build: { context: app, args: { X: "1" } }\n  worker:\n    extends: base\n    build: { args: { Y: "2" } }\n  other:\n    extends: { file: lib/common.yml, service: shared }\n    image: r/other\n',
      'lib/common.yml': 'services:\n  shared:\n    build: { context: ctx, target: prod }\n',
      'app/Dockerfile': DOCKERFILE,
      'lib/ctx/Dockerfile': DOCKERFILE,
    },
  },
  'include: services of another file, its paths relative to it': {
    files: {
      'compose.yaml':
        'include:\n  - sub/compose.yaml\nservices:\n  web:\n    build: .\n    depends_on: [lib]\n',
      'sub/compose.yaml': 'services:\n  lib:\n    build: ./ctx\n',
      'sub/ctx/Dockerfile': DOCKERFILE,
      Dockerfile: DOCKERFILE,
    },
  },
  'every build key': {
    files: {
      'compose.yaml': `services:
  all:
    image: r/all:1
    build:
      context: ./ctx
      dockerfile: build.Dockerfile
      args: { A: "1" }
      target: prod
      tags: [r/all:extra]
      labels: { com.example: x }
      cache_from: [r/all:cache]
      cache_to: ["type=inline"]
      platforms: [linux/amd64]
      additional_contexts: { extra: ./extra }
      network: host
      shm_size: 128m
      extra_hosts: ["h1:127.0.0.2", "h2=127.0.0.3"]
      ulimits: { nofile: { soft: 1024, hard: 2048 }, nproc: 65535 }
      no_cache: true
      pull: true
      secrets: [token]
      ssh: [default]
secrets:
  token:
    file: ./token.txt
`,
      'ctx/build.Dockerfile': DOCKERFILE,
      'extra/x': 'x',
      'token.txt': 's',
    },
  },
  dockerfile_inline: {
    files: {
      'compose.yaml':
        'services:\n  inline:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM debian:bookworm-slim\n        RUN echo inline\n',
    },
  },
  'list-form args take the environment, or are left out when unset': {
    env: { FROM_ENV: 'yes', EMPTY: '' },
    files: {
      'compose.yaml':
        'services:\n  a:\n    build:\n      context: .\n      args: [FROM_ENV, EMPTY, UNSET, GIVEN=1]\n  b:\n    build:\n      context: .\n      args: { FROM_ENV: null, UNSET: null }\n',
      Dockerfile: DOCKERFILE,
    },
  },
};

describe('the merged model equals docker compose config (v2)', () => {
  it.each(Object.entries(CASES))('%s', (_name, c) => {
    const { actual, wanted } = compare(c);
    expect(actual).toEqual(wanted);
  });
});
