/**
 * Railway volume backups around a migrating deploy, and restores on demand (docs
 * `volumes/backups.md`; the CLI does the same before risky template changes, `template_apply.rs`):
 * every volume instance of a service marked `x-deploy.railway.backup` gets a manual backup
 * (`volumeInstanceBackupCreate`), followed through `workflowStatus` to its end, before any
 * service changes. A restore replaces the volume and deletes newer backups, so it runs only
 * when asked (`restore-backup`), then the database is redeployed to run on it.
 * Every step is a saved resource of the run: a death at any await is finished truthfully.
 */
import { errorMessage } from '../errors.js';
import { formatDuration } from '../config/units.js';
import type { RailwayApi } from './api.js';
import type { EngineDeps } from './engine.js';
import type { Run } from './machine.js';
import { IN_PROGRESS, LIVE, newerThan, type BackupRecord, type RunState } from './state.js';

const EVERY_MS = 5000;

/** Whether this run backs up: `always`, or `auto` and some service runs a migration. */
export function wantsBackup(state: RunState, mode: 'auto' | 'always' | 'off'): boolean {
  if (mode === 'off' || !state.services.some((s) => s.backup)) return false;
  return (
    mode === 'always' ||
    state.services.some((s) => s.step === 'pending' && s.gates.preDeployCommand)
  );
}

/** Backs up; returns the failure sentence when a backup fails or is too slow. */
export async function backUp(run: Run, deps: EngineDeps): Promise<string | undefined> {
  const options = deps.backup;
  if (!options || !wantsBackup(run.state, options.mode)) return undefined;
  const marked = run.where((s) => s.backup === true);
  const volumes = await deps.api.volumeInstances(run.state.environmentId);
  const records: BackupRecord[] = [];
  for (const service of marked) {
    const own = volumes.filter((v) => v.serviceId === service.serviceId);
    if (own.length === 0) {
      deps.log.warn(
        `${service.service}: x-deploy.railway.backup is set, but it has no volume on Railway`,
      );
    }
    for (const v of own) {
      records.push({
        service: service.service,
        volumeInstanceId: v.id,
        name: options.name,
        status: 'pending',
      });
    }
  }
  if (records.length === 0) return undefined;
  save(run, records);
  deps.log.info(
    `Backing up ${records.map((r) => r.service).join(', ')} on Railway as "${options.name}"`,
  );
  try {
    const ids = await deps.api.createBackups(records);
    ids.forEach((id, i) =>
      Object.assign(records[i]!, { workflowId: id ?? undefined, status: 'running' }),
    );
    save(run, records);
  } catch (error) {
    // Lost or refused: what Railway made is found by its name below, nothing is sent twice.
    deps.log.warn(
      `The backup request got no clear answer (${errorMessage(error)}); looking for it`,
    );
  }
  await follow(run, records, deps, options.timeoutMs);
  const failed = records.filter((r) => r.status !== 'done');
  if (failed.length === 0) {
    for (const r of records) deps.log.info(`${r.service}: backup ${r.backupId} ("${r.name}") done`);
    return undefined;
  }
  return (
    `the backup before the migration did not finish: ` +
    failed.map((r) => `${r.service} (${r.error ?? r.status})`).join(', ') +
    '; nothing was deployed'
  );
}

function save(run: Run, records: BackupRecord[]): void {
  run.apply({ type: 'resources', resources: { ...run.state.resources, backups: records } });
}

/** Follows the workflows, then finds each backup's id by its name; bounded by `timeoutMs`. */
async function follow(run: Run, records: BackupRecord[], deps: EngineDeps, timeoutMs: number) {
  const { clock, api } = deps;
  const deadline = clock.now() + timeoutMs;
  const open = () => records.filter((r) => r.status === 'pending' || r.status === 'running');
  while (open().length > 0) {
    const watched = open().filter((r) => r.workflowId);
    const states = await api.workflows(watched.map((r) => r.workflowId!)).catch(() => new Map());
    for (const r of watched) {
      const seen = states.get(r.workflowId!);
      if (seen?.status === 'Error' || seen?.status === 'NotFound')
        Object.assign(r, { status: 'failed', error: seen.error ?? `workflow ${seen.status}` });
    }
    await findByName(api, open(), states);
    save(run, records);
    if (open().length === 0) return;
    const left = deadline - clock.now();
    if (left <= 0) break;
    await clock.sleep(Math.min(EVERY_MS, left));
  }
  for (const r of open()) {
    Object.assign(r, {
      status: 'failed',
      error: `still running when backup-timeout (${formatDuration(timeoutMs)}) ran out`,
    });
  }
  save(run, records);
}

/** A backup whose workflow is complete (or unknown) is looked up by its name. */
async function findByName(
  api: RailwayApi,
  records: BackupRecord[],
  states: Map<string, { status: string }>,
): Promise<void> {
  const look = records.filter(
    (r) => !r.workflowId || states.get(r.workflowId)?.status === 'Complete',
  );
  if (look.length === 0) return;
  const lists = await api.backups(look.map((r) => r.volumeInstanceId)).catch(() => new Map());
  for (const r of look) {
    const found = (lists.get(r.volumeInstanceId) ?? []).find(
      (b: { name: string | null }) => b.name === r.name,
    );
    if (found) Object.assign(r, { backupId: found.id, status: 'done' });
  }
}

