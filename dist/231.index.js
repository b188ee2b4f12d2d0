export const id = 231;
export const ids = [231];
export const modules = {

/***/ 3231:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  sh: () => (/* binding */ deployTargets),
  fw: () => (/* binding */ deployTo),
  Vg: () => (/* binding */ engineDeps),
  finishRailway: () => (/* binding */ finishRailway),
  uz: () => (/* binding */ publishDryRun),
  ip: () => (/* binding */ railwayTargets),
  runDeploy: () => (/* binding */ runDeploy),
  cn: () => (/* binding */ runEngine)
});

// EXTERNAL MODULE: ./src/config/load.ts + 12 modules
var load = __webpack_require__(8261);
// EXTERNAL MODULE: ./src/config/order.ts
var order = __webpack_require__(3010);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/docker/exec.ts + 1 modules
var exec = __webpack_require__(4801);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/docker/images.ts
var docker_images = __webpack_require__(1075);
;// CONCATENATED MODULE: ./src/docker/digest.ts
/**
 * The pushed digest of a tag, so a deploy runs exactly the image that was built: first the
 * local engine's RepoDigests (set by `docker push`), else the registry's manifest digest
 * (`Docker-Content-Digest` of the distribution API's manifest endpoint), with docker's own
 * credentials from `~/.docker/config.json`. Sources: the OCI distribution spec ("Pulling
 * manifests", "Docker-Content-Digest"), docker's token auth ("Token Authentication
 * Specification": a 401 names the realm in `WWW-Authenticate`).
 */





