/**
 * What the machine's Docker can do. GitHub's runners have buildx and `docker compose` (v2);
 * plain Debian has the classic builder and `docker-compose` (v1). We use the best available.
 */
import { UserError } from '../errors.js';
import { CommandError, type Exec } from './exec.js';

export type ComposeFlavour = 'v2' | 'v1';

export interface Engine {
  serverVersion: string;
  buildx: boolean;
  compose: ComposeFlavour | undefined;
}

export class EngineUnavailableError extends UserError {
  override name = 'EngineUnavailableError';
}

/**
 * The daemon and buildx always; compose only when asked, because `docker-compose version` (v1,
 * Python) alone costs a third of a second that a warm build should not pay.
 */
export async function detectEngine(exec: Exec, { compose = true } = {}): Promise<Engine> {
  const serverVersion = await reachDaemon(exec);
  const [buildx, composeV2, composeV1] = await Promise.all([
    succeeds(exec, 'docker', ['buildx', 'version']),
    compose && succeeds(exec, 'docker', ['compose', 'version', '--short']),
    compose && succeeds(exec, 'docker-compose', ['version', '--short']),
  ]);
  return { serverVersion, buildx, compose: composeV2 ? 'v2' : composeV1 ? 'v1' : undefined };
}

async function reachDaemon(exec: Exec): Promise<string> {
  try {
    const { stdout } = await exec('docker', ['version', '--format', '{{.Server.Version}}']);
    return stdout.trim();
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    throw new EngineUnavailableError(explainUnreachable(error));
  }
}

/** One sentence the user can act on, with docker's own reason in it. */
export function explainUnreachable(error: CommandError): string {
  if (error.kind === 'spawn') {
    return 'The docker command is not installed or not on PATH: install Docker (or use a runner that has it) and run again.';
  }
  const reason = error.stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /cannot connect|error|denied/i.test(l));
  return `The Docker engine is not reachable (${reason ?? `docker version exited with code ${error.exitCode}`}): start the Docker daemon, or set DOCKER_HOST, and run again.`;
}

async function succeeds(exec: Exec, command: string, args: string[]): Promise<boolean> {
  try {
    await exec(command, args);
    return true;
  } catch {
    return false;
  }
}
