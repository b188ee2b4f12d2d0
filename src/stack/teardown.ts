/**
 * Removes a test stack: `compose down -v --remove-orphans`, then anything still carrying the
 * project's label. The sweep matters when compose cannot run (the override file is gone, the
 * compose file changed) and after a killed main phase, whose orphaned `compose up` may still be
 * creating containers: so the sweep looks again after a pause before it calls the stack gone.
 */
import { existsSync } from 'node:fs';
import type { Exec } from '../docker/exec.js';
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
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  if (project.files.length > 0 && project.files.every((file) => existsSync(file))) {
    try {
      await compose(exec, project).run(downArgs(), { timeoutMs: 120_000 });
    } catch (error) {
      log(`compose down failed, removing by label instead: ${(error as Error).message}`);
    }
  }
  let left = await leftovers(exec, project.name);
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
      log(`${args.slice(0, 2).join(' ')} failed: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  if (left.containers.length) await attempt(['rm', '-f', '-v', ...left.containers]);
  if (left.networks.length) await attempt(['network', 'rm', ...left.networks]);
  if (left.volumes.length) await attempt(['volume', 'rm', '-f', ...left.volumes]);
}