const ACCEPT = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.docker.distribution.manifest.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
].join(', ');
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;
function digestResolver(deps) {
    return async (tag) => {
        const local = await localDigest(deps.exec, tag);
        if (local)
            return { digest: local };
        try {
            return await registryDigest(tag, deps);
        }
        catch (error) {
            return { missing: `the registry could not be asked (${(0,errors/* errorMessage */.gJ)(error)})` };
        }
    };
}
async function localDigest(exec, tag) {
    try {
        const { stdout } = await exec('docker', [
            'image',
            'inspect',
            '--format',
            '{{json .RepoDigests}}',
            tag,
        ]);
        return (0,docker_images/* digestFor */.iW)(tag, JSON.parse(stdout.trim() || '[]') ?? []);
    }
    catch {
        return undefined; // not on this engine (or no engine): the registry may still know it
    }
}
/** Splits `host/repo:tag` the way docker does (no dot, colon or localhost: Docker Hub). */
function parseReference(ref) {
    const match = /^(?:([^/]+)\/)?([^:@]+(?:\/[^:@]+)*)(?::([\w][\w.-]{0,127}))?$/.exec(ref);
    if (!match)
        return undefined;
    const [, first, , tag] = match;
    let rest = match[2];
    let registry = 'docker.io';
    if (first && (first.includes('.') || first.includes(':') || first === 'localhost'))
        registry = first;
    else if (first)
        rest = `${first}/${rest}`;
    if (registry === 'docker.io' && !rest.includes('/'))
        rest = `library/${rest}`;
    return { registry, repository: rest, tag: tag ?? 'latest' };
}
async function registryDigest(tag, deps) {
    const ref = parseReference(tag);
    if (!ref)
        return { missing: `"${tag}" is not an image reference` };
    // The CLI's default prefix outside GitHub: images that were never meant for a registry.
    if (ref.registry === 'docker.io' && ref.repository.startsWith('local/'))
        return { missing: `${tag} is a local tag (image-prefix "local"), not in any registry` };
    const doFetch = deps.fetch ?? globalThis.fetch;
    const host = ref.registry === 'docker.io' ? 'registry-1.docker.io' : ref.registry;
    const scheme = LOOPBACK.test(host) ? 'http' : 'https';
    const url = `${scheme}://${host}/v2/${ref.repository}/manifests/${ref.tag}`;
    const basic = credentials(ref.registry, deps.env ?? process.env);
    const ask = (authorization) => doFetch(url, {
        method: 'HEAD',
        headers: { accept: ACCEPT, ...(authorization ? { authorization } : {}) },
        signal: AbortSignal.timeout(30_000),
    });
    let response = await ask(basic && `Basic ${basic}`);
    const challenge = response.headers.get('www-authenticate');
    if (response.status === 401 && challenge?.startsWith('Bearer ')) {
        const token = await bearer(challenge, basic, doFetch);
        if (token)
            response = await ask(`Bearer ${token}`);
    }
    const digest = response.headers.get('docker-content-digest');
    if (response.ok && digest && /^sha256:[0-9a-f]{64}$/.test(digest)) {
        const name = tag.replace(/:[^:/]+$/, '');
        return { digest: `${name}@${digest}` };
    }
    if (response.status === 404)
        return { missing: `${ref.registry} has no ${tag}` };
    if (response.status === 401 || response.status === 403)
        return { missing: `${ref.registry} refused to show ${tag} (HTTP ${response.status})` };
    return { missing: `${ref.registry} answered HTTP ${response.status} for ${tag}` };
}
/** `auth` of docker's config for this registry (base64 user:password), if any. */
function credentials(registry, env) {
    const dir = env.DOCKER_CONFIG || external_node_path_default().join((0,external_node_os_.homedir)(), '.docker');
    try {
        const config = JSON.parse((0,external_node_fs_.readFileSync)(external_node_path_default().join(dir, 'config.json'), 'utf8'));
        const keys = registry === 'docker.io'
            ? ['https://index.docker.io/v1/', 'docker.io', 'index.docker.io']
            : [registry, `https://${registry}`, `http://${registry}`];
        return keys.map((k) => config.auths?.[k]?.auth).find(Boolean);
    }
    catch {
        return undefined;
    }
}
async function bearer(challenge, basic, doFetch) {
    const params = Object.fromEntries([...challenge.slice(7).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (!params.realm)
        return undefined;
    const url = new URL(params.realm);
    for (const key of ['service', 'scope'])
        if (params[key])
            url.searchParams.set(key, params[key]);
    const response = await doFetch(url, {
        headers: basic ? { authorization: `Basic ${basic}` } : {},
        signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok)
        return undefined;
    const body = (await response.json());
    return body.token ?? body.access_token;
}

// EXTERNAL MODULE: ./src/railway/api.ts
var api = __webpack_require__(779);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/railway/client.ts + 1 modules
var client = __webpack_require__(3718);
// EXTERNAL MODULE: ./src/railway/backup.ts
var backup = __webpack_require__(7809);
// EXTERNAL MODULE: ./src/railway/verify.ts
var verify = __webpack_require__(718);
// EXTERNAL MODULE: ./src/railway/fail.ts
var fail = __webpack_require__(8959);
// EXTERNAL MODULE: ./src/railway/machine.ts
var machine = __webpack_require__(9974);
// EXTERNAL MODULE: ./src/railway/rollback.ts
var rollback = __webpack_require__(5551);
// EXTERNAL MODULE: ./src/railway/state.ts
var railway_state = __webpack_require__(5650);
// EXTERNAL MODULE: ./src/railway/wait.ts
var wait = __webpack_require__(6354);
;// CONCATENATED MODULE: ./src/railway/deploy.ts
/**
 * The rollout: services deploy in waves of dependency order (a wave starts once every earlier
 * one serves). Each wave is ONE request: per service, the instance update (exact image and
 * Railway's gates: healthcheck, pre-deploy migration) and then the deploy. The wave is polled
 * in one request together with the services already live (a late CRASH is caught), and after
 * the last wave every new deployment must stay up for `stable-for`. On any failure, Railway
 * going away included, the run rolls back (fail.ts).
 */











function deployState(plan, resources = {}) {
    const step = { deploy: 'pending', unchanged: 'unchanged', managed: 'managed' };
    return {
        version: 2,
        kind: 'deploy',
        phase: 'deploying',
        projectId: plan.projectId,
        projectName: plan.projectName,
        environmentId: plan.environmentId,
        environmentName: plan.environmentName,
        resources,
        services: plan.services.map((s) => ({
            service: s.service,
            railwayName: s.railwayName,
            serviceId: s.serviceId,
            wave: s.wave,
            source: s.source,
            gates: s.gates,
            backup: s.settings.backup,
            check: s.check,
            startOnly: s.startOnly,
            before: {
                image: s.instance.image,
                healthcheckPath: s.instance.healthcheckPath,
                healthcheckTimeout: s.instance.healthcheckTimeout,
                preDeployCommand: s.instance.preDeployCommand,
            },
            step: step[s.action],
            servingBefore: s.serving?.id,
            previous: s.serving && { id: s.serving.id, image: s.serving.image },
            newestKnownId: s.history[0]?.id,
        })),
    };
}
async function deploy(plan, deps, resources = {}) {
    const run = new machine/* Run */.KF(deployState(plan, resources), deps);
    deps.api.setReserve((0,rollback/* rollbackReserve */.NR)(run.state));
    let failure;
    try {
        failure =
            (await (0,backup/* backUp */.vm)(run, deps)) ??
                (await rollOut(run, deps)) ??
                (await stabilize(run, deps)) ??
                (await verifyPublic(run, deps));
    }
    catch (error) {
        if (error instanceof machine/* InterruptedError */.p4)
            throw error;
        // Railway stopped answering (retries spent) or anything else broke: whatever this run
        // changed must still go back, here and now (the CLI has no post phase to do it later).
        failure = `the rollout stopped: ${(0,errors/* errorMessage */.gJ)(error)}`;
    }
    if (failure) {
        await (0,fail/* failRun */.QQ)(run, failure, deps);
        return run.state;
    }
    run.apply({ type: 'phase', phase: 'succeeded' });
    return run.state;
}
/** Wave after wave; returns the sentence of the first failure, if any. */
async function rollOut(run, deps) {
    const deadline = deps.clock.now() + deps.timeoutMs;
    const lastWave = Math.max(-1, ...run.state.services.map((s) => s.wave));
    for (let wave = 0; wave <= lastWave; wave++) {
        const members = run.where((s) => s.wave === wave && s.step === 'pending');
        for (const s of run.where((s) => s.wave === wave && s.step !== 'pending')) {
            deps.log.info(`${s.service}: ${s.step === 'managed' ? 'managed by Railway' : s.step}`);
        }
        if (members.length === 0)
            continue;
        const failure = (await startWave(run, members, deps)) ?? (await watchWave(run, wave, deadline, deps));
        if (failure)
            return failure;
    }
    return undefined;
}
/** A wave's updates and deploys in one request; the intent is saved before it is sent. */
async function startWave(run, members, deps) {
    const { environmentId } = run.state;
    const steps = [];
    const at = [];
    for (const s of members) {
        const first = steps.length;
        if (!s.startOnly) {
            const input = (0,api/* instanceInput */.og)({ image: s.source.image, ...s.gates });
            steps.push({ op: 'update', serviceId: s.serviceId, input });
        }
        const commitSha = s.source.image ? undefined : s.source.commitSha;
        steps.push({ op: 'deploy', serviceId: s.serviceId, commitSha });
        at.push({ first, deploy: steps.length - 1 });
    }
    run.apply({ type: 'deploy-sent', services: members.map((s) => s.service) });
    try {
        const answers = await deps.api.wave(environmentId, steps);
        members.forEach((s, i) => started(run, s.service, String(answers[at[i].deploy]), deps));
        return undefined;
    }
    catch (error) {
        if (!(error instanceof client/* RailwayApiError */.Y8) && !(error instanceof client/* RailwayAnswerLostError */.Q0))
            throw error;
        // Refused: the mutations before the refused one ran, the rest did not (serial execution).
        // Lost: any of them may have run. Either way the deployment list says what started.
        const refused = error instanceof client/* RailwayApiError */.Y8 ? refusedMember(error, members, at) : undefined;
        if (refused) {
            run.apply({ type: 'service-failed', service: refused.service, error: (0,errors/* errorMessage */.gJ)(error) });
        }
        await (0,fail/* adoptLost */.Rl)(run, deps);
        const missing = run.where((s) => s.step === 'deploying' && !s.deploymentId);
        if (refused)
            return `${refused.service}: could not start a deployment: ${(0,errors/* errorMessage */.gJ)(error)}`;
        if (missing.length === 0) {
            deps.log.info("Railway's answer to the wave was lost; every deployment of it had started");
            return undefined;
        }
        return `${missing[0].service}: could not start a deployment: ${(0,errors/* errorMessage */.gJ)(error)}`;
    }
}
function refusedMember(error, members, at) {
    const index = /^m(\d+)$/.exec(error.path ?? '')?.[1];
    if (index === undefined)
        return members[0];
    return members[at.findIndex((a) => a.deploy >= Number(index))] ?? members[0];
}
function started(run, service, deploymentId, deps) {
    run.apply({ type: 'deploy-started', service, deploymentId });
    const s = run.service(service);
    deps.log.info(`${service}: deployment ${deploymentId} started ` +
        `(${s.source.image ?? `commit ${s.source.commitSha ?? 'latest'}`})`);
}
async function watchWave(run, wave, deadline, deps) {
    let failure;
    const inFlight = () => run.where((s) => s.wave === wave && s.step === 'deploying');
    // Live services of earlier waves ride along for free: a late CRASH still fails the run.
    const watched = () => run.where((s) => s.deploymentId !== undefined &&
        (s.step === 'succeeded' || (s.wave === wave && s.step === 'deploying')));
    const result = await (0,wait/* pollUntil */.g3)({
        api: deps.api,
        clock: deps.clock,
        deadline,
        debug: deps.log.debug,
        feed: deps.feed,
        quietMs: deps.quietMs,
        watch: () => watched().map((s) => s.deploymentId),
        settle: (statuses) => {
            for (const service of watched()) {
                failure ??= observe(run, service.service, statuses.get(service.deploymentId), deps);
            }
            return failure || inFlight().length === 0 ? 'stop' : 'continue';
        },
    });
    if (failure || result !== 'timeout')
        return failure;
    const late = inFlight()[0];
    const error = `still ${late.status ?? 'not started'} when deploy-timeout ` +
        `(${(0,units/* formatDuration */.a3)(deps.timeoutMs)}) ran out`;
    run.apply({ type: 'service-failed', service: late.service, error });
    return `${late.service}: deployment ${late.deploymentId} was ${error}`;
}
/** Records a fresh look; returns the failure sentence when this one fails the run. */
function observe(run, name, seen, deps) {
    const before = run.service(name);
    if (!seen || (seen.status === before.status && seen.image === before.runningImage))
        return;
    const wasLive = before.step === 'succeeded';
    run.apply({ type: 'observed', service: name, deployment: seen });
    const service = run.service(name);
    if (seen.status !== before.status) {
        deps.log.info(`${name}: deployment ${service.deploymentId} is ${seen.status}`);
    }
    if (service.step === 'succeeded') {
        const wrong = wrongImage(service, seen);
        if (!wrong || wasLive)
            return undefined;
        run.apply({ type: 'service-failed', service: name, error: wrong });
        return `${name}: deployment ${service.deploymentId}: ${wrong}`;
    }
    const why = FAILURE_REASON[seen.status]?.(service);
    if (!why)
        return undefined;
    run.apply({ type: 'service-failed', service: name, error: why });
    return `${name}: deployment ${service.deploymentId} ${seen.status}: ${why}`;
}
/** Railway's meta names the image a deployment runs: it must be the one this run asked for. */
function wrongImage(service, seen) {
    const asked = service.source.image;
    if (!asked || seen.image === asked)
        return undefined;
    return `Railway runs ${seen.image ?? 'an unknown image'}, not ${asked}`;
}
const REPLACED = () => 'it will never serve (replaced or stopped outside this run)';
const FAILURE_REASON = {
    FAILED: () => 'its pre-deploy command (migration) or healthcheck failed, or its image could not be ' +
        'pulled; the previous deployment kept serving (see the logs)',
    CRASHED: () => 'its container kept exiting after it started',
    SKIPPED: REPLACED,
    REMOVED: REPLACED,
    REMOVING: REPLACED,
    NEEDS_APPROVAL: (s) => 'Railway holds it for approval, which this action cannot give: ' +
        `approve deployments of service "${s.railwayName}" in the Railway dashboard, ` +
        'then run the deploy again',
};
/** The public URLs of what this run deployed, checked from the runner; recorded either way. */
async function verifyPublic(run, deps) {
    const checked = run.where((s) => s.step === 'succeeded' && s.check !== undefined);
    if (!deps.verify || checked.length === 0)
        return undefined;
    const checks = checked.map((s) => ({ service: s.service, ...s.check }));
    deps.log.info(`Checking ${checks.map((c) => c.url).join(', ')} from the runner`);
    const results = await (0,verify/* checkAll */.K)(checks, { clock: deps.clock, ...deps.verify });
    const verified = Object.fromEntries(results.map((r) => [
        r.service,
        { url: r.url, ok: r.ok, status: r.status ?? null, ms: r.ms ?? null, failure: r.failure },
    ]));
    run.apply({ type: 'resources', resources: { ...run.state.resources, verified } });
    const failed = results.find((r) => !r.ok);
    for (const r of results.filter((x) => x.ok))
        deps.log.info(`${r.service}: ${r.url} answered ${r.status} in ${r.ms} ms`);
    if (!failed)
        return undefined;
    const window = (0,units/* formatDuration */.a3)(deps.verify.timeoutMs);
    run.apply({
        type: 'service-failed',
        service: failed.service,
        error: `${failed.url} ${failed.failure}`,
    });
    return `${failed.service}: the post-deploy check of ${failed.url} did not pass within verify-timeout (${window}): ${failed.failure}`;
}
const RESTARTING = ['RESTARTING', 'CRASHED', 'EXITED'];
/**
 * Stable before green: Railway restarts a crashing container up to 10 times before it shows
 * CRASHED (docs `deployments/restart-policy.md`), so every new deployment is watched for
 * `stable-for` after the last wave; a restart or a crash in that window fails the run.
 */
async function stabilize(run, deps) {
    const fresh = () => run.where((s) => s.step === 'succeeded' && s.deploymentId !== undefined);
    if (deps.stableForMs <= 0 || fresh().length === 0)
        return undefined;
    run.apply({ type: 'phase', phase: 'stabilizing' });
    deps.log.info(`Watching ${fresh()
        .map((s) => s.service)
        .join(', ')} for ` +
        `${(0,units/* formatDuration */.a3)(deps.stableForMs)} (stable-for) before calling the deploy good`);
    const { clock } = deps;
    const until = clock.now() + deps.stableForMs;
    const every = Math.min(10_000, Math.max(2000, Math.ceil(deps.stableForMs / 3)));
    let unanswered;
    let heard = false;
    while (clock.now() < until) {
        const feed = deps.feed && !deps.feed.closed ? deps.feed : undefined;
        if (feed) {
            // Over the socket: a crash or a restart is heard the moment Railway says it.
            const ids = fresh().map((s) => s.deploymentId);
            feed.watch(ids);
            feed.takeNew();
            heard = true;
            if (!(await feed.wait(until - clock.now()))) {
                if (feed.closed)
                    continue;
                break;
            }
            const seen = feed.take(ids);
            for (const service of fresh()) {
                const got = seen.get(service.deploymentId);
                const failure = got && unstable(run, service, got, deps);
                if (failure)
                    return failure;
            }
            continue;
        }
        await clock.sleep(Math.min(Math.max(every, deps.api.pollFloorMs()), until - clock.now()));
        const ids = fresh().map((s) => s.deploymentId);
        const statuses = await deps.api.statuses(ids, 'Stable').catch((error) => {
            unanswered = error;
            return undefined;
        });
        if (!statuses)
            continue;
        unanswered = undefined;
        for (const service of fresh()) {
            const seen = statuses.get(service.deploymentId);
            if (!seen)
                continue;
            const failure = unstable(run, service, seen, deps);
            if (failure)
                return failure;
        }
    }
    if (heard) {
        // One look at the end confirms what the socket said (instances included).
        const statuses = await deps.api.statuses(fresh().map((s) => s.deploymentId), 'Stable');
        for (const service of fresh()) {
            const seen = statuses.get(service.deploymentId);
            const failure = seen && unstable(run, service, seen, deps);
            if (failure)
                return failure;
        }
    }
    if (unanswered)
        return `could not confirm stable-for: ${(0,errors/* errorMessage */.gJ)(unanswered)}`;
    return undefined;
}
function unstable(run, service, seen, deps) {
    const restarting = seen.instances.filter((i) => RESTARTING.includes(i));
    if (railway_state/* LIVE */.L8.includes(seen.status) && restarting.length === 0)
        return undefined;
    const window = (0,units/* formatDuration */.a3)(deps.stableForMs);
    const error = railway_state/* LIVE */.L8.includes(seen.status)
        ? `its instances are ${restarting.join(', ')} within stable-for (${window}) after SUCCESS`
        : `it became ${seen.status} within stable-for (${window}) after SUCCESS`;
    run.apply({ type: 'service-failed', service: service.service, error, status: seen.status });
    return `${service.service}: deployment ${service.deploymentId}: ${error}`;
}

// EXTERNAL MODULE: ./src/railway/engine.ts
var railway_engine = __webpack_require__(3413);
// EXTERNAL MODULE: ./src/railway/plan.ts
var railway_plan = __webpack_require__(4692);
// EXTERNAL MODULE: ./src/markdown.ts
var markdown = __webpack_require__(3758);
;// CONCATENATED MODULE: ./src/railway/report.ts
/**
 * A run told to people and machines: the `deployments` output, the job-summary table, the
 * dry-run plan, and the one error the step fails with. Pure functions of the state.
 */




/** The deploy failed and every service of the run is back where it was. */
class DeployFailedError extends errors/* UserError */.yo {
    name = 'DeployFailedError';
}
/** A rollback did not reach SUCCESS: a human must act. */
class RollbackFailedError extends errors/* UserError */.yo {
    name = 'RollbackFailedError';
}
function deploymentsOutput(state) {
    return Object.fromEntries(state.services.map((s) => {
        const rollbackRun = state.kind === 'rollback';
        const left = s.step === 'unchanged' || s.step === 'managed';
        const id = (left ? s.servingBefore : rollbackRun ? s.rollbackId : s.deploymentId) ?? null;
        const status = left
            ? s.step.toUpperCase()
            : ((rollbackRun ? s.rollbackStatus : s.status) ?? 'NOT_STARTED');
        const previousId = s.servingBefore ?? null;
        const entry = { id, status, previousId, step: s.step };
        if (!rollbackRun && s.rollbackId)
            entry.rollbackId = s.rollbackId;
        return [s.service, entry];
    }));
}
/** The `deployments` output of a dry-run, the same for a deploy and a rollback. */
function dryRunOutput(services) {
    return Object.fromEntries(services.map((s) => [
        s.service,
        { id: null, status: 'DRY_RUN', previousId: s.previousId ?? null },
    ]));
}
function rolledBack(state) {
    return state.services.some((s) => s.step === 'rolled-back');
}
/** The error the step fails with, or undefined when the run did what was asked. */
function outcomeError(state) {
    const broken = state.services.filter((s) => s.step === 'rollback-failed');
    const hint = (0,backup/* backupHint */.S1)(state);
    if (broken.length > 0) {
        const head = state.failure ? `Deploy failed (${state.failure}) and ` : '';
        return new RollbackFailedError(`${head}${broken.length} rollback(s) failed. ` +
            broken.map((s) => (0,rollback/* rollbackFailedMessage */.To)(state, s)).join(' ') +
            hint);
    }
    if (state.kind === 'rollback' && state.phase === 'rollback-failed')
        return new RollbackFailedError(state.failure ?? 'the rollback failed');
    if (state.phase === 'succeeded' || state.kind === 'rollback')
        return undefined;
    return new DeployFailedError(`Deploy failed: ${state.failure}. ${whereBack(state)}${hint}`);
}
/** Where the services the run went back on stand, as read from Railway at the end. */
function whereBack(state) {
    const gone = state.services.filter((s) => s.step === 'rolled-back' || s.step === 'kept-previous');
    if (gone.length === 0)
        return 'No service had been changed.';
    const isBack = (s) => s.servingAfter !== undefined &&
        !s.comingAfter &&
        [s.previous?.id, s.rollbackId].includes(s.servingAfter);
    const back = gone.filter(isBack).map((s) => `${s.service} (${s.previous?.id ?? 'unchanged'})`);
    const other = gone
        .filter((s) => !isBack(s) && s.servingAfter !== undefined)
        .map((s) => s.comingAfter
        ? `${s.service} serves ${s.servingAfter} for now, and deployment ${s.comingAfter}, ` +
            'which this run did not start, is on its way'
        : `${s.service} now serves ${s.servingAfter}, which this run did not start`);
    const unread = gone.filter((s) => s.servingAfter === undefined).map((s) => s.service);
    if (other.length === 0 && unread.length === 0)
        return `Every service of the run is back on its previous deployment: ${back.join(', ')}.`;
    return [
        back.length ? `Back on their previous deployment: ${back.join(', ')}.` : '',
        other.length ? `${other.join('; ')}.` : '',
        unread.length ? `What serves ${unread.join(', ')} could not be read back from Railway.` : '',
    ]
        .filter(Boolean)
        .join(' ');
}
const STEP_TEXT = {
    pending: '⏸️ not started',
    unchanged: '➖ unchanged (already serving this image)',
    managed: '🗄️ managed by Railway (not deployed)',
    deploying: '⏳ deploying',
    succeeded: '✅ deployed',
    failed: '❌ failed',
    'kept-previous': '↩️ never went live; previous kept',
    'rollback-pending': '⏳ rollback pending',
    'rolling-back': '⏳ rolling back',
    'rolled-back': '↩️ rolled back',
    'rollback-failed': '🚨 ROLLBACK FAILED',
};
function summaryMarkdown(state, logs) {
    const title = state.kind === 'deploy' ? 'Railway deploy' : 'Railway rollback';
    const rows = state.services.map((s) => `| ${(0,markdown/* mdText */.bC)(s.service)} | ${(0,markdown/* mdText */.bC)(s.railwayName)} | ` +
        `${code(s.servingBefore)} | ${code(s.deploymentId)} ${s.status ?? ''} | ` +
        `${code(s.rollbackId)} ${s.rollbackStatus ?? ''} | ${STEP_TEXT[s.step]} |`);
    const parts = [
        `## ${title}: ${(0,markdown/* mdText */.bC)(state.projectName)} / ${(0,markdown/* mdText */.bC)(state.environmentName)}`,
        '',
        '| Service | Railway service | Was serving | New deployment | Rollback | Result |',
        '|---|---|---|---|---|---|',
        ...rows,
        '',
    ];
    if (state.failure)
        parts.push(`**Failure:** ${(0,markdown/* mdText */.bC)(state.failure)}`, '');
    for (const b of state.resources.backups ?? []) {
        parts.push(`Backup of ${(0,markdown/* mdText */.bC)(b.service)} (volume instance ${(0,markdown/* mdCode */.xs)(b.volumeInstanceId)}): ` +
            `"${(0,markdown/* mdText */.bC)(b.name)}", ${b.backupId ? `${(0,markdown/* mdCode */.xs)(b.backupId)} ` : ''}${b.status}` +
            `${b.error ? ` (${(0,markdown/* mdText */.bC)(b.error)})` : ''}`, '');
    }
    for (const [service, v] of Object.entries(state.resources.verified ?? {})) {
        const result = v.ok ? `✅ ${v.status} in ${v.ms} ms` : `❌ ${v.failure}`;
        parts.push(`Post-deploy check of ${(0,markdown/* mdText */.bC)(service)}: ${(0,markdown/* mdCode */.xs)(v.url)}: ${(0,markdown/* mdText */.bC)(result)}`, '');
    }
    const hint = (0,backup/* backupHint */.S1)(state);
    if (hint && state.phase !== 'succeeded')
        parts.push(`**Data:** ${(0,markdown/* mdText */.bC)(hint.trim())}`, '');
    for (const [deployment, lines] of logs) {
        parts.push(`<details><summary>${htmlText(deployment)}: last log lines</summary>`, '', (0,markdown/* mdFence */.F)(lines.join('\n')), '</details>', '');
    }
    return parts.join('\n');
}
/** Inside an HTML block markdown is not read: only HTML's own characters are escaped. */
function htmlText(text) {
    const entities = {
        '&': '&amp;',
        '<': '&lt;',
        '>': '&gt;',
        '"': '&quot;',
    };
    return text.replace(/[&<>"]/g, (c) => entities[c]);
}
function code(id) {
    return id ? (0,markdown/* mdCodeCell */.nn)(id) : '—';
}
/** What a deploy would do, for dry-run and the log. */
function planText(plan) {
    const lines = [
        `Railway project "${plan.projectName}" (${plan.projectId}), environment ` +
            `"${plan.environmentName}" (${plan.environmentId}):`,
    ];
    for (const s of plan.services) {
        const what = s.action === 'managed'
            ? 'nothing (managed by Railway)'
            : s.action === 'unchanged'
                ? `nothing (already serving ${s.source.image ?? `commit ${s.source.commitSha}`})`
                : s.source.image
                    ? `image ${s.source.image}`
                    : `commit ${s.source.commitSha ?? 'latest'}`;
        const gates = s.action === 'deploy' ? gateText(s.gates) : '';
        const now = s.serving ? `serving ${s.serving.id}` : 'nothing serving yet';
        const busy = s.inProgress
            ? `, ${s.inProgress.id} ${s.inProgress.status} (waited for first)`
            : '';
        lines.push(`  wave ${s.wave + 1}: ${s.service} -> "${s.railwayName}": deploy ${what}${gates} ` +
            `(${now}${busy})`);
    }
    return lines.join('\n');
}
function gateText(gates) {
    const parts = [
        gates.healthcheckPath && `healthcheck ${gates.healthcheckPath} (${gates.healthcheckTimeout}s)`,
        gates.preDeployCommand && `pre-deploy ${gates.preDeployCommand.join('; ')}`,
    ].filter(Boolean);
    return parts.length ? `, ${parts.join(', ')}` : ', no healthcheck';
}
/** The `backups` output: service -> its volume backup of this run. */
function backupsOutput(state) {
    return Object.fromEntries((state.resources.backups ?? []).map((b) => [
        b.service,
        {
            volumeInstanceId: b.volumeInstanceId,
            backupId: b.backupId ?? null,
            name: b.name,
            status: b.status,
        },
    ]));
}
/** The `verified` output: service -> URL, HTTP status, milliseconds of the passing request. */
function verifiedOutput(state) {
    return Object.fromEntries(Object.entries(state.resources.verified ?? {}).map(([service, v]) => [
        service,
        {
            url: v.url,
            status: v.status,
            ms: v.ms,
            ok: v.ok,
            ...(v.failure ? { failure: v.failure } : {}),
        },
    ]));
}

// EXTERNAL MODULE: ./node_modules/ws/wrapper.mjs
var wrapper = __webpack_require__(2977);
// EXTERNAL MODULE: ./src/railway/operations.ts
var operations = __webpack_require__(6681);
;// CONCATENATED MODULE: ./src/railway/feed.ts
/**
 * Following deployments without polling: Railway's GraphQL subscriptions over one WebSocket,
 * protocol `graphql-transport-ws` (the graphql-ws library's), at the API URL with `wss://` and
 * the same auth header on the upgrade request; one `deployment(id)` subscription per
 * deployment, many on one socket (shared/railway/README.md, "Following a deployment without
 * polling"; Railway's CLI `src/subscription.rs`). Undocumented by Railway, so the engine
 * treats it as a hint: whenever the socket cannot open, closes or goes quiet, it polls, and
 * the state machine gets the same Deployment either way.
 */



const SUBSCRIPTION = 'subscription DeploymentFeed($id: String!) { deployment(id: $id) { ...DeploymentFields } }\n' +
    operations/* DEPLOYMENT_FIELDS */.wm;
function socketUrl(apiUrl) {
    return apiUrl.replace(/^http(s?):/i, (_m, s) => `ws${s}:`);
}
class DeploymentFeed {
    socket;
    debug;
    subscriptions = new Map();
    latest = new Map();
    waiters = [];
    counter = 0;
    /** Ids whose subscription started since `takeNew()` last ran: a poll catches them up. */
    fresh = [];
    closed = false;
    constructor(socket, debug) {
        this.socket = socket;
        this.debug = debug;
        socket.on('message', (data) => this.receive(String(data)));
        socket.on('close', () => this.end('closed'));
        socket.on('error', (error) => this.end(`error: ${error.message}`));
    }
    /** The open, acknowledged feed; undefined when Railway would not have one (then: polling). */
    static async open(options) {
        const debug = options.debug ?? (() => { });
        const socket = new wrapper/* default */.Ay(socketUrl(options.url), 'graphql-transport-ws', {
            headers: options.headers,
            handshakeTimeout: options.openTimeoutMs ?? 5000,
        });
        const acked = await new Promise((resolve) => {
            const timer = setTimeout(() => resolve(false), options.openTimeoutMs ?? 5000);
            timer.unref?.();
            socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
            socket.on('message', (data) => {
                if (JSON.parse(String(data)).type === 'connection_ack') {
                    clearTimeout(timer);
                    resolve(true);
                }
            });
            socket.once('error', () => resolve(false));
            socket.once('close', () => resolve(false));
        });
        if (!acked) {
            debug('railway feed: no subscription socket; following deployments by polling');
            socket.removeAllListeners();
            socket.on('error', () => { });
            socket.terminate();
            return undefined;
        }
        socket.removeAllListeners('message');
        debug('railway feed: subscribed over one socket');
        return new DeploymentFeed(socket, debug);
    }
    /** Subscribes to the ids not followed yet. */
    watch(ids) {
        if (this.closed)
            return;
        for (const id of ids.filter((d) => !this.subscriptions.has(d))) {
            const sub = `s${++this.counter}`;
            this.subscriptions.set(id, sub);
            this.fresh.push(id);
            const payload = { query: SUBSCRIPTION, variables: { id } };
            this.socket.send(JSON.stringify({ id: sub, type: 'subscribe', payload }));
        }
    }
    /** The ids subscribed since the last call (a poll catches up what they did before). */
    takeNew() {
        const fresh = this.fresh;
        this.fresh = [];
        return fresh;
    }
    /** The newest Deployment the socket sent for each id it has one for. */
    take(ids) {
        return new Map(ids.flatMap((id) => (this.latest.has(id) ? [[id, this.latest.get(id)]] : [])));
    }
    /** True on the next message for a followed deployment; false on quiet (`ms`) or a close. */
    wait(ms) {
        if (this.closed)
            return Promise.resolve(false);
        return new Promise((resolve) => {
            const timer = setTimeout(() => done(false), Math.max(0, ms));
            const done = (got) => {
                clearTimeout(timer);
                this.waiters = this.waiters.filter((w) => w !== wake);
                resolve(got && !this.closed);
            };
            const wake = () => done(true);
            this.waiters.push(wake);
        });
    }
    close() {
        this.end('closed by the action');
        this.socket.close();
    }
    receive(text) {
        let message;
        try {
            message = JSON.parse(text);
        }
        catch {
            return;
        }
        if (message.type === 'ping')
            return void this.socket.send(JSON.stringify({ type: 'pong' }));
        const node = message.type === 'next' ? message.payload?.data?.deployment : undefined;
        if (!node?.id)
            return;
        this.latest.set(node.id, (0,api/* toDeployment */.HG)(node));
        for (const wake of [...this.waiters])
            wake();
    }
    end(why) {
        if (this.closed)
            return;
        this.closed = true;
        this.debug(`railway feed: socket ${why}; following deployments by polling`);
        for (const wake of [...this.waiters])
            wake();
    }
}

;// CONCATENATED MODULE: ./src/railway/preflight.ts
/**
 * Before the first mutation: every variable a service to deploy needs is set, and not empty,
 * on its Railway service in the target environment. One read for all services (Railway's
 * `variables` query, values rendered, so a reference such as `${{Postgres.DATABASE_URL}}`
 * counts once Railway resolves it); only which names are set is kept, never a value.
 */

async function preflight(api, plan, log) {
    const checked = plan.services.filter((s) => s.action === 'deploy' && s.requires.names.length);
    if (checked.length === 0)
        return;
    for (const s of checked.filter((c) => c.requires.inferred)) {
        log.info(`${s.service}: needs ${s.requires.names.join(', ')} on Railway (inferred from its ` +
            'environment: values that are ${VAR} without a default; set ' +
            'x-deploy.railway.requires to name them yourself)');
    }
    const set = await api.variableNames(plan.projectId, plan.environmentId, checked.map((s) => s.serviceId));
    const missing = checked
        .map((s) => ({ s, names: s.requires.names.filter((n) => !set.get(s.serviceId)?.has(n)) }))
        .filter((m) => m.names.length > 0);
    if (missing.length === 0) {
        log.info(`Railway variables: every required variable is set (${checked.length} services)`);
        return;
    }
    const lines = missing.map(({ s, names }) => `${s.service} needs ${names.join(', ')}, not set (or empty) on Railway service ` +
        `"${s.railwayName}"`);
    throw new errors/* UserError */.yo(`Railway variables missing in environment "${plan.environmentName}": ${lines.join('; ')}. ` +
        `Set them in the Railway dashboard (project "${plan.projectName}" > the service > ` +
        'Variables), then run the deploy again; nothing was changed.');
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
;// CONCATENATED MODULE: ./src/railway/state-schema.ts
/**
 * The post phase trusts no saved state: it is read back with the same shape it was written
 * with (state.ts), and may only touch services of the compose file in the run's own
 * environment. A tampered or malformed state is one sentence and a failed step, never a stack
 * trace and never a rollback of something else.
 */


const STEPS = [
    'pending',
    'unchanged',
    'managed',
    'deploying',
    'succeeded',
    'failed',
    'kept-previous',
    'rollback-pending',
    'rolling-back',
    'rolled-back',
    'rollback-failed',
];
const PHASES = [
    'deploying',
    'stabilizing',
    'rolling-back',
    'succeeded',
    'rolled-back',
    'rollback-failed',
];
const id = schemas/* string */.YjP().min(1).max(200);
const gates = schemas/* object */.Ikc({
    healthcheckPath: schemas/* string */.YjP().nullable(),
    healthcheckTimeout: schemas/* number */.aig().nullable(),
    preDeployCommand: schemas/* array */.YOg(schemas/* string */.YjP()).nullable(),
});
const service = schemas/* looseObject */._H3({
    service: id,
    railwayName: schemas/* string */.YjP().max(200),
    serviceId: id,
    wave: schemas/* number */.aig().int().min(0).max(100_000),
    source: schemas/* object */.Ikc({ image: schemas/* string */.YjP().optional(), commitSha: schemas/* string */.YjP().optional() }),
    gates,
    before: gates.extend({ image: schemas/* string */.YjP().nullable() }).optional(),
    step: schemas/* enum */.k5n(STEPS),
    previous: schemas/* object */.Ikc({ id, image: schemas/* string */.YjP().optional() }).optional(),
});
const runState = schemas/* looseObject */._H3({
    version: schemas/* literal */.euz(2),
    kind: schemas/* enum */.k5n(['deploy', 'rollback']),
    projectId: id,
    projectName: schemas/* string */.YjP().max(200),
    environmentId: id,
    environmentName: schemas/* string */.YjP().max(200),
    phase: schemas/* enum */.k5n(PHASES),
    services: schemas/* array */.YOg(service).max(10_000),
    resources: schemas/* looseObject */._H3({}),
});
/** The saved Railway run, checked; throws one sentence when it is not one this step made. */
function checkedState(saved, expected) {
    const parsed = runState.safeParse(saved);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new errors/* UserError */.yo(`The saved Railway run is not one this action wrote (${issue.path.join('.') || 'state'}: ` +
            `${issue.message}); the post phase changes nothing. Check Railway by hand.`);
    }
    const state = parsed.data;
    const mapped = new Set(expected.stack.services.filter((s) => s.railway).map((s) => s.name));
    const stranger = state.services.find((s) => !mapped.has(s.service));
    if (stranger) {
        throw new errors/* UserError */.yo(`The saved Railway run names service "${stranger.service.slice(0, 80)}", which ` +
            `${expected.stack.file} does not map to Railway; the post phase changes nothing.`);
    }
    const own = [state.environmentId, state.environmentName];
    const preview = state.resources.preview;
    const allowed = preview
        ? preview.environmentId === state.environmentId &&
            (expected.previewName ? state.environmentName === expected.previewName : true)
        : !expected.environment || own.includes(expected.environment);
    if (!allowed) {
        throw new errors/* UserError */.yo(`The saved Railway run is for environment "${state.environmentName.slice(0, 80)}", not ` +
            `the step's own ("${expected.environment ?? expected.previewName}"); the post phase ` +
            'changes nothing.');
    }
    return state;
}

;// CONCATENATED MODULE: ./src/railway/source.ts

const DIGEST = /^[^\s@]+@sha256:[0-9a-f]{64}$/;
/** Throws, before anything changes, for a built service the given `images` do not cover. */
async function wantedImages(services, inputs, resolve, warn) {
    const wanted = new Map();
    for (const service of services) {
        wanted.set(service.name, await wantedFor(service, inputs, resolve, warn));
    }
    return wanted;
}
async function wantedFor(service, inputs, resolve, warn) {
    const { name } = service;
    const entry = inputs.images && Object.hasOwn(inputs.images, name) ? inputs.images[name] : undefined;
    if (entry !== undefined)
        return fromBuild(name, entry, resolve, warn);
    if (!service.build && service.image) {
        return service.railway?.deployImage
            ? { kind: 'image', image: service.image }
            : { kind: 'managed' };
    }
    if (inputs.images) {
        throw new errors/* UserError */.yo(`${name}: it has a build section, but the images input has no image for it: ` +
            "pass the build step's images output " +
            '(images: ${{ steps.<build step>.outputs.images }}) ' +
            `from a build that includes ${name}.`);
    }
    const commitSha = inputs.sha === 'latest' ? undefined : inputs.sha;
    const tag = `${inputs.imagePrefix}/${name}:${inputs.sha}`;
    const found = await resolve(tag);
    if ('digest' in found)
        return { kind: 'image', image: found.digest };
    return { kind: 'commit', commitSha, tag, why: found.missing };
}
async function fromBuild(name, entry, resolve, warn) {
    if (entry.status !== undefined && entry.status !== 'ok') {
        throw new errors/* UserError */.yo(`${name}: the images input says its build is "${entry.status}"; refusing to deploy it.`);
    }
    if (entry.digest) {
        if (!DIGEST.test(entry.digest)) {
            throw new errors/* UserError */.yo(`${name}: the images input's digest "${entry.digest}" is not repo@sha256:<64 hex>.`);
        }
        return { kind: 'image', image: entry.digest };
    }
    const found = await resolve(entry.image);
    if ('digest' in found)
        return { kind: 'image', image: found.digest };
    warn(`${name}: ${entry.image} has no pushed digest (${found.missing}).`);
    throw new errors/* UserError */.yo(`${name}: the images input names ${entry.image}, which was not pushed ` +
        `(${found.missing}): build with push: true so Railway can pull exactly that image.`);
}

;// CONCATENATED MODULE: ./src/commands/deploy.ts
/**
 * `command: deploy`: every service mapped to Railway deployed in dependency order; any failure
 * rolls the whole run back. Fails late: outputs and summary are written first. The post phase
 * calls `finishRailway` to roll back a run whose main phase died.
 */

















async function runDeploy(inputs, deps) {
    const found = await deployTargets(inputs, deps);
    return found && deployTo(inputs, deps, found);
}
/** The stack's mapped services with the images they are to run, and a connection. */
function deployTargets(inputs, deps) {
    const { reporter } = deps;
    const resolve = deps.resolveDigest ?? digestResolver({ exec: (0,exec/* createExec */.k7)(reporter.debug) });
    return railwayTargets(inputs, deps, (services) => wantedImages(services, inputs, resolve, (m) => reporter.warn(m)));
}
/** Plan, preflight, then the engine (a preview passes its environment as `resources`). */
async function deployTo(inputs, deps, found, resources = {}) {
    const { reporter } = deps;
    const { connection, where } = found;
    const plan = await reporter.group('Railway plan', async () => {
        const made = await (0,railway_plan/* makePlan */.Cs)(connection.api, where, connection.scope, found.list, {
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
    await (0,railway_plan/* waitForBusy */.c_)(connection.api, engine.clock, plan, inputs.deployTimeoutMs, reporter.info);
    return runEngine(engine, reporter, () => reporter.group('Deploy to Railway', () => deploy(plan, engine, resources)));
}
function warnAboutPlan(plan, reporter) {
    for (const s of plan.services) {
        if (s.action === 'deploy' && !s.gates.healthcheckPath) {
            reporter.warn(`${s.service}: deployed without a healthcheck (set x-deploy.health or ` +
                "x-deploy.railway.healthcheck): Railway's SUCCESS then only means its container started.");
        }
        if (s.action === 'deploy' && s.wanted.kind === 'commit') {
            reporter.warn(`${s.service}: ${s.wanted.tag} has no pushed digest (${s.wanted.why}), so Railway ` +
                `builds "${s.railwayName}" from its repository at ` +
                `${s.source.commitSha ? `commit ${s.source.commitSha}` : 'its latest commit'}.`);
        }
    }
}
/** The compose stack as the inputs name it (files, profiles, the Railway place). */
function stackOf(inputs, deps) {
    const where = {
        railwayProject: inputs.railway.project,
        railwayEnvironment: inputs.railway.environment,
    };
    return (0,load/* loadStack */.fg)(inputs.composeFile, { profiles: inputs.profiles, ...where }, deps.cwd);
}
/** The post phase: rolls back a deploy or finishes a rollback its main phase left unfinished. */
async function finishRailway(saved, inputs, deps) {
    const stack = stackOf(inputs, deps);
    const state = checkedState(saved, {
        stack,
        environment: stack.railway.environment,
        previewName: inputs.previewName,
    });
    if ((0,railway_state/* isFinished */.$g)(state))
        return;
    const connection = await connectTo(inputs, deps, state.environmentName);
    const engine = engineDeps(inputs, deps, connection);
    deps.reporter.warn(`The main phase stopped during the Railway ${state.kind}; finishing it now.`);
    await runEngine(engine, deps.reporter, () => deps.reporter.group('Finish the Railway run', () => (0,fail/* resume */.U)(state, engine)));
}
/** The mapped services and a connection; undefined when nothing is mapped to Railway. */
async function railwayTargets(inputs, deps, wanted) {
    const stack = stackOf(inputs, deps);
    const selected = (0,order/* selectServices */.Z)(stack.file, stack.services, inputs.services);
    const skipped = selected.filter((s) => !s.railway).map((s) => s.name);
    if (skipped.length)
        deps.reporter.info(`Not on Railway (no x-deploy.railway): ${skipped.join(', ')}`);
    const mapped = selected.filter((s) => s.railway);
    if (mapped.length === 0) {
        deps.reporter.warn(`No selected service of ${stack.file} has x-deploy.railway: nothing to do.`);
        return undefined;
    }
    if (!inputs.railway.token) {
        throw new errors/* UserError */.yo('Input "railway-token": expected a Railway project or account token, got nothing.');
    }
    const list = (0,railway_plan/* targets */.zV)(stack.file, stack.services, selected, await wanted(mapped));
    const where = {
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
async function connectTo(inputs, deps, environment, needScope = false) {
    warnIfCleartext(inputs.railway.apiUrl, deps.reporter);
    const clock = deps.clock ?? wait/* realClock */.dQ;
    const options = {
        url: inputs.railway.apiUrl,
        token: inputs.railway.token,
        tokenType: inputs.railway.tokenType,
        environment,
        fetch: deps.fetch,
        sleep: clock.sleep,
        now: clock.now,
        random: deps.random,
        debug: (m) => deps.reporter.debug(m),
    };
    return (0,api/* connect */.Ng)(options, needScope);
}
const deploy_LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
/** Plain http is fine for a local emulator; anywhere else the token crosses the wire in clear. */
function warnIfCleartext(apiUrl, reporter) {
    const url = new URL(apiUrl);
    if (url.protocol !== 'http:' || deploy_LOOPBACK.test(url.hostname))
        return;
    reporter.warn(`Input "railway-api-url" is plain http to ${url.hostname}: the railway-token is sent ` +
        'unencrypted; use https.');
}
/** The engine's dependencies, the same for a deploy, a rollback and the post phase. */
function engineDeps(inputs, deps, connection) {
    const logs = new Map();
    let latest;
    const engine = {
        api: connection.api,
        clock: (0,railway_engine/* interruptible */.I)(deps.clock ?? wait/* realClock */.dQ, deps.signal),
        signal: deps.signal,
        timeoutMs: inputs.deployTimeoutMs,
        stableForMs: inputs.stableForMs,
        quietMs: deps.quietMs,
        openFeed: (deps.subscribe ?? !deps.clock)
            ? () => DeploymentFeed.open({
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
async function runEngine(engine, reporter, work) {
    let state;
    engine.feed = await engine.openFeed?.();
    try {
        state = await work();
    }
    finally {
        engine.feed?.close();
        const reached = state ?? engine.latest();
        if (reached)
            await publish(reached, engine.logs, reporter);
    }
    const error = outcomeError(state);
    if (error)
        throw error;
    return state;
}
function publishDryRun(services, reporter) {
    reporter.info('dry-run: nothing was changed.');
    reporter.setOutput('deployments', JSON.stringify(dryRunOutput(services)));
    reporter.setOutput('rolled-back', 'false');
}
async function publish(state, logs, reporter) {
    reporter.setOutput('deployments', JSON.stringify(deploymentsOutput(state)));
    if (state.resources.backups)
        reporter.setOutput('backups', JSON.stringify(backupsOutput(state)));
    if (state.resources.verified)
        reporter.setOutput('verified', JSON.stringify(verifiedOutput(state)));
    reporter.setOutput('rolled-back', String(rolledBack(state)));
    await reporter.summary(summaryMarkdown(state, logs));
}


/***/ }),

/***/ 1075:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J2: () => (/* binding */ inspectImages),
/* harmony export */   St: () => (/* binding */ imageHistory),
/* harmony export */   iW: () => (/* binding */ digestFor),
/* harmony export */   mm: () => (/* binding */ inspectImage)
/* harmony export */ });
/* unused harmony exports parseInspect, inspectInfo, parseHistory, toInstruction, historyRows */
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9776);
/**
 * Image facts from the engine: size and digests from `docker image inspect`, layers from
 * `docker history`, or the same answers from the Engine API on the socket the CLI would use
 * (./api.ts). Parsers are pure and tested against recorded output.
 */

function parseInspect(json) {
    const parsed = JSON.parse(json);
    return inspectInfo(Array.isArray(parsed) ? parsed[0] : parsed);
}
/** The object `docker image inspect` prints and `GET /images/{ref}/json` answers. */
function inspectInfo(answer) {
    const image = answer;
    if (typeof image?.Id !== 'string' || typeof image.Size !== 'number') {
        const shown = JSON.stringify(answer) ?? String(answer);
        throw new Error(`docker image inspect gave no Id and Size: ${shown.slice(0, 200)}`);
    }
    const digests = Array.isArray(image.RepoDigests) ? image.RepoDigests.map(String) : [];
    const { Os, Architecture, Variant } = image;
    const platform = typeof Os === 'string' && typeof Architecture === 'string' && Os && Architecture
        ? [Os, Architecture, ...(typeof Variant === 'string' && Variant ? [Variant] : [])].join('/')
        : undefined;
    return {
        id: image.Id,
        size: image.Size,
        repoDigests: digests,
        ...(platform ? { platform } : {}),
    };
}
/** `docker history --no-trunc --human=false --format '{{json .}}'`, newest layer first. */
function parseHistory(output) {
    return historyRows(output
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line)));
}
/**
 * The classic builder records `/bin/sh -c #(nop)  CMD [...]` for metadata and `/bin/sh -c cmd`
 * for RUN, with `|N ARG=v` in front when build args are set; BuildKit records `RUN /bin/sh -c
 * cmd # buildkit` and `COPY . /app # buildkit`. All become the instruction as written.
 */
function toInstruction(createdBy) {
    let text = createdBy.trim().replace(/\s*# buildkit$/, '');
    text = text.replace(/^(RUN )?\|\d+(?:\s+\S+=\S*)*\s+/, '');
    const nop = /^\/bin\/sh -c #\(nop\)\s+(.*)$/s.exec(text);
    if (nop)
        return nop[1].trim().replace(/^(COPY|ADD) (file|dir|multi):[0-9a-f]+/, '$1 $2');
    const run = /^(?:RUN )?\/bin\/sh -c (.*)$/s.exec(text);
    if (run)
        return `RUN ${run[1].trim()}`;
    return text || '(base image)';
}
/** `GET /images/{ref}/json`: the object `docker image inspect` prints. */
const viaApi = (ref) => {
    const at = (0,_api_js__WEBPACK_IMPORTED_MODULE_0__/* .imagePath */ .d0)(ref, 'json');
    return at ? (api) => api.get(at).then(inspectInfo) : undefined;
};
async function inspectImage(exec, ref) {
    return (0,_api_js__WEBPACK_IMPORTED_MODULE_0__/* .apiOrCli */ .QD)(exec.engine?.api(), viaApi(ref), async () => {
        const { stdout } = await exec('docker', ['image', 'inspect', '--format', '{{json .}}', ref]);
        return parseInspect(stdout);
    });
}
/** Several images: on the socket one request each; else one `docker image inspect` for all. */
async function inspectImages(exec, refs) {
    if (refs.length === 0)
        return [];
    const api = exec.engine?.api();
    const each = refs.map(viaApi);
    const all = each.every((f) => f !== undefined)
        ? (a) => Promise.all(each.map((f) => f(a)))
        : undefined;
    return (0,_api_js__WEBPACK_IMPORTED_MODULE_0__/* .apiOrCli */ .QD)(api, all, async () => {
        const args = ['image', 'inspect', '--format', '{{json .}}', ...refs];
        const { stdout } = await exec('docker', args);
        return stdout
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map(parseInspect);
    });
}
/** The rows of `docker history` or of `GET /images/{ref}/history` (Size a string or a number). */
function historyRows(rows) {
    if (!Array.isArray(rows))
        throw new Error('the image history is not a list');
    return rows.map((row) => ({
        instruction: toInstruction(typeof row.CreatedBy === 'string' ? row.CreatedBy : ''),
        size: Number(row.Size) || 0,
    }));
}
async function imageHistory(exec, ref) {
    const at = (0,_api_js__WEBPACK_IMPORTED_MODULE_0__/* .imagePath */ .d0)(ref, 'history');
    const api = at ? (a) => a.get(at).then(historyRows) : undefined;
    return (0,_api_js__WEBPACK_IMPORTED_MODULE_0__/* .apiOrCli */ .QD)(exec.engine?.api(), api, async () => {
        const { stdout } = await exec('docker', [
            'history',
            '--no-trunc',
            '--human=false',
            '--format',
            '{{json .}}',
            ref,
        ]);
        return parseHistory(stdout);
    });
}
/** The `repo@sha256:...` of a pushed tag, from RepoDigests (which lists every repo the id has). */
function digestFor(tag, repoDigests) {
    const repo = tag.replace(/:[^:/]+$/, '');
    return repoDigests.find((d) => d.startsWith(`${repo}@`));
}


/***/ }),

/***/ 3758:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ mdFence),
/* harmony export */   T3: () => (/* binding */ mdUrl),
/* harmony export */   bC: () => (/* binding */ mdText),
/* harmony export */   nn: () => (/* binding */ mdCodeCell),
/* harmony export */   xs: () => (/* binding */ mdCode)
/* harmony export */ });
/**
 * Strings put into the PR comment and the job summary, escaped so a service name or a log line
 * is shown as the characters it is: no mention, no heading, no link, no HTML, no broken table.
 * GitHub renders GitHub Flavored Markdown (https://github.github.com/gfm/): backslash escapes
 * any ASCII punctuation (section 2.4), `|` splits a table cell even inside a code span unless
 * escaped (section 4.10), a code span or fence ends at the first run of as many backticks
 * (sections 6.1 and 4.5). Mentions and autolinks are found in the rendered text, after the
 * escapes are gone, so they are broken with an invisible U+200B instead.
 */
const ZWSP = '\u200b';
const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Inline text: one line, every markdown and HTML construct shown literally. */
function mdText(text) {
    return flatten(text)
        .replace(/:\/\//g, `:${ZWSP}//`)
        .replace(/[\\`*_{}[\]()#|~]/g, '\\$&')
        .replace(/[&<>"]/g, (c) => HTML[c])
        .replace(/@/g, `@${ZWSP}`)
        .replace(/\bwww\\\./gi, (m) => `${m.slice(0, 3)}${ZWSP}${m.slice(3)}`);
}
/** An inline code span that holds any text: the backtick fence is longer than any run inside. */
function mdCode(text) {
    return codeSpan(flatten(text).replace(/@/g, `@${ZWSP}`));
}
/** A code span inside a table cell: as mdCode, with `|` escaped (GFM 4.10 example 200). */
function mdCodeCell(text) {
    return codeSpan(flatten(text).replace(/@/g, `@${ZWSP}`)).replace(/\|/g, '\\|');
}
/** A fenced block of any text: the fence is longer than any backtick run in it, at least 3. */
function mdFence(text, info = '') {
    const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
    return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}
/** An http(s) URL as a link target, or undefined: anything else must not become a link. */
function mdUrl(url) {
    try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
            return undefined;
        return parsed.href.replace(/[()<> ]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
    }
    catch {
        return undefined;
    }
}
function codeSpan(text) {
    if (text === '')
        return '` `';
    const ticks = '`'.repeat(longestRun(text, '`') + 1);
    // A space each side keeps a leading or trailing backtick out of the fence (GFM 6.1).
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${ticks}${pad}${text}${pad}${ticks}`;
}
function flatten(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
}
function longestRun(text, char) {
    let longest = 0;
    let run = 0;
    for (const c of text) {
        run = c === char ? run + 1 : 0;
        longest = Math.max(longest, run);
    }
    return longest;
}


/***/ }),

/***/ 7809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H0: () => (/* binding */ recordBackups),
/* harmony export */   PF: () => (/* binding */ restore),
/* harmony export */   S1: () => (/* binding */ backupHint),
/* harmony export */   vm: () => (/* binding */ backUp)
/* harmony export */ });
/* unused harmony export wantsBackup */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4529);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5650);
/**
 * Railway volume backups around a migrating deploy, and restores on demand (docs
 * `volumes/backups.md`; the CLI does the same before risky template changes, `template_apply.rs`):
 * every volume instance of a service marked `x-deploy.railway.backup` gets a manual backup
 * (`volumeInstanceBackupCreate`), followed through `workflowStatus` to its end, before any
 * service changes. A restore replaces the volume and deletes newer backups, so it runs only
 * when asked (`restore-backup`), then the database is redeployed to run on it.
 * Every step is a saved resource of the run: a death at any await is finished truthfully.
 */



const EVERY_MS = 5000;
/** Whether this run backs up: `always`, or `auto` and some service runs a migration. */
function wantsBackup(state, mode) {
    if (mode === 'off' || !state.services.some((s) => s.backup))
        return false;
    return (mode === 'always' ||
        state.services.some((s) => s.step === 'pending' && s.gates.preDeployCommand));
}
/** Backs up; returns the failure sentence when a backup fails or is too slow. */
async function backUp(run, deps) {
    const options = deps.backup;
    if (!options || !wantsBackup(run.state, options.mode))
        return undefined;
    const marked = run.where((s) => s.backup === true);
    const volumes = await deps.api.volumeInstances(run.state.environmentId);
    const records = [];
    for (const service of marked) {
        const own = volumes.filter((v) => v.serviceId === service.serviceId);
        if (own.length === 0) {
            deps.log.warn(`${service.service}: x-deploy.railway.backup is set, but it has no volume on Railway`);
        }
        for (const v of own) {
            records.push({
                service: service.service,
                volumeInstanceId: v.id,
                name: options.name,
                status: 'pending',
            });
        }
    }
    if (records.length === 0)
        return undefined;
    save(run, records);
    deps.log.info(`Backing up ${records.map((r) => r.service).join(', ')} on Railway as "${options.name}"`);
    try {
        const ids = await deps.api.createBackups(records);
        ids.forEach((id, i) => Object.assign(records[i], { workflowId: id ?? undefined, status: 'running' }));
        save(run, records);
    }
    catch (error) {
        // Lost or refused: what Railway made is found by its name below, nothing is sent twice.
        deps.log.warn(`The backup request got no clear answer (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}); looking for it`);
    }
    await follow(run, records, deps, options.timeoutMs);
    const failed = records.filter((r) => r.status !== 'done');
    if (failed.length === 0) {
        for (const r of records)
            deps.log.info(`${r.service}: backup ${r.backupId} ("${r.name}") done`);
        return undefined;
    }
    return (`the backup before the migration did not finish: ` +
        failed.map((r) => `${r.service} (${r.error ?? r.status})`).join(', ') +
        '; nothing was deployed');
}
function save(run, records) {
    run.apply({ type: 'resources', resources: { ...run.state.resources, backups: records } });
}
/** Follows the workflows, then finds each backup's id by its name; bounded by `timeoutMs`. */
async function follow(run, records, deps, timeoutMs) {
    const { clock, api } = deps;
    const deadline = clock.now() + timeoutMs;
    const open = () => records.filter((r) => r.status === 'pending' || r.status === 'running');
    while (open().length > 0) {
        const watched = open().filter((r) => r.workflowId);
        const states = await api.workflows(watched.map((r) => r.workflowId)).catch(() => new Map());
        for (const r of watched) {
            const seen = states.get(r.workflowId);
            if (seen?.status === 'Error' || seen?.status === 'NotFound')
                Object.assign(r, { status: 'failed', error: seen.error ?? `workflow ${seen.status}` });
        }
        await findByName(api, open(), states);
        save(run, records);
        if (open().length === 0)
            return;
        const left = deadline - clock.now();
        if (left <= 0)
            break;
        await clock.sleep(Math.min(EVERY_MS, left));
    }
    for (const r of open()) {
        Object.assign(r, {
            status: 'failed',
            error: `still running when backup-timeout (${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(timeoutMs)}) ran out`,
        });
    }
    save(run, records);
}
/** A backup whose workflow is complete (or unknown) is looked up by its name. */
async function findByName(api, records, states) {
    const look = records.filter((r) => !r.workflowId || states.get(r.workflowId)?.status === 'Complete');
    if (look.length === 0)
        return;
    const lists = await api.backups(look.map((r) => r.volumeInstanceId)).catch(() => new Map());
    for (const r of look) {
        const found = (lists.get(r.volumeInstanceId) ?? []).find((b) => b.name === r.name);
        if (found)
            Object.assign(r, { backupId: found.id, status: 'done' });
    }
}
/** The post phase: a backup the main phase left running is looked up and recorded as it is. */
async function recordBackups(run, deps) {
    const records = structuredClone(run.state.resources.backups ?? []);
    const open = records.filter((r) => r.status === 'pending' || r.status === 'running');
    if (open.length === 0)
        return;
    await findByName(deps.api, open, new Map(open.map((r) => [r.workflowId ?? '', { status: 'Complete' }])));
    for (const r of open.filter((o) => o.status !== 'done')) {
        r.error = "the run stopped while it was being made; check the volume's backups in Railway";
    }
    save(run, records);
}
/** For every message after a migration: which backup to restore if the old image cannot read. */
function backupHint(state) {
    const done = (state.resources.backups ?? []).filter((b) => b.status === 'done' && b.backupId);
    if (done.length === 0)
        return '';
    const which = done.map((b) => `backup ${b.backupId} of ${b.service}`).join(', ');
    return (` The schema may have moved: restore ${which} if the old image cannot read it ` +
        `(command: rollback with restore-backup: ${done[0].backupId}).`);
}
/**
 * `restore-backup`: the volume goes back to the backup, then the database is redeployed and
 * must serve, before the application services roll back. A restore that may have been sent
 * but was not recorded is never sent again: Railway deletes newer backups on each restore.
 */
async function restore(run, deps) {
    const record = run.state.resources.restore;
    if (!record || record.step === 'done')
        return undefined;
    const timeoutMs = deps.backup?.timeoutMs ?? 600_000;
    const set = (patch) => run.apply({
        type: 'resources',
        resources: { ...run.state.resources, restore: { ...run.state.resources.restore, ...patch } },
    });
    const current = () => run.state.resources.restore;
    if (current().step === 'restoring' && !current().workflowId) {
        set({ step: 'failed', error: 'the restore may have been sent and its answer was lost' });
    }
    if (current().step === 'pending') {
        set({ step: 'restoring' });
        try {
            const workflowId = await deps.api.restoreBackup(record.backupId, record.volumeInstanceId);
            set({ workflowId: workflowId ?? undefined });
        }
        catch (error) {
            set({ step: 'failed', error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error) });
        }
    }
    if (current().step === 'restoring')
        await waitRestore(run, set, timeoutMs, deps);
    if (current().step === 'redeploying')
        await redeploy(run, set, deps);
    const end = current();
    if (end.step === 'done')
        return undefined;
    return (`RESTORE FAILED: ${end.service}'s volume is not confirmed back on backup ${end.backupId}: ` +
        `${end.error}. Check the volume's backups of "${end.railwayName}" in Railway; the ` +
        'application services were not rolled back.');
}
async function waitRestore(run, set, timeoutMs, deps) {
    const { clock, api } = deps;
    const deadline = clock.now() + timeoutMs;
    const id = run.state.resources.restore.workflowId;
    for (;;) {
        const seen = (await api.workflows([id]).catch(() => new Map())).get(id);
        if (seen?.status === 'Complete')
            return set({ step: 'redeploying' });
        if (seen?.status === 'Error' || seen?.status === 'NotFound')
            return set({ step: 'failed', error: seen.error ?? `workflow ${seen.status}` });
        const left = deadline - clock.now();
        if (left <= 0)
            return set({ step: 'failed', error: 'still running when backup-timeout ran out' });
        await clock.sleep(Math.min(EVERY_MS, left));
    }
}
/** A restore needs a redeploy of the service to run on the restored volume. */
async function redeploy(run, set, deps) {
    const { api, clock } = deps;
    const record = run.state.resources.restore;
    if (!record.deploymentId && record.redeploySent) {
        const history = await api
            .history(run.state.projectId, run.state.environmentId, [record.serviceId])
            .catch(() => undefined);
        if (!history)
            return set({ step: 'failed', error: 'its redeploy could not be looked up' });
        const found = (0,_state_js__WEBPACK_IMPORTED_MODULE_2__/* .newerThan */ .TH)(history.get(record.serviceId) ?? [], record.newestKnownId)[0];
        if (found)
            set({ deploymentId: found.id });
    }
    if (!run.state.resources.restore.deploymentId) {
        set({ redeploySent: true });
        const [id] = await api
            .wave(run.state.environmentId, [{ op: 'deploy', serviceId: record.serviceId }])
            .catch((error) => {
            set({ step: 'failed', error: `its redeploy could not start: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}` });
            return [];
        });
        if (!id)
            return;
        set({ deploymentId: String(id) });
        deps.log.info(`${record.service}: restored backup ${record.backupId}; redeploying as ${id}`);
    }
    const id = run.state.resources.restore.deploymentId;
    const deadline = clock.now() + deps.timeoutMs;
    while (clock.now() < deadline) {
        await clock.sleep(EVERY_MS);
        const seen = (await api.statuses([id]).catch(() => new Map())).get(id);
        if (seen && _state_js__WEBPACK_IMPORTED_MODULE_2__/* .LIVE */ .L8.includes(seen.status))
            return set({ step: 'done' });
        if (seen && !_state_js__WEBPACK_IMPORTED_MODULE_2__/* .IN_PROGRESS */ .mS.includes(seen.status))
            return set({ step: 'failed', error: `its redeploy ${id} is ${seen.status}` });
    }
    set({ step: 'failed', error: `its redeploy ${id} did not serve within deploy-timeout` });
}


