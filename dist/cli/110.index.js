export const id = 110;
export const ids = [110];
export const modules = {

/***/ 5110:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runTest: () => (/* binding */ runTest),
  tearDown: () => (/* reexport */ teardown_tearDown)
});

// UNUSED EXPORTS: StackTestFailedError, tearDownAfterTest

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/load.ts + 12 modules
var load = __webpack_require__(8261);
// EXTERNAL MODULE: ./src/config/order.ts
var order = __webpack_require__(3010);
// EXTERNAL MODULE: ./src/docker/engine.ts
var docker_engine = __webpack_require__(6556);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/stack/compose.ts
/** The label compose puts on every container, network and volume of a project (v1 and v2). */
const PROJECT_LABEL = 'com.docker.compose.project';
function composeProgram(flavour) {
    return flavour === 'v2'
        ? { command: 'docker', prefix: ['compose'] }
        : { command: 'docker-compose', prefix: [] };
}
/** The full command line for a compose subcommand of this project. */
function composeCommand(project, args) {
    const { command, prefix } = composeProgram(project.flavour);
    const files = project.files.flatMap((file) => ['-f', file]);
    const profiles = (project.profiles ?? []).flatMap((p) => ['--profile', p]);
    return [command, [...prefix, '-p', project.name, ...files, ...profiles, ...args]];
}
/** Detached, never building: the override pins every built service to its image. */
function upArgs(services = []) {
    return ['up', '-d', '--no-build', ...services];
}
/**
 * A one-off container of the service's image on the stack's network. `-T`: no TTY (there is
 * none in CI, and v1 fails asking for one); `--no-deps`: the dependencies are already up.
 */
function runArgs(service, command) {
    return ['run', '--rm', '--no-deps', '-T', service, ...shellOrExec(command)];
}
/** A string is a shell command line (`alembic upgrade head && seed`); a list is exec form. */
function shellOrExec(command) {
    return typeof command === 'string' ? ['sh', '-c', command] : command;
}
function downArgs(timeoutSeconds = 10) {
    return ['down', '-v', '--remove-orphans', '--timeout', String(timeoutSeconds)];
}
function compose(exec, project) {
    return {
        project,
        run: (args, options = {}) => {
            const [command, full] = composeCommand(project, args);
            return exec(command, full, { cwd: project.cwd, ...options });
        },
    };
}

// EXTERNAL MODULE: ./src/stack/http.ts
var http = __webpack_require__(9598);
// EXTERNAL MODULE: ./src/config/model.ts
var model = __webpack_require__(615);
// EXTERNAL MODULE: ./src/docker/exec.ts + 1 modules
var docker_exec = __webpack_require__(4801);
// EXTERNAL MODULE: ./src/untrusted.ts + 1 modules
var untrusted = __webpack_require__(1750);
;// CONCATENATED MODULE: ./src/stack/blame.ts
/** The most specific line of compose's error about this service, if there is one. */
function errorLineFor(text, service) {
    // v2's progress lines (` Container proj-backend-1  Created`) name services but say nothing.
    const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^Container \S+\s+\w+$/.test(l));
    const patterns = [
        new RegExp(`^ERROR: for ${service}\\s+(.*)$`),
        new RegExp(`[-_]${service}[-_]\\d+\\b.*`),
        new RegExp(`\\bservice "?${service}"?.*`),
    ];
    for (const pattern of patterns) {
        for (const line of lines) {
            const match = pattern.exec(line);
            if (match)
                return (match[1] ?? line).replace(/^ERROR:\s*/, '');
        }
    }
    return undefined;
}
/** `timedOut`: compose was stopped at the deadline (v1 `up` blocks on healthy dependencies). */
function blameUp(errorText, observed, timedOut = false) {
    const failures = observed.flatMap((o) => {
        if (o.verdict.status === 'ready')
            return [];
        if (o.verdict.status === 'pending' && timedOut) {
            const reason = `was not ready in time (${o.verdict.reason})`;
            return [{ service: o.service, reason, containers: o.containers }];
        }
        if (o.verdict.status === 'failed')
            return [{ service: o.service, reason: o.verdict.reason, containers: o.containers }];
        const line = errorLineFor(errorText, o.service);
        if (!line)
            return [];
        return [{ service: o.service, reason: `did not start: ${line}`, containers: o.containers }];
    });
    if (failures.length > 0)
        return failures;
    const last = errorText
        .trim()
        .split('\n')
        .at(-1)
        ?.replace(/^ERROR:\s*/, '') ?? '';
    // Compose named no one: every service not running carries the failure (all, if all run), so
    // each row of the report shows it rather than none.
    const reason = `compose up failed: ${last}`;
    if (observed.length === 0)
        return [{ service: 'compose', reason, containers: [] }];
    const waiting = observed.filter((o) => o.verdict.status !== 'ready');
    return (waiting.length > 0 ? waiting : observed).map((o) => ({
        service: o.service,
        reason,
        containers: o.containers,
    }));
}

;// CONCATENATED MODULE: ./src/stack/events.ts

function eventsArgs(project) {
    return [
        'events',
        '--filter',
        `label=${PROJECT_LABEL}=${project}`,
        '--filter',
        'type=container',
        '--format',
        '{{.Status}}',
    ];
}
function watchEvents(exec, project, debug) {
    const controller = new AbortController();
    let waiting = [];
    const wake = () => {
        const woken = waiting;
        waiting = [];
        woken.forEach((resolve) => resolve());
    };
    exec('docker', eventsArgs(project), {
        signal: controller.signal,
        onLine: (status) => {
            // exec_create/start/die: a healthcheck running (Docker's, or our early probe's, which
            // would wake us to probe again); its verdict comes as health_status.
            if (status.startsWith('exec_'))
                return;
            debug?.(`event: ${status}`);
            wake();
        },
    }).catch((error) => {
        if (!controller.signal.aborted)
            debug?.(`docker events stopped, polling alone: ${error}`);
    });
    return {
        next: () => new Promise((resolve) => waiting.push(resolve)),
        stop: () => {
            controller.abort();
            wake();
        },
    };
}

;// CONCATENATED MODULE: ./src/stack/migrate.ts
/**
 * A service's `x-deploy.migrate`, run once as a one-off container of the service's own image on
 * the stack's network (`compose run --rm --no-deps`), so it reaches the database by its compose
 * name exactly as the service will. Its exit code and output are kept for the report.
 */



