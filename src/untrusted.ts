/**
 * Text the user or a platform controls (service names, build and compose logs, Railway
 * messages), made safe to print in the runner's log. The runner reads every line of a step's
 * stdout for workflow commands: `::name::value` once leading whitespace is trimmed, and the
 * older `##[name]value` anywhere in the line (actions/runner, src/Runner.Worker/
 * ActionCommandManager.cs and src/Runner.Common/ActionCommand.cs, TryParseV2 and TryParse).
 * A service named "a\n::save-state name=x::y" would otherwise write the post phase's state.
 */
import { randomBytes } from 'node:crypto';

// Invisible, not whitespace to .NET's TrimStart, so `:\u200b:` is never read as `::`.
const BREAK = '\u200b';
// .NET's TrimStart also drops U+0085 (NEL), which JavaScript's \s does not include.
const COMMAND_AT_LINE_START = /(^|\r\n|\r|\n)([^\S\r\n]|\u0085)*::/g;

/** Every line of `text` kept as it is, except that none can be read as a workflow command. */
export function neutralise(text: string): string {
  return text
    .replace(COMMAND_AT_LINE_START, (match) => `${match.slice(0, -2)}:${BREAK}:`)
    .replace(/##\[/g, `##${BREAK}[`);
}

/**
 * A name or a short value on one line: control characters (newlines, tabs, escape, NUL, the
 * Unicode line separators) shown as escapes, then neutralised.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => escapeChar(c));
  return neutralise(flat);
}

function escapeChar(c: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A token the wrapped text cannot guess: 128 random bits. */
export function stopToken(): string {
  return `deploy-action-${randomBytes(16).toString('hex')}`;
}

/**
 * Long untrusted output between `::stop-commands::<token>` and `::<token>::`: the runner runs
 * no workflow command in between, whatever the lines say. Lines are neutralised as well, so the
 * block stays safe where it is printed outside a runner too.
 */
export function wrapUntrusted(lines: readonly string[], token = stopToken()): string[] {
  return [`::stop-commands::${token}`, ...lines.map((line) => neutralise(line)), `::${token}::`];
}

/** Untrusted lines as they come (a compose `up`, a migration); `end` closes the block. */
export interface UntrustedWriter {
  line(text: string): void;
  end(): void;
}

/** Where untrusted output can go: the Reporter's `info` and its optional `untrusted`. */
export interface UntrustedSink {
  info(message: string): void;
  untrusted?(): UntrustedWriter;
}

/** Under the runner, a stop-commands block opened at the first line; elsewhere, plain lines. */
export function untrustedWriter(sink: UntrustedSink): UntrustedWriter {
  if (sink.untrusted) return sink.untrusted();
  return { line: (text) => sink.info(neutralise(text)), end: () => {} };
}

/** The runner's writer: `print` writes one raw line to the step's log. */
export function stopCommandsWriter(print: (line: string) => void): UntrustedWriter {
  let token: string | undefined;
  return {
    line: (text) => {
      if (token === undefined) {
        token = stopToken();
        print(`::stop-commands::${token}`);
      }
      print(neutralise(text));
    },
    end: () => {
      if (token !== undefined) print(`::${token}::`);
      token = undefined;
    },
  };
}

/** A block of untrusted lines at once. */
export function printUntrusted(sink: UntrustedSink, lines: readonly string[]): void {
  const writer = untrustedWriter(sink);
  lines.forEach((line) => writer.line(line));
  writer.end();
}