/***/ }),

/***/ 3413:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ interruptible),
/* harmony export */   W: () => (/* binding */ fetchLogs)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(873);
/* harmony import */ var _machine_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9974);
/**
 * What the deploy and rollback state machines share: their dependencies and fetching the log
 * tail of a deployment that failed (for the job summary).
 */



const LOG_LINES = 30;
/** A clock whose sleeps end with an InterruptedError once `signal` aborts. */
function interruptible(clock, signal) {
    if (!signal)
        return clock;
    return {
        now: clock.now,
        sleep: (ms) => new Promise((resolve, reject) => {
            if (signal.aborted)
                return reject(new _machine_js__WEBPACK_IMPORTED_MODULE_2__/* .InterruptedError */ .p4());
            const stop = () => reject(new _machine_js__WEBPACK_IMPORTED_MODULE_2__/* .InterruptedError */ .p4());
            signal.addEventListener('abort', stop, { once: true });
            void clock.sleep(ms).then(() => {
                signal.removeEventListener('abort', stop);
                resolve();
            });
        }),
    };
}
/** Logs and hands on the last lines of a deployment; logs that cannot be read only warn. */
async function fetchLogs(service, deploymentId, deps) {
    try {
        const logs = await deps.api.logs(deploymentId, LOG_LINES);
        const lines = [...logs.build, ...logs.deploy]
            .map((l) => `${l.timestamp} ${l.message}`)
            .slice(-LOG_LINES);
        deps.log.info(`${service}: last log lines of deployment ${deploymentId}:`);
        // The service's own output: it may hold anything, workflow commands included.
        (0,_untrusted_js__WEBPACK_IMPORTED_MODULE_1__/* .printUntrusted */ .Qi)(deps.log, lines.length ? lines : ['(no log lines)']);
        deps.onLogs?.(service, deploymentId, lines);
    }
    catch (error) {
        deps.log.warn(`${service}: could not fetch the logs of ${deploymentId}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`);
    }
}


