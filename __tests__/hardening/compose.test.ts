/**
 * Hostile and malformed compose files (issue 16): each is refused with one sentence naming the
 * file and the path, as a ConfigError (printed without a stack), or read as compose reads it.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadStack } from '../../src/config/load.js';
import { MAX_FILE_BYTES } from '../../src/config/source.js';
import { chooseImages } from '../../src/stack/images.js';
import { withDependencies } from '../../src/stack/plan.js';
import { getInputs } from '../../src/inputs.js';
import { ConfigError, UserError } from '../../src/errors.js';
import { composeDir } from '../../__fixtures__/compose.js';

const F = 'docker-compose.yml';
const DOCKERFILE = { 'app/Dockerfile': 'FROM debian:bookworm-slim\n' };

function load(compose: string, files: Record<string, string> = DOCKERFILE, env = {}) {
  return loadStack(F, { env }, composeDir(compose, files));
}

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

const image = (name: string) => `services:\n  ${name}:\n    image: postgres:15\n`;

describe('service names follow compose, lowercase for image references', () => {
  it.each([
    ['an accent', 'wéb', /services\."wéb": expected a service name of letters, digits/],
    ['a leading underscore (so __proto__ too)', '__proto__', /services\."__proto__": expected a/],
    ['a flag', '"--privileged"', /services\."--privileged": expected a service name/],
    ['a newline', '"web\\n::warning::x"', /services\."web\\n::warning::x": expected a service/],
    ['a space', '"my app"', /expected a service name/],
    ['a slash', '"a/b"', /expected a service name/],
    ['a leading dot', '".hidden"', /expected a service name/],
    ['a command', '"::save-state name=x::y"', /expected a service name/],
  ])('refuses %s', (_, name, message) => {
    const text = refusal(() => load(image(name)));
    expect(text).toMatch(message);
    expect(text.split('\n')).toHaveLength(1);
  });

  it('refuses an uppercase name for a built service, saying why', () => {
    const text = refusal(() => load('services:\n  Api:\n    build: ./app\n'));
    expect(text).toBe(
      'docker-compose.yml: services.Api: expected a lowercase name for a built service, got "Api": its image is named after it, and image references are lowercase',
    );
  });

  it.each(['web', 'db-1', 'api_v2', 'a.b', '9lives', 'constructor', 'toString', 'hasOwnProperty'])(
    'takes %s',
    (name) => {
      expect(load(image(name)).services.map((s) => s.name)).toEqual([name]);
    },
  );
});

describe('names that are Object.prototype keys are ordinary names', () => {
  const compose = [
    'services:',
    '  constructor: { build: ./app }',
    '  valueof: { build: ./app, depends_on: { constructor: { condition: service_started } } }',
    '  toString: { image: postgres:15, depends_on: [valueof, constructor] }',
    '',
  ].join('\n');

  it('keeps every service and its dependencies', () => {
    const stack = load(compose);
    expect(stack.services.map((s) => [s.name, s.dependsOn.map((d) => d.service)])).toEqual([
      ['constructor', []],
      ['valueof', ['constructor']],
      ['toString', ['valueof', 'constructor']],
    ]);
    expect(withDependencies(stack.services, [stack.services[2]!])).toHaveLength(3);
  });

  it('does not find constructor in an images input that lacks it', () => {
    const stack = load(compose);
    const inputs = getInputs(
      (name) =>
        ({
          command: 'test',
          images: '{"__proto__":{"image":"a/b:1"},"valueof":{"image":"x/y:1"}}',
        })[name] ?? '',
      {},
    );
    const choices = chooseImages(stack.services, inputs.images, (s) => `local/${s}:tag`);
    expect(choices).toEqual([
      { service: 'constructor', image: 'local/constructor:tag', source: 'tag' },
      { service: 'valueof', image: 'x/y:1', source: 'input' },
    ]);
  });

  it('keeps a build arg named __proto__', () => {
    const stack = load(
      'services:\n  app:\n    build: { context: ./app, args: { __proto__: x } }\n',
    );
    expect(Object.entries(stack.services[0]!.build!.args)).toEqual([['__proto__', 'x']]);
  });

  it('does not read ${constructor} from Object.prototype', () => {
    expect(load('services:\n  db:\n    image: "pg${constructor}"\n').services[0]!.image).toBe('pg');
  });
});

describe('values compose or docker would refuse', () => {
  it.each([
    [
      'x-deploy under build',
      'services:\n  app:\n    build:\n      context: ./app\n      x-deploy: { budget: 1MB }\n',
      /services\.app\.build\.x-deploy: expected x-deploy directly under the service \(services\.app\.x-deploy\), not under build/,
    ],
    [
      'x-deploy under deploy',
      'services:\n  app:\n    image: x\n    deploy:\n      x-deploy: { budget: 1MB }\n',
      /services\.app\.deploy\.x-deploy: expected x-deploy directly under the service/,
    ],
    [
      'a NUL byte in a value',
      'services:\n  app:\n    image: "post\\0gres"\n',
      /services\.app\.image: expected text, got a value with a NUL byte/,
    ],
    [
      'a NUL byte from a variable',
      'services:\n  app:\n    image: "${NUL}"\n',
      /services\.app\.image: expected text, got a value with a NUL byte/,
    ],
    [
      'a 400-digit budget',
      `services:\n  app:\n    build: ./app\n    x-deploy: { budget: ${'9'.repeat(400)}MB }\n`,
      /services\.app\.x-deploy\.budget: expected a size like 500MB/,
    ],
    [
      'a budget over 1 PB',
      'services:\n  app:\n    build: ./app\n    x-deploy: { budget: 2000TB }\n',
      /services\.app\.x-deploy\.budget: expected a size like 500MB/,
    ],
    [
      'a health URL with credentials',
      'services:\n  app:\n    image: x\n    x-deploy: { health: "http://admin:hunter2@127.0.0.1:8000/health" }\n',
      /^docker-compose\.yml: services\.app\.x-deploy\.health: expected a URL without credentials \(user:password@\), got one with them$/,
    ],
    [
      'a Dockerfile path that is a folder',
      'services:\n  app:\n    build: { context: ./app, dockerfile: sub }\n',
      /services\.app\.build\.dockerfile: expected a Dockerfile at app\/sub, but it is a folder/,
    ],
  ])('refuses %s', (_, compose, message) => {
    const files = { ...DOCKERFILE, 'app/sub/keep': '' };
    expect(refusal(() => load(compose, files, { NUL: 'a\0b' }))).toMatch(message);
  });
});

describe('reads are bounded', () => {
  it('refuses a device such as /dev/zero at once', () => {
    const started = Date.now();
    const text = refusal(() => loadStack('/dev/zero', {}));
    expect(text).toBe(
      '/dev/zero: (top level): expected a compose file, but it is not a regular file (a device, a pipe or a socket)',
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a folder', () => {
    const dir = composeDir(image('db'));
    mkdirSync(path.join(dir, 'folder.yml'));
    expect(refusal(() => loadStack('folder.yml', {}, dir))).toMatch(/but it is a folder$/);
  });

  it('refuses a file over the size limit', () => {
    const dir = composeDir(image('db'));
    writeFileSync(path.join(dir, 'big.yml'), `${image('db')}#${'x'.repeat(MAX_FILE_BYTES)}\n`);
    expect(refusal(() => loadStack('big.yml', {}, dir))).toMatch(
      /^big\.yml: \(top level\): expected a compose file, but it is 16\.8 MB, over the limit of 16\.8 MB$/,
    );
  });

  it('refuses a YAML alias bomb with the file named, as a ConfigError', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `x-bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\n${image('db')}`;
    let error: unknown;
    try {
      load(bomb);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^docker-compose\.yml: \(top level\): expected YAML aliases \(\*name\) to bring in at most 100000 nodes, got more/,
    );
  });

  it('takes shared blocks through merge keys', () => {
    const services = Array.from(
      { length: 500 },
      (_, i) => `  s${i}:\n    <<: *base\n    image: postgres:15`,
    );
    const text = `x-base: &base\n  restart: always\nservices:\n${services.join('\n')}\n`;
    expect(load(text).services).toHaveLength(500);
  });

  it('echoes no more than a snippet of a file that is not compose (a token file)', () => {
    const token = `rw_${'A1b2C3d4'.repeat(8)}`;
    const dir = composeDir(image('db'), { 'token.txt': `${token}\n` });
    const text = refusal(() => loadStack('token.txt', {}, dir));
    expect(text).toBe(
      'token.txt: (top level): expected a mapping with a services key, got a line of text',
    );
    const nested = composeDir(`services:\n  db:\n    image: [x]\n    build: "${token}"\n`);
    expect(refusal(() => loadStack(F, {}, nested))).not.toContain(token);
  });
});

describe('the dependency walk', () => {
  it('orders a 6000-deep depends_on chain', () => {
    const lines = ['services:', '  s0: { image: postgres:15 }'];
    for (let i = 1; i < 6000; i++)
      lines.push(`  s${i}: { image: postgres:15, depends_on: [s${i - 1}] }`);
    // Written last first: the order comes from the walk, not from the file.
    const text = [lines[0], ...lines.slice(1).reverse()].join('\n');
    const stack = load(`${text}\n`);
    expect(stack.services[0]!.name).toBe('s0');
    expect(stack.services[5999]!.name).toBe('s5999');
    expect(withDependencies(stack.services, [stack.services[5999]!])).toHaveLength(6000);
  });

  it('still names a cycle', () => {
    const text =
      'services:\n  a: { image: x, depends_on: [b] }\n  b: { image: x, depends_on: [a] }\n';
    expect(refusal(() => load(text))).toMatch(/expected no dependency cycle, got a -> b -> a/);
  });
});
