import { describe, expect, it } from '@jest/globals';
import { loadStack } from '../../src/config/load.js';
import { parseDotEnv } from '../../src/config/dotenv.js';
import type { ConfigProblem } from '../../src/errors.js';
import { composeDir } from '../../__fixtures__/compose.js';
import { CASE_ENV, DOTENV_CASES, dotEnvText } from '../../__fixtures__/dotenv-cases.js';

function read(text: string, env: Record<string, string> = CASE_ENV) {
  const problems: ConfigProblem[] = [];
  const values = parseDotEnv(text, env, problems);
  return { values: { ...values }, problems };
}

describe('.env, read as compose v2 reads it', () => {
  const all = read(dotEnvText());

  it.each(DOTENV_CASES.map((c) => [c.why ?? c.key, c.line, c.v2, c.key]))(
    '%s: %j is %j',
    (_, __, expected, key) => {
      expect(all.problems).toEqual([]);
      expect(all.values[key]).toBe(expected);
    },
  );

  it('reads each line alone as in the whole file', () => {
    for (const c of DOTENV_CASES.filter((c) => !/\$\{TAG/.test(c.line))) {
      expect(read(`${c.line}\n`).values[c.key]).toBe(c.v2);
    }
  });

  it.each<[string, string, Record<string, string>]>([
    ['a key alone takes the environment', 'FROMENV\nNOTSET\n', { FROMENV: 'os' }],
    ['the environment wins in values', 'A=${FROMENV:-file}\n', { A: 'os' }],
    ['later keys see earlier ones', 'A=1\nB=${A}2\n', { A: '1', B: '12' }],
    [
      'prototype names are ordinary',
      'constructor=1\n__proto__=2\n',
      Object.fromEntries([
        ['constructor', '1'],
        ['__proto__', '2'],
      ]),
    ],
    ['an empty file', '', {}],
    ['only comments', '# x\n  # y\n', {}],
  ])('%s', (_, text, expected) => {
    const { values, problems } = read(text);
    expect(problems).toEqual([]);
    expect(Object.entries(values)).toEqual(Object.entries(expected));
  });

  it.each([
    ['an unclosed quote', 'A="open\nB=1\n', 'line 1', 'expected a closing " for the value'],
    ['a space in a key', 'MY KEY=1\n', 'line 1', 'expected a variable name without spaces'],
    ['a bad character', 'A=1\nB%=2\n', 'line 2', 'expected a variable name of letters'],
    ['a required variable', 'A=${NOPE:?set NOPE}\n', 'line 1', 'expected the variable NOPE'],
  ])('refuses %s, naming the line', (_, text, path, message) => {
    const { problems } = read(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe(path);
    expect(problems[0]!.message).toContain(message);
  });

  it('gives the compose file the .env values compose would (TAG=15 # pinned)', () => {
    const dir = composeDir('services:\n  db:\n    image: "postgres:${TAG}"\n', {
      '.env': 'TAG=15 # pinned\n',
    });
    expect(loadStack('docker-compose.yml', { env: {} }, dir).services[0]!.image).toBe(
      'postgres:15',
    );
  });

  it('names the .env file and its line in a compose error', () => {
    const dir = composeDir('services:\n  db:\n    image: postgres\n', { '.env': 'A="x\n' });
    expect(() => loadStack('docker-compose.yml', { env: {} }, dir)).toThrow(
      /\.env: line 1: expected a closing " for the value/,
    );
  });
});