/***/ }),

/***/ 8959:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QQ: () => (/* binding */ failRun),
/* harmony export */   Rl: () => (/* binding */ adoptLost),
/* harmony export */   Sh: () => (/* binding */ restoreThenRollBack),
/* harmony export */   U: () => (/* binding */ resume),
/* harmony export */   vG: () => (/* binding */ restoreInstances)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(779);
/* harmony import */ var _backup_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7809);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3413);
/* harmony import */ var _machine_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9974);
/* harmony import */ var _rollback_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5551);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5650);
/**
 * A failed rollout: stop what is in flight, keep what never went live (and put its instance's
 * image and gates back, read back from Railway), roll back what did (rollback.ts). Also the
 * post phase's entry for a run whose main phase died (resume). Every step is saved before the
 * next await, so a death at any await leaves a state that resume finishes.
 */







/** Steps of a deploy whose service has not been sorted into "roll back" or "keep" yet. */
const UNSETTLED = ['deploying', 'succeeded', 'failed'];
async function failRun(run, failure, deps) {
    run.apply({ type: 'run-failed', failure });
    deps.log.error(failure);
    await adoptLost(run, deps);
    const failed = run.where((s) => s.step === 'failed' && s.deploymentId !== undefined)[0];
    if (failed)
        await (0,_engine_js__WEBPACK_IMPORTED_MODULE_3__/* .fetchLogs */ .W)(failed.service, failed.deploymentId, deps);
    await cancelInFlight(run, deps);
    const preview = run.state.resources.preview !== undefined;
    for (const service of run.where((s) => UNSETTLED.includes(s.step))) {
        // A deployment whose status could not be read may have gone live: roll it back to be safe.
        const unknown = service.deploymentId !== undefined && service.status === undefined;
        // In a fresh preview there is nothing to go back to: the failed deployment stays to look at.
        const nowhere = preview && !service.previous;
        const served = !nowhere && (unknown || ((0,_state_js__WEBPACK_IMPORTED_MODULE_6__/* .mayHaveServed */ .Z_)(service.status) && !service.cancelled));
        run.apply({
            type: 'sorted',
            service: service.service,
            to: served ? 'rollback-pending' : 'kept-previous',
        });
    }
    await restoreInstances(run, run.where((s) => s.step === 'kept-previous' && s.instanceTouched === true), deps);
    await (0,_rollback_js__WEBPACK_IMPORTED_MODULE_5__/* .rollBack */ .Fu)(run, deps);
    await readServing(run, deps);
}
/**
 * Nothing claimed that was not read: once the run is over, what each service it went back on
 * serves is read from Railway (one request), and the closing sentence is made from that.
 */