/** The post phase: a backup the main phase left running is looked up and recorded as it is. */
export async function recordBackups(run: Run, deps: EngineDeps): Promise<void> {
  const records = structuredClone(run.state.resources.backups ?? []);
  const open = records.filter((r) => r.status === 'pending' || r.status === 'running');
  if (open.length === 0) return;
  await findByName(
    deps.api,
    open,
    new Map(open.map((r) => [r.workflowId ?? '', { status: 'Complete' }])),
  );
  for (const r of open.filter((o) => o.status !== 'done')) {
    r.error = "the run stopped while it was being made; check the volume's backups in Railway";
  }
  save(run, records);
}

/** For every message after a migration: which backup to restore if the old image cannot read. */
export function backupHint(state: RunState): string {
  const done = (state.resources.backups ?? []).filter((b) => b.status === 'done' && b.backupId);
  if (done.length === 0) return '';
  const which = done.map((b) => `backup ${b.backupId} of ${b.service}`).join(', ');
  return (
    ` The schema may have moved: restore ${which} if the old image cannot read it ` +
    `(command: rollback with restore-backup: ${done[0]!.backupId}).`
  );
}

/**
 * `restore-backup`: the volume goes back to the backup, then the database is redeployed and
 * must serve, before the application services roll back. A restore that may have been sent
 * but was not recorded is never sent again: Railway deletes newer backups on each restore.
 */
export async function restore(run: Run, deps: EngineDeps): Promise<string | undefined> {
  const record = run.state.resources.restore;
  if (!record || record.step === 'done') return undefined;
  const timeoutMs = deps.backup?.timeoutMs ?? 600_000;
  const set = (patch: Partial<typeof record>) =>
    run.apply({
      type: 'resources',
      resources: { ...run.state.resources, restore: { ...run.state.resources.restore!, ...patch } },
    });
  const current = () => run.state.resources.restore!;
  if (current().step === 'restoring' && !current().workflowId) {
    set({ step: 'failed', error: 'the restore may have been sent and its answer was lost' });
  }
  if (current().step === 'pending') {
    set({ step: 'restoring' });
    try {
      const workflowId = await deps.api.restoreBackup(record.backupId, record.volumeInstanceId);
      set({ workflowId: workflowId ?? undefined });
    } catch (error) {
      set({ step: 'failed', error: errorMessage(error) });
    }
  }
  if (current().step === 'restoring') await waitRestore(run, set, timeoutMs, deps);
  if (current().step === 'redeploying') await redeploy(run, set, deps);
  const end = current();
  if (end.step === 'done') return undefined;
  return (
    `RESTORE FAILED: ${end.service}'s volume is not confirmed back on backup ${end.backupId}: ` +
    `${end.error}. Check the volume's backups of "${end.railwayName}" in Railway; the ` +
    'application services were not rolled back.'
  );
}

type Set = (patch: Partial<NonNullable<RunState['resources']['restore']>>) => void;

async function waitRestore(run: Run, set: Set, timeoutMs: number, deps: EngineDeps) {
  const { clock, api } = deps;
  const deadline = clock.now() + timeoutMs;
  const id = run.state.resources.restore!.workflowId!;
  for (;;) {
    const seen = (await api.workflows([id]).catch(() => new Map())).get(id);
    if (seen?.status === 'Complete') return set({ step: 'redeploying' });
    if (seen?.status === 'Error' || seen?.status === 'NotFound')
      return set({ step: 'failed', error: seen.error ?? `workflow ${seen.status}` });
    const left = deadline - clock.now();
    if (left <= 0)
      return set({ step: 'failed', error: 'still running when backup-timeout ran out' });
    await clock.sleep(Math.min(EVERY_MS, left));
  }
}

/** A restore needs a redeploy of the service to run on the restored volume. */
async function redeploy(run: Run, set: Set, deps: EngineDeps) {
  const { api, clock } = deps;
  const record = run.state.resources.restore!;
  if (!record.deploymentId && record.redeploySent) {
    const history = await api
      .history(run.state.projectId, run.state.environmentId, [record.serviceId])
      .catch(() => undefined);
    if (!history) return set({ step: 'failed', error: 'its redeploy could not be looked up' });
    const found = newerThan(history.get(record.serviceId) ?? [], record.newestKnownId)[0];
    if (found) set({ deploymentId: found.id });
  }
  if (!run.state.resources.restore!.deploymentId) {
    set({ redeploySent: true });
    const [id] = await api
      .wave(run.state.environmentId, [{ op: 'deploy', serviceId: record.serviceId }])
      .catch((error: unknown) => {
        set({ step: 'failed', error: `its redeploy could not start: ${errorMessage(error)}` });
        return [];
      });
    if (!id) return;
    set({ deploymentId: String(id) });
    deps.log.info(`${record.service}: restored backup ${record.backupId}; redeploying as ${id}`);
  }
  const id = run.state.resources.restore!.deploymentId!;
  const deadline = clock.now() + deps.timeoutMs;
  while (clock.now() < deadline) {
    await clock.sleep(EVERY_MS);
    const seen = (await api.statuses([id]).catch(() => new Map())).get(id);
    if (seen && LIVE.includes(seen.status)) return set({ step: 'done' });
    if (seen && !IN_PROGRESS.includes(seen.status))
      return set({ step: 'failed', error: `its redeploy ${id} is ${seen.status}` });
  }
  set({ step: 'failed', error: `its redeploy ${id} did not serve within deploy-timeout` });
}
