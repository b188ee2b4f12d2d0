/**
 * `${{ }}` as GitHub evaluates it, through GitHub's own evaluator (@actions/expressions, the
 * library the Actions language services use). What it does not ship, the runner adds: the status
 * functions (success, always, failure, cancelled: docs.github.com "Status check functions") and
 * the implicit `success() &&` of an `if:` without one ("Expressions": "a default status check of
 * success() is applied unless you include one of these functions").
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';

export type Context = Record<string, unknown>;
/** What came before: `skipped` (a needed job was skipped) makes success() and failure() false. */
export type Status = 'success' | 'failure' | 'cancelled' | 'skipped';

const CONTEXTS = [
  'github',
  'env',
  'inputs',
  'vars',
  'secrets',
  'needs',
  'steps',
  'job',
  'jobs',
  'runner',
  'matrix',
  'strategy',
];
const STATUS_FUNCTIONS = ['success', 'always', 'failure', 'cancelled'];

function statusFunctions(status: Status) {
  const fn = (name: string, value: () => boolean) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(value()),
  });
  return new Map(
    [
      fn('success', () => status === 'success'),
      fn('always', () => true),
      fn('failure', () => status === 'failure'),
      fn('cancelled', () => status === 'cancelled'),
    ].map((f) => [f.name, f]),
  );
}

function evaluateData(expression: string, context: Context, status: Status): data.ExpressionData {
  const functions = statusFunctions(status);
  const { tokens } = new Lexer(expression).lex();
  const tree = new Parser(tokens, CONTEXTS, [...functions.values()]).parse();
  const dictionary = JSON.parse(
    JSON.stringify({ ...Object.fromEntries(CONTEXTS.map((c) => [c, {}])), ...context }),
    data.reviver,
  ) as data.Dictionary;
  return new Evaluator(tree, dictionary, functions).evaluate();
}

/** The value of one expression (the text inside `${{ }}`) as plain JSON. */
export function evaluate(expression: string, context: Context, status: Status = 'success') {
  const result = evaluateData(expression, context, status);
  return JSON.parse(JSON.stringify(result, data.replacer) ?? 'null') as unknown;
}

const WHOLE = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/;
const EMBEDDED = /\$\{\{([\s\S]*?)\}\}/g;

/**
 * A workflow value with its expressions replaced: a value that is one expression keeps its type
 * (a `with:` boolean stays a boolean), text around expressions makes a string.
 */
export function interpolate(value: unknown, context: Context): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && !whole[1]!.includes('}}')) return evaluate(whole[1]!, context);
    return value.replace(EMBEDDED, (_, inner: string) =>
      evaluateData(inner, context, 'success').coerceString(),
    );
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, context)]));
  }
  return value;
}

/** An `if:` (with or without `${{ }}`), with GitHub's implicit success() when it names none. */
export function condition(value: unknown, context: Context, status: Status): boolean {
  if (value === undefined || value === null) return status === 'success';
  if (typeof value === 'boolean') return value && status === 'success';
  let text = String(value).trim();
  const whole = WHOLE.exec(text);
  if (whole) text = whole[1]!.trim();
  const named = STATUS_FUNCTIONS.some((f) => new RegExp(`\\b${f}\\s*\\(`, 'i').test(text));
  const full = named ? text : `success() && (${text})`;
  return truthy(evaluateData(full, context, status));
}

/** Text for an INPUT_* or env variable, as the runner writes a value. */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
