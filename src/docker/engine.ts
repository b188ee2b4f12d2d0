/**
 * What the machine's Docker can do. GitHub's runners have buildx and `docker compose` (v2);
 * plain Debian has the classic builder and `docker-compose` (v1). We use the best available.
 */
import { UserError } from '../errors.js';
import { CommandError, type Exec } from './exec.js';

export type ComposeFlavour = 'v2' | 'v1';

export interface Engine {
  serverVersion: string;
  /** The daemon's `os/arch` (`linux/amd64`), when its API said; undefined from the CLI. */
  platform?: string;
  buildx: boolean;
  compose: ComposeFlavour | undefined;
}

export class EngineUnavailableError extends UserError {
  override name = 'EngineUnavailableError';
}

/** Which compose to use: `auto` is v2 when it answers, else v1. */
export type ComposeChoice = 'auto' | ComposeFlavour;

export interface DetectOptions {
  /** false: no compose needed (a build). */
  compose?: ComposeChoice | false;
  /** false: no buildx needed (a test that builds nothing). */
  buildx?: boolean;
}

/**
 * The daemon always; buildx and compose only when asked. Only the compose that will be used is
 * probed: v2 first under `auto`, v1 (`docker-compose version`, Python: a third of a second)
 * only when v2 does not answer. On the machine's own engine the daemon is asked on its socket
 * and buildx is found where the CLI finds its plugins (./api.ts): no process for either.
 */
export async function detectEngine(
  exec: Exec,
  { compose = 'auto', buildx = true }: DetectOptions = {},
): Promise<Engine> {
  const { version: serverVersion, platform } = await reachDaemon(exec);
  const [hasBuildx, flavour] = await Promise.all([
    buildx && (exec.engine?.hasPlugin('buildx') || succeeds(exec, 'docker', ['buildx', 'version'])),
    compose ? findCompose(exec, compose) : undefined,
  ]);
  return { serverVersion, buildx: hasBuildx, compose: flavour, ...(platform ? { platform } : {}) };
}

async function findCompose(exec: Exec, choice: ComposeChoice): Promise<ComposeFlavour | undefined> {
  const v2 = () => succeeds(exec, 'docker', ['compose', 'version', '--short']);
  const v1 = () => succeeds(exec, 'docker-compose', ['version', '--short']);
  if (choice === 'v2') return (await v2()) ? 'v2' : undefined;
  if (choice === 'v1') return (await v1()) ? 'v1' : undefined;
  if (await v2()) return 'v2';
  return (await v1()) ? 'v1' : undefined;
}

async function reachDaemon(exec: Exec): Promise<{ version: string; platform?: string }> {
  const api = exec.engine?.api();
  if (api) {
    // The socket first; when it does not answer, the CLI below says why in docker's words.
    const answer = await api
      .get<{ Version?: unknown; Os?: unknown; Arch?: unknown }>('/version')
      .catch(() => undefined);
    if (typeof answer?.Version === 'string' && answer.Version) {
      const { Os, Arch } = answer;
      const known = typeof Os === 'string' && typeof Arch === 'string' && Os && Arch;
      return { version: answer.Version, ...(known ? { platform: `${Os}/${Arch}` } : {}) };
    }
  }
  try {
    const { stdout } = await exec('docker', ['version', '--format', '{{.Server.Version}}']);
    return { version: stdout.trim() };
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