async function readServing(run, deps) {
    const back = run.where((s) => s.step === 'kept-previous' || s.step === 'rolled-back');
    if (back.length === 0)
        return;
    const { projectId, environmentId } = run.state;
    const history = await deps.api
        .history(projectId, environmentId, back.map((s) => s.serviceId))
        .catch(() => undefined);
    if (!history)
        return;
    for (const service of back) {
        const list = history.get(service.serviceId) ?? [];
        const serving = list.find((d) => _state_js__WEBPACK_IMPORTED_MODULE_6__/* .LIVE */ .L8.includes(d.status));
        const ours = [service.deploymentId, service.rollbackId];
        const coming = (0,_state_js__WEBPACK_IMPORTED_MODULE_6__/* .newerThan */ .TH)(list, serving?.id).find((d) => _state_js__WEBPACK_IMPORTED_MODULE_6__/* .IN_PROGRESS */ .mS.includes(d.status) && !ours.includes(d.id));
        const event = { service: service.service, deploymentId: serving?.id, coming: coming?.id };
        run.apply({ type: 'serving-read', ...event });
    }
}
/**
 * The post phase: finishes a run the main phase left unfinished. A deploy goes through
 * failRun again wherever it stopped (each of its steps is safe to repeat), so no service that
 * was live or still unsorted is missed.
 */
