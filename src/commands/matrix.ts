/**
 * `command: plan` in a workflow: the build legs of a big stack, as a `strategy.matrix`. The
 * built services, in dependency order, cut into the fewest legs of at most
 * `max-services-per-job` each, as even as they can be (sizes differ by one at most), each leg
 * a contiguous run of that order. GitHub Actions spreads the legs over runners; nothing of ours
 * schedules. Pure but for reading the compose file.
 */
import { loadStack } from '../config/load.js';
import type { Service } from '../config/model.js';
import { selectServices } from '../config/order.js';
import type { Inputs } from '../inputs.js';
import type { Reporter } from '../reporter.js';
import { makePlan, renderPlan } from './plan.js';

export interface Leg {
  leg: number;
  /** Comma separated, for the build step's `services` input. */
  services: string;
  count: number;
}

export interface Matrix {
  include: Leg[];
}

export function buildMatrix(built: readonly string[], max: number, fallback = ''): Matrix {
  // Nothing to build: one leg that builds nothing, so the workflow's shape stays the same.
  if (built.length === 0) return { include: [{ leg: 1, services: fallback, count: 0 }] };
  const legs = Math.ceil(built.length / max);
  const base = Math.floor(built.length / legs);
  const extra = built.length % legs;
  const include: Leg[] = [];
  let at = 0;
  for (let leg = 1; leg <= legs; leg++) {
    const count = base + (leg <= extra ? 1 : 0);
    const services = built.slice(at, at + count);
    include.push({ leg, services: services.join(','), count });
    at += count;
  }
  return { include };
}

export type PlanInputs = Pick<Inputs, 'composeFile' | 'services' | 'budget' | 'maxServicesPerJob'>;

export async function runPlanCommand(inputs: PlanInputs, reporter: Reporter): Promise<Matrix> {
  const stack = loadStack(inputs.composeFile, { budget: inputs.budget });
  const selected: Service[] = selectServices(stack.file, stack.services, inputs.services);
  reporter.info(renderPlan(makePlan(stack, selected), stack.dir));
  const built = selected.filter((s) => s.build).map((s) => s.name);
  const matrix = buildMatrix(built, inputs.maxServicesPerJob, inputs.services.join(','));
  const legs = matrix.include.map((l) => `leg ${l.leg}: ${l.services || '(nothing to build)'}`);
  reporter.info(
    `${built.length} image(s) to build, at most ${inputs.maxServicesPerJob} per job: ` +
      `${matrix.include.length} leg(s)\n${legs.join('\n')}`,
  );
  reporter.setOutput('matrix', JSON.stringify(matrix));
  return matrix;
}
