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
import { resume } from '../railway/fail.js';
import { makePlan, targets, waitForBusy, type Target } from '../railway/plan.js';
import {
  deploymentsOutput,
  dryRunOutput,
  outcomeError,
  planText,
  rolledBack,
  summaryMarkdown,
} from '../railway/report.js';
import { sourceFor } from '../railway/source.js';
import { isFinished, type RunState } from '../railway/state.js';
import { realClock, type Clock } from '../railway/wait.js';

export type DeployInputs = Pick<
  Inputs,
  'composeFile' | 'services' | 'railway' | 'deployTimeoutMs' | 'images' | 'dryRun' | 'sha'
> &
  Partial<Pick<Inputs, 'profiles'>>;

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
  const found = await railwayTargets(
    inputs,
    deps,
    sourceFor(inputs, (m) => reporter.warn(m)),
  );
  if (!found) return undefined;
  const { connection, where } = found;
  const plan = await reporter.group('Railway plan', async () => {
    const made = await makePlan(connection.api, where, connection.scope, found.list);
    reporter.info(planText(made));
    return made;
  });
  if (inputs.dryRun) {
    const list = plan.services.map((s) => ({ service: s.service, previousId: s.serving?.id }));
    return void publishDryRun(list, reporter);
  }
  const engine = engineDeps(inputs, deps, connection);
  await waitForBusy(connection.api, engine.clock, plan, inputs.deployTimeoutMs, reporter.info);
  return runEngine(engine, reporter, () =>
    reporter.group('Deploy to Railway', () => deploy(plan, engine)),
  );
}

/** The post phase: rolls back a deploy or finishes a rollback its main phase left unfinished. */
export async function finishRailway(state: RunState, inputs: DeployInputs, deps: RailwayDeps) {
  if (isFinished(state)) return;
  const connection = await connectTo(inputs, deps, state.environmentName);
  const engine = engineDeps(inputs, deps, connection);
  deps.reporter.warn(`The main phase stopped during the Railway ${state.kind}; finishing it now.`);
  await runEngine(engine, deps.reporter, async () => {
    await deps.reporter.group('Finish the Railway run', () => resume(state, engine));
    return state;
  });
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
      profiles: inputs.profiles,
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
  const needScope = !(where.project && where.environment);
  const connection = await connectTo(inputs, deps, where.environment, needScope);
  return { list, where, connection };
}

async function connectTo(
  inputs: DeployInputs,
  deps: RailwayDeps,
  environment: string | undefined,
  needScope = false,
): Promise<Connection> {
  warnIfCleartext(inputs.railway.apiUrl, deps.reporter);
  const clock = deps.clock ?? realClock;
  const options = {
    url: inputs.railway.apiUrl,
    token: inputs.railway.token,
    tokenType: inputs.railway.tokenType,
    environment,
    fetch: deps.fetch,
    sleep: clock.sleep,
    now: clock.now,
    random: deps.random,
    debug: (m: string) => deps.reporter.debug(m),
  };
  return connect(options, needScope);
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Plain http is fine for a local emulator; anywhere else the token crosses the wire in clear. */
function warnIfCleartext(apiUrl: string, reporter: Reporter): void {
  const url = new URL(apiUrl);
  if (url.protocol !== 'http:' || LOOPBACK.test(url.hostname)) return;
  reporter.warn(
    `Input "railway-api-url" is plain http to ${url.hostname}: the railway-token is sent ` +
      'unencrypted; use https.',
  );
}

export type Engine = EngineDeps & {
  clock: Clock;
  logs: Map<string, string[]>;
  /** The last state the engine reached, for publishing when it throws. */
  latest(): RunState | undefined;
};

/** The engine's dependencies, the same for a deploy, a rollback and the post phase. */
export function engineDeps(inputs: DeployInputs, deps: RailwayDeps, connection: Connection) {
  const logs = new Map<string, string[]>();
  let latest: RunState | undefined;
  const engine: Engine = {
    api: connection.api,
    clock: deps.clock ?? realClock,
    timeoutMs: inputs.deployTimeoutMs,
    log: deps.reporter,
    logs,
    latest: () => latest,
    onTransition: (state) => {
      latest = state;
      deps.onState?.(state);
    },
    onLogs: (service, id, lines) => logs.set(`${service} (${id})`, lines),
  };
  return engine;
}

/** Runs the engine; outputs and summary are written before any error is thrown (fail late). */
export async function runEngine(
  engine: Engine,
  reporter: Reporter,
  work: () => Promise<RunState>,
): Promise<RunState> {
  let state: RunState | undefined;
  try {
    state = await work();
  } finally {
    const reached = state ?? engine.latest();
    if (reached) await publish(reached, engine.logs, reporter);
  }
  const error = outcomeError(state);
  if (error) throw error;
  return state;
}

export function publishDryRun(
  services: { service: string; previousId?: string }[],
  reporter: Reporter,
): void {
  reporter.info('dry-run: nothing was changed.');
  reporter.setOutput('deployments', JSON.stringify(dryRunOutput(services)));
  reporter.setOutput('rolled-back', 'false');
}

async function publish(state: RunState, logs: Map<string, string[]>, reporter: Reporter) {
  reporter.setOutput('deployments', JSON.stringify(deploymentsOutput(state)));
  reporter.setOutput('rolled-back', String(rolledBack(state)));
  await reporter.summary(summaryMarkdown(state, logs));
}