async function resume(state, deps) {
    const run = new _machine_js__WEBPACK_IMPORTED_MODULE_4__/* .Run */ .KF(state, deps);
    if ((0,_state_js__WEBPACK_IMPORTED_MODULE_6__/* .isFinished */ .$g)(state))
        return state;
    await (0,_backup_js__WEBPACK_IMPORTED_MODULE_2__/* .recordBackups */ .H0)(run, deps);
    if (state.kind === 'rollback')
        await restoreThenRollBack(run, deps);
    else
        await failRun(run, state.failure ?? 'the main phase stopped before the deploy finished', deps);
    return run.state;
}
/** `command: rollback`: a requested restore first; the services only once it is done. */
async function restoreThenRollBack(run, deps) {
    const failed = await (0,_backup_js__WEBPACK_IMPORTED_MODULE_2__/* .restore */ .PF)(run, deps);
    if (!failed)
        return (0,_rollback_js__WEBPACK_IMPORTED_MODULE_5__/* .rollBack */ .Fu)(run, deps);
    deps.log.error(failed);
    run.apply({ type: 'run-failed', failure: failed });
    run.apply({ type: 'phase', phase: 'rollback-failed' });
}
/** A wave request that got no answer may still have created deployments: find them. */
async function adoptLost(run, deps) {
    const lost = run.where((s) => !s.deploymentId && s.step === 'deploying');
    if (lost.length === 0)
        return;
    const { projectId, environmentId } = run.state;
    const history = await deps.api
        .history(projectId, environmentId, lost.map((s) => s.serviceId))
        .catch(() => new Map());
    for (const service of lost) {
        const found = (0,_state_js__WEBPACK_IMPORTED_MODULE_6__/* .newerThan */ .TH)(history.get(service.serviceId) ?? [], service.newestKnownId)[0];
        if (!found)
            continue;
        run.apply({ type: 'deploy-started', service: service.service, deploymentId: found.id });
        run.apply({ type: 'observed', service: service.service, deployment: found });
        deps.log.info(`${service.service}: Railway's answer to the deploy was lost; it had started ` +
            `deployment ${found.id}`);
    }
}
async function cancelInFlight(run, deps) {
    const running = run.where((s) => s.deploymentId !== undefined &&
        (s.step === 'deploying' || s.step === 'failed') &&
        (s.status === undefined || _state_js__WEBPACK_IMPORTED_MODULE_6__/* .IN_PROGRESS */ .mS.includes(s.status) || s.status === 'NEEDS_APPROVAL'));
    // Last seen on its way and a cancel sent (answered or not, maybe by a main phase that died):
    // REMOVED now means the cancel stopped it before it went live.
    const cancelled = new Set(running.map((s) => s.service));
    for (const service of running) {
        try {
            await deps.api.cancel(service.deploymentId);
            deps.log.info(`${service.service}: cancelled deployment ${service.deploymentId}`);
        }
        catch (error) {
            deps.log.warn(`${service.service}: could not cancel ${service.deploymentId}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`);
        }
    }
    if (running.length === 0)
        return;
    // It may have gone live in the meantime: what it is now decides whether it needs a rollback.
    const now = await deps.api
        .statuses(running.map((s) => s.deploymentId))
        .catch(() => new Map());
    for (const service of running) {
        const seen = now.get(service.deploymentId);
        // Cancelled while on its way, now stopped without having gone live: it never served.
        const stopped = seen && !_state_js__WEBPACK_IMPORTED_MODULE_6__/* .LIVE */ .L8.includes(seen.status) && seen.status !== 'CRASHED';
        if (seen && cancelled.has(service.service) && stopped) {
            run.apply({ type: 'cancelled', service: service.service, status: seen.status });
        }
        else if (seen) {
            run.apply({ type: 'observed', service: service.service, deployment: seen });
        }
        else {
            // Unread: assume it may have gone live (sorted for a rollback).
            run.apply({ type: 'service-failed', service: service.service, error: 'status unknown' });
        }
    }
}
/**
 * Puts each instance's image and gates back to what they were before the run, reading them
 * from Railway first and again after: nothing is claimed that was not read back. The same
 * settings twice change nothing, so this is safe to repeat after a death.
 */
