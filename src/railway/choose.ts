/**
 * `command: rollback` targets: `rollback-to` names one deployment (so one service); without it
 * each service goes back to the newest deployment older than the one serving now that Railway
 * can still roll back to (old good deployments show REMOVED today: canRollback is what counts).
 */
import { UserError } from '../errors.js';
import type { RailwayApi } from './api.js';
import type { Plan, PlannedService } from './plan.js';
import type { RunState, ServiceRun } from './state.js';
import type { DeploymentStatus } from './operations.js';

const NEVER_GOOD: readonly DeploymentStatus[] = ['FAILED', 'CRASHED', 'SKIPPED', 'NEEDS_APPROVAL'];

export async function rollbackState(
  api: RailwayApi,
  plan: Plan,
  rollbackTo: string | undefined,
): Promise<RunState> {
  const chosen = rollbackTo ? [await named(api, plan, rollbackTo)] : plan.services.map(previous);
  return {
    version: 2,
    kind: 'rollback',
    phase: 'rolling-back',
    projectId: plan.projectId,
    projectName: plan.projectName,
    environmentId: plan.environmentId,
    environmentName: plan.environmentName,
    resources: {},
    services: chosen.map(([s, target]): ServiceRun => ({
      service: s.service,
      railwayName: s.railwayName,
      serviceId: s.serviceId,
      // Reverse dependency order comes from the waves, as for a failed deploy.
      wave: s.wave,
      source: {},
      gates: {
        healthcheckPath: s.instance.healthcheckPath,
        healthcheckTimeout: s.instance.healthcheckTimeout,
        preDeployCommand: s.instance.preDeployCommand,
      },
      // Afterwards the instance runs the target's image with its gates as they are now.
      before: {
        image: target.image ?? s.instance.image,
        healthcheckPath: s.instance.healthcheckPath,
        healthcheckTimeout: s.instance.healthcheckTimeout,
        preDeployCommand: s.instance.preDeployCommand,
      },
      step: 'rollback-pending',
      servingBefore: s.serving?.id,
      newestKnownId: s.history[0]?.id,
      previous: { id: target.id, image: target.image },
    })),
  };
}

type Choice = [PlannedService, { id: string; image?: string }];

function previous(service: PlannedService): Choice {
  const { history, serving } = service;
  const older = serving ? history.slice(history.indexOf(serving) + 1) : [];
  const target = older.find((d) => d.canRollback && !NEVER_GOOD.includes(d.status));
  if (!serving || !target) {
    throw new UserError(
      `${service.service}: no earlier deployment of "${service.railwayName}" ` +
        `that Railway can roll back to (${serving ? `serving ${serving.id}` : 'nothing serving'}); ` +
        'name one with rollback-to.',
    );
  }
  return [service, target];
}

async function named(api: RailwayApi, plan: Plan, id: string): Promise<Choice> {
  const found = await api.deployment(id);
  const service = plan.services.find((s) => s.serviceId === found.serviceId);
  if (!service || found.environmentId !== plan.environmentId) {
    throw new UserError(
      `Input "rollback-to": deployment ${id} belongs to none of the selected ` +
        `services in environment "${plan.environmentName}" ` +
        `(${plan.services.map((s) => s.service).join(', ')}).`,
    );
  }
  if (NEVER_GOOD.includes(found.status)) {
    throw new UserError(
      `Input "rollback-to": deployment ${id} is ${found.status}; it never ` +
        'served, so there is nothing good to go back to.',
    );
  }
  return [service, found];
}
