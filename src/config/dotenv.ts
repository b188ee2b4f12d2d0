/**
 * The `.env` beside the compose file, read the way compose v2 reads it (compose-spec/compose-go,
 * dotenv/parser.go and dotenv/env.go), so `TAG=15 # pinned` is `15` here as in the test stack:
 * - blank lines and lines starting with `#` are skipped; `export ` before a key is dropped;
 * - `KEY=value` or `KEY: value`; a key alone on its line takes the environment's value;
 * - unquoted: to the end of the line, cut at ` #`, trailing spaces dropped, `${VAR}` expanded;
 * - 'single': as written, no expansion; \' keeps the quote;
 * - "double": may span lines; \n \t \" \\ \$ and the other C escapes; `${VAR}` expanded.
 * Variables in values see the environment first, then the keys above them in the file.
 * Compose v1 (python-dotenv) agrees on all of this but nested defaults and escapes beyond
 * \n \t \" \\ (the table test names each case where they differ).
 */
import type { ConfigProblem } from '../errors.js';
import { own, recordOf } from '../records.js';
import { substitute, type Lookup, type Variables } from './interpolate.js';

const SPACE = /[\t\v\f\r \u0085\u00a0]/;
const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;

/** The variables of a .env text; a malformed line is a problem naming its line. */
export function parseDotEnv(
  text: string,
  env: Variables,
  problems: ConfigProblem[],
): Record<string, string> {
  const out = recordOf<string>([]);
  const lookup: Lookup = (key) => own(env, key) ?? own(out, key);
  let i = 0;
  const lineAt = (at: number) => text.slice(0, at).split('\n').length;
  const fail = (at: number, message: string) => {
    problems.push({ path: `line ${lineAt(at)}`, message });
    i = text.length;
  };
  while ((i = statementStart(text, i)) < text.length) {
    const key = readKey(text, i);
    if ('error' in key) {
      fail(i, key.error);
      break;
    }
    i = key.next;
    if (key.inherited) {
      const inherited = own(env, key.name);
      if (inherited !== undefined) out[key.name] = inherited;
      continue;
    }
    const value = readValue(text, i, lookup);
    if ('error' in value) {
      fail(i, value.error);
      break;
    }
    if (value.problem) problems.push({ path: `line ${lineAt(i)}`, message: value.problem });
    out[key.name] = value.value;
    i = value.next;
  }
  return out;
}

/** Past blank space (newlines too) and comment lines. */
function statementStart(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/u.test(text[i]!)) i++;
    if (text[i] !== '#') return i;
    const end = text.indexOf('\n', i);
    if (end < 0) return text.length;
    i = end;
  }
}

type Key = { name: string; next: number; inherited: boolean } | { error: string };

function readKey(text: string, from: number): Key {
  let i = from;
  const exported = /^export[\t\v\f\r \u0085\u00a0]+/.exec(text.slice(i, i + 64));
  if (exported) i += exported[0].length;
  const start = i;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (SPACE.test(c)) continue;
    if (c === '=' || c === ':' || c === '\n') {
      const name = text.slice(start, i).replace(/\s+$/u, '');
      if (name.includes(' '))
        return { error: `expected a variable name without spaces, got "${name}"` };
      let next = i + 1;
      while (next < text.length && SPACE.test(text[next]!)) next++;
      return { name, next, inherited: c === '\n' };
    }
    if (!KEY_CHAR.test(c)) {
      return { error: `expected a variable name of letters, digits, "_" and ".", got "${c}"` };
    }
  }
  return { name: text.slice(start).trim(), next: text.length, inherited: true };
}

type Value = { value: string; next: number; problem?: string } | { error: string };

function readValue(text: string, from: number, variables: Lookup): Value {
  const quote = text[from];
  const problems: ConfigProblem[] = [];
  const expand = (raw: string) => substitute(raw, variables, problems, []);
  const withProblem = (value: string, next: number): Value => ({
    value,
    next,
    problem: problems[0]?.message,
  });
  if (quote !== '"' && quote !== "'") {
    const end = text.indexOf('\n', from);
    const line = text.slice(from, end < 0 ? text.length : end);
    const value = line.split(' #')[0]!.replace(/\s+$/u, '');
    return withProblem(expand(value), end < 0 ? text.length : end);
  }
  let chars = '';
  let escaped = false;
  for (let i = from + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c !== quote) {
      if (!escaped && c === '\\') {
        escaped = true;
        continue;
      }
      if (escaped) chars += '\\';
      escaped = false;
      chars += c;
      continue;
    }
    if (escaped) {
      escaped = false;
      chars += c;
      continue;
    }
    const value = quote === '"' ? expand(unescape(chars)) : chars;
    return withProblem(value, i + 1);
  }
  return { error: `expected a closing ${quote} for the value, got the end of the file` };
}

const ESCAPES: Record<string, string> = {
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '"': '"',
  '\\': '\\',
  // `$$` is how the expansion that follows reads a literal `$`.
  $: '$$',
};

/** Go's escapes in a double-quoted value (strconv.UnquoteChar), octal `\0NNN` too. */
function unescape(text: string): string {
  return text.replace(
    /\\(?:([abfnrtv$"\\])|0([0-7]{0,3}))/g,
    (whole, c?: string, octal?: string) => {
      if (c !== undefined) return ESCAPES[c]!;
      // Go drops the 0 and reads the rest as an octal escape, which wants three digits.
      const code = octal!.length === 3 ? parseInt(octal!, 8) : 256;
      return code < 256 ? String.fromCharCode(code) : `\\${octal}`;
    },
  );
}
