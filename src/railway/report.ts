/**
 * A run told to people and machines: the `deployments` output, the job-summary table, the
 * dry-run plan, and the one error the step fails with. Pure functions of the state.
 */
import { UserError } from '../errors.js';
import type { Plan, PlannedService } from './plan.js';
import { mdCode, mdCodeCell, mdFence, mdText } from '../markdown.js';
import { backupHint } from './backup.js';
import { rollbackFailedMessage } from './rollback.js';
import type { RunState, ServiceRun } from './state.js';

/** The deploy failed and every service of the run is back where it was. */
export class DeployFailedError extends UserError {
  override name = 'DeployFailedError';
}

/** A rollback did not reach SUCCESS: a human must act. */
export class RollbackFailedError extends UserError {
  override name = 'RollbackFailedError';
}

export interface DeploymentOutput {
  id: string | null;
  status: string;
  previousId: string | null;
  rollbackId?: string;
  step?: string;
}

export function deploymentsOutput(state: RunState): Record<string, DeploymentOutput> {
  return Object.fromEntries(
    state.services.map((s) => {
      const rollbackRun = state.kind === 'rollback';
      const left = s.step === 'unchanged' || s.step === 'managed';
      const id = (left ? s.servingBefore : rollbackRun ? s.rollbackId : s.deploymentId) ?? null;
      const status = left
        ? s.step.toUpperCase()
        : ((rollbackRun ? s.rollbackStatus : s.status) ?? 'NOT_STARTED');
      const previousId = s.servingBefore ?? null;
      const entry: DeploymentOutput = { id, status, previousId, step: s.step };
      if (!rollbackRun && s.rollbackId) entry.rollbackId = s.rollbackId;
      return [s.service, entry];
    }),
  );
}

/** The `deployments` output of a dry-run, the same for a deploy and a rollback. */
export function dryRunOutput(
  services: { service: string; previousId?: string }[],
): Record<string, DeploymentOutput> {
  return Object.fromEntries(
    services.map((s) => [
      s.service,
      { id: null, status: 'DRY_RUN', previousId: s.previousId ?? null },
    ]),
  );
}

export function rolledBack(state: RunState): boolean {
  return state.services.some((s) => s.step === 'rolled-back');
}

/** The error the step fails with, or undefined when the run did what was asked. */
export function outcomeError(state: RunState): UserError | undefined {
  const broken = state.services.filter((s) => s.step === 'rollback-failed');
  const hint = backupHint(state);
  if (broken.length > 0) {
    const head = state.failure ? `Deploy failed (${state.failure}) and ` : '';
    return new RollbackFailedError(
      `${head}${broken.length} rollback(s) failed. ` +
        broken.map((s) => rollbackFailedMessage(state, s)).join(' ') +
        hint,
    );
  }
  if (state.kind === 'rollback' && state.phase === 'rollback-failed')
    return new RollbackFailedError(state.failure ?? 'the rollback failed');
  if (state.phase === 'succeeded' || state.kind === 'rollback') return undefined;
  return new DeployFailedError(`Deploy failed: ${state.failure}. ${whereBack(state)}${hint}`);
}

