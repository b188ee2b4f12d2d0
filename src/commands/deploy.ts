/**
 * `command: deploy`: every service mapped to Railway deployed in dependency order; any failure
 * rolls the whole run back. Fails late: outputs and summary are written first. The post phase
 * calls `finishRailway` to roll back a run whose main phase died.
 */
import { loadStack } from '../config/load.js';
import type { Service } from '../config/model.js';
import { selectServices } from '../config/order.js';
import { UserError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import type { Reporter } from '../reporter.js';
import { connect, type Connection } from '../railway/api.js';
import { deploy, type EngineDeps } from '../railway/deploy.js';
import { makePlan, targets, waitForBusy, type Target } from '../railway/plan.js';
import {
  deploymentsOutput,
  outcomeError,
  planText,
  rolledBack,
  summaryMarkdown,
} from '../railway/report.js';
import { resume } from '../railway/rollback.js';
import { isFinished, type RunState } from '../railway/state.js';
import { realClock, type Clock } from '../railway/wait.js';

export type DeployInputs = Pick<
  Inputs,
  'composeFile' | 'services' | 'railway' | 'deployTimeoutMs' | 'images' | 'dryRun' | 'sha'
>;

export interface RailwayDeps {
  reporter: Reporter;
  /** Saves each transition (main: the action state, for the post phase). */
  onState?: (state: RunState) => void;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  cwd?: string;
}

export async function runDeploy(
  inputs: DeployInputs,
  deps: RailwayDeps,
): Promise<RunState | undefined> {
  const { reporter } = deps;
  const found = await railwayTargets(inputs, deps, (s) => source(s, inputs, reporter));
  if (!found) return undefined;
  const { connection, where } = found;
  const plan = await reporter.group('Railway plan', async () => {
    const made = await makePlan(connection.api, where, connection.scope, found.list);
    reporter.info(planText(made));
    return made;
  });
  if (inputs.dryRun) {
    reporter.info('dry-run: nothing was changed.');
    reporter.setOutput(
      'deployments',
      JSON.stringify(
        Object.fromEntries(
          plan.services.map((s) => [
            s.service,
            { id: null, status: 'DRY_RUN', previousId: s.serving?.id ?? null },
          ]),
        ),
      ),
    );
    reporter.setOutput('rolled-back', 'false');
    return undefined;
  }
  const engine = engineDeps(inputs, deps, connection);
  await waitForBusy(connection.api, engine.clock, plan, inputs.deployTimeoutMs, reporter.info);
  const state = await reporter.group('Deploy to Railway', () => deploy(plan, engine));
  await publish(state, engine.logs, reporter);
  const error = outcomeError(state);
  if (error) throw error;
  return state;
}

/** The post phase: rolls back a deploy or finishes a rollback its main phase left unfinished. */
export async function finishRailway(state: RunState, inputs: DeployInputs, deps: RailwayDeps) {
  if (isFinished(state)) return;
  const connection = await connect(clientOptions(inputs, deps));
  const engine = engineDeps(inputs, deps, connection);
  deps.reporter.warn(`The main phase stopped during the Railway ${state.kind}; finishing it now.`);
  await deps.reporter.group('Finish the Railway run', () => resume(state, engine));
  await publish(state, engine.logs, deps.reporter);
  const error = outcomeError(state);
  if (error) throw error;
}

/** The mapped services and a connection; undefined when nothing is mapped to Railway. */
export async function railwayTargets(
  inputs: DeployInputs,
  deps: RailwayDeps,
  sourceOf: (s: Service) => Target['source'],
) {
  const stack = loadStack(
    inputs.composeFile,
    {
      railwayProject: inputs.railway.project,
      railwayEnvironment: inputs.railway.environment,
    },
    deps.cwd,
  );
  const selected = selectServices(stack.file, stack.services, inputs.services);
  const skipped = selected.filter((s) => !s.railway).map((s) => s.name);
  if (skipped.length)
    deps.reporter.info(`Not on Railway (no x-deploy.railway): ${skipped.join(', ')}`);
  const list = targets(stack.services, selected, sourceOf);
  if (list.length === 0) {
    deps.reporter.warn(`No selected service of ${stack.file} has x-deploy.railway: nothing to do.`);
    return undefined;
  }
  if (!inputs.railway.token) {
    throw new UserError(
      'Input "railway-token": expected a Railway project or account token, got nothing.',
    );
  }
  const where = stack.railway;
  const connection = await connect(
    clientOptions(inputs, deps),
    !(where.project && where.environment),
  );
  return { list, where, connection };
}

function clientOptions(inputs: DeployInputs, deps: RailwayDeps) {
  const clock = deps.clock ?? realClock;
  return {
    url: inputs.railway.apiUrl,
    token: inputs.railway.token,
    tokenType: inputs.railway.tokenType,
    fetch: deps.fetch,
    sleep: clock.sleep,
    now: clock.now,
    random: deps.random,
    debug: (m: string) => deps.reporter.debug(m),
  };
}

function engineDeps(inputs: DeployInputs, deps: RailwayDeps, connection: Connection) {
  const logs = new Map<string, string[]>();
  const engine: EngineDeps & { logs: typeof logs; clock: Clock } = {
    api: connection.api,
    clock: deps.clock ?? realClock,
    timeoutMs: inputs.deployTimeoutMs,
    log: deps.reporter,
    logs,
    onTransition: (state) => deps.onState?.(state),
    onLogs: (service, _id, lines) => logs.set(service, lines),
  };
  return engine;
}

export async function publish(state: RunState, logs: Map<string, string[]>, reporter: Reporter) {
  reporter.setOutput('deployments', JSON.stringify(deploymentsOutput(state)));
  reporter.setOutput('rolled-back', String(rolledBack(state)));
  await reporter.summary(summaryMarkdown(state, logs));
}

/** The exact pushed image (`repo@sha256:...`) when the build step gave one; else the commit. */
function source(service: Service, inputs: DeployInputs, reporter: Reporter): Target['source'] {
  const entry = inputs.images?.[service.name] as
    { image?: unknown; digest?: unknown; status?: unknown } | undefined;
  if (!entry) return { commitSha: inputs.sha === 'latest' ? undefined : inputs.sha };
  if (entry.status !== undefined && entry.status !== 'ok') {
    throw new UserError(
      `${service.name}: the images input says its build is "${entry.status}"; ` +
        'refusing to deploy it.',
    );
  }
  if (typeof entry.digest === 'string' && entry.digest) return { image: entry.digest };
  if (typeof entry.image !== 'string' || !entry.image) {
    throw new UserError(
      `Input "images": expected an image for ${service.name}, like the images ` +
        'output of a build step.',
    );
  }
  reporter.warn(
    `${service.name}: no pushed digest in the images input; deploying the tag ` +
      `${entry.image}, which may move (build with push: true to pin the exact image).`,
  );
  return { image: entry.image };
}