async function runMigration(stack, service, command, options) {
    const now = options.now ?? Date.now;
    const started = now();
    const output = [];
    const onLine = (line) => {
        output.push(line);
        options.onLine?.(line);
    };
    const result = { service, command, output };
    try {
        await stack.run(runArgs(service, command), { onLine, timeoutMs: options.timeoutMs });
        return { ...result, exitCode: 0, ms: now() - started };
    }
    catch (error) {
        if (!(error instanceof docker_exec/* CommandError */.Qd))
            throw error;
        const ms = now() - started;
        const why = error.kind === 'timeout'
            ? `did not finish within ${Math.round(options.timeoutMs / 1000)} s`
            : `exited with code ${error.exitCode}`;
        return {
            ...result,
            exitCode: error.exitCode,
            ms,
            error: `migration \`${(0,model/* commandText */.j)(command)}\` ${why}`,
        };
    }
}

;// CONCATENATED MODULE: ./src/stack/plan.ts
/** The selected services and everything they depend on, in dependency order. */
function withDependencies(all, selected) {
    const byName = new Map(all.map((s) => [s.name, s]));
    const needed = new Set();
    // A stack of names to visit, not recursion: a 6000-deep depends_on chain is fine.
    const todo = selected.map((s) => s.name);
    for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
        if (needed.has(name))
            continue;
        needed.add(name);
        byName.get(name)?.dependsOn.forEach((d) => todo.push(d.service));
    }
    return all.filter((s) => needed.has(s.name));
}
/** A service's dependencies, transitively, in dependency order (itself excluded). */
function dependenciesOf(all, service) {
    return withDependencies(all, [service]).filter((s) => s.name !== service.name);
}
function waitTargets(all, services) {
    return services.map((s) => ({
        name: s.name,
        hasHealthcheck: s.hasHealthcheck,
        completes: all.some((other) => other.dependsOn.some((d) => d.service === s.name && d.condition === 'service_completed_successfully')),
    }));
}
/** `da-<sha8>-<random>`: unique per run, and a valid project name for compose v1 and v2. */
function projectName(sha, random = Math.random) {
    const short = sha
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 8) || 'local';
    const suffix = Math.floor(random() * 36 ** 6)
        .toString(36)
        .padStart(6, '0');
    return `da-${short}-${suffix}`;
}

;// CONCATENATED MODULE: ./src/stack/state.ts
/**
 * What the stack's containers are doing, read with `docker inspect` of the containers that carry
 * the project's label. Compose v1 and v2 both label every container with the project, service and
 * one-off flag, so this needs neither `compose ps` (whose output differs between them) nor names
 * (`proj_backend_1` in v1, `proj-backend-1` in v2).
 */


