/**
 * `docker compose` (v2, GitHub's runners) and `docker-compose` (v1, plain Debian) behind one
 * interface. The argument builders are pure and the same for both flavours except for the
 * program that runs them: every flag used here exists, with the same meaning, in v1 1.29 and v2.
 */
import type { CommandLine } from '../config/model.js';
import type { ComposeFlavour } from '../docker/engine.js';
import type { Exec, ExecOptions, ExecResult } from '../docker/exec.js';

/** Who a stack is: enough to run compose against it again, from the post phase too. */
export interface ComposeProject {
  flavour: ComposeFlavour;
  /** `-p`: unique per run, so parallel jobs and leftovers never mix. */
  name: string;
  /** `-f` files in order: the user's compose file, then the generated override. */
  files: string[];
  /** Folder compose runs in (the compose file's), so `.env` and relative paths work as usual. */
  cwd: string;
  /** `--profile`: the profiles the action enabled, so compose sees the same services. */
  profiles?: string[];
}

/** The label compose puts on every container, network and volume of a project (v1 and v2). */
export const PROJECT_LABEL = 'com.docker.compose.project';

export function composeProgram(flavour: ComposeFlavour): { command: string; prefix: string[] } {
  return flavour === 'v2'
    ? { command: 'docker', prefix: ['compose'] }
    : { command: 'docker-compose', prefix: [] };
}

/** The full command line for a compose subcommand of this project. */
export function composeCommand(project: ComposeProject, args: string[]): [string, string[]] {
  const { command, prefix } = composeProgram(project.flavour);
  const files = project.files.flatMap((file) => ['-f', file]);
  const profiles = (project.profiles ?? []).flatMap((p) => ['--profile', p]);
  return [command, [...prefix, '-p', project.name, ...files, ...profiles, ...args]];
}

/** Detached, never building: the override pins every built service to its image. */
export function upArgs(services: string[] = []): string[] {
  return ['up', '-d', '--no-build', ...services];
}

/**
 * A one-off container of the service's image on the stack's network. `-T`: no TTY (there is
 * none in CI, and v1 fails asking for one); `--no-deps`: the dependencies are already up.
 */
export function runArgs(service: string, command: CommandLine): string[] {
  return ['run', '--rm', '--no-deps', '-T', service, ...shellOrExec(command)];
}

/** A string is a shell command line (`alembic upgrade head && seed`); a list is exec form. */
export function shellOrExec(command: CommandLine): string[] {
  return typeof command === 'string' ? ['sh', '-c', command] : command;
}

export function downArgs(timeoutSeconds = 10): string[] {
  return ['down', '-v', '--remove-orphans', '--timeout', String(timeoutSeconds)];
}

/** Runs compose subcommands of one project through the action's exec wrapper. */
export interface Compose {
  readonly project: ComposeProject;
  run(args: string[], options?: ExecOptions): Promise<ExecResult>;
}

export function compose(exec: Exec, project: ComposeProject): Compose {
  return {
    project,
    run: (args, options = {}) => {
      const [command, full] = composeCommand(project, args);
      return exec(command, full, { cwd: project.cwd, ...options });
    },
  };
}
