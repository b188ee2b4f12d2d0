/**
 * A service's `x-deploy.migrate`, run once as a one-off container of the service's own image on
 * the stack's network (`compose run --rm --no-deps`), so it reaches the database by its compose
 * name exactly as the service will. Its exit code and output are kept for the report.
 */
import { commandText, type CommandLine } from '../config/model.js';
import { CommandError } from '../docker/exec.js';
import { runArgs, type Compose } from './compose.js';

export interface MigrationResult {
  service: string;
  command: CommandLine;
  exitCode: number | null;
  /** stdout and stderr, interleaved as they came. */
  output: string[];
  ms: number;
  /** Set when it did not exit 0: what went wrong, in one line. */
  error?: string;
}

export interface MigrateOptions {
  timeoutMs: number;
  /** Each output line as it comes, for the log. */
  onLine?: (line: string) => void;
  now?: () => number;
}

export async function runMigration(
  stack: Compose,
  service: string,
  command: CommandLine,
  options: MigrateOptions,
): Promise<MigrationResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const output: string[] = [];
  const onLine = (line: string) => {
    output.push(line);
    options.onLine?.(line);
  };
  const result = { service, command, output };
  try {
    await stack.run(runArgs(service, command), { onLine, timeoutMs: options.timeoutMs });
    return { ...result, exitCode: 0, ms: now() - started };
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const ms = now() - started;
    const why =
      error.kind === 'timeout'
        ? `did not finish within ${Math.round(options.timeoutMs / 1000)} s`
        : `exited with code ${error.exitCode}`;
    return {
      ...result,
      exitCode: error.exitCode,
      ms,
      error: `migration \`${commandText(command)}\` ${why}`,
    };
  }
}
