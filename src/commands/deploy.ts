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
import { createExec } from '../docker/exec.js';
import { digestResolver, type ResolveDigest } from '../docker/digest.js';
import { connect, type Connection } from '../railway/api.js';
import { deploy } from '../railway/deploy.js';
import { interruptible, type EngineDeps } from '../railway/engine.js';
import { resume } from '../railway/fail.js';
import { makePlan, targets, waitForBusy, type Plan, type Where } from '../railway/plan.js';
import {
  verifiedOutput,
  backupsOutput,
  deploymentsOutput,
  dryRunOutput,
  outcomeError,
  planText,
  rolledBack,
  summaryMarkdown,
} from '../railway/report.js';
import { DeploymentFeed } from '../railway/feed.js';
import { preflight } from '../railway/preflight.js';
import { checkedState } from '../railway/state-schema.js';
import { wantedImages, type Wanted } from '../railway/source.js';
import { isFinished, type RunState } from '../railway/state.js';
import { realClock, type Clock } from '../railway/wait.js';

export type DeployInputs = Pick<
  Inputs,
  | 'composeFile'
  | 'services'
  | 'railway'
  | 'deployTimeoutMs'
  | 'stableForMs'
  | 'images'
  | 'dryRun'
  | 'sha'
  | 'imagePrefix'
  | 'backup'
  | 'backupTimeoutMs'
  | 'verifyTimeoutMs'
  | 'runId'
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
  /** Finds the pushed digest of a tag (default: the local engine, then the registry). */
  resolveDigest?: ResolveDigest;
  /** Aborted (Ctrl-C): the engine stops at its next move; finish with `finishRailway`. */
  signal?: AbortSignal;
  /**
   * Follow deployments over Railway's subscription socket, polling when it fails (default:
   * on in real time; the virtual-time tests, which move the clock themselves, poll).
   */
  subscribe?: boolean;
  /** How long the socket may be silent before a poll looks (tests make it short). */
  quietMs?: number;
  /** The post-deploy checks' HTTP client and per-request bound (tests: loopback, short). */
  checks?: { fetch?: typeof fetch; requestTimeoutMs?: number };
}

export async function runDeploy(
  inputs: DeployInputs,
  deps: RailwayDeps,
): Promise<RunState | undefined> {
  const found = await deployTargets(inputs, deps);
  return found && deployTo(inputs, deps, found);
}

export type Targets = NonNullable<Awaited<ReturnType<typeof deployTargets>>>;

/** The stack's mapped services with the images they are to run, and a connection. */
export function deployTargets(inputs: DeployInputs, deps: RailwayDeps) {
  const { reporter } = deps;
  const resolve = deps.resolveDigest ?? digestResolver({ exec: createExec(reporter.debug) });
  return railwayTargets(inputs, deps, (services) =>
    wantedImages(services, inputs, resolve, (m) => reporter.warn(m)),
  );
}

/** Plan, preflight, then the engine (a preview passes its environment as `resources`). */
export async function deployTo(
  inputs: DeployInputs,
  deps: RailwayDeps,
  found: Targets,
  resources: RunState['resources'] = {},
): Promise<RunState | undefined> {
  const { reporter } = deps;
  const { connection, where } = found;
  const plan = await reporter.group('Railway plan', async () => {
    const made = await makePlan(connection.api, where, connection.scope, found.list, {
      sha: inputs.sha,
      startIdleManaged: resources.preview !== undefined,
    });
    // A preview deploys into its own environment and nowhere else.
    if (resources.preview && made.environmentId !== resources.preview.environmentId)
      throw new Error(`a preview run planned environment ${made.environmentId}, not its own`);
    reporter.info(planText(made));
    warnAboutPlan(made, reporter);
    await preflight(connection.api, made, reporter);
    return made;
  });
  if (inputs.dryRun) {
    const list = plan.services.map((s) => ({ service: s.service, previousId: s.serving?.id }));
    return void publishDryRun(list, reporter);
  }
  const engine = engineDeps(inputs, deps, connection);
  await waitForBusy(connection.api, engine.clock, plan, inputs.deployTimeoutMs, reporter.info);
  return runEngine(engine, reporter, () =>
    reporter.group('Deploy to Railway', () => deploy(plan, engine, resources)),
  );
}

