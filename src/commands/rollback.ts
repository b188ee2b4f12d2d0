/**
 * `command: rollback`: the selected services (default: all mapped) go back to `rollback-to` or
 * to their previous good deployment, in reverse dependency order, each verified SUCCESS.
 */
import { rollbackState } from '../railway/choose.js';
import { makePlan } from '../railway/plan.js';
import { rollBack } from '../railway/rollback.js';
import { outcomeError } from '../railway/report.js';
import type { RunState } from '../railway/state.js';
import { realClock } from '../railway/wait.js';
import { publish, railwayTargets, type DeployInputs, type RailwayDeps } from './deploy.js';

export type RollbackInputs = DeployInputs & { rollbackTo?: string };

export async function runRollback(
  inputs: RollbackInputs,
  deps: RailwayDeps,
): Promise<RunState | undefined> {
  const { reporter } = deps;
  const found = await railwayTargets(inputs, deps, () => ({}));
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
    reporter.info('dry-run: nothing was changed.');
    reporter.setOutput('rolled-back', 'false');
    return undefined;
  }
  const logs = new Map<string, string[]>();
  await reporter.group('Roll back on Railway', () =>
    rollBack(state, {
      api,
      clock: deps.clock ?? realClock,
      timeoutMs: inputs.deployTimeoutMs,
      log: reporter,
      onTransition: (s) => deps.onState?.(s),
    }),
  );
  await publish(state, logs, reporter);
  const error = outcomeError(state);
  if (error) throw error;
  return state;
}
