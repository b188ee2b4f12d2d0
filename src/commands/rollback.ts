/**
 * `command: rollback`: the selected services (default: all mapped) go back to `rollback-to` or
 * to their previous good deployment, in reverse dependency order, each verified SUCCESS. With
 * `restore-backup`, the database's volume is restored from that Railway backup first and the
 * database redeployed and serving, before the application services go back.
 */
import { UserError } from '../errors.js';
import type { RailwayApi } from '../railway/api.js';
import { rollbackState } from '../railway/choose.js';
import { restoreThenRollBack } from '../railway/fail.js';
import { Run } from '../railway/machine.js';
import { makePlan, type Plan } from '../railway/plan.js';
import type { RestoreRecord, RunState } from '../railway/state.js';
import {
  engineDeps,
  publishDryRun,
  railwayTargets,
  runEngine,
  type DeployInputs,
  type RailwayDeps,
} from './deploy.js';

export type RollbackInputs = DeployInputs & { rollbackTo?: string; restoreBackup?: string };

export async function runRollback(
  inputs: RollbackInputs,
  deps: RailwayDeps,
): Promise<RunState | undefined> {
  const { reporter } = deps;
  const found = await railwayTargets(inputs, deps, async () => new Map());
  if (!found) return undefined;
  const { api } = found.connection;
  const state = await reporter.group('Railway rollback plan', async () => {
    const plan = await makePlan(api, found.where, found.connection.scope, found.list);
    const restore = inputs.restoreBackup
      ? await findBackup(api, plan, inputs.restoreBackup)
      : undefined;
    // The restored database is redeployed, not rolled back: its image stays what it is.
    const apps = restore
      ? { ...plan, services: plan.services.filter((s) => s.serviceId !== restore.serviceId) }
      : plan;
    const chosen = await rollbackState(api, apps, inputs.rollbackTo);
    if (restore) {
      chosen.resources.restore = restore;
      reporter.info(
        `${restore.service} -> "${restore.railwayName}": restore backup ${restore.backupId} ` +
          `onto volume instance ${restore.volumeInstanceId}, then redeploy it`,
      );
    }
    for (const s of chosen.services) {
      reporter.info(
        `${s.service} -> "${s.railwayName}": serving ${s.servingBefore ?? 'nothing'}, ` +
          `back to ${s.previous!.id}`,
      );
    }
    return chosen;
  });
  if (inputs.dryRun) {
    const list = state.services.map((s) => ({ service: s.service, previousId: s.servingBefore }));
    return void publishDryRun(list, reporter);
  }
  const engine = engineDeps(inputs, deps, found.connection);
  return runEngine(engine, reporter, () =>
    reporter.group('Roll back on Railway', async () => {
      const run = new Run(state, engine);
      await restoreThenRollBack(run, engine);
      return run.state;
    }),
  );
}

/** The volume instance (and so the service) that holds the backup to restore. */
async function findBackup(api: RailwayApi, plan: Plan, backupId: string): Promise<RestoreRecord> {
  const volumes = await api.volumeInstances(plan.environmentId);
  const lists = await api.backups(volumes.map((v) => v.id));
  const volume = volumes.find((v) => (lists.get(v.id) ?? []).some((b) => b.id === backupId));
  const service = volume && plan.services.find((s) => s.serviceId === volume.serviceId);
  if (!volume || !service) {
    const mapped = plan.services
      .filter((s) => volumes.some((v) => v.serviceId === s.serviceId))
      .map((s) => s.service);
    throw new UserError(
      `Input "restore-backup": no volume of the selected services in environment ` +
        `"${plan.environmentName}" has backup ${backupId} (services with volumes: ` +
        `${mapped.join(', ') || 'none'}).`,
    );
  }
  return {
    service: service.service,
    serviceId: service.serviceId,
    railwayName: service.railwayName,
    volumeInstanceId: volume.id,
    backupId,
    newestKnownId: service.history[0]?.id,
    step: 'pending',
  };
}
