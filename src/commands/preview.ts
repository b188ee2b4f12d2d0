/**
 * `command: preview` (pull_request opened, synchronize, reopened): the pull request's own
 * Railway environment, made or reused, deployed with the same engine as production (order,
 * gates, preflight, checks, rollback inside the preview), with a sticky comment of its URLs.
 * `command: preview-down` (closed, or `sweep` on a schedule) deletes it. Production and the
 * source environment are never touched.
 */
import { UserError, errorMessage } from '../errors.js';
import type { Inputs } from '../inputs.js';
import type { Reporter } from '../reporter.js';
import type { RailwayApi } from '../railway/api.js';
import {
  deletePreview,
  ensureDomains,
  ensurePreview,
  previewsOf,
  type PreviewTarget,
} from '../railway/preview.js';
import type { RunState } from '../railway/state.js';
import { realClock } from '../railway/wait.js';
import {
  deployTargets,
  deployTo,
  type DeployInputs,
  type RailwayDeps,
  type Targets,
} from './deploy.js';

export type PreviewInputs = DeployInputs & Pick<Inputs, 'previewName' | 'previewFrom' | 'sweep'>;

export interface PreviewDeps extends RailwayDeps {
  /** The pull request of the event, if any. */
  pr?: number;
  /** Posts or edits the preview's sticky comment on the pull request. */
  comment?: (body: string) => Promise<void>;
  /** For a sweep: whether pull request N is closed. */
  isClosed?: (pr: number) => Promise<boolean>;
}

export const PREVIEW_MARKER = '<!-- deploy-action:preview -->';
const SWEPT = /^pr-(\d+)$/;

export async function runPreview(
  inputs: PreviewInputs,
  deps: PreviewDeps,
): Promise<RunState | undefined> {
  const { reporter } = deps;
  const name = previewName(inputs, deps);
  const found = await deployTargets(inputs, deps);
  if (!found) return undefined;
  const { api } = refuseProjectToken(found, inputs);
  const target = previewTarget(found, inputs, name);
  const clock = deps.clock ?? realClock;
  const preview = await reporter.group('Preview environment', async () => {
    const env = await ensurePreview(api, clock, target, reporter.info);
    await publicDomains(api, found, target.projectId, env.environmentId, reporter);
    return env;
  });
  const where = {
    ...found.where,
    environment: preview.environmentId,
    environmentFrom: `preview environment "${name}"`,
  };
  let state: RunState | undefined;
  let failure: unknown;
  try {
    state = await deployTo(inputs, deps, { ...found, where }, { preview });
  } catch (error) {
    failure = error;
  }
  // Fail late: the output and the comment tell the state first.
  const summary = previewSummary(name, preview.environmentId, state, failure);
  reporter.setOutput('preview', JSON.stringify(summary.output));
  await postComment(deps, summary.comment);
  if (failure) throw failure;
  return state;
}

export async function runPreviewDown(inputs: PreviewInputs, deps: PreviewDeps): Promise<void> {
  const { reporter } = deps;
  const found = await deployTargets({ ...inputs, images: undefined, dryRun: true }, deps);
  if (!found) return;
  const { api } = refuseProjectToken(found, inputs);
  if (inputs.sweep) return sweep(api, found, inputs, deps);
  const name = previewName(inputs, deps);
  const result = await deletePreview(api, previewTarget(found, inputs, name));
  reporter.info(
    result === 'deleted'
      ? `Deleted the preview environment "${name}".`
      : `The preview environment "${name}" does not exist (already deleted).`,
  );
  reporter.setOutput('preview', JSON.stringify({ name, status: result }));
  await postComment(
    deps,
    `${PREVIEW_MARKER}\n### Preview \`${name}\`\n\nThe pull request is closed: the preview ` +
      `environment was ${result === 'deleted' ? 'deleted' : 'already gone'}.`,
  );
}

/** Every `pr-<n>` preview whose pull request is closed goes. */
async function sweep(api: RailwayApi, found: Targets, inputs: PreviewInputs, deps: PreviewDeps) {
  if (!deps.isClosed)
    throw new UserError('sweep: true needs a github-token to ask which pull requests are closed.');
  const projectId = projectOf(found);
  const project = await api.project(projectId);
  const deleted: string[] = [];
  for (const { env, number } of previewsOf(project, SWEPT)) {
    if (!(await deps.isClosed(number))) continue;
    const result = await deletePreview(api, previewTarget(found, inputs, env.name));
    if (result === 'deleted') deleted.push(env.name);
  }
  deps.reporter.info(
    deleted.length
      ? `Deleted ${deleted.join(', ')}.`
      : 'No preview of a closed pull request is left.',
  );
  deps.reporter.setOutput('preview', JSON.stringify({ deleted }));
}

