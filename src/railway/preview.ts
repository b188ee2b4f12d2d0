/**
 * Pull-request preview environments on Railway: an ephemeral copy of a source environment
 * (`environmentCreate` with `sourceEnvironmentId`, `ephemeral`, `skipInitialDeploys`; docs
 * `integrations/api/manage-environments.md`), found again by name on the next push, deleted
 * when the pull request closes. A create answered by a gateway timeout may still have
 * happened (shared/railway/README.md, "Environments"): it is looked up by name, never sent
 * twice. Every mutation here is checked to target the preview, never its source or the
 * stack's own environment.
 */
import { errorMessage } from '../errors.js';
import { UserError } from '../errors.js';
import type { ProjectInfo, RailwayApi } from './api.js';
import { RailwayAnswerLostError, RailwayUnavailableError } from './client.js';
import type { Clock } from './wait.js';

export interface PreviewTarget {
  projectId: string;
  /** The preview environment's name (`pr-<number>` by default). */
  name: string;
  /** The environment it copies (`preview-from`, name or id). */
  from: string;
  /** Environments the preview must never be: the source, and the stack's own. */
  protectedNames: string[];
}

export interface PreviewEnvironment {
  environmentId: string;
  name: string;
  created: boolean;
  sourceEnvironmentId: string;
}

const LOOK = { everyMs: 5000, forMs: 60_000 };

/** Finds the preview, or creates it from its source; a lost create is found, not resent. */
export async function ensurePreview(
  api: RailwayApi,
  clock: Clock,
  target: PreviewTarget,
  log: (m: string) => void,
): Promise<PreviewEnvironment> {
  const project = await api.project(target.projectId);
  const source = byNameOrId(project, target.from);
  if (!source) {
    throw new UserError(
      `Input "preview-from": Railway project "${project.name}" has no environment ` +
        `"${target.from}" to copy; expected one of ${names(project)}.`,
    );
  }
  guard(target, target.name, source.id, project);
  const existing = project.environments.find((e) => e.name === target.name);
  if (existing) {
    log(`Preview environment "${target.name}" exists (${existing.id}); deploying into it`);
    return {
      environmentId: existing.id,
      name: existing.name,
      created: false,
      sourceEnvironmentId: source.id,
    };
  }
  log(`Creating preview environment "${target.name}" as a copy of "${source.name}"`);
  try {
    const made = await api.createEnvironment({
      projectId: target.projectId,
      name: target.name,
      sourceEnvironmentId: source.id,
    });
    return {
      environmentId: made.id,
      name: made.name,
      created: true,
      sourceEnvironmentId: source.id,
    };
  } catch (error) {
    if (!(error instanceof RailwayAnswerLostError) && !(error instanceof RailwayUnavailableError))
      throw error;
    log(`Railway's answer to the create was lost (${errorMessage(error)}); looking for it by name`);
    const found = await lookFor(api, clock, target);
    if (found) return { ...found, created: true, sourceEnvironmentId: source.id };
    throw new UserError(
      `Railway did not confirm the preview environment "${target.name}" and it has not appeared ` +
        `within ${LOOK.forMs / 1000} s; run the workflow again (it is found by name, never made twice).`,
    );
  }
}

async function lookFor(api: RailwayApi, clock: Clock, target: PreviewTarget) {
  const until = clock.now() + LOOK.forMs;
  for (;;) {
    const project = await api.project(target.projectId).catch(() => undefined);
    const env = project?.environments.find((e) => e.name === target.name);
    if (env) return { environmentId: env.id, name: env.name };
    if (clock.now() >= until) return undefined;
    await clock.sleep(LOOK.everyMs);
  }
}

/** Never the source, never the stack's own environment, always a name the preview owns. */
export function guard(target: PreviewTarget, name: string, sourceId: string, project: ProjectInfo) {
  const env = project.environments.find((e) => e.name === name);
  const forbidden = target.protectedNames.some((p) => p === name || p === env?.id);
  if (forbidden || env?.id === sourceId || name === target.from) {
    throw new UserError(
      `Input "preview-name": "${name}" is the source or the stack's own environment; a preview ` +
        'must have a name of its own (default pr-<number>).',
    );
  }
}

/** A Railway domain for each public service that has none in the preview. */
export async function ensureDomains(
  api: RailwayApi,
  previewId: string,
  services: { service: string; serviceId: string; domains: string[] }[],
  log: (m: string) => void,
): Promise<void> {
  for (const s of services.filter((x) => x.domains.length === 0)) {
    const domain = await api.createDomain(s.serviceId, previewId);
    log(`${s.service}: made Railway domain ${domain} in the preview`);
  }
}

/** Deletes the preview by name; returns what happened. Checked like every preview mutation. */
export async function deletePreview(
  api: RailwayApi,
  target: PreviewTarget,
): Promise<'deleted' | 'absent'> {
  const project = await api.project(target.projectId);
  const source = byNameOrId(project, target.from);
  guard(target, target.name, source?.id ?? '', project);
  const env = project.environments.find((e) => e.name === target.name);
  if (!env) return 'absent';
  await api.deleteEnvironment(env.id);
  return 'deleted';
}

/** `pr-<n>` environments (per the preview-name pattern) and their pull request numbers. */
export function previewsOf(project: ProjectInfo, pattern: RegExp) {
  return project.environments
    .map((e) => ({ env: e, number: Number(pattern.exec(e.name)?.[1]) }))
    .filter((x) => Number.isInteger(x.number) && x.number > 0);
}

function byNameOrId(project: ProjectInfo, wanted: string) {
  return project.environments.find((e) => e.id === wanted || e.name === wanted);
}

function names(project: ProjectInfo): string {
  return project.environments.map((e) => `"${e.name}"`).join(', ') || 'none';
}
