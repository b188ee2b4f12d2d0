/**
 * Variables in the compose file, substituted the way compose does before it reads the file:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+other}`, `${VAR+other}`, and `$$` for a literal `$`. Values come from the environment,
 * then from a `.env` file beside the compose file. Without this, a build arg written
 * `${NPM_TOKEN}` would reach our `docker build` as those very characters while compose, in the
 * test stack, would substitute it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConfigProblem } from '../errors.js';
import { formatPath } from './describe.js';

export type Variables = Record<string, string | undefined>;

const PATTERN = /\$(?:(\$)|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))|\$\{/g;
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/;

/** The variables compose would see: the environment wins over `.env`. */
export function composeVariables(dir: string, env: NodeJS.ProcessEnv): Variables {
  return { ...readDotEnv(path.join(dir, '.env')), ...env };
}

export function readDotEnv(file: string): Variables {
  if (!existsSync(file)) return {};
  const variables: Variables = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    variables[match[1]!] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return variables;
}

/** Every string of the document substituted; problems name the path of the string. */
export function interpolate(
  value: unknown,
  variables: Variables,
  problems: ConfigProblem[],
  at: PropertyKey[] = [],
): unknown {
  if (typeof value === 'string') return substitute(value, variables, problems, at);
  if (Array.isArray(value))
    return value.map((v, i) => interpolate(v, variables, problems, [...at, i]));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolate(v, variables, problems, [...at, k])]),
    );
  }
  return value;
}

function substitute(
  text: string,
  variables: Variables,
  problems: ConfigProblem[],
  at: PropertyKey[],
) {
  return text.replace(PATTERN, (whole, dollar?: string, braced?: string, bare?: string) => {
    if (dollar) return '$';
    if (bare) return variables[bare] ?? '';
    const match = braced === undefined ? null : BRACED.exec(braced);
    if (!match) {
      problems.push({
        path: formatPath(at),
        message: `expected a variable like \${NAME} or \${NAME:-default}, got "${whole}"`,
      });
      return whole;
    }
    const [, name, operator, operand = ''] = match;
    return expand(name!, operator, operand, variables, (message) =>
      problems.push({ path: formatPath(at), message }),
    );
  });
}

function expand(
  name: string,
  operator: string | undefined,
  operand: string,
  variables: Variables,
  fail: (message: string) => void,
): string {
  const value = variables[name];
  // With a colon, an empty value counts as unset, as in the shell and in compose.
  const set = operator?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  switch (operator?.replace(':', '')) {
    case '-':
      return set ? value! : operand;
    case '+':
      return set ? operand : '';
    case '?':
      if (!set) fail(`expected the variable ${name} to be set: ${operand || 'it is required'}`);
      return value ?? '';
    default:
      return value ?? '';
  }
}