function previewName(inputs: PreviewInputs, deps: PreviewDeps): string {
  if (inputs.previewName) return inputs.previewName;
  if (deps.pr) return `pr-${deps.pr}`;
  throw new UserError(
    'Input "preview-name": expected a name, or a pull_request event to name the preview pr-<number>; got neither.',
  );
}

/** A project token is scoped to one environment: it cannot make or delete one. */
function refuseProjectToken(found: Targets, inputs: PreviewInputs) {
  if (found.connection.scope || inputs.railway.tokenType === 'project') {
    throw new UserError(
      'Previews need an account or workspace token (a project token is scoped to one ' +
        'environment and cannot create or delete one): create one in Railway under Account ' +
        'Settings > Tokens (or a workspace token) and pass it as railway-token.',
    );
  }
  return found.connection;
}

function projectOf(found: Targets): string {
  const id = found.where.project;
  if (!id)
    throw new UserError(
      'No Railway project: set x-deploy.railway.project or the railway-project input.',
    );
  return id;
}

function previewTarget(found: Targets, inputs: PreviewInputs, name: string): PreviewTarget {
  const own = found.where.environment;
  return {
    projectId: projectOf(found),
    name,
    from: inputs.previewFrom,
    protectedNames: [inputs.previewFrom, ...(own ? [own] : [])],
  };
}

/** A Railway domain for each service marked `x-deploy.railway.public` that has none. */
async function publicDomains(
  api: RailwayApi,
  found: Targets,
  projectId: string,
  envId: string,
  reporter: Reporter,
) {
  const wanted = found.list.filter((t) => t.settings.public);
  if (wanted.length === 0) return;
  const project = await api.project(projectId);
  const ids = wanted.map((t) => {
    const s = project.services.find(
      (x) => x.id === t.settings.service || x.name === t.settings.service,
    );
    if (!s)
      throw new UserError(
        `${t.file}: services.${t.service}.x-deploy.railway.service: no Railway service "${t.settings.service}".`,
      );
    return { service: t.service, serviceId: s.id };
  });
  const snapshot = await api.snapshot(
    projectId,
    envId,
    ids.map((i) => i.serviceId),
  );
  const services = ids.map((i) => ({
    ...i,
    domains: snapshot.get(i.serviceId)?.instance.domains ?? [],
  }));
  await ensureDomains(api, envId, services, reporter.info);
}

async function postComment(deps: PreviewDeps, body: string): Promise<void> {
  if (!deps.comment) return;
  try {
    await deps.comment(body);
  } catch (error) {
    deps.reporter.warn(`Could not post the preview comment: ${errorMessage(error)}`);
  }
}

const cell = (text: string) => text.replace(/[|\\`<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');

function previewSummary(
  name: string,
  environmentId: string,
  state: RunState | undefined,
  failure: unknown,
) {
  const services = Object.fromEntries(
    (state?.services ?? []).map((s) => {
      const url = s.check ? new URL(s.check.url).origin : null;
      const checked = state?.resources.verified?.[s.service];
      return [s.service, { url, status: checked ? (checked.ok ? 'ok' : 'failed') : s.step }];
    }),
  );
  const rows = Object.entries(services).map(
    ([service, v]) => `| ${cell(service)} | ${v.url ? `<${v.url}>` : '—'} | ${cell(v.status)} |`,
  );
  const status = failure
    ? 'failed'
    : state?.phase === 'succeeded'
      ? 'deployed'
      : (state?.phase ?? 'not deployed');
  const why = failure ? `\n\n**${cell(errorMessage(failure)).slice(0, 600)}**` : '';
  const comment =
    [
      PREVIEW_MARKER,
      `### Preview \`${cell(name)}\`: ${status}`,
      '',
      '| Service | URL | State |',
      '|---|---|---|',
      ...rows,
    ].join('\n') + why;
  return { output: { environmentId, name, status, services }, comment };
}
