/**
 * The Reporter in a terminal: plain lines, groups as headings, warnings and errors on stderr.
 * Colour is decided per stream (a TTY stdout may be coloured while a piped stderr is not) and
 * is off whenever NO_COLOR is set to anything (https://no-color.org).
 */
import type { Annotation, Reporter } from './reporter.js';
import { neutralise } from './untrusted.js';

export interface TerminalReporter extends Reporter {
  outputs: Record<string, string>;
}

export interface TerminalOptions {
  verbose?: boolean;
  env?: NodeJS.ProcessEnv;
}

/** The part of a stream the reporter needs: a write, and whether it is a terminal. */
export type Stream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

export function painter(stream: Stream, env: NodeJS.ProcessEnv = process.env) {
  const colour = stream.isTTY === true && !env.NO_COLOR;
  return (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
}

export function terminalReporter(
  out: Stream = process.stdout,
  err: Stream = process.stderr,
  { verbose = false, env = process.env }: TerminalOptions = {},
): TerminalReporter {
  const paintOut = painter(out, env);
  const paintErr = painter(err, env);
  const where = (at?: Annotation) =>
    at?.file ? ` (${at.file}${at.line ? `:${at.line}` : ''})` : '';
  const outputs: Record<string, string> = {};
  return {
    outputs,
    // The CLI may run as a workflow step too: no printed line may act as a workflow command.
    info: (message) => out.write(`${neutralise(message)}\n`),
    debug: (message) => {
      if (verbose) err.write(`${paintErr('2', neutralise(message))}\n`);
    },
    warn: (message, at) =>
      err.write(`${paintErr('33', 'warning')}${where(at)}: ${neutralise(message)}\n`),
    error: (message, at) =>
      err.write(`${paintErr('31', 'error')}${where(at)}: ${neutralise(message)}\n`),
    group: async (title, work) => {
      out.write(`${paintOut('1', `== ${neutralise(title)}`)}\n`);
      return work();
    },
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    summary: async (markdown) => {
      out.write(`\n${markdown}\n`);
    },
  };
}
