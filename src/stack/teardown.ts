/**
 * Removes a test stack: `compose down -v --remove-orphans`, then anything still carrying the
 * project's label. The sweep matters when compose cannot run (the override file is gone, the
 * compose file changed) and after a killed main phase, whose orphaned `compose up` may still be
 * creating containers: so then (`expectLate`), or when something was left to sweep, it looks
 * again after a pause before it calls the stack gone. A stack that is gone at the first look,
 * torn down by the process that brought it up, is gone: no pause.
 */
import { existsSync } from 'node:fs';
import type { Exec } from '../docker/exec.js';
import type { Reporter } from '../reporter.js';
import { errorMessage } from '../errors.js';
import { sleep as realSleep } from '../time.js';
import { compose, downArgs, PROJECT_LABEL, type ComposeProject } from './compose.js';

export interface Leftovers {
  containers: string[];
  networks: string[];
  volumes: string[];
}

export interface TeardownOptions {
  /** Pause before looking again for late arrivals. */
  settleMs?: number;
  passes?: number;
  /** A `compose up` of a killed process may still be creating containers: look again. */
  expectLate?: boolean;
  log?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export function isEmpty(left: Leftovers): boolean {
  return left.containers.length + left.networks.length + left.volumes.length === 0;
}

export async function leftovers(exec: Exec, project: string): Promise<Leftovers> {
  const filter = ['--filter', `label=${PROJECT_LABEL}=${project}`];
  const ids = async (args: string[]) =>
    (await exec('docker', [...args, ...filter])).stdout.split('\n').filter(Boolean);
  const [containers, networks, volumes] = await Promise.all([
    ids(['ps', '-a', '-q', '--no-trunc']),
    ids(['network', 'ls', '-q', '--no-trunc']),
    ids(['volume', 'ls', '-q']),
  ]);
  return { containers, networks, volumes };
}

/** Returns what is left (nothing, unless docker refused to remove something). */
export async function teardown(
  exec: Exec,
  project: ComposeProject,
  options: TeardownOptions = {},
): Promise<Leftovers> {
  const log = options.log ?? (() => {});
  const sleep = options.sleep ?? realSleep;
  if (project.files.length > 0 && project.files.every((file) => existsSync(file))) {
    try {
      await compose(exec, project).run(downArgs(), { timeoutMs: 120_000 });
    } catch (error) {
      log(`compose down failed, removing by label instead: ${errorMessage(error)}`);
    }
  }
  let left = await leftovers(exec, project.name);
  if (isEmpty(left) && !options.expectLate) return left;
  for (let pass = 1; pass <= (options.passes ?? 3); pass++) {
    if (!isEmpty(left)) await sweep(exec, left, log);
    await sleep(options.settleMs ?? 1000);
    left = await leftovers(exec, project.name);
    if (isEmpty(left)) return left;
  }
  return left;
}

async function sweep(exec: Exec, left: Leftovers, log: (message: string) => void) {
  const attempt = async (args: string[]) => {
    try {
      await exec('docker', args);
    } catch (error) {
      log(`${args.slice(0, 2).join(' ')} failed: ${errorMessage(error).split('\n')[0]}`);
    }
  };
  if (left.containers.length) await attempt(['rm', '-f', '-v', ...left.containers]);
  if (left.networks.length) await attempt(['network', 'rm', ...left.networks]);
  if (left.volumes.length) await attempt(['volume', 'rm', '-f', ...left.volumes]);
}

/**
 * Shell commands a user can paste to remove what is left, one per kind of leftover. Project
 * names are `[a-z0-9][a-z0-9_-]*` (compose's own rule), so they need no quoting.
 */
export function removalCommands(project: string, left?: Leftovers): string[] {
  const filter = `--filter label=${PROJECT_LABEL}=${project}`;
  const all = left === undefined;
  return [
    all || left.containers.length ? `docker rm -f -v $(docker ps -aq ${filter})` : '',
    all || left.networks.length ? `docker network rm $(docker network ls -q ${filter})` : '',
    all || left.volumes.length ? `docker volume rm -f $(docker volume ls -q ${filter})` : '',
  ].filter(Boolean);
}

export interface TeardownDeps {
  exec: Exec;
  reporter: Reporter;
  sleep?: (ms: number) => Promise<void>;
  expectLate?: boolean;
}

/** Teardowns under way, by project: Ctrl-C in the CLI and runTest's finally may both start one. */
const tearingDown = new Map<string, Promise<void>>();

/**
 * Tears a stack down and says so; used at the end here, by the post phase and on Ctrl-C. A
 * second call for a project already being torn down waits for the first and never fails.
 */
export async function tearDown(project: ComposeProject, deps: TeardownDeps): Promise<void> {
  const running = tearingDown.get(project.name);
  if (running) {
    deps.reporter.info(`${project.name}: already being torn down, waiting for it`);
    return running.catch(() => {});
  }
  const work = deps.reporter
    .group(`Tear down ${project.name}`, () => tearDownNow(project, deps))
    .finally(() => tearingDown.delete(project.name));
  tearingDown.set(project.name, work);
  return work;
}

async function tearDownNow(project: ComposeProject, deps: TeardownDeps) {
  const options = { log: deps.reporter.debug, sleep: deps.sleep, expectLate: deps.expectLate };
  const left = await teardown(deps.exec, project, options);
  if (isEmpty(left)) {
    deps.reporter.info(`${project.name}: no container, network or volume left`);
    return;
  }
  deps.reporter.warn(
    `${project.name}: could not remove ${left.containers.length} container(s), ` +
      `${left.networks.length} network(s), ${left.volumes.length} volume(s). ` +
      `Remove them with:\n${removalCommands(project.name, left).join('\n')}`,
  );
}
