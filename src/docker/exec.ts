/**
 * The one way this action runs a program: array arguments (no shell, no quoting bugs), a debug
 * line per command, and ANY non-zero exit turned into a CommandError carrying the command, the
 * exit code and the tail of stderr, so a failure with an empty stderr still fails.
 */
import { spawn } from 'node:child_process';
import { formatDuration } from '../config/units.js';
import { UserError } from '../errors.js';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Called for each complete line of output, as it arrives (progress for long work). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  timeoutMs?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
}

export type Exec = (command: string, args: string[], options?: ExecOptions) => Promise<ExecResult>;

const TAIL_LINES = 20;

export class CommandError extends UserError {
  override name = 'CommandError';
  constructor(
    readonly command: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly stdout: string,
    reason?: string,
  ) {
    super(
      `\`${shownCommand(command)}\` ${reason ?? `exited with code ${exitCode}`}${tailSection(stderr || stdout)}`,
    );
  }

  /** The last lines of what the command said (stderr, else stdout). */
  get tail(): string {
    return lastLines(this.stderr || this.stdout, TAIL_LINES);
  }
}

function tailSection(text: string): string {
  const tail = lastLines(text, TAIL_LINES);
  return tail ? `:\n${tail}` : '';
}

/** Flags whose value is `NAME=value` with a value that may be secret (an npm token). */
const SECRET_VALUE_FLAGS = ['--build-arg'];

/** A command as logged: build-arg values replaced by ***, names kept. */
export function shownCommand(command: readonly string[]): string {
  return command
    .map((arg, i) => {
      const flag = SECRET_VALUE_FLAGS.find((f) => arg.startsWith(`${f}=`));
      if (flag) return `${flag}=${hideValue(arg.slice(flag.length + 1))}`;
      return i > 0 && SECRET_VALUE_FLAGS.includes(command[i - 1]!) ? hideValue(arg) : arg;
    })
    .join(' ');
}

function hideValue(assignment: string): string {
  const eq = assignment.indexOf('=');
  return eq < 0 ? assignment : `${assignment.slice(0, eq)}=***`;
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

export function createExec(debug: (message: string) => void = () => {}): Exec {
  return (command, args, options = {}) =>
    new Promise((resolve, reject) => {
      debug(`exec: ${shownCommand([command, ...args])}`);
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out = collect(child.stdout, 'stdout', options.onLine);
      const err = collect(child.stderr, 'stderr', options.onLine);
      let timedOut = false;
      const timer = options.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            child.kill('SIGTERM');
          }, options.timeoutMs)
        : undefined;
      child.stdin.on('error', () => {}); // the program may exit before reading its input
      child.stdin.end(options.input ?? '');
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        const reason =
          error.code === 'ENOENT'
            ? `could not start: ${command} is not installed or not on PATH`
            : `could not start: ${error.message}`;
        reject(new CommandError([command, ...args], null, '', '', reason));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        const result = { stdout: out.text(), stderr: err.text() };
        if (code === 0) return resolve(result);
        const reason = timedOut
          ? `did not finish within ${formatDuration(options.timeoutMs!)} and was stopped`
          : signal
            ? `was stopped by ${signal}`
            : undefined;
        reject(new CommandError([command, ...args], code, result.stderr, result.stdout, reason));
      });
    });
}

function collect(
  stream: NodeJS.ReadableStream,
  name: 'stdout' | 'stderr',
  onLine?: ExecOptions['onLine'],
) {
  const chunks: Buffer[] = [];
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    if (!onLine) return;
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach((line) => onLine(line, name));
  });
  stream.on('end', () => {
    if (onLine && partial) onLine(partial, name);
  });
  return { text: () => Buffer.concat(chunks).toString('utf8') };
}