async function restoreInstances(run, services, deps) {
    const todo = services.filter((s) => s.before);
    if (todo.length === 0)
        return;
    const { projectId, environmentId } = run.state;
    const read = () => deps.api.snapshot(projectId, environmentId, todo.map((s) => s.serviceId));
    try {
        const now = await read();
        const differ = todo.filter((s) => !matches(now.get(s.serviceId)?.instance, s));
        for (const service of todo.filter((s) => !differ.includes(s))) {
            run.apply({ type: 'instance-checked', service: service.service });
        }
        // Settings this run did not set (another deploy's, a person's) are theirs: left alone.
        const others = differ.filter((s) => !setByThisRun(now.get(s.serviceId)?.instance, s));
        for (const service of others) {
            const image = now.get(service.serviceId)?.instance.image ?? 'another source';
            deps.log.warn(`${service.service}: its Railway settings were changed outside this run (image ` +
                `${image}); left as they are`);
            run.apply({ type: 'instance-checked', service: service.service });
        }
        const ours = differ.filter((s) => !others.includes(s));
        if (ours.length === 0)
            return;
        differ.splice(0, differ.length, ...ours);
        for (const service of differ) {
            run.apply({ type: 'restore-sent', service: service.service });
            await deps.api.updateInstance(service.serviceId, environmentId, (0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .instanceInput */ .og)(service.before));
        }
        const after = await read();
        for (const service of differ) {
            if (matches(after.get(service.serviceId)?.instance, service)) {
                run.apply({ type: 'instance-checked', service: service.service });
                deps.log.info(`${service.service}: its Railway settings are back to what they were ` +
                    `(image ${service.before.image ?? 'as it was'})`);
            }
            else {
                deps.log.warn(`${service.service}: Railway still shows other settings than before the run`);
            }
        }
    }
    catch (error) {
        deps.log.warn(`could not put the Railway settings of ${todo.map((s) => s.service).join(', ')} back: ` +
            `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}; check each service's source image in Railway`);
    }
}
/**
 * What this run itself would have left on the instance: its image and gates after a deploy,
 * or the rollback's (the previous image, the old healthcheck, no pre-deploy command).
 */
function setByThisRun(instance, service) {
    if (!instance)
        return true;
    const before = service.before;
    const wrote = service.via !== undefined
        ? {
            image: service.previous?.image ?? null,
            healthcheckPath: before.healthcheckPath,
            healthcheckTimeout: before.healthcheckTimeout,
            preDeployCommand: null,
        }
        : { image: service.source.image ?? null, ...service.gates };
    const imageOurs = !wrote.image || instance.image === wrote.image;
    return imageOurs && (0,_state_js__WEBPACK_IMPORTED_MODULE_6__/* .sameGates */ .Fm)(instance, wrote);
}
function matches(instance, service) {
    const before = service.before;
    if (!instance)
        return false;
    const imageSame = !before.image || instance.image === before.image;
    return imageSame && (0,_state_js__WEBPACK_IMPORTED_MODULE_6__/* .sameGates */ .Fm)(instance, before);
}


/***/ }),

/***/ 9974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KF: () => (/* binding */ Run),
/* harmony export */   p4: () => (/* binding */ InterruptedError)
/* harmony export */ });
/* unused harmony exports IllegalMoveError, advance */
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5650);

/** From which steps each service event may move a service. */
const FROM = {
    'deploy-sent': ['pending'],
    'deploy-started': ['deploying', 'failed'],
    observed: ['deploying', 'succeeded', 'failed'],
    'service-failed': ['deploying', 'succeeded', 'failed'],
    cancelled: ['deploying', 'failed'],
    sorted: ['deploying', 'succeeded', 'failed'],
    'restore-sent': ['kept-previous', 'rolled-back', 'rollback-failed'],
    'instance-checked': ['kept-previous', 'rolled-back', 'rollback-failed'],
    'rollback-sent': ['rollback-pending', 'rolling-back'],
    'rollback-started': ['rolling-back'],
    'rollback-observed': ['rolling-back'],
    'gave-up': ['rollback-pending', 'rolling-back', 'rolled-back'],
    'serving-read': ['kept-previous', 'rolled-back', 'rollback-failed'],
};
/** Legal moves of the run's phase. */
const PHASES = {
    deploying: ['stabilizing', 'succeeded', 'rolling-back'],
    stabilizing: ['succeeded', 'rolling-back'],
    'rolling-back': ['rolled-back', 'rollback-failed'],
    succeeded: [],
    'rolled-back': [],
    'rollback-failed': [],
};
class IllegalMoveError extends Error {
    name = 'IllegalMoveError';
}
function advance(state, event) {
    const next = structuredClone(state);
    if (event.type === 'phase' || event.type === 'run-failed') {
        const to = event.type === 'phase' ? event.phase : 'rolling-back';
        if (next.phase !== to && !PHASES[next.phase].includes(to))
            throw new IllegalMoveError(`run: ${next.phase} -> ${to} is not a legal move`);
        next.phase = to;
        if (event.type === 'run-failed')
            failRun(next, event.failure);
        return next;
    }
    if (event.type === 'resources') {
        next.resources = structuredClone(event.resources);
        return next;
    }
    const names = event.type === 'deploy-sent' ? event.services : [event.service];
    for (const name of names) {
        const service = next.services.find((s) => s.service === name);
        if (!service)
            throw new IllegalMoveError(`${event.type}: no service "${name}" in the run`);
        if (!FROM[event.type].includes(service.step))
            throw new IllegalMoveError(`${name}: ${event.type} from ${service.step} is not legal`);
        apply(service, event);
    }
    return next;
}
function failRun(state, failure) {
    state.failure ??= failure;
    // What went live goes back whatever comes next: recorded before the first await.
    for (const service of state.services) {
        if (service.step === 'succeeded')
            service.step = 'rollback-pending';
    }
}
function apply(service, event) {
    switch (event.type) {
        case 'deploy-sent':
            Object.assign(service, { step: 'deploying', intent: 'deploy' });
            // Only an update changes the instance; a start-only deploy sends none.
            if (!service.startOnly)
                service.instanceTouched = true;
            return;
        case 'deploy-started':
            service.deploymentId = event.deploymentId;
            delete service.intent;
            return;
        case 'observed': {
            const { status, image } = event.deployment;
            Object.assign(service, { status, runningImage: image ?? service.runningImage });
            delete service.intent;
            if (_state_js__WEBPACK_IMPORTED_MODULE_0__/* .LIVE */ .L8.includes(status))
                service.step = 'succeeded';
            else if (service.step === 'succeeded' && !_state_js__WEBPACK_IMPORTED_MODULE_0__/* .IN_PROGRESS */ .mS.includes(status))
                service.step = 'failed';
            return;
        }
        case 'service-failed':
            Object.assign(service, { step: 'failed', error: event.error });
            if (event.status)
                service.status = event.status;
            delete service.intent;
            return;
        case 'cancelled':
            Object.assign(service, { step: 'failed', cancelled: true });
            if (event.status)
                service.status = event.status;
            return;
        case 'sorted':
            service.step = event.to;
            return;
        case 'restore-sent':
            Object.assign(service, { intent: 'restore', instanceTouched: true });
            return;
        case 'instance-checked':
            Object.assign(service, { instanceTouched: false });
            delete service.intent;
            return;
        case 'rollback-sent':
            Object.assign(service, {
                step: 'rolling-back',
                intent: 'rollback',
                via: event.via,
                instanceTouched: true,
            });
            return;
        case 'rollback-started':
            service.rollbackId = event.rollbackId;
            delete service.intent;
            return;
        case 'rollback-observed':
            service.rollbackStatus = event.status;
            if (_state_js__WEBPACK_IMPORTED_MODULE_0__/* .LIVE */ .L8.includes(event.status))
                service.step = 'rolled-back';
            return;
        case 'gave-up':
            Object.assign(service, { step: 'rollback-failed', error: event.why });
            delete service.intent;
            return;
        case 'serving-read':
            Object.assign(service, { servingAfter: event.deploymentId, comingAfter: event.coming });
            return;
    }
}
/** The run was told to stop; what it had done is saved, for the same code as a post phase. */
class InterruptedError extends Error {
    name = 'InterruptedError';
    constructor() {
        super('interrupted before the Railway run finished');
    }
}
/** The current state of a run, saved on every move. */
class Run {
    current;
    saver;
    constructor(current, saver) {
        this.current = current;
        this.saver = saver;
        saver.onTransition(structuredClone(current));
    }
    get state() {
        return this.current;
    }
    apply(event) {
        this.current = advance(this.current, event);
        this.saver.onTransition(structuredClone(this.current));
        if (this.saver.signal?.aborted)
            throw new InterruptedError();
        return this.current;
    }
    service(name) {
        return this.current.services.find((s) => s.service === name);
    }
    where(test) {
        return this.current.services.filter(test);
    }
}


/***/ }),

/***/ 5551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fu: () => (/* binding */ rollBack),
/* harmony export */   NR: () => (/* binding */ rollbackReserve),
/* harmony export */   To: () => (/* binding */ rollbackFailedMessage)
/* harmony export */ });
/* unused harmony export pollsFor */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(779);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3718);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3413);
/* harmony import */ var _backup_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7809);
/* harmony import */ var _fail_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8959);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5650);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6354);
/**
 * Going back: after a failed rollout (fail.ts), for `command: rollback`, and from the post
 * phase. Services go back in reverse dependency order, each wave in ONE request and verified
 * SUCCESS before the next, within deploy-timeout per wave. Railway's `deploymentRollback` when
 * the target still `canRollback`; otherwise the target's image (by digest, from its meta) is
 * set and deployed: `deploymentRedeploy` of a REMOVED deployment is refused by Railway (CLI
 * `src/commands/redeploy.rs`). A wave's rollback runs no pre-deploy command (an old image's
 * migration against a newer schema would fail it); afterwards each instance's image and gates
 * are put back and read back. A rollback that fails is said loudly, never reported as success.
 */