function warnAboutPlan(plan: Plan, reporter: Reporter): void {
  for (const s of plan.services) {
    if (s.action === 'deploy' && !s.gates.healthcheckPath) {
      reporter.warn(
        `${s.service}: deployed without a healthcheck (set x-deploy.health or ` +
          "x-deploy.railway.healthcheck): Railway's SUCCESS then only means its container started.",
      );
    }
    if (s.action === 'deploy' && s.wanted.kind === 'commit') {
      reporter.warn(
        `${s.service}: ${s.wanted.tag} has no pushed digest (${s.wanted.why}), so Railway ` +
          `builds "${s.railwayName}" from its repository at ` +
          `${s.source.commitSha ? `commit ${s.source.commitSha}` : 'its latest commit'}.`,
      );
    }
  }
}

/** The compose stack as the inputs name it (files, profiles, the Railway place). */
function stackOf(inputs: DeployInputs, deps: RailwayDeps) {
  const where = {
    railwayProject: inputs.railway.project,
    railwayEnvironment: inputs.railway.environment,
  };
  return loadStack(inputs.composeFile, { profiles: inputs.profiles, ...where }, deps.cwd);
}

/** The post phase: rolls back a deploy or finishes a rollback its main phase left unfinished. */
export async function finishRailway(
  saved: RunState,
  inputs: DeployInputs & { previewName?: string },
  deps: RailwayDeps,
) {
  const stack = stackOf(inputs, deps);
  const state = checkedState(saved, {
    stack,
    environment: stack.railway.environment,
    previewName: inputs.previewName,
  });
  if (isFinished(state)) return;
  const connection = await connectTo(inputs, deps, state.environmentName);
  const engine = engineDeps(inputs, deps, connection);
  deps.reporter.warn(`The main phase stopped during the Railway ${state.kind}; finishing it now.`);
  await runEngine(engine, deps.reporter, () =>
    deps.reporter.group('Finish the Railway run', () => resume(state, engine)),
  );
}

/** The mapped services and a connection; undefined when nothing is mapped to Railway. */
export async function railwayTargets(
  inputs: DeployInputs,
  deps: RailwayDeps,
  wanted: (services: Service[]) => Promise<Map<string, Wanted>>,
) {
  const stack = stackOf(inputs, deps);
  const selected = selectServices(stack.file, stack.services, inputs.services);
  const skipped = selected.filter((s) => !s.railway).map((s) => s.name);
  if (skipped.length)
    deps.reporter.info(`Not on Railway (no x-deploy.railway): ${skipped.join(', ')}`);
  const mapped = selected.filter((s) => s.railway);
  if (mapped.length === 0) {
    deps.reporter.warn(`No selected service of ${stack.file} has x-deploy.railway: nothing to do.`);
    return undefined;
  }
  if (!inputs.railway.token) {
    throw new UserError(
      'Input "railway-token": expected a Railway project or account token, got nothing.',
    );
  }
  const list = targets(stack.file, stack.services, selected, await wanted(mapped));
  const where: Where = {
    ...stack.railway,
    projectFrom: inputs.railway.project
      ? 'Input "railway-project"'
      : `${stack.file}: x-deploy.railway.project`,
    environmentFrom: inputs.railway.environment
      ? 'Input "railway-environment"'
      : `${stack.file}: x-deploy.railway.environment`,
  };
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
  /** Opens the subscription socket for this engine run (undefined: poll only). */
  openFeed?: () => Promise<DeploymentFeed | undefined>;
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
    clock: interruptible(deps.clock ?? realClock, deps.signal),
    signal: deps.signal,
    timeoutMs: inputs.deployTimeoutMs,
    stableForMs: inputs.stableForMs,
    quietMs: deps.quietMs,
    openFeed:
      (deps.subscribe ?? !deps.clock)
        ? () =>
            DeploymentFeed.open({
              url: inputs.railway.apiUrl,
              headers: connection.api.authHeader(),
              debug: (m) => deps.reporter.debug(m),
            })
        : undefined,
    verify: { timeoutMs: inputs.verifyTimeoutMs, ...deps.checks },
    backup: {
      mode: inputs.backup,
      timeoutMs: inputs.backupTimeoutMs,
      name: `deploy-${inputs.sha.slice(0, 7)}-${inputs.runId}`,
    },
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
  engine.feed = await engine.openFeed?.();
  try {
    state = await work();
  } finally {
    engine.feed?.close();
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
  if (state.resources.backups) reporter.setOutput('backups', JSON.stringify(backupsOutput(state)));
  if (state.resources.verified)
    reporter.setOutput('verified', JSON.stringify(verifiedOutput(state)));
  reporter.setOutput('rolled-back', String(rolledBack(state)));
  await reporter.summary(summaryMarkdown(state, logs));
}
