/**
 * `command: rollback`: the selected services (default: all mapped) go back to `rollback-to` or
 * to their previous good deployment, in reverse dependency order, each verified SUCCESS.
 */
import { rollbackState } from '../railway/choose.js';
import { makePlan } from '../railway/plan.js';
import { Run } from '../railway/machine.js';
import { rollBack } from '../railway/rollback.js';
import type { RunState } from '../railway/state.js';
import {
  engineDeps,
  publishDryRun,
  railwayTargets,
  runEngine,
  type DeployInputs,
  type RailwayDeps,
} from './deploy.js';

export type RollbackInputs = DeployInputs & { rollbackTo?: string };

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
    const chosen = await rollbackState(api, plan, inputs.rollbackTo);
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
      await rollBack(run, engine);
      return run.state;
    }),
  );
}
