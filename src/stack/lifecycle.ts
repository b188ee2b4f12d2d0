/**
 * The stack's life in a test, phase by phase, stopping at the first phase that fails:
 * 1. per service with a migration, in dependency order: its dependencies up and ready, then
 *    the migration (so the app starts against the schema it expects, like a release phase);
 * 2. every service up, and ready (healthy, or running and stable);
 * 3. health URLs from the host; 4. a last look, for containers that died meanwhile.
 * Everything is bounded by one deadline (the health-timeout).
 */
import { commandText, type Service } from '../config/model.js';
import { CommandError, type Exec } from '../docker/exec.js';
import type { Reporter } from '../reporter.js';
import { untrustedWriter } from '../untrusted.js';
import { blameUp } from './blame.js';
import { upArgs, type Compose } from './compose.js';
import { waitForUrl, urlPort, type UrlCheckResult } from './http.js';
import type { Failure } from './logs.js';
import { watchEvents } from './events.js';
import { runMigration, type MigrationResult } from './migrate.js';
import { dependenciesOf, waitTargets } from './plan.js';
import { readStates, type ContainerState } from './state.js';
import { judge, waitForServices, type Readiness, type WaitTarget } from './wait.js';

export interface LifecycleDeps {
  exec: Exec;
  reporter: Reporter;
  /** Epoch ms: the health-timeout from the start. */
  deadline: number;
  stableMs?: number;
  now?: () => number;
}

export interface ServiceFacts {
  /** When the `up` that started it began (epoch ms). */
  upAt?: number;
  readiness?: Readiness;
  migration?: MigrationResult;
  url?: UrlCheckResult;
  /** Last known containers. */
  containers: ContainerState[];
}

/** What every phase shares: the project, the whole file's services, the deps, the facts so far. */
interface Run {
  stack: Compose;
  all: Service[];
  deps: LifecycleDeps;
  facts: Map<string, ServiceFacts>;
}

export interface LifecycleResult {
  facts: Map<string, ServiceFacts>;
  failures: Failure[];
}

export async function exercise(
  stack: Compose,
  all: Service[],
  services: Service[],
  deps: LifecycleDeps,
): Promise<LifecycleResult> {
  const facts = new Map(services.map((s) => [s.name, { containers: [] } as ServiceFacts]));
  const run: Run = { stack, all, deps, facts };
  const result = { facts, failures: [] as Failure[] };
  const phases = [
    () => migrations(run, services),
    () => bringUp(run, services),
    () => checkUrls(run, services),
    () => lastLook(run, services),
  ];
  for (const phase of phases) {
    result.failures = await phase();
    if (result.failures.length > 0) break;
  }
  return result;
}

async function migrations(run: Run, services: Service[]): Promise<Failure[]> {
  const { stack, all, deps, facts } = run;
  for (const service of services.filter((s) => s.migrate)) {
    const needed = dependenciesOf(all, service);
    if (needed.length > 0) {
      const failures = await bringUp(run, needed);
      if (failures.length > 0) return failures;
    }
    const label = `Migrate ${service.name}: ${commandText(service.migrate!)}`;
    const migration = await deps.reporter.group(label, async () => {
      const output = untrustedWriter(deps.reporter);
      try {
        return await runMigration(stack, service.name, service.migrate!, {
          timeoutMs: Math.max(1000, deps.deadline - now(deps)),
          onLine: (line) => output.line(line),
          now: deps.now,
        });
      } finally {
        output.end();
      }
    });
    facts.get(service.name)!.migration = migration;
    deps.reporter.info(`${service.name}: migration exited with ${migration.exitCode ?? 'no code'}`);
    if (migration.error) {
      return [
        {
          service: service.name,
          reason: migration.error,
          containers: [],
          output: migration.output,
        },
      ];
    }
  }
  return [];
}

/** `up` the services (compose adds their dependencies) and wait for them to be ready. */
async function bringUp(run: Run, services: Service[]): Promise<Failure[]> {
  const { stack, all, deps, facts } = run;
  const names = services.map((s) => s.name);
  return deps.reporter.group(`Start ${names.join(', ')}`, async () => {
    const started = now(deps);
    for (const name of names) facts.get(name)!.upAt ??= started;
    let upError: CommandError | undefined;
    const output = untrustedWriter(deps.reporter);
    try {
      await stack.run(upArgs(names), {
        timeoutMs: Math.max(1000, deps.deadline - started),
        announce: true,
        onLine: (line) => output.line(line),
      });
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      upError = error;
    } finally {
      output.end();
    }
    const read = () => readStates(deps.exec, stack.project.name);
    const targets = waitTargets(all, services);
    if (upError) return blameFailedUp(run, upError, targets, await read());
    const events = watchEvents(deps.exec, stack.project.name, deps.reporter.debug);
    const options = {
      deadline: deps.deadline,
      stableMs: deps.stableMs,
      now: deps.now,
      wake: events.next,
      probe: (c: ContainerState) => runHealthcheck(deps.exec, c, deps.deadline - now(deps)),
    };
    const readiness = await waitForServices(read, targets, options).finally(events.stop);
    for (const r of readiness) {
      facts.get(r.service)!.readiness = r;
      facts.get(r.service)!.containers = r.containers;
    }
    return readiness.filter((r) => r.verdict.status === 'failed').map(toFailure);
  });
}

