/** Several compose files: what is refused, and that every error names the file it is in. */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadStack } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-files-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function refusal(files: Record<string, string>, given: string[] = [], profiles?: string[]) {
  const dir = project(files);
  try {
    loadStack(given, { env: {}, profiles }, dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the compose files to be refused');
}

const BASE = 'services:\n  web:\n    build: .\n';

describe('compose files refused with the file named', () => {
  it.each([
    [
      'a missing context set by the override file names the override file',
      {
        'compose.yaml': BASE,
        Dockerfile: 'FROM x\n',
        'compose.override.yml': 'services:\n  web:\n    build: { context: nowhere }\n',
      },
      'compose.override.yml: services.web.build.context: expected an existing folder, got "nowhere"',
    ],
    [
      'a typo in the second file names the second file',
      {
        'compose.yaml': BASE,
        Dockerfile: 'FROM x\n',
        'ci.yml': 'services:\n  web:\n    depends_on: 3\n',
      },
      'ci.yml: services.web.depends_on: expected a list of service names or a mapping of service name to condition, got the number 3',
      ['compose.yaml', 'ci.yml'],
    ],
    [
      'a problem is named in the file that set that key, not the last file of the service',
      {
        'compose.yaml': `${BASE}    depends_on: [nope]\n`,
        Dockerfile: 'FROM x\n',
        'compose.override.yml': 'services:\n  web:\n    build: { target: t }\n',
      },
      'compose.yaml: services.web.depends_on: expected a service of this file',
    ],
    [
      'an unknown dependency added by the override names the override',
      {
        'compose.yaml': BASE,
        Dockerfile: 'FROM x\n',
        'compose.override.yml': 'services:\n  web:\n    depends_on: [nope]\n',
      },
      'compose.override.yml: services.web.depends_on: expected a service of this file',
    ],
    [
      'include with env_file',
      {
        'compose.yaml': `include:\n  - path: sub.yml\n    env_file: x.env\n${BASE}`,
        Dockerfile: 'FROM x\n',
        'sub.yml': 'services: {}\n',
      },
      'compose.yaml: include[0]: env_file is not supported: put the variables in the environment or a .env beside it',
    ],
    [
      'an included file that defines a service again',
      {
        'compose.yaml': `include: [sub.yml]\n${BASE}`,
        Dockerfile: 'FROM x\n',
        'sub.yml': 'services:\n  web:\n    image: x\n',
      },
      'compose.yaml: services.web: expected a service name of its own, but sub.yml (included) defines web too',
    ],
    [
      'extends of a service that is not there',
      {
        'compose.yaml': 'services:\n  web:\n    extends: { file: lib.yml, service: nope }\n',
        'lib.yml': 'services:\n  base:\n    image: x\n',
      },
      'compose.yaml: services.web.extends: expected a service nope in lib.yml, but it has none',
    ],
    [
      'a service depending on one whose profile is off',
      {
        'compose.yaml': `${BASE}    depends_on: [db]\n  db:\n    image: pg\n    profiles: [db]\n`,
        Dockerfile: 'FROM x\n',
      },
      'compose.yaml: services.web.depends_on: expected db to be enabled, but it is only in profile db: add one to the profiles input (or COMPOSE_PROFILES)',
    ],
    [
      'a build key no builder can honour',
      {
        'compose.yaml': `${BASE.replace('build: .', 'build: { context: ., isolation: hyperv }')}`,
        Dockerfile: 'FROM x\n',
      },
      'compose.yaml: services.web.build.isolation: not supported: it applies to Windows containers only, and the action builds Linux images',
    ],
    [
      'no compose file at all',
      { 'README.md': 'x' },
      'compose.yaml: (top level): expected a compose file: none of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml is in',
    ],
  ])('%s', (_name, files, message, given = []) => {
    expect(refusal(files, given)).toContain(message);
  });
});

describe('compose files read', () => {
  it('keeps profile-only services out unless their profile is on', () => {
    const dir = project({
      'compose.yaml': `${BASE}  tool:\n    build: .\n    profiles: [tools]\n`,
      Dockerfile: 'FROM x\n',
    });
    const names = (profiles?: string[]) =>
      loadStack([], { env: {}, profiles }, dir).services.map((s) => s.name);
    expect([names(), names(['tools']), names(['*'])]).toEqual([
      ['web'],
      ['web', 'tool'],
      ['web', 'tool'],
    ]);
  });

  it('takes a newline separated input and keeps every file for compose', () => {
    const dir = project({
      'a.yml': BASE,
      'b.yml': 'services:\n  web:\n    image: r/web\n',
      Dockerfile: 'FROM x\n',
    });
    const stack = loadStack('a.yml\nb.yml\n', { env: {} }, dir);
    expect([stack.files, stack.paths, stack.services[0]!.build!.tags]).toEqual([
      ['a.yml', 'b.yml'],
      [path.join(dir, 'a.yml'), path.join(dir, 'b.yml')],
      ['r/web'],
    ]);
  });
});