/** Where the services the run went back on stand, as read from Railway at the end. */
function whereBack(state: RunState): string {
  const gone = state.services.filter((s) => s.step === 'rolled-back' || s.step === 'kept-previous');
  if (gone.length === 0) return 'No service had been changed.';
  const isBack = (s: ServiceRun) =>
    s.servingAfter !== undefined &&
    !s.comingAfter &&
    [s.previous?.id, s.rollbackId].includes(s.servingAfter);
  const back = gone.filter(isBack).map((s) => `${s.service} (${s.previous?.id ?? 'unchanged'})`);
  const other = gone
    .filter((s) => !isBack(s) && s.servingAfter !== undefined)
    .map((s) =>
      s.comingAfter
        ? `${s.service} serves ${s.servingAfter} for now, and deployment ${s.comingAfter}, ` +
          'which this run did not start, is on its way'
        : `${s.service} now serves ${s.servingAfter}, which this run did not start`,
    );
  const unread = gone.filter((s) => s.servingAfter === undefined).map((s) => s.service);
  if (other.length === 0 && unread.length === 0)
    return `Every service of the run is back on its previous deployment: ${back.join(', ')}.`;
  return [
    back.length ? `Back on their previous deployment: ${back.join(', ')}.` : '',
    other.length ? `${other.join('; ')}.` : '',
    unread.length ? `What serves ${unread.join(', ')} could not be read back from Railway.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const STEP_TEXT: Record<ServiceRun['step'], string> = {
  pending: '⏸️ not started',
  unchanged: '➖ unchanged (already serving this image)',
  managed: '🗄️ managed by Railway (not deployed)',
  deploying: '⏳ deploying',
  succeeded: '✅ deployed',
  failed: '❌ failed',
  'kept-previous': '↩️ never went live; previous kept',
  'rollback-pending': '⏳ rollback pending',
  'rolling-back': '⏳ rolling back',
  'rolled-back': '↩️ rolled back',
  'rollback-failed': '🚨 ROLLBACK FAILED',
};

export function summaryMarkdown(state: RunState, logs: Map<string, string[]>): string {
  const title = state.kind === 'deploy' ? 'Railway deploy' : 'Railway rollback';
  const rows = state.services.map(
    (s) =>
      `| ${mdText(s.service)} | ${mdText(s.railwayName)} | ` +
      `${code(s.servingBefore)} | ${code(s.deploymentId)} ${s.status ?? ''} | ` +
      `${code(s.rollbackId)} ${s.rollbackStatus ?? ''} | ${STEP_TEXT[s.step]} |`,
  );
  const parts = [
    `## ${title}: ${mdText(state.projectName)} / ${mdText(state.environmentName)}`,
    '',
    '| Service | Railway service | Was serving | New deployment | Rollback | Result |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
  if (state.failure) parts.push(`**Failure:** ${mdText(state.failure)}`, '');
  for (const b of state.resources.backups ?? []) {
    parts.push(
      `Backup of ${mdText(b.service)} (volume instance ${mdCode(b.volumeInstanceId)}): ` +
        `"${mdText(b.name)}", ${b.backupId ? `${mdCode(b.backupId)} ` : ''}${b.status}` +
        `${b.error ? ` (${mdText(b.error)})` : ''}`,
      '',
    );
  }
  for (const [service, v] of Object.entries(state.resources.verified ?? {})) {
    const result = v.ok ? `✅ ${v.status} in ${v.ms} ms` : `❌ ${v.failure}`;
    parts.push(`Post-deploy check of ${mdText(service)}: ${mdCode(v.url)}: ${mdText(result)}`, '');
  }
  const hint = backupHint(state);
  if (hint && state.phase !== 'succeeded') parts.push(`**Data:** ${mdText(hint.trim())}`, '');
  for (const [deployment, lines] of logs) {
    parts.push(
      `<details><summary>${htmlText(deployment)}: last log lines</summary>`,
      '',
      mdFence(lines.join('\n')),
      '</details>',
      '',
    );
  }
  return parts.join('\n');
}

/** Inside an HTML block markdown is not read: only HTML's own characters are escaped. */
function htmlText(text: string): string {
  const entities: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
  };
  return text.replace(/[&<>"]/g, (c) => entities[c]!);
}

function code(id: string | undefined): string {
  return id ? mdCodeCell(id) : '—';
}

/** What a deploy would do, for dry-run and the log. */
export function planText(plan: Plan): string {
  const lines = [
    `Railway project "${plan.projectName}" (${plan.projectId}), environment ` +
      `"${plan.environmentName}" (${plan.environmentId}):`,
  ];
  for (const s of plan.services) {
    const what =
      s.action === 'managed'
        ? 'nothing (managed by Railway)'
        : s.action === 'unchanged'
          ? `nothing (already serving ${s.source.image ?? `commit ${s.source.commitSha}`})`
          : s.source.image
            ? `image ${s.source.image}`
            : `commit ${s.source.commitSha ?? 'latest'}`;
    const gates = s.action === 'deploy' ? gateText(s.gates) : '';
    const now = s.serving ? `serving ${s.serving.id}` : 'nothing serving yet';
    const busy = s.inProgress
      ? `, ${s.inProgress.id} ${s.inProgress.status} (waited for first)`
      : '';
    lines.push(
      `  wave ${s.wave + 1}: ${s.service} -> "${s.railwayName}": deploy ${what}${gates} ` +
        `(${now}${busy})`,
    );
  }
  return lines.join('\n');
}

function gateText(gates: PlannedService['gates']): string {
  const parts = [
    gates.healthcheckPath && `healthcheck ${gates.healthcheckPath} (${gates.healthcheckTimeout}s)`,
    gates.preDeployCommand && `pre-deploy ${gates.preDeployCommand.join('; ')}`,
  ].filter(Boolean);
  return parts.length ? `, ${parts.join(', ')}` : ', no healthcheck';
}

/** The `backups` output: service -> its volume backup of this run. */
export function backupsOutput(state: RunState): Record<string, object> {
  return Object.fromEntries(
    (state.resources.backups ?? []).map((b) => [
      b.service,
      {
        volumeInstanceId: b.volumeInstanceId,
        backupId: b.backupId ?? null,
        name: b.name,
        status: b.status,
      },
    ]),
  );
}

/** The `verified` output: service -> URL, HTTP status, milliseconds of the passing request. */
export function verifiedOutput(state: RunState): Record<string, object> {
  return Object.fromEntries(
    Object.entries(state.resources.verified ?? {}).map(([service, v]) => [
      service,
      {
        url: v.url,
        status: v.status,
        ms: v.ms,
        ok: v.ok,
        ...(v.failure ? { failure: v.failure } : {}),
      },
    ]),
  );
}