/** The container's own healthcheck, run now; bounded by its timeout and the deadline. */
async function runHealthcheck(exec: Exec, container: ContainerState, leftMs: number) {
  const check = container.healthcheck;
  if (!check || leftMs <= 0) return false;
  try {
    const timeoutMs = Math.max(100, Math.min(check.timeoutMs, leftMs));
    await exec('docker', ['exec', container.id, ...check.command], { timeoutMs });
    return true;
  } catch {
    return false;
  }
}

function toFailure(r: Readiness): Failure {
  const reason = r.verdict.status === 'ready' ? 'ready' : r.verdict.reason;
  return { service: r.service, reason, containers: r.containers };
}

/** After a failed `up` one look says who is at fault; waiting would only burn the timeout. */
function blameFailedUp(
  run: Run,
  error: CommandError,
  targets: WaitTarget[],
  containers: ContainerState[],
): Failure[] {
  const observed = lookAt(run, targets, containers);
  // A timeout: exec stopped compose at the deadline.
  return blameUp(`${error.stderr}\n${error.stdout}`, observed, error.kind === 'timeout');
}

async function checkUrls({ deps, facts }: Run, services: Service[]): Promise<Failure[]> {
  const withUrl = services.filter((s) => s.health);
  if (withUrl.length === 0) return [];
  return deps.reporter.group('Health URLs', async () => {
    const results = await Promise.all(
      withUrl.map(async (service) => {
        const url = await waitForUrl(service.health!, {
          deadline: deps.deadline,
          now: deps.now,
          onAttempt: logChanges(deps.reporter, service.health!),
        });
        const fact = facts.get(service.name)!;
        fact.url = url;
        const shown = url.ok ? `answered ${url.status}` : url.failure;
        deps.reporter.info(`${service.name}: ${url.url} ${shown} after ${url.attempts} attempt(s)`);
        return url.ok ? undefined : urlFailure(service, url, fact.containers);
      }),
    );
    return results.filter((f): f is Failure => f !== undefined);
  });
}

/** One debug line per change of answer, not one per attempt (they come every 200 ms). */
function logChanges(reporter: Reporter, url: string) {
  let last = '';
  return (attempt: number, failure: string) => {
    if (failure !== last) reporter.debug(`health ${url} attempt ${attempt}: ${failure}`);
    last = failure;
  };
}

/** "connection refused" on a port the service does not publish is a config mistake: say so. */
export function urlFailure(
  service: Service,
  url: UrlCheckResult,
  containers: ContainerState[],
): Failure {
  const port = String(urlPort(url.url));
  const published = containers.flatMap((c) => Object.values(c.ports).flat());
  const hint =
    url.failure === 'connection refused' && !published.some((p) => p.endsWith(`:${port}`))
      ? ` (port ${port} is not published by ${service.name}; ` +
        `it publishes ${published.join(', ') || 'no port'})`
      : '';
  const reason = `health URL ${url.url} was not healthy in time: ${url.failure}${hint}`;
  return { service: service.name, reason, containers };
}

/** Containers that were ready may have died while the URLs were checked. */
async function lastLook(run: Run, services: Service[]): Promise<Failure[]> {
  const containers = await readStates(run.deps.exec, run.stack.project.name);
  const failures: Failure[] = [];
  for (const { service, verdict, containers: own } of lookAt(
    run,
    waitTargets(run.all, services),
    containers,
  )) {
    // Ready by its own healthcheck run early (wait.ts), and Docker has not run its first yet.
    const earlyProbed = run.facts.get(service)?.readiness?.verdict.status === 'ready';
    if (verdict.status === 'pending' && earlyProbed && stillStarting(own)) continue;
    if (verdict.status !== 'ready') {
      const reason =
        verdict.status === 'failed' ? verdict.reason : `stopped being ready (${verdict.reason})`;
      failures.push({ service, reason, containers: own });
    }
  }
  return failures;
}

function stillStarting(containers: ContainerState[]): boolean {
  return containers.every((c) => c.status === 'running' && c.health === 'starting');
}

/**
 * One look at each target's containers, remembered in the facts. No stability wait: it was
 * proven earlier (or, after a failed `up`, waiting would only burn the timeout).
 */
function lookAt(run: Run, targets: WaitTarget[], containers: ContainerState[]) {
  return targets.map((target) => {
    const own = containers.filter((c) => c.service === target.name);
    run.facts.get(target.name)!.containers = own;
    const verdict = judge(target, own, now(run.deps), 0);
    return { service: target.name, verdict, containers: own };
  });
}

function now(deps: LifecycleDeps): number {
  return (deps.now ?? Date.now)();
}
