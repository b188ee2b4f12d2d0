/**
 * The base branch's size report, kept in the Actions cache: a push build saves its report under
 * `<prefix>-<compose file>-<branch>-<sha>`; a PR build restores the newest one of its base
 * branch by prefix. The file and branch are escaped so that no key is another's prefix: two
 * stacks of one repository, or `main` and `main-x`, never read each other's baseline.
 * The cache API is passed in (a fake in unit tests); an unreachable cache service is a warning.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SizeReport } from '../budget/report.js';
import { errorMessage } from '../errors.js';

export interface CacheApi {
  isFeatureAvailable(): boolean;
  saveCache(paths: string[], key: string): Promise<number>;
  restoreCache(
    paths: string[],
    primaryKey: string,
    restoreKeys?: string[],
  ): Promise<string | undefined>;
}

export interface BaselineStore {
  cache: CacheApi;
  /** A folder of its own: the cache restores into the very path it saved. */
  dir: string;
  /** The compose file the sizes belong to (one baseline per stack). */
  stack: string;
  warn: (message: string) => void;
}

const KEY_PREFIX = 'deploy-action-sizes';
const FILE = 'size-report.json';

/** Hyphen-free, so `-` separates the parts of a key. */
const part = (text: string) => encodeURIComponent(text).replace(/-/g, '%2D');
const keyPrefix = (stack: string, branch: string) =>
  `${KEY_PREFIX}-${part(stack)}-${part(branch)}-`;

export const baselineKey = (stack: string, branch: string, sha: string) =>
  `${keyPrefix(stack, branch)}${sha}`;

export async function saveBaseline(
  store: BaselineStore,
  report: SizeReport,
  branch: string,
): Promise<boolean> {
  if (!available(store)) return false;
  await mkdir(store.dir, { recursive: true });
  await writeFile(path.join(store.dir, FILE), JSON.stringify(report));
  try {
    await store.cache.saveCache([store.dir], baselineKey(store.stack, branch, report.sha));
    return true;
  } catch (error) {
    store.warn(`Could not save the size baseline for ${branch}: ${errorMessage(error)}`);
    return false;
  }
}

export async function restoreBaseline(
  store: BaselineStore,
  branch: string,
): Promise<SizeReport | undefined> {
  if (!available(store)) return undefined;
  const prefix = keyPrefix(store.stack, branch);
  try {
    const hit = await store.cache.restoreCache([store.dir], prefix, [prefix]);
    if (!hit) return undefined;
    const report = JSON.parse(await readFile(path.join(store.dir, FILE), 'utf8')) as SizeReport;
    return report.version === 1 ? report : undefined;
  } catch (error) {
    store.warn(`Could not restore the size baseline of ${branch}: ${errorMessage(error)}`);
    return undefined;
  }
}

function available(store: BaselineStore): boolean {
  if (store.cache.isFeatureAvailable()) return true;
  store.warn(
    'The Actions cache service is not available here (a local run or GHES without cache): image sizes are not compared with the base branch.',
  );
  return false;
}