/** Looking for the deployment a rollback created: 1 s, growing to 10 s between looks. */
const LOOK = { initialMs: 1000, maxMs: 10_000 };
/** Rolls back every 'rollback-pending' (or interrupted) service, last wave first. */
async function rollBack(run, deps) {
    if (run.state.phase !== 'rolling-back')
        run.apply({ type: 'phase', phase: 'rolling-back' });
    const waves = [...new Set(run.state.services.map((s) => s.wave))].sort((a, b) => b - a);
    for (const wave of waves) {
        const inWave = (s) => s.wave === wave;
        const members = run.where((s) => inWave(s) && (s.step === 'rollback-pending' || s.step === 'rolling-back'));
        if (members.length === 0)
            continue;
        const deadline = deps.clock.now() + deps.timeoutMs;
        await startRollbacks(run, wave, deadline, deps);
        await waitRollbacks(run, wave, deadline, deps);
        const done = run.where((s) => inWave(s) && s.step === 'rolled-back' && !!s.instanceTouched);
        await (0,_fail_js__WEBPACK_IMPORTED_MODULE_5__/* .restoreInstances */ .vG)(run, done, deps);
    }
    const failed = run.state.services.some((s) => s.step === 'rollback-failed');
    run.apply({ type: 'phase', phase: failed ? 'rollback-failed' : 'rolled-back' });
}
/**
 * Requests a rollback of what this run changed would need, kept back from polling when the
 * hourly budget runs low: per wave, the targets' status, the wave's mutations, finding the new
 * deployments, the polls of a 60 s deployment, and the settings read back and restored.
 */
function rollbackReserve(state) {
    const changing = new Set(state.services.filter((s) => !['unchanged', 'managed'].includes(s.step)).map((s) => s.wave));
    return Math.max(1, changing.size) * (4 + pollsFor(60_000) + 1);
}
/** Polls the backoff needs to see a deployment of `ms` finish. */
function pollsFor(ms) {
    let at = 0;
    let n = 0;
    for (let delay = _wait_js__WEBPACK_IMPORTED_MODULE_6__/* .POLL */ .eE.initialMs; at < ms; delay = Math.min(_wait_js__WEBPACK_IMPORTED_MODULE_6__/* .POLL */ .eE.maxMs, delay * _wait_js__WEBPACK_IMPORTED_MODULE_6__/* .POLL */ .eE.factor)) {
        at += delay;
        n++;
    }
    return n;
}
async function startRollbacks(run, wave, deadline, deps) {
    const ofWave = () => run.where((s) => s.wave === wave && (s.step === 'rollback-pending' || s.step === 'rolling-back'));
    // Interrupted after the wave may have gone out: adopt what it created, send nothing twice.
    const resumed = ofWave().filter((s) => s.step === 'rolling-back' && !s.rollbackId);
    if (resumed.length)
        await findCreated(run, resumed, deps.clock.now(), deps);
    // None found: the death came before the request left (the list is read at the same point
    // Railway would have created it), so it is sent now.
    const candidates = ofWave().filter((s) => !s.rollbackId);
    const fresh = await leaveOthersAlone(run, candidates, deps);
    const targets = await deps.api
        .statuses(fresh.filter((s) => s.previous).map((s) => s.previous.id))
        .catch(() => new Map());
    const steps = [];
    const sent = [];
    for (const service of fresh) {
        const plan = rollbackSteps(service, targets.get(service.previous?.id ?? ''));
        if (typeof plan === 'string') {
            giveUp(run, service, plan, deps);
            continue;
        }
        const first = steps.length;
        const deployAt = plan.via === 'image' ? first + plan.steps.length - 1 : undefined;
        steps.push(...plan.steps);
        sent.push({ service, deployAt, first, count: plan.steps.length });
        run.apply({ type: 'rollback-sent', service: service.service, via: plan.via });
    }
    if (steps.length === 0)
        return;
    let why;
    try {
        const answers = await deps.api.wave(run.state.environmentId, steps);
        for (const { service, deployAt } of sent) {
            if (deployAt !== undefined)
                record(run, service.service, String(answers[deployAt]), deps);
        }
    }
    catch (error) {
        if (!(error instanceof _client_js__WEBPACK_IMPORTED_MODULE_2__/* .RailwayApiError */ .Y8) && !(error instanceof _client_js__WEBPACK_IMPORTED_MODULE_2__/* .RailwayAnswerLostError */ .Q0))
            throw error;
        why = `the rollback could not start: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`;
        // Refused at one field: the mutations before it ran, that one and those after did not.
        const at = /^m(\d+)$/.exec(error instanceof _client_js__WEBPACK_IMPORTED_MODULE_2__/* .RailwayApiError */ .Y8 ? (error.path ?? '') : '')?.[1];
        if (at !== undefined) {
            const refused = sent.filter((x) => x.first + x.count > Number(at)).map((x) => x.service);
            for (const service of refused)
                giveUp(run, service, why, deps);
        }
    }
    const waiting = run.where((s) => s.step === 'rolling-back' &&
        !s.rollbackId &&
        sent.some((x) => x.service.service === s.service));
    const looked = waiting.length ? await findCreated(run, waiting, deadline, deps) : undefined;
    for (const service of run.where((s) => waiting.some((w) => w.service === s.service))) {
        if (service.rollbackId || service.step !== 'rolling-back')
            continue;
        const reason = why ??
            (looked
                ? `the rollback could not start: Railway accepted the rollback; looking for its new ` +
                    `deployment: ${looked}`
                : `Railway accepted the rollback, but no new deployment of "${service.railwayName}" ` +
                    'appeared before deploy-timeout ran out');
        giveUp(run, service, reason, deps);
    }
}
/**
 * Another deploy on the same service while this run went back (an autodeploy, a person,
 * another workflow): a deployment newer than this run's own is not this run's to undo. The
 * service is left to it, named with who started it when Railway says, and the run fails
 * truthfully instead of rolling back over someone else's release.
 */
async function leaveOthersAlone(run, services, deps) {
    if (services.length === 0)
        return services;
    const { projectId, environmentId } = run.state;
    const history = await deps.api
        .history(projectId, environmentId, services.map((s) => s.serviceId))
        .catch(() => undefined);
    if (!history)
        return services;
    return services.filter((service) => {
        const ours = new Set([service.deploymentId, service.rollbackId].filter(Boolean));
        const anchor = service.deploymentId ?? service.newestKnownId;
        const outside = (0,_state_js__WEBPACK_IMPORTED_MODULE_7__/* .newerThan */ .TH)(history.get(service.serviceId) ?? [], anchor).find((d) => !ours.has(d.id));
        if (!outside)
            return true;
        const by = outside.creator ? ` by ${outside.creator}` : '';
        giveUp(run, service, `deployment ${outside.id} (${outside.status}), started outside this run${by}, came ` +
            'after it; it is left alone, not rolled back', deps);
        return false;
    });
}
/** The mutations that take one service back, or why none can. */
function rollbackSteps(service, target) {
    const previous = service.previous;
    if (!previous)
        return 'it had no earlier deployment to go back to';
    const image = target?.image ?? previous.image;
    const input = (0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .instanceInput */ .og)({
        image,
        // The old release's own gates (null is a value: no healthcheck), else what is set now.
        healthcheckPath: service.before
            ? service.before.healthcheckPath
            : service.gates.healthcheckPath,
        healthcheckTimeout: service.before
            ? service.before.healthcheckTimeout
            : service.gates.healthcheckTimeout,
        preDeployCommand: null,
    });
    const update = { op: 'update', serviceId: service.serviceId, input };
    if (target?.canRollback) {
        return { via: 'rollback', steps: [update, { op: 'rollback', deploymentId: previous.id }] };
    }
    if (!image) {
        return (`Railway can no longer roll back to deployment ${previous.id} and its meta names no ` +
            'image to deploy instead');
    }
    return { via: 'image', steps: [update, { op: 'deploy', serviceId: service.serviceId }] };
}
function record(run, service, id, deps) {
    run.apply({ type: 'rollback-started', service, rollbackId: id });
    const s = run.service(service);
    deps.log.info(`${service}: rolling back to ${s.previous.id} as deployment ${id}` +
        (s.via === 'image' ? ` (its image ${s.previous?.image ?? ''}, deployed again)` : ''));
}
/**
 * deploymentRollback returns a Boolean: the new deployment is the newest after the anchor,
 * and Railway may list it late. Looks until `until` (at least once), for all at once.
 */
async function findCreated(run, services, until, deps) {
    const { api, clock } = deps;
    const names = new Set(services.map((s) => s.service));
    const left = () => run.where((s) => names.has(s.service) && !s.rollbackId && s.step === 'rolling-back');
    let failed;
    for (let wait = LOOK.initialMs; left().length > 0; wait = Math.min(LOOK.maxMs, wait * 2)) {
        const { projectId, environmentId } = run.state;
        try {
            const history = await api.history(projectId, environmentId, left().map((s) => s.serviceId));
            failed = undefined;
            for (const service of left()) {
                const anchor = service.deploymentId ?? service.newestKnownId;
                const found = (0,_state_js__WEBPACK_IMPORTED_MODULE_7__/* .newerThan */ .TH)(history.get(service.serviceId) ?? [], anchor)[0];
                if (found)
                    record(run, service.service, found.id, deps);
            }
        }
        catch (error) {
            failed = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error);
            deps.log.debug(`railway: listing deployments: ${failed}`);
        }
        const remaining = until - clock.now();
        if (left().length === 0 || remaining <= 0)
            return failed;
        await clock.sleep(Math.min(wait, remaining));
    }
    return failed;
}
async function waitRollbacks(run, wave, deadline, deps) {
    const pending = () => run.where((s) => s.wave === wave && s.step === 'rolling-back' && s.rollbackId !== undefined);
    let unanswered;
    const result = await (0,_wait_js__WEBPACK_IMPORTED_MODULE_6__/* .pollUntil */ .g3)({
        api: deps.api,
        clock: deps.clock,
        deadline,
        debug: deps.log.debug,
        feed: deps.feed,
        quietMs: deps.quietMs,
        watch: () => pending().map((s) => s.rollbackId),
        // Railway going away now must not end the rollback: keep asking until the deadline.
        onError: (error) => (unanswered = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)),
        settle: (statuses) => {
            unanswered = undefined;
            for (const service of pending())
                settle(run, service, statuses.get(service.rollbackId), deps);
            return pending().length === 0 ? 'stop' : 'continue';
        },
    });
    if (result === 'timeout') {
        for (const service of pending()) {
            const why = `its rollback deployment ${service.rollbackId} was still ` +
                `${service.rollbackStatus ?? 'starting'} when deploy-timeout ran out` +
                (unanswered ? ` (Railway did not answer: ${unanswered})` : '');
            giveUp(run, service, why, deps);
        }
    }
    for (const service of run.where((s) => s.wave === wave && s.step === 'rollback-failed')) {
        if (service.rollbackStatus && service.rollbackId)
            await (0,_engine_js__WEBPACK_IMPORTED_MODULE_3__/* .fetchLogs */ .W)(service.service, service.rollbackId, deps);
    }
}
function settle(run, service, seen, deps) {
    if (!seen || seen.status === service.rollbackStatus)
        return;
    run.apply({ type: 'rollback-observed', service: service.service, status: seen.status });
    if (_state_js__WEBPACK_IMPORTED_MODULE_7__/* .LIVE */ .L8.includes(seen.status)) {
        deps.log.info(`${service.service}: back on the image of ${service.previous.id} ` +
            `(deployment ${service.rollbackId} ${seen.status})`);
    }
    else if (!_state_js__WEBPACK_IMPORTED_MODULE_7__/* .IN_PROGRESS */ .mS.includes(seen.status)) {
        giveUp(run, service, `its rollback deployment ${service.rollbackId} is ${seen.status}`, deps);
    }
}
function giveUp(run, service, why, deps) {
    run.apply({ type: 'gave-up', service: service.service, why });
    deps.log.error(rollbackFailedMessage(run.state, run.service(service.service)) + (0,_backup_js__WEBPACK_IMPORTED_MODULE_4__/* .backupHint */ .S1)(run.state));
}
/** The loud sentence: which service, which deployment, what a human must do. */
function rollbackFailedMessage(state, service) {
    const where = `(project "${state.projectName}", environment "${state.environmentName}")`;
    if (service.error?.includes('started outside this run')) {
        return (`NOT ROLLED BACK: ${service.service} (Railway service "${service.railwayName}"): ` +
            `${service.error}. Check in Railway ${where} that it is the release you want.`);
    }
    const target = service.previous
        ? `roll "${service.railwayName}" back to deployment ${service.previous.id} by hand`
        : `check "${service.railwayName}" by hand`;
    return (`ROLLBACK FAILED: ${service.service} (Railway service "${service.railwayName}") is NOT ` +
        `back on its previous deployment: ${service.error}. A human must ${target} in Railway ` +
        `${where}.`);
}


/***/ })

};
