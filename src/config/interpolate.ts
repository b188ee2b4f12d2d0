/**
 * Variables in the compose file, substituted the way compose does before it reads the file:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+other}`, `${VAR+other}`, and `$$` for a literal `$`. Values come from the environment,
 * then from a `.env` file beside the compose file. Without this, a build arg written
 * `${NPM_TOKEN}` would reach our `docker build` as those very characters while compose, in the
 * test stack, would substitute it.
 */
import path from 'node:path';
import { ConfigError, type ConfigProblem } from '../errors.js';
import { own, recordOf } from '../records.js';
import { formatPath } from './describe.js';
import { parseDotEnv } from './dotenv.js';
import { readBounded } from './source.js';

export type Variables = Record<string, string | undefined>;
export type Lookup = (name: string) => string | undefined;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/;

/** The variables compose would see: the environment wins over `.env`. */
export function composeVariables(dir: string, env: NodeJS.ProcessEnv): Variables {
  const variables = recordOf(Object.entries(env));
  const dotEnv = readDotEnv(path.join(dir, '.env'), variables);
  return recordOf([...Object.entries(dotEnv), ...Object.entries(variables)]);
}

/** The .env file's variables (none if there is no file), read as compose reads them. */
export function readDotEnv(file: string, env: Variables = recordOf([])): Record<string, string> {
  let text: string;
  try {
    text = readBounded(file, file, 'a .env file', 1024 * 1024);
  } catch (error) {
    if (error instanceof ConfigError && /does not exist/.test(error.message)) return recordOf([]);
    throw error;
  }
  const problems: ConfigProblem[] = [];
  const variables = parseDotEnv(text, env, problems);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return variables;
}

/** Where a value sits, as a chain to its parent: a path is built only for a problem. */
interface At {
  parent: At | undefined;
  key: PropertyKey;
}

function pathOf(base: PropertyKey[], at: At | undefined): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (let a = at; a; a = a.parent) keys.push(a.key);
  return [...base, ...keys.reverse()];
}

/**
 * Every string of the document substituted; problems name the path of the string. A NUL byte
 * in a key or a value (written, or from a variable) is refused here too: no argument or
 * environment variable of a process can carry one.
 */
export function interpolate(
  value: unknown,
  variables: Variables,
  problems: ConfigProblem[],
  at: PropertyKey[] = [],
): unknown {
  const lookup: Lookup = (name) => own(variables, name);
  return walk(value, lookup, problems, at, undefined);
}

function walk(
  value: unknown,
  lookup: Lookup,
  problems: ConfigProblem[],
  base: PropertyKey[],
  at: At | undefined,
): unknown {
  if (typeof value === 'string') {
    const out = value.includes('$') ? substitute(value, lookup, problems, pathOf(base, at)) : value;
    if (out.includes('\0')) nul(problems, pathOf(base, at), 'value');
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      out[i] = walk(value[i], lookup, problems, base, { parent: at, key: i });
    }
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (key.includes('\0')) nul(problems, pathOf(base, at), 'key');
      const item = walk((value as Record<string, unknown>)[key], lookup, problems, base, {
        parent: at,
        key,
      });
      // `__proto__` stays an own key, as every other name.
      if (key === '__proto__') {
        Object.defineProperty(out, key, {
          value: item,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else out[key] = item;
    }
    return out;
  }
  return value;
}

function nul(problems: ConfigProblem[], path: PropertyKey[], what: 'key' | 'value'): void {
  problems.push({
    path: formatPath(path),
    message: `expected text, got a ${what} with a NUL byte`,
  });
}

/**
 * One string substituted, as compose-go's template package does: `${A:-${B:-x}}` nests, the
 * operand is itself substituted (only when it is used), `$$` is a literal `$`.
 */
export function substitute(
  text: string,
  variables: Variables | Lookup,
  problems: ConfigProblem[],
  at: PropertyKey[],
): string {
  if (!text.includes('$')) return text;
  const lookup = typeof variables === 'function' ? variables : (n: string) => own(variables, n);
  const fail = (message: string) => problems.push({ path: formatPath(at), message });
  let out = '';
  let i = 0;
  for (let dollar = text.indexOf('$'); dollar >= 0; dollar = text.indexOf('$', i)) {
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = closingBrace(text, dollar + 1);
      const inner = close < 0 ? undefined : BRACED.exec(text.slice(dollar + 2, close));
      if (!inner) {
        const whole = close < 0 ? text.slice(dollar) : text.slice(dollar, close + 1);
        fail(`expected a variable like \${NAME} or \${NAME:-default}, got "${whole}"`);
        return text;
      }
      const [, name, operator, operand = ''] = inner;
      out += expand(
        name!,
        operator,
        operand,
        lookup,
        (operand) => substitute(operand, lookup, problems, at),
        fail,
      );
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      out += name === undefined ? '$' : (lookup(name) ?? '');
      i = dollar + 1 + (name?.length ?? 0);
    }
  }
  return out + text.slice(i);
}

/** The `}` that closes the `{` at `open`, counting nested braces; -1 if none. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expand(
  name: string,
  operator: string | undefined,
  operand: string,
  lookup: Lookup,
  inner: (operand: string) => string,
  fail: (message: string) => void,
): string {
  const value = lookup(name);
  // With a colon, an empty value counts as unset, as in the shell and in compose.
  const set = operator?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  switch (operator?.replace(':', '')) {
    case '-':
      return set ? value! : inner(operand);
    case '+':
      return set ? inner(operand) : '';
    case '?':
      if (!set)
        fail(`expected the variable ${name} to be set: ${inner(operand) || 'it is required'}`);
      return value ?? '';
    default:
      return value ?? '';
  }
}
