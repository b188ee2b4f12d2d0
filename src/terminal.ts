/**
 * The Reporter in a terminal: plain lines, groups as headings, warnings and errors on stderr.
 * Colour only on a TTY, so piped output stays clean.
 */
import type { Annotation, Reporter } from './reporter.js';
import { neutralise } from './untrusted.js';

export interface TerminalReporter extends Reporter {
  outputs: Record<string, string>;
}

export function terminalReporter(
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
  verbose = false,
): TerminalReporter {
  const paint = (code: string, text: string) =>
    out.isTTY ? `\u001b[${code}m${text}\u001b[0m` : text;
  const where = (at?: Annotation) =>
    at?.file ? ` (${at.file}${at.line ? `:${at.line}` : ''})` : '';
  const outputs: Record<string, string> = {};
  return {
    outputs,
    // The CLI may run as a workflow step too: no printed line may act as a workflow command.
    info: (message) => out.write(`${neutralise(message)}\n`),
    debug: (message) => {
      if (verbose) err.write(`${paint('2', neutralise(message))}\n`);
    },
    warn: (message, at) =>
      err.write(`${paint('33', 'warning')}${where(at)}: ${neutralise(message)}\n`),
    error: (message, at) =>
      err.write(`${paint('31', 'error')}${where(at)}: ${neutralise(message)}\n`),
    group: async (title, work) => {
      out.write(`${paint('1', `== ${neutralise(title)}`)}\n`);
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
