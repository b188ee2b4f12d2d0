/**
 * The one way this action runs a program: array arguments (no shell, no quoting bugs), a debug
 * line per command, and ANY non-zero exit turned into a CommandError carrying the command, the
 * exit code and the tail of stderr, so a failure with an empty stderr still fails.
 *
 * A CommandError is not a user error: a wrong docker argument is our mistake. The commands
 * translate one into a UserError where the user's input is the cause (a Dockerfile that does
 * not build, an image that cannot be pulled, no docker on PATH).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { formatDuration } from '../config/units.js';
import { cliPluginInstalled, engineApiFor, type EngineApi } from './api.js';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Called for each complete line of output, as it arrives (progress for long work). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  timeoutMs?: number;
  /** After the timeout's SIGTERM, how long the program may take to stop before SIGKILL. */
  killGraceMs?: number;
  /** A long command (a build, `compose up`): its command line is shown, not only debugged. */
  announce?: boolean;
  /** Stops the program (SIGTERM) when aborted: for streams such as `docker events`. */
  signal?: AbortSignal;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
}

export type Exec = ((
  command: string,
  args: string[],
  options?: ExecOptions,
) => Promise<ExecResult>) & {
  /**
   * The machine's engine without a process, where the CLI would reach it the same way
   * (./api.ts): `createExec`'s has it; a stand-in exec of a test has not, and gets the CLI.
   */
  engine?: LocalEngine;
};

export interface LocalEngine {
  /** The Engine API on the socket the CLI would use now, else undefined. */
  api(): EngineApi | undefined;
  /** A docker CLI plugin that is installed (`buildx`), found where the CLI looks for it. */
  hasPlugin(name: string): boolean;
}

/** What went wrong: a non-zero exit, our timeout, a signal from elsewhere, or no start at all. */
export type FailureKind = 'exit' | 'timeout' | 'signal' | 'spawn';

const TAIL_LINES = 20;
export const DEFAULT_KILL_GRACE_MS = 5000;

export class CommandError extends Error {
  override name = 'CommandError';
  readonly kind: FailureKind;
  constructor(
    readonly command: string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    readonly stdout: string,
    reason?: string,
    kind?: FailureKind,
    readonly signal?: NodeJS.Signals,
  ) {
    const how = reason ?? `exited with code ${exitCode}`;
    super(`\`${shownCommand(command)}\` ${how}${tailSection(stderr || stdout)}`);
    this.kind = kind ?? (exitCode === null ? 'spawn' : 'exit');
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

/**
 * `debug` gets every command line; `announce` (default: debug) gets those of long commands,
 * so a user watching a build sees what runs.
 */
export function createExec(
  debug: (message: string) => void = () => {},
  announce: (message: string) => void = debug,
): Exec {
  const exec: Exec = (command, args, options = {}) =>
    new Promise((resolve, reject) => {
      const line = shownCommand([command, ...args]);
      (options.announce ? announce : debug)(options.announce ? `$ ${line}` : `exec: ${line}`);
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const out = collect(child.stdout, 'stdout', options.onLine);
      const err = collect(child.stderr, 'stderr', options.onLine);
      const timer = stopAfter(child, options.timeoutMs, options.killGraceMs);
      const abort = () => child.kill('SIGTERM');
      if (options.signal?.aborted) abort();
      options.signal?.addEventListener('abort', abort, { once: true });
      child.stdin.on('error', () => {}); // the program may exit before reading its input
      child.stdin.end(options.input ?? '');
      const fail = (
        code: number | null,
        said: ExecResult,
        reason: string | undefined,
        kind: FailureKind,
        signal?: NodeJS.Signals | null,
      ) => {
        const full = [command, ...args];
        reject(
          new CommandError(full, code, said.stderr, said.stdout, reason, kind, signal ?? undefined),
        );
      };
      child.on('error', (error: NodeJS.ErrnoException) => {
        timer.clear();
        options.signal?.removeEventListener('abort', abort);
        const reason =
          error.code === 'ENOENT'
            ? `could not start: ${command} is not installed or not on PATH`
            : `could not start: ${error.message}`;
        fail(null, { stdout: '', stderr: '' }, reason, 'spawn');
      });
      child.on('close', (code, signal) => {
        timer.clear();
        options.signal?.removeEventListener('abort', abort);
        const result = { stdout: out.text(), stderr: err.text() };
        if (code === 0) return resolve(result);
        if (timer.fired()) {
          const how = timer.killed() ? ', then killed (SIGKILL)' : ' and was stopped';
          const reason = `did not finish within ${formatDuration(options.timeoutMs!)}${how}`;
          return fail(code, result, reason, 'timeout', signal);
        }
        if (signal) {
          return fail(null, result, `was stopped by ${signal}`, 'signal', signal);
        }
        fail(code, result, undefined, 'exit');
      });
    });
  // Resolved once per set of the variables that choose it (config.json is read once for them).
  const apis = new Map<string, EngineApi | undefined>();
  exec.engine = {
    api: () => {
      const env = process.env;
      const key = [
        env.DOCKER_HOST,
        env.DOCKER_TLS_VERIFY,
        env.DOCKER_CONTEXT,
        env.DOCKER_CONFIG,
        env.HOME,
      ]
        .map((v) => v ?? '')
        .join('\0');
      if (!apis.has(key)) apis.set(key, engineApiFor(env, debug));
      return apis.get(key);
    },
    hasPlugin: (name) => cliPluginInstalled(name, process.env),
  };
  return exec;
}

/** SIGTERM at the timeout; SIGKILL if the program is still there after the grace period. */
function stopAfter(child: ChildProcess, timeoutMs?: number, graceMs = DEFAULT_KILL_GRACE_MS) {
  let fired = false;
  let killed = false;
  let grace: NodeJS.Timeout | undefined;
  const timer = timeoutMs
    ? setTimeout(() => {
        fired = true;
        child.kill('SIGTERM');
        grace = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, graceMs);
      }, timeoutMs)
    : undefined;
  return {
    fired: () => fired,
    killed: () => killed,
    clear: () => {
      clearTimeout(timer);
      clearTimeout(grace);
    },
  };
}

/** Output as text: one decoder per stream, so a character split across chunks stays whole. */
function collect(
  stream: NodeJS.ReadableStream,
  name: 'stdout' | 'stderr',
  onLine?: ExecOptions['onLine'],
) {
  const decoder = new StringDecoder('utf8');
  let text = '';
  let partial = '';
  const feed = (decoded: string) => {
    text += decoded;
    if (!onLine) return;
    const lines = (partial + decoded).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach((line) => onLine(line, name));
  };
  stream.on('data', (chunk: Buffer) => feed(decoder.write(chunk)));
  stream.on('end', () => {
    feed(decoder.end());
    if (onLine && partial) onLine(partial, name);
    partial = '';
  });
  return { text: () => text };
}