/** `docker inspect` of containers -> states; containers without a compose service are skipped. */
function parseContainers(json) {
    const parsed = JSON.parse(json);
    if (!Array.isArray(parsed))
        throw new Error(`docker inspect gave no list: ${json.slice(0, 200)}`);
    return parsed.flatMap((raw) => {
        const service = raw.Config?.Labels?.['com.docker.compose.service'];
        if (!service || !raw.State)
            return [];
        const health = raw.State.Health;
        return [
            {
                id: raw.Id,
                name: (raw.Name ?? '').replace(/^\//, ''),
                service,
                status: raw.State.Status,
                health: health?.Status ?? 'none',
                exitCode: raw.State.ExitCode ?? 0,
                restartCount: raw.RestartCount ?? 0,
                startedAt: timestamp(raw.State.StartedAt),
                healthLog: (health?.Log ?? []).map((p) => ({
                    exitCode: p.ExitCode,
                    output: p.Output.trimEnd(),
                    end: p.End,
                })),
                ports: publishedPorts(raw.NetworkSettings?.Ports),
                healthcheck: healthcheckCommand(raw.Config?.Healthcheck),
            },
        ];
    });
}
/**
 * Docker's healthcheck test as a command line: `CMD-SHELL x` runs `/bin/sh -c x` (Docker's own
 * rule, docs.docker.com/reference/dockerfile/#healthcheck), `CMD a b` runs `a b`, `NONE` none.
 * Its timeout is in nanoseconds (0: Docker's default, 30 s).
 */
function healthcheckCommand(check) {
    const [kind, ...rest] = check?.Test ?? [];
    const command = kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest.join(' ')] : kind === 'CMD' ? rest : [];
    if (command.length === 0)
        return undefined;
    return { command, timeoutMs: check?.Timeout ? check.Timeout / 1e6 : 30_000 };
}
/** Docker says "0001-01-01T00:00:00Z" for never. */
function timestamp(text) {
    const ms = text ? Date.parse(text) : NaN;
    return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
function publishedPorts(ports) {
    return Object.fromEntries(Object.entries(ports ?? {}).map(([port, bindings]) => [
        port,
        (bindings ?? []).map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}`),
    ]));
}
/** The project's service containers (one-off `run` containers excluded). */
async function readStates(exec, project) {
    for (let attempt = 1;; attempt++) {
        const { stdout } = await exec('docker', [
            'ps',
            '-a',
            '-q',
            '--no-trunc',
            '--filter',
            `label=${PROJECT_LABEL}=${project}`,
            '--filter',
            'label=com.docker.compose.oneoff=False',
        ]);
        const ids = stdout.split('\n').filter(Boolean);
        if (ids.length === 0)
            return [];
        try {
            return parseContainers((await exec('docker', ['inspect', ...ids])).stdout);
        }
        catch (error) {
            // A container removed between `ps` and `inspect` (compose recreating it): look again.
            const gone = error instanceof docker_exec/* CommandError */.Qd && /No such object/i.test(error.stderr);
            if (!gone || attempt >= 3)
                throw error;
        }
    }
}

;// CONCATENATED MODULE: ./src/stack/wait.ts
const DEFAULT_STABLE_MS = 1000;
const DEFAULT_POLL_MS = 250;
/** One service's verdict from its containers (pure: the table-tested heart of the wait). */
function judge(target, containers, now, stableMs = DEFAULT_STABLE_MS) {
    if (containers.length === 0)
        return { status: 'pending', reason: 'no container yet' };
    const verdicts = containers.map((c) => judgeContainer(target, c, now, stableMs));
    return (verdicts.find((v) => v.status === 'failed') ??
        verdicts.find((v) => v.status === 'pending') ?? { status: 'ready' });
}
function judgeContainer(target, c, now, stableMs) {
    if (c.status === 'restarting' || c.restartCount > 0) {
        // A restarted container that runs again reports exit code 0: only a stopped one's is real.
        const code = c.status === 'running' ? '' : `, last exit code ${c.exitCode}`;
        return {
            status: 'failed',
            reason: `is crash-looping: restarted ${c.restartCount} time(s)${code}`,
        };
    }
    if (c.status === 'exited' || c.status === 'dead') {
        if (c.exitCode === 0 && target.completes)
            return { status: 'ready' };
        return { status: 'failed', reason: `exited with code ${c.exitCode}` };
    }
    if (c.status !== 'running')
        return { status: 'pending', reason: `is ${c.status}` };
    if (c.health === 'unhealthy') {
        const last = c.healthLog.at(-1);
        // The last line of a probe's output is usually the verdict (the error after a traceback).
        const said = last?.output ? `: ${last.output.trim().split('\n').at(-1)}` : '';
        return { status: 'failed', reason: `is unhealthy (its healthcheck failed${said})` };
    }
    if (c.health === 'starting')
        return { status: 'pending', reason: 'healthcheck is starting' };
    if (c.health === 'healthy')
        return { status: 'ready' };
    if (target.hasHealthcheck)
        return { status: 'pending', reason: 'no healthcheck result yet' };
    const running = c.startedAt === undefined ? 0 : now - c.startedAt;
    if (running >= stableMs)
        return { status: 'ready' };
    return { status: 'pending', reason: `running for ${Math.max(0, Math.round(running))} ms` };
}
/** Polls until all targets are ready, one has failed, or the deadline passes. */
async function waitForServices(read, targets, options) {
    const now = options.now ?? Date.now;
    const results = new Map();
    for (;;) {
        const containers = await read();
        const time = now();
        for (const target of targets) {
            const own = containers.filter((c) => c.service === target.name);
            const previous = results.get(target.name);
            const verdict = previous?.verdict.status === 'ready' ? previous.verdict : undefined;
            const next = verdict ?? judge(target, own, time, options.stableMs);
            const readyAt = previous?.readyAt ?? (next.status === 'ready' ? time : undefined);
            results.set(target.name, { service: target.name, verdict: next, readyAt, containers: own });
        }
        if (options.probe)
            await probeEarly(targets, results, options.probe, time);
        const all = [...results.values()];
        if (all.every((r) => r.verdict.status === 'ready') || all.some(isFailed))
            return all;
        if (time >= options.deadline)
            return all.map(timedOut);
        const delay = Math.min(options.pollMs ?? DEFAULT_POLL_MS, untilStable(targets, results, time, options.stableMs ?? DEFAULT_STABLE_MS), Math.max(0, options.deadline - time));
        await pause(delay, options.sleep, options.wake);
    }
}
/** Services still waiting for Docker's first healthcheck result: run the check ourselves. */
async function probeEarly(targets, results, probe, time) {
    const waiting = targets
        .map((t) => results.get(t.name))
        .filter((r) => r.verdict.status === 'pending' && r.containers.length > 0)
        .filter((r) => r.containers.every((c) => c.status === 'running' && c.health === 'starting' && c.healthcheck));
    await Promise.all(waiting.map(async (r) => {
        const passed = await Promise.all(r.containers.map(probe));
        if (passed.every(Boolean))
            results.set(r.service, { ...r, verdict: { status: 'ready' }, readyAt: time });
    }));
}
/** Sleeps `ms` or until woken; a real timer is cleared when woken, so none outlives the wait. */
async function pause(ms, sleep, wake) {
    if (sleep)
        return Promise.race(wake ? [sleep(ms), wake()] : [sleep(ms)]);
    let timer;
    const slept = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race(wake ? [slept, wake()] : [slept]);
    clearTimeout(timer);
}
/** Ms until the first pending service without a healthcheck has run its stable window. */
function untilStable(targets, results, now, stableMs) {
    const ends = targets
        .filter((t) => !t.hasHealthcheck && results.get(t.name)?.verdict.status === 'pending')
        .map((t) => results.get(t.name).containers)
        .filter((own) => own.length > 0 && own.every((c) => c.status === 'running' && c.startedAt))
        .map((own) => Math.max(...own.map((c) => c.startedAt)) + stableMs - now);
    // A few ms past the end, so the next look finds the window complete.
    return ends.length > 0 ? Math.max(0, Math.min(...ends)) + 5 : Infinity;
}
function isFailed(r) {
    return r.verdict.status === 'failed';
}
function timedOut(r) {
    if (r.verdict.status !== 'pending')
        return r;
    return {
        ...r,
        verdict: { status: 'failed', reason: `was not ready in time (${r.verdict.reason})` },
    };
}

;// CONCATENATED MODULE: ./src/stack/lifecycle.ts
/**
 * The stack's life in a test, phase by phase, stopping at the first phase that fails:
 * 1. per service with a migration, in dependency order: its dependencies up and ready, then
 *    the migration (so the app starts against the schema it expects, like a release phase);
 * 2. every service up, and ready (healthy, or running and stable);
 * 3. health URLs from the host; 4. a last look, for containers that died meanwhile.
 * Everything is bounded by one deadline (the health-timeout).
 */











async function exercise(stack, all, services, deps) {
    const facts = new Map(services.map((s) => [s.name, { containers: [] }]));
    const run = { stack, all, deps, facts };
    const result = { facts, failures: [] };
    const phases = [
        () => migrations(run, services),
        () => bringUp(run, services),
        () => checkUrls(run, services),
        () => lastLook(run, services),
    ];
    for (const phase of phases) {
        result.failures = await phase();
        if (result.failures.length > 0)
            break;
    }
    return result;
}
async function migrations(run, services) {
    const { stack, all, deps, facts } = run;
    for (const service of services.filter((s) => s.migrate)) {
        const needed = dependenciesOf(all, service);
        if (needed.length > 0) {
            const failures = await bringUp(run, needed);
            if (failures.length > 0)
                return failures;
        }
        const label = `Migrate ${service.name}: ${(0,model/* commandText */.j)(service.migrate)}`;
        const migration = await deps.reporter.group(label, async () => {
            const output = (0,untrusted/* untrustedWriter */.A0)(deps.reporter);
            try {
                return await runMigration(stack, service.name, service.migrate, {
                    timeoutMs: Math.max(1000, deps.deadline - now(deps)),
                    onLine: (line) => output.line(line),
                    now: deps.now,
                });
            }
            finally {
                output.end();
            }
        });
        facts.get(service.name).migration = migration;
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
async function bringUp(run, services) {
    const { stack, all, deps, facts } = run;
    const names = services.map((s) => s.name);
    return deps.reporter.group(`Start ${names.join(', ')}`, async () => {
        const started = now(deps);
        for (const name of names)
            facts.get(name).upAt ??= started;
        let upError;
        const output = (0,untrusted/* untrustedWriter */.A0)(deps.reporter);
        try {
            await stack.run(upArgs(names), {
                timeoutMs: Math.max(1000, deps.deadline - started),
                announce: true,
                onLine: (line) => output.line(line),
            });
        }
        catch (error) {
            if (!(error instanceof docker_exec/* CommandError */.Qd))
                throw error;
            upError = error;
        }
        finally {
            output.end();
        }
        const read = () => readStates(deps.exec, stack.project.name);
        const targets = waitTargets(all, services);
        if (upError)
            return blameFailedUp(run, upError, targets, await read());
        const events = watchEvents(deps.exec, stack.project.name, deps.reporter.debug);
        const options = {
            deadline: deps.deadline,
            stableMs: deps.stableMs,
            now: deps.now,
            wake: events.next,
            probe: (c) => runHealthcheck(deps.exec, c, deps.deadline - now(deps)),
        };
        const readiness = await waitForServices(read, targets, options).finally(events.stop);
        for (const r of readiness) {
            facts.get(r.service).readiness = r;
            facts.get(r.service).containers = r.containers;
        }
        return readiness.filter((r) => r.verdict.status === 'failed').map(toFailure);
    });
}
/** The container's own healthcheck, run now; bounded by its timeout and the deadline. */
async function runHealthcheck(exec, container, leftMs) {
    const check = container.healthcheck;
    if (!check || leftMs <= 0)
        return false;
    try {
        const timeoutMs = Math.max(100, Math.min(check.timeoutMs, leftMs));
        await exec('docker', ['exec', container.id, ...check.command], { timeoutMs });
        return true;
    }
    catch {
        return false;
    }
}
function toFailure(r) {
    const reason = r.verdict.status === 'ready' ? 'ready' : r.verdict.reason;
    return { service: r.service, reason, containers: r.containers };
}
/** After a failed `up` one look says who is at fault; waiting would only burn the timeout. */
function blameFailedUp(run, error, targets, containers) {
    const observed = lookAt(run, targets, containers);
    // A timeout: exec stopped compose at the deadline.
    return blameUp(`${error.stderr}\n${error.stdout}`, observed, error.kind === 'timeout');
}
async function checkUrls({ deps, facts }, services) {
    const withUrl = services.filter((s) => s.health);
    if (withUrl.length === 0)
        return [];
    return deps.reporter.group('Health URLs', async () => {
        const results = await Promise.all(withUrl.map(async (service) => {
            const url = await (0,http/* waitForUrl */.UN)(service.health, {
                deadline: deps.deadline,
                now: deps.now,
                onAttempt: logChanges(deps.reporter, service.health),
            });
            const fact = facts.get(service.name);
            fact.url = url;
            const shown = url.ok ? `answered ${url.status}` : url.failure;
            deps.reporter.info(`${service.name}: ${url.url} ${shown} after ${url.attempts} attempt(s)`);
            return url.ok ? undefined : urlFailure(service, url, fact.containers);
        }));
        return results.filter((f) => f !== undefined);
    });
}
/** One debug line per change of answer, not one per attempt (they come every 200 ms). */
function logChanges(reporter, url) {
    let last = '';
    return (attempt, failure) => {
        if (failure !== last)
            reporter.debug(`health ${url} attempt ${attempt}: ${failure}`);
        last = failure;
    };
}
/** "connection refused" on a port the service does not publish is a config mistake: say so. */
function urlFailure(service, url, containers) {
    const port = String((0,http/* urlPort */.lq)(url.url));
    const published = containers.flatMap((c) => Object.values(c.ports).flat());
    const hint = url.failure === 'connection refused' && !published.some((p) => p.endsWith(`:${port}`))
        ? ` (port ${port} is not published by ${service.name}; ` +
            `it publishes ${published.join(', ') || 'no port'})`
        : '';
    const reason = `health URL ${url.url} was not healthy in time: ${url.failure}${hint}`;
    return { service: service.name, reason, containers };
}
/** Containers that were ready may have died while the URLs were checked. */
async function lastLook(run, services) {
    const containers = await readStates(run.deps.exec, run.stack.project.name);
    const failures = [];
    for (const { service, verdict, containers: own } of lookAt(run, waitTargets(run.all, services), containers)) {
        // Ready by its own healthcheck run early (wait.ts), and Docker has not run its first yet.
        const earlyProbed = run.facts.get(service)?.readiness?.verdict.status === 'ready';
        if (verdict.status === 'pending' && earlyProbed && stillStarting(own))
            continue;
        if (verdict.status !== 'ready') {
            const reason = verdict.status === 'failed' ? verdict.reason : `stopped being ready (${verdict.reason})`;
            failures.push({ service, reason, containers: own });
        }
    }
    return failures;
}
function stillStarting(containers) {
    return containers.every((c) => c.status === 'running' && c.health === 'starting');
}
/**
 * One look at each target's containers, remembered in the facts. No stability wait: it was
 * proven earlier (or, after a failed `up`, waiting would only burn the timeout).
 */
function lookAt(run, targets, containers) {
    return targets.map((target) => {
        const own = containers.filter((c) => c.service === target.name);
        run.facts.get(target.name).containers = own;
        const verdict = judge(target, own, now(run.deps), 0);
        return { service: target.name, verdict, containers: own };
    });
}
function now(deps) {
    return (deps.now ?? Date.now)();
}

;// CONCATENATED MODULE: ./src/stack/logs.ts


const LOG_LINES = 100;
/** Merges `docker logs --timestamps` stdout and stderr by time, without the timestamps. */
function mergeTimestamped(stdout, stderr, tail = LOG_LINES) {
    const lines = [...stamped(stdout), ...stamped(stderr)];
    // RFC 3339 with nanoseconds, all UTC: text order is time order; the sort is stable.
    lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return lines.slice(-tail).map((l) => l.text);
}
function stamped(text) {
    return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => {
        const space = line.indexOf(' ');
        const at = space > 0 ? line.slice(0, space) : '';
        return /^\d{4}-\d\d-\d\dT/.test(at)
            ? { at, text: line.slice(space + 1) }
            : { at: '', text: line };
    });
}
async function containerLogs(exec, id, tail = LOG_LINES) {
    try {
        const { stdout, stderr } = await exec('docker', [
            'logs',
            '--timestamps',
            '--tail',
            String(tail),
            id,
        ]);
        return mergeTimestamped(stdout, stderr, tail);
    }
    catch (error) {
        return [`(could not read the logs: ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]})`];
    }
}
/** The state and healthcheck part of a diagnosis (pure, so its wording is tested). */
function describeContainer(c) {
    const lines = [
        `container ${c.name}: ${c.status}${c.status === 'exited' ? ` (exit code ${c.exitCode})` : ''}` +
            `, health ${c.health}, restarts ${c.restartCount}`,
    ];
    const ports = Object.entries(c.ports).map(([port, hosts]) => hosts.length ? `${hosts.join(', ')} -> ${port}` : `${port} (not published)`);
    if (ports.length)
        lines.push(`ports: ${ports.join('; ')}`);
    if (c.healthLog.length) {
        lines.push('last healthcheck outputs:');
        for (const probe of c.healthLog) {
            const output = probe.output.split('\n').slice(-3).join(' | ') || '(no output)';
            lines.push(`  ${probe.end.slice(11, 23) || '?'} exit ${probe.exitCode}: ${output}`);
        }
    }
    return lines;
}
/** One collapsed group per failing service: state, healthcheck outputs, last 100 log lines. */
async function showFailures(reporter, exec, failures) {
    for (const failure of failures) {
        const title = `${(0,untrusted/* oneLine */.TN)(failure.service)}: ${(0,untrusted/* oneLine */.TN)(failure.reason)}`;
        await reporter.group(title, async () => {
            if (failure.output) {
                reporter.info(`last ${LOG_LINES} lines of its output:`);
                (0,untrusted/* printUntrusted */.Qi)(reporter, failure.output.slice(-LOG_LINES).map((line) => `  ${line}`));
            }
            else if (failure.containers.length === 0) {
                reporter.info('no container was created for it');
            }
            for (const container of failure.containers) {
                describeContainer(container).forEach((line) => reporter.info(line));
                const logs = await containerLogs(exec, container.id);
                reporter.info(`last ${LOG_LINES} lines of its logs:`);
                (0,untrusted/* printUntrusted */.Qi)(reporter, (logs.length ? logs : ['(no output)']).map((line) => `  ${line}`));
            }
        });
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/stack/override.ts
/**
 * The compose override that pins every built service to the image the build step made, so the
 * test runs exactly those images and compose never rebuilds (`up --no-build` as well).
 *
 * It only adds `image:`. Removing `build:` from a service needs `!reset` (compose v2.18+), which
 * v1 cannot parse; with `image:` set and `--no-build`, compose uses the image and never builds.
 * v1 refuses files of different `version:` values, so the override repeats the user's.
 */



function overrideYaml(options) {
    const services = Object.fromEntries(Object.entries(options.images).map(([service, image]) => [service, { image }]));
    const document = options.version === undefined ? { services } : { version: options.version, services };
    const header = [
        `# Generated by deploy-action for compose project ${options.project}: runs the images`,
        '# the build step made instead of building again.',
    ];
    return `${header.join('\n')}\n${(0,dist/* stringify */.As)(document)}`;
}
/** Writes the override into `dir` (a run-specific temp folder) and returns its path. */
async function writeOverride(dir, options) {
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = external_node_path_default().join(dir, `${options.project}.override.yml`);
    await (0,promises_.writeFile)(file, overrideYaml(options));
    return file;
}
/** The top-level `version:` of a compose file's text, if any (a quick look, not validation). */
function composeVersion(text) {
    const match = /^version:\s*["']?([\d.]+)["']?\s*(#.*)?$/m.exec(text);
    return match?.[1];
}

// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/markdown.ts
var markdown = __webpack_require__(3758);
;// CONCATENATED MODULE: ./src/stack/report.ts


function stackOutput(reports) {
    return Object.fromEntries(reports.map((r) => [
        r.service,
        {
            state: r.state,
            health: r.health,
            secondsToHealthy: r.secondsToHealthy,
            migrationExitCode: r.migrationExitCode,
            ...(r.healthUrl ? { healthUrl: r.healthUrl } : {}),
            ...(r.error ? { error: r.error } : {}),
        },
    ]));
}
const HEALTH = {
    healthy: '✅ healthy',
    unhealthy: '❌ unhealthy',
    starting: '⏳ not ready',
    skipped: '➖ not checked',
};
function summaryMarkdown(project, reports) {
    const rows = reports.map((r) => {
        const time = r.secondsToHealthy === null ? '' : (0,units/* formatDuration */.a3)(r.secondsToHealthy * 1000);
        const migration = !r.migrationRan
            ? ''
            : r.migrationExitCode === 0
                ? '✅ exit 0'
                : `❌ exit ${r.migrationExitCode ?? 'none (timed out)'}`;
        const health = r.error ? `${HEALTH[r.health]}: ${(0,markdown/* mdText */.bC)(r.error)}` : HEALTH[r.health];
        return `| ${(0,markdown/* mdText */.bC)(r.service)} | ${(0,markdown/* mdText */.bC)(r.state)} | ${health} | ${time} | ${migration} |`;
    });
    return [
        `## Stack test (compose project ${(0,markdown/* mdCode */.xs)(project)})`,
        '',
        '| service | state | health | time to healthy | migration |',
        '|---|---|---|--:|---|',
        ...rows,
        '',
    ].join('\n');
}
/** The facts gathered by the lifecycle, per service, as reported. */
function serviceReports(services, life) {
    const failed = new Map(life.failures.map((f) => [f.service, f.reason]));
    return services.map((service) => {
        const fact = life.facts.get(service.name);
        const container = fact.containers[0];
        const error = failed.get(service.name);
        const containerReady = fact.readiness?.verdict.status === 'ready';
        const urlReady = !service.health || fact.url?.ok === true;
        const health = error
            ? 'unhealthy'
            : containerReady && urlReady
                ? 'healthy'
                : fact.readiness || fact.url
                    ? 'starting'
                    : 'skipped';
        const healthyAt = Math.max(fact.readiness?.readyAt ?? 0, fact.url?.healthyAt ?? 0);
        const seconds = health === 'healthy' && fact.upAt !== undefined
            ? Math.round((healthyAt - fact.upAt) / 100) / 10
            : null;
        return {
            service: service.name,
            state: container?.status ?? 'missing',
            health,
            secondsToHealthy: seconds,
            migrationExitCode: fact.migration?.exitCode ?? null,
            migrationRan: fact.migration !== undefined,
            healthUrl: service.health,
            error,
        };
    });
}

// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(9834);
;// CONCATENATED MODULE: ./src/stack/teardown.ts
/**
 * Removes a test stack: `compose down -v --remove-orphans`, then anything still carrying the
 * project's label. The sweep matters when compose cannot run (the override file is gone, the
 * compose file changed) and after a killed main phase, whose orphaned `compose up` may still be
 * creating containers: so then (`expectLate`), or when something was left to sweep, it looks
 * again after a pause before it calls the stack gone. A stack that is gone at the first look,
 * torn down by the process that brought it up, is gone: no pause.
 */




function isEmpty(left) {
    return left.containers.length + left.networks.length + left.volumes.length === 0;
}
async function leftovers(exec, project) {
    const filter = ['--filter', `label=${PROJECT_LABEL}=${project}`];
    const ids = async (args) => (await exec('docker', [...args, ...filter])).stdout.split('\n').filter(Boolean);
    const [containers, networks, volumes] = await Promise.all([
        ids(['ps', '-a', '-q', '--no-trunc']),
        ids(['network', 'ls', '-q', '--no-trunc']),
        ids(['volume', 'ls', '-q']),
    ]);
    return { containers, networks, volumes };
}
/** Returns what is left (nothing, unless docker refused to remove something). */
async function teardown(exec, project, options = {}) {
    const log = options.log ?? (() => { });
    const sleep = options.sleep ?? time/* sleep */.y;
    if (project.files.length > 0 && project.files.every((file) => (0,external_node_fs_.existsSync)(file))) {
        try {
            await compose(exec, project).run(downArgs(), { timeoutMs: 120_000 });
        }
        catch (error) {
            log(`compose down failed, removing by label instead: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    let left = await leftovers(exec, project.name);
    if (isEmpty(left) && !options.expectLate)
        return left;
    for (let pass = 1; pass <= (options.passes ?? 3); pass++) {
        if (!isEmpty(left))
            await sweep(exec, left, log);
        await sleep(options.settleMs ?? 1000);
        left = await leftovers(exec, project.name);
        if (isEmpty(left))
            return left;
    }
    return left;
}
async function sweep(exec, left, log) {
    const attempt = async (args) => {
        try {
            await exec('docker', args);
        }
        catch (error) {
            log(`${args.slice(0, 2).join(' ')} failed: ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}`);
        }
    };
    if (left.containers.length)
        await attempt(['rm', '-f', '-v', ...left.containers]);
    if (left.networks.length)
        await attempt(['network', 'rm', ...left.networks]);
    if (left.volumes.length)
        await attempt(['volume', 'rm', '-f', ...left.volumes]);
}
/**
 * Shell commands a user can paste to remove what is left, one per kind of leftover. Project
 * names are `[a-z0-9][a-z0-9_-]*` (compose's own rule), so they need no quoting.
 */
function removalCommands(project, left) {
    const filter = `--filter label=${PROJECT_LABEL}=${project}`;
    const all = left === undefined;
    return [
        all || left.containers.length ? `docker rm -f -v $(docker ps -aq ${filter})` : '',
        all || left.networks.length ? `docker network rm $(docker network ls -q ${filter})` : '',
        all || left.volumes.length ? `docker volume rm -f $(docker volume ls -q ${filter})` : '',
    ].filter(Boolean);
}
/** Teardowns under way, by project: Ctrl-C in the CLI and runTest's finally may both start one. */
const tearingDown = new Map();
/**
 * Tears a stack down and says so; used at the end here, by the post phase and on Ctrl-C. A
 * second call for a project already being torn down waits for the first and never fails.
 */
async function teardown_tearDown(project, deps) {
    const running = tearingDown.get(project.name);
    if (running) {
        deps.reporter.info(`${project.name}: already being torn down, waiting for it`);
        return running.catch(() => { });
    }
    const work = deps.reporter
        .group(`Tear down ${project.name}`, () => tearDownNow(project, deps))
        .finally(() => tearingDown.delete(project.name));
    tearingDown.set(project.name, work);
    return work;
}
async function tearDownNow(project, deps) {
    const options = { log: deps.reporter.debug, sleep: deps.sleep, expectLate: deps.expectLate };
    const left = await teardown(deps.exec, project, options);
    if (isEmpty(left)) {
        deps.reporter.info(`${project.name}: no container, network or volume left`);
        return;
    }
    deps.reporter.warn(`${project.name}: could not remove ${left.containers.length} container(s), ` +
        `${left.networks.length} network(s), ${left.volumes.length} volume(s). ` +
        `Remove them with:\n${removalCommands(project.name, left).join('\n')}`);
}

// EXTERNAL MODULE: ./src/records.ts
var records = __webpack_require__(4845);
;// CONCATENATED MODULE: ./src/stack/images.ts



function chooseImages(services, images, tagOf) {
    return services
        .filter((s) => s.build)
        .map((s) => {
        const entry = (0,records/* own */.Z)(images, s.name);
        if (entry === undefined)
            return { service: s.name, image: tagOf(s.name), source: 'tag' };
        const { image, digest, status } = entry;
        if (status === 'build-failed') {
            throw new errors/* InputError */.dz('images', `the build of ${s.name} failed, so it cannot be tested`);
        }
        // The deploy runs the pushed digest when there is one: so does the test.
        const pinned = digest ?? image;
        return { service: s.name, image: pinned, source: 'input' };
    });
}
async function isLocal(exec, image) {
    try {
        await exec('docker', ['image', 'inspect', '--format', '{{.Id}}', image]);
        return true;
    }
    catch {
        return false;
    }
}
/** An image named by the images input may live only in the registry (built in another job). */
async function pullIfMissing(exec, image) {
    if (await isLocal(exec, image))
        return { ok: true };
    try {
        await exec('docker', ['pull', image]);
        return { ok: true };
    }
    catch (error) {
        return { ok: false, reason: pullError(error) };
    }
}
/** Docker's own last word ("pull access denied ...", "manifest unknown"), not our wrapper's. */
function pullError(error) {
    const said = error instanceof docker_exec/* CommandError */.Qd ? error.tail : (0,errors/* errorMessage */.gJ)(error);
    const lines = said.split('\n').map((l) => l.trim());
    return lines.filter(Boolean).at(-1) ?? (0,errors/* errorMessage */.gJ)(error);
}
function isDigest(image) {
    return /@sha256:[0-9a-f]{64}$/.test(image);
}
/** Why the test cannot go on without an image the input names (one sentence per image). */
function unavailableError(missing) {
    const sentences = missing.map(({ service, image, reason }) => {
        const what = `${service}: the images input names ${image}, which is not on this machine ` +
            `and could not be pulled (${reason}).`;
        return isDigest(image)
            ? `${what} Testing an image rebuilt from source would not test what will be deployed: ` +
                'log in to the registry (docker/login-action) before this step.'
            : `${what} Test in the job that built it, or build with push: true and log in to the ` +
                'registry before this step.';
    });
    return new errors/* UserError */.yo(sentences.join('\n'));
}

;// CONCATENATED MODULE: ./src/stack/nested.ts
function nestedReporter(parent, label) {
    return {
        info: (message) => parent.info(message),
        debug: (message) => parent.debug(message),
        warn: (message, at) => parent.warn(message, at),
        // Its verdict (over budget) is the build step's to give; a fatal one is thrown anyway.
        error: (message, at) => parent.warn(message, at),
        group: async (title, work) => {
            parent.info(`${label}: ${title}`);
            return work();
        },
        setOutput: (name) => parent.debug(`${label}: output ${name} left to the build step`),
        summary: async () => { },
    };
}

// EXTERNAL MODULE: ./src/build/stack.ts + 5 modules
var build_stack = __webpack_require__(9532);
// EXTERNAL MODULE: ./src/commands/build.ts + 2 modules
var build = __webpack_require__(7320);
;// CONCATENATED MODULE: ./src/commands/test.ts
/**
 * `command: test`: the built images run together as a compose stack under a project name of
 * their own: migrations, readiness, health URLs. Fails late: the `stack` output and the summary
 * are written first. The stack's identity is handed out (the action state) before anything
 * starts, so the post phase can tear down even a stack whose main phase was killed.
 */



















class StackTestFailedError extends errors/* UserError */.yo {
    name = 'StackTestFailedError';
}
async function runTest(inputs, deps) {
    const { reporter, exec } = deps;
    const stack = (0,load.loadStack)(inputs.composeFile, { budget: inputs.budget, profiles: inputs.profiles });
    const selected = (0,order.selectServices)(stack.file, stack.services, inputs.services);
    const services = withDependencies(stack.services, selected);
    if (deps.loopbackOnly)
        refuseRemoteUrls(services);
    const flavour = await composeFlavour(exec, reporter, inputs.compose);
    const images = await reporter.group('Images', () => resolveImages(stack, services, inputs, deps));
    const name = projectName(inputs.sha, deps.random);
    const override = await writeOverride(external_node_path_default().join(deps.workDir, 'stacks'), {
        project: name,
        images,
        version: composeVersion((0,external_node_fs_.readFileSync)(stack.path, 'utf8')),
    });
    const project = {
        flavour,
        name,
        files: [...stack.paths, override],
        cwd: stack.dir,
        profiles: stack.profiles,
    };
    deps.onStack?.({ keepStack: inputs.keepStack, ...project });
    reporter.info(`compose project ${name} (${flavour === 'v2' ? 'docker compose' : 'docker-compose'})`);
    try {
        // The health-timeout starts with the stack, not with a build of missing images.
        const deadline = (deps.now ?? Date.now)() + inputs.healthTimeoutMs;
        const life = await exercise(compose(exec, project), stack.services, services, {
            exec,
            reporter,
            deadline,
            stableMs: deps.stableMs ?? inputs.stableMs,
            now: deps.now,
        });
        const reports = serviceReports(services, life);
        reporter.setOutput('stack', JSON.stringify(stackOutput(reports)));
        await reporter.summary(summaryMarkdown(name, reports));
        if (life.failures.length > 0) {
            await showFailures(reporter, exec, life.failures);
            throw new StackTestFailedError(failureMessage(life.failures));
        }
        reporter.info(`every service of ${name} is healthy`);
        return { project, reports };
    }
    finally {
        if (deps.teardown === 'now' && !inputs.keepStack)
            await tearDownOrWarn(project, deps);
        else if (inputs.keepStack)
            reporter.info(`keep-stack: ${name} is left running`);
    }
}
/** A teardown that fails must not replace the test's own verdict (thrown from the try). */
async function tearDownOrWarn(project, deps) {
    try {
        await teardown_tearDown(project, deps);
    }
    catch (error) {
        deps.reporter.warn(`Tearing down ${project.name} failed: ${(0,errors/* errorMessage */.gJ)(error)}\n` +
            `Remove what is left with:\n${removalCommands(project.name).join('\n')}`);
    }
}
/**
 * Service -> image: the build step's, pulled if need be; a deterministic tag (no images input)
 * that is missing is built now. An image the input names is never replaced by a rebuild.
 */
async function resolveImages(stack, services, inputs, deps) {
    const tagOf = (service) => (0,build_stack/* imageTag */.I_)(inputs.imagePrefix, service, inputs.sha);
    const choices = chooseImages(services, inputs.images, tagOf);
    const missing = [];
    const unavailable = [];
    for (const choice of choices) {
        if (choice.source === 'tag') {
            if (!(await isLocal(deps.exec, choice.image)))
                missing.push(choice.service);
            continue;
        }
        const pulled = await pullIfMissing(deps.exec, choice.image);
        if (pulled.ok)
            continue;
        deps.reporter.warn(`Could not pull ${choice.image}: ${pulled.reason}`);
        unavailable.push({ ...choice, reason: pulled.reason });
    }
    if (unavailable.length > 0)
        throw unavailableError(unavailable);
    if (missing.length > 0) {
        deps.reporter.info(`no image yet for ${missing.join(', ')}: building it first`);
        await buildMissing(missing, stack, inputs, deps);
    }
    choices.forEach((c) => deps.reporter.info(`${c.service}: ${c.image}`));
    return Object.fromEntries(choices.map((c) => [c.service, c.image]));
}
/** The library build (not the build command: no outputs, no budget verdict of its own). */
async function buildMissing(names, stack, inputs, deps) {
    const services = stack.services.filter((s) => names.includes(s.name) && s.build);
    // Not the test step's groups (we are inside the "Images" group).
    const reporter = nestedReporter(deps.reporter, 'build');
    const { results } = await (0,build_stack/* buildStack */.HT)(stack, services, inputs, { exec: deps.exec, reporter });
    const failed = results.filter((r) => r.status === 'failed');
    if (failed.length > 0) {
        const lines = failed.map((r) => `${r.service}: the build failed:\n${r.error}`);
        throw new build/* ImagesRejectedError */.T7(lines.join('\n'));
    }
}
function failureMessage(failures) {
    // Services failing for one reason (a compose up that named no one) are one clause.
    const byReason = new Map();
    for (const f of failures)
        byReason.set(f.reason, [...(byReason.get(f.reason) ?? []), f.service]);
    const lines = [...byReason].map(([reason, names]) => `${names.join(', ')} ${reason}`);
    return `The stack test failed: ${lines.join('; ')}. Its logs are in the groups above.`;
}
function refuseRemoteUrls(services) {
    for (const service of services) {
        if (service.health && !(0,http/* isLoopback */.U9)(service.health)) {
            throw new errors/* UserError */.yo(`${service.name}: health URL ${service.health} is not on this machine`);
        }
    }
}
async function composeFlavour(exec, reporter, choice = 'auto') {
    const detect = () => (0,docker_engine/* detectEngine */.uU)(exec, { compose: choice, buildx: false });
    const engine = await reporter.group('Docker engine', detect);
    if (!engine.compose) {
        const wanted = {
            auto: 'docker compose (v2 plugin) or docker-compose (v1)',
            v2: 'docker compose (v2 plugin), as the compose input says',
            v1: 'docker-compose (v1), as the compose input says',
        }[choice];
        throw new errors/* UserError */.yo(`command: test needs ${wanted}: install it and run again.`);
    }
    reporter.info(`Docker ${engine.serverVersion}, compose ${engine.compose}`);
    return engine.compose;
}
/** The post phase: tears down the stack the main phase saved, unless keep-stack. */
async function tearDownAfterTest(saved, deps) {
    // Checked field by field: the state comes back through the runner's environment.
    const { name, flavour, files, cwd, keepStack, settled, profiles } = saved;
    if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9_-]*$/.test(name)) {
        deps.reporter.debug('post: the main phase started no stack');
        return;
    }
    if (keepStack) {
        deps.reporter.info(`keep-stack: leaving compose project ${name} running`);
        return;
    }
    const project = {
        name,
        flavour: flavour === 'v2' ? 'v2' : 'v1',
        files: Array.isArray(files) ? files.map(String) : [],
        cwd: typeof cwd === 'string' ? cwd : process.cwd(),
        profiles: Array.isArray(profiles) ? profiles.map(String) : [],
    };
    // A main phase that was killed may have left a `compose up` running: watch for late ones.
    await tearDown(project, { ...deps, expectLate: settled !== true });
}


/***/ }),

/***/ 9598:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Op: () => (/* binding */ describeFetchError),
/* harmony export */   U9: () => (/* binding */ isLoopback),
/* harmony export */   UN: () => (/* binding */ waitForUrl),
/* harmony export */   lq: () => (/* binding */ urlPort)
/* harmony export */ });
/* unused harmony exports DEFAULT_FIRST_DELAY_MS, DEFAULT_MAX_DELAY_MS, DEFAULT_REQUEST_TIMEOUT_MS, backoff, probe */
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9834);
/**
 * Health URLs checked from the host, the way a user's browser would reach the stack. Only a 2xx
 * answer is healthy; refused and reset connections, timeouts, 5xx, 4xx and redirects are retried
 * with a short capped backoff until the deadline. The cap is small on purpose: these URLs are on
 * the runner itself (published ports), a request costs next to nothing, and each interval of
 * waiting is lag added to every run (bench/health.mjs measures it).
 */

const DEFAULT_FIRST_DELAY_MS = 50;
const DEFAULT_MAX_DELAY_MS = 200;
const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
/** 50, 100, 200, 200, ... ms: fast while a service starts, never hammering. */
function backoff(attempt, firstMs, maxMs) {
    return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1));
}
async function waitForUrl(url, options) {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? _time_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .y;
    const first = options.firstDelayMs ?? DEFAULT_FIRST_DELAY_MS;
    const max = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    let last = { ok: false, failure: 'not checked before the deadline' };
    for (let attempt = 1;; attempt++) {
        const left = options.deadline - now();
        if (left <= 0)
            return { url, attempts: attempt - 1, ...last, ok: false };
        const full = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
        const timeout = Math.min(full, left);
        const answer = await probe(url, timeout, options.fetch ?? fetch);
        if (answer.ok)
            return { url, ok: true, attempts: attempt, healthyAt: now(), status: answer.status };
        options.onAttempt?.(attempt, answer.failure);
        // A request cut short by the deadline says less than the answer before it ("answered 500").
        const cut = answer.status === undefined && timeout < full && attempt > 1;
        if (!cut)
            last = answer;
        const wait = Math.min(backoff(attempt, first, max), options.deadline - now());
        if (wait > 0)
            await sleep(wait);
    }
}
/** One request: never throws, says why it was not healthy. */
async function probe(url, timeoutMs, get = fetch) {
    try {
        const response = await get(url, {
            redirect: 'manual',
            signal: AbortSignal.timeout(timeoutMs),
            headers: { 'user-agent': 'deploy-action health check' },
        });
        const status = response.status;
        if (status >= 200 && status < 300) {
            await response.body?.cancel();
            return { ok: true, status };
        }
        if (status >= 300 && status < 400) {
            await response.body?.cancel();
            const to = response.headers.get('location');
            return { ok: false, status, failure: `redirected (${status})${to ? ` to ${to}` : ''}` };
        }
        const body = (await response.text().catch(() => '')).trim().replace(/\s+/g, ' ');
        const shown = body.length > 200 ? `${body.slice(0, 200)}...` : body;
        return { ok: false, status, failure: `answered ${status}${shown ? `: ${shown}` : ''}` };
    }
    catch (error) {
        return { ok: false, failure: describeFetchError(error, timeoutMs) };
    }
}
const CODES = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    EPIPE: 'connection reset',
    UND_ERR_SOCKET: 'connection closed by the server',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host not found',
};
function describeFetchError(error, timeoutMs) {
    const err = error;
    if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
        return `no answer within ${timeoutMs} ms`;
    }
    const code = err?.cause?.code;
    if (code)
        return CODES[code] ?? `request failed (${code})`;
    return `request failed (${err?.message ?? String(error)})`;
}
/** Hosts that are this machine. Tests allow only these, so no test ever reaches elsewhere. */
function isLoopback(url) {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
/** The host port a URL connects to. */
function urlPort(url) {
    const parsed = new URL(url);
    if (parsed.port)
        return Number(parsed.port);
    return parsed.protocol === 'https:' ? 443 : 80;
}


/***/ }),

/***/ 9834:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/** Waiting, in one place, so tests can hand in a clock of their own instead. */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));


/***/ })

};
