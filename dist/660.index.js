export const id = 660;
export const ids = [660];
export const modules = {

/***/ 7055:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mo: () => (/* binding */ sizeReport),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   jB: () => (/* binding */ overBudgetMessage),
/* harmony export */   ml: () => (/* binding */ shorten)
/* harmony export */ });
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4529);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3758);
/* harmony import */ var _records_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4845);
/**
 * The size report in its shapes: the JSON file (kept as the next baseline) and the markdown
 * table for the job summary (the `images` output is src/images.ts). Pure functions.
 */



function sizeReport(verdicts, sha, ref, now) {
    return {
        version: 1,
        sha,
        ref,
        createdAt: now.toISOString(),
        images: (0,_records_js__WEBPACK_IMPORTED_MODULE_2__/* .recordOf */ .z)(verdicts.map((v) => [v.service, v])),
    };
}
const STATUS_TEXT = {
    ok: '✅ within budget',
    'over-budget': '❌ over budget',
    'build-failed': '💥 build failed',
};
function markdownTable(verdicts) {
    const rows = verdicts.map((v) => {
        const used = v.size === undefined ? '—' : `${Math.round((v.size / v.budget) * 100)}%`;
        const size = v.size === undefined ? '—' : (0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(v.size);
        return `| ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .mdText */ .bC)(v.service)} | ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .mdCodeCell */ .nn)(v.image)} | ${size} | ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(v.budget)} | ${used} | ${STATUS_TEXT[v.status]} |`;
    });
    return [
        '| Service | Image | Size | Budget | Used | Status |',
        '|---|---|--:|--:|--:|---|',
        ...rows,
    ].join('\n');
}
/** The failure sentence for an image over budget, with the layers that made it big. */
function overBudgetMessage(verdict, lineOf) {
    const size = verdict.size ?? 0;
    const head = `${verdict.service} is ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(size)}, over its budget of ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(verdict.budget)} by ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(size - verdict.budget)}.`;
    const layers = verdict.topLayers.map((layer) => {
        const line = lineOf?.(layer.instruction);
        const where = line ? ` (Dockerfile line ${line})` : '';
        return `  ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(layer.size).padStart(9)}  ${shorten(layer.instruction, 120)}${where}`;
    });
    return layers.length ? `${head} Largest layers:\n${layers.join('\n')}` : head;
}
function shorten(text, max) {
    const flat = text.replace(/\s+/g, ' ');
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}


/***/ }),

/***/ 9898:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T7: () => (/* binding */ ImagesRejectedError),
  I_: () => (/* binding */ imageTag),
  mk: () => (/* binding */ publish),
  runBuild: () => (/* binding */ runBuild)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/budget/evaluate.ts
const TOP_LAYERS = 5;
function evaluate(measurement, budget) {
    const { service, image, id, size, digest } = measurement;
    return {
        service,
        image,
        id,
        size,
        digest,
        budget,
        status: size > budget ? 'over-budget' : 'ok',
        topLayers: largestLayers(measurement.layers, TOP_LAYERS),
    };
}
function buildFailed(service, image, budget, error) {
    return { service, image, budget, status: 'build-failed', topLayers: [], error };
}
function largestLayers(layers, count) {
    return layers
        .filter((l) => l.size > 0)
        .sort((a, b) => b.size - a.size)
        .slice(0, count);
}

// EXTERNAL MODULE: ./src/budget/report.ts
var budget_report = __webpack_require__(7055);
// EXTERNAL MODULE: ./src/config/load.ts + 7 modules
var load = __webpack_require__(2677);
// EXTERNAL MODULE: ./src/config/order.ts
var order = __webpack_require__(3010);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/docker/exec.ts + 1 modules
var docker_exec = __webpack_require__(4801);
;// CONCATENATED MODULE: ./src/docker/build.ts
/**
 * Building one image: a pure argument builder for both builders, and a runner that streams the
 * builder's step lines as progress and returns the built image's id.
 */





/** The docker arguments for one build; `iidfile` receives the image id. */
function buildArgs(builder, request, iidfile) {
    const { spec } = request;
    // The classic builder leaves the container of a failed step behind unless told not to.
    const args = builder === 'buildx'
        ? ['buildx', 'build', '--load', '--progress', 'plain']
        : ['build', '--force-rm'];
    args.push('--iidfile', iidfile, '--tag', request.tag, '--file', spec.dockerfile);
    if (spec.target)
        args.push('--target', spec.target);
    if (request.noCache)
        args.push('--no-cache');
    for (const [key, value] of Object.entries(spec.args))
        args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(request.labels))
        args.push('--label', `${key}=${value}`);
    args.push(spec.context);
    return args;
}
/**
 * A line worth showing while builds run side by side: the classic builder's `Step 3/7 : RUN ..`
 * and BuildKit's `#7 [2/4] RUN ..`; the rest stays in the full log shown on failure.
 */
function progressLine(line) {
    const classic = /^Step \d+\/\d+ : .*/.exec(line);
    if (classic)
        return classic[0];
    const buildkit = /^#\d+ (\[[^\]]+\] .*)$/.exec(line);
    return buildkit ? buildkit[1] : undefined;
}
// The classic builder is the only one on Debian's docker.io; with a newer client and no buildx
// plugin, DOCKER_BUILDKIT=1 would make `docker build` refuse to run.
function builderEnv(builder) {
    return builder === 'classic' ? { ...process.env, DOCKER_BUILDKIT: '0' } : process.env;
}
/** A failed build, with the builder's own last lines (both streams, in order). */
class BuildFailedError extends errors/* UserError */.yo {
    tag;
    log;
    name = 'BuildFailedError';
    constructor(tag, log) {
        super(`building ${tag} failed:\n${log}`);
        this.tag = tag;
        this.log = log;
    }
}
// Debian's client warns on every classic build; the warning would crowd out the real error.
const NOISE = [
    /^DEPRECATED: The legacy builder/,
    /^\s+BuildKit is currently disabled/,
    /^\s+environment-variable\.$/,
];
async function buildImage(exec, builder, request, onProgress) {
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'deploy-action-build-'));
    const iidfile = external_node_path_default().join(dir, 'iid');
    const log = [];
    try {
        await exec('docker', buildArgs(builder, request, iidfile), {
            env: builderEnv(builder),
            announce: true,
            onLine: (line) => {
                if (!NOISE.some((n) => n.test(line)))
                    log.push(line);
                const progress = progressLine(line);
                if (progress)
                    onProgress(progress);
            },
        });
        return (await (0,promises_.readFile)(iidfile, 'utf8')).trim();
    }
    catch (error) {
        if (error instanceof docker_exec/* CommandError */.Qd && error.kind === 'exit') {
            throw new BuildFailedError(request.tag, (0,docker_exec/* lastLines */.w$)(log.join('\n'), BUILD_LOG_TAIL));
        }
        throw error;
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
const BUILD_LOG_TAIL = 30;
async function pushImage(exec, tag) {
    await exec('docker', ['push', tag]);
}

;// CONCATENATED MODULE: ./src/docker/dockerfile.ts
/**
 * Finding the Dockerfile line behind a layer, so the budget error can be annotated on the
 * instruction that made the image big. Pure.
 */
/** Instructions with their first line; continuation lines joined, comments dropped. */
function instructions(dockerfile) {
    const result = [];
    let current;
    dockerfile.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.trim();
        if (!current && (line === '' || line.startsWith('#')))
            return;
        if (current && line.startsWith('#'))
            return;
        const continues = line.endsWith('\\');
        const piece = continues ? line.slice(0, -1) : line;
        if (current)
            current.text += ` ${piece}`;
        else
            current = { line: index + 1, text: piece };
        if (!continues) {
            result.push(current);
            current = undefined;
        }
    });
    if (current)
        result.push(current);
    return result;
}
const normalise = (text) => text.replace(/\s+/g, ' ').trim();
/** The line of the instruction a layer came from, or undefined when it is not this file's. */
function lineOfInstruction(dockerfile, instruction) {
    const wanted = normalise(instruction);
    const keyword = wanted.split(' ')[0].toUpperCase();
    const candidates = instructions(dockerfile).filter((i) => normalise(i.text).split(' ')[0].toUpperCase() === keyword);
    const exact = candidates.find((i) => normalise(i.text) === wanted);
    if (exact)
        return exact.line;
    // COPY and ADD layers name a content hash, not the source path: match on the destination.
    const destination = wanted.split(' ').at(-1);
    const sameDestination = candidates.filter((i) => normalise(i.text).split(' ').at(-1) === destination);
    return sameDestination.length === 1 ? sameDestination[0].line : undefined;
}

// EXTERNAL MODULE: ./src/docker/engine.ts
var docker_engine = __webpack_require__(6556);
// EXTERNAL MODULE: ./src/docker/images.ts
var docker_images = __webpack_require__(1075);
;// CONCATENATED MODULE: ./src/docker/pool.ts
/**
 * Runs tasks with at most `limit` in flight and waits for all of them, failures included, so
 * one broken image does not hide the sizes (or the errors) of the others.
 */
async function settleAll(items, limit, task) {
    const results = new Array(items.length);
    let next = 0;
    async function worker() {
        while (next < items.length) {
            const index = next++;
            try {
                results[index] = { status: 'fulfilled', value: await task(items[index]) };
            }
            catch (reason) {
                results[index] = { status: 'rejected', reason };
            }
        }
    }
    const workers = Math.max(1, Math.min(limit, items.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return results;
}

// EXTERNAL MODULE: ./src/images.ts
var src_images = __webpack_require__(4525);
;// CONCATENATED MODULE: ./src/commands/build.ts
/**
 * `command: build`: every service with a `build:` section built in parallel, measured, held to
 * its budget, pushed when all pass. Fails late: outputs, report and summary are written first.
 */

















/** An image over its budget or a build that failed: the step fails with this, after outputs. */
class ImagesRejectedError extends errors/* UserError */.yo {
    name = 'ImagesRejectedError';
}
function imageTag(prefix, service, sha) {
    return `${prefix}/${service}:${sha}`;
}
async function runBuild(inputs, deps) {
    const { reporter } = deps;
    const stack = (0,load/* loadStack */.f)(inputs.composeFile, { budget: inputs.budget });
    const services = (0,order/* selectServices */.Z)(stack.file, stack.services, inputs.services).filter((s) => s.build);
    if (services.length === 0)
        reporter.warn(`No service of ${stack.file} has a build section: nothing to build.`);
    const engine = await reporter.group('Docker engine', async () => {
        const found = await (0,docker_engine/* detectEngine */.uU)(deps.exec, { compose: false });
        reporter.info(`Docker ${found.serverVersion}, ${found.buildx ? 'buildx' : 'classic builder'}`);
        return found;
    });
    const builder = engine.buildx ? 'buildx' : 'classic';
    const verdicts = await reporter.group(`Build ${services.length} image(s)`, () => buildAll(services, builder, inputs, deps));
    const failed = verdicts.filter((v) => v.status !== 'ok');
    // A failed push still fails late: the sizes are published first, then the step fails.
    const pushError = inputs.push && failed.length === 0 && verdicts.length > 0
        ? await reporter.group('Push', () => pushAll(verdicts, deps)).catch((e) => e)
        : undefined;
    const outcome = await publish(stack, verdicts, inputs, deps);
    if (failed.length > 0)
        throw failure(stack, services, failed, deps);
    if (pushError)
        throw pushFailure(pushError);
    return outcome;
}
function pushFailure(error) {
    const tag = error instanceof docker_exec/* CommandError */.Qd ? error.command.at(-1) : undefined;
    const reason = error instanceof docker_exec/* CommandError */.Qd ? error.tail : (0,errors/* errorMessage */.gJ)(error);
    return new ImagesRejectedError(`Pushing ${tag ?? 'the images'} failed: ${reason}\n` +
        'Log in to the registry first (docker/login-action in a workflow, docker login locally) ' +
        'and check that the image-prefix names a repository you may push to.');
}
async function buildAll(services, builder, inputs, deps) {
    const limit = deps.concurrency ?? Math.min(4, Math.max(2, (0,external_node_os_.availableParallelism)()));
    const results = await settleAll(services, limit, (service) => buildOne(service, builder, inputs, deps));
    return results.map((result, i) => {
        const service = services[i];
        if (result.status === 'fulfilled')
            return result.value;
        const tag = imageTag(inputs.imagePrefix, service.name, inputs.sha);
        return buildFailed(service.name, tag, service.budget, describeBuildError(result.reason));
    });
}
async function buildOne(service, builder, inputs, deps) {
    const { reporter, exec } = deps;
    const tag = imageTag(inputs.imagePrefix, service.name, inputs.sha);
    const started = Date.now();
    reporter.info(`[${service.name}] building ${tag}`);
    const id = await buildImage(exec, builder, {
        spec: service.build,
        tag,
        noCache: deps.noCache,
        labels: { 'org.opencontainers.image.revision': inputs.sha },
    }, (line) => reporter.info(`[${service.name}] ${(0,budget_report/* shorten */.ml)(line, 100)}`));
    const [info, layers] = await Promise.all([(0,docker_images/* inspectImage */.mm)(exec, id), (0,docker_images/* imageHistory */.St)(exec, id)]);
    reporter.info(`[${service.name}] built in ${(0,units/* formatDuration */.a3)(Date.now() - started)}: ${(0,units/* formatBytes */.z3)(info.size)} (budget ${(0,units/* formatBytes */.z3)(service.budget)})`);
    return evaluate({ service: service.name, image: tag, id, size: info.size, layers }, service.budget);
}
function describeBuildError(reason) {
    return reason instanceof BuildFailedError ? reason.log : (0,errors/* errorMessage */.gJ)(reason);
}
async function pushAll(verdicts, deps) {
    for (const verdict of verdicts) {
        deps.reporter.info(`pushing ${verdict.image}`);
        await pushImage(deps.exec, verdict.image);
        const info = await (0,docker_images/* inspectImage */.mm)(deps.exec, verdict.image);
        verdict.digest = (0,docker_images/* digestFor */.iW)(verdict.image, info.repoDigests);
        deps.reporter.info(`pushed ${verdict.digest ?? verdict.image}`);
    }
}
async function publish(stack, verdicts, inputs, deps) {
    const report = (0,budget_report/* sizeReport */.Mo)(verdicts, inputs.sha, inputs.ref, (deps.now ?? (() => new Date()))());
    await (0,promises_.mkdir)(deps.reportDir, { recursive: true });
    const reportPath = external_node_path_default().join(deps.reportDir, 'size-report.json');
    await (0,promises_.writeFile)(reportPath, `${JSON.stringify(report, null, 2)}\n`);
    const overBudget = verdicts.some((v) => v.status === 'over-budget');
    deps.reporter.setOutput('images', (0,src_images/* formatImages */.Go)(verdicts));
    deps.reporter.setOutput('over-budget', String(overBudget));
    deps.reporter.setOutput('report', reportPath);
    if (verdicts.length > 0)
        await deps.reporter.summary(`## Image sizes\n\n${(0,budget_report/* markdownTable */.Qj)(verdicts)}\n`);
    const outcome = { stack, verdicts, report, reportPath, overBudget };
    await deps.onPublished?.(outcome).catch((error) => {
        deps.reporter.warn(`Publishing the image sizes failed: ${(0,errors/* errorMessage */.gJ)(error)}`);
    });
    return outcome;
}
/** Annotates each failing Dockerfile and returns the one error the step fails with. */
function failure(stack, services, failed, deps) {
    const messages = failed.map((verdict) => {
        const service = services.find((s) => s.name === verdict.service);
        const file = external_node_path_default().relative(deps.workspace, service.build.dockerfile);
        if (verdict.status === 'build-failed') {
            const message = `${verdict.service}: the build failed:\n${verdict.error}`;
            deps.reporter.error(message, { file, title: `${verdict.service}: build failed` });
            return message;
        }
        const dockerfile = readDockerfile(service.build.dockerfile);
        const lineOf = (instruction) => lineOfInstruction(dockerfile, instruction);
        const message = (0,budget_report/* overBudgetMessage */.jB)(verdict, lineOf);
        const line = verdict.topLayers[0] ? lineOf(verdict.topLayers[0].instruction) : undefined;
        deps.reporter.error(message, {
            file,
            line,
            title: `${verdict.service} is over its size budget`,
        });
        return message;
    });
    return new ImagesRejectedError(messages.join('\n'));
}
function readDockerfile(file) {
    try {
        return (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch {
        return '';
    }
}


/***/ }),

/***/ 6556:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   uU: () => (/* binding */ detectEngine)
/* harmony export */ });
/* unused harmony exports EngineUnavailableError, explainUnreachable */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4801);
/**
 * What the machine's Docker can do. GitHub's runners have buildx and `docker compose` (v2);
 * plain Debian has the classic builder and `docker-compose` (v1). We use the best available.
 */


class EngineUnavailableError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo {
    name = 'EngineUnavailableError';
}
/**
 * The daemon always; buildx and compose only when asked. Only the compose that will be used is
 * probed: v2 first under `auto`, v1 (`docker-compose version`, Python: a third of a second)
 * only when v2 does not answer.
 */
async function detectEngine(exec, { compose = 'auto', buildx = true } = {}) {
    const serverVersion = await reachDaemon(exec);
    const [hasBuildx, flavour] = await Promise.all([
        buildx && succeeds(exec, 'docker', ['buildx', 'version']),
        compose ? findCompose(exec, compose) : undefined,
    ]);
    return { serverVersion, buildx: hasBuildx, compose: flavour };
}
async function findCompose(exec, choice) {
    const v2 = () => succeeds(exec, 'docker', ['compose', 'version', '--short']);
    const v1 = () => succeeds(exec, 'docker-compose', ['version', '--short']);
    if (choice === 'v2')
        return (await v2()) ? 'v2' : undefined;
    if (choice === 'v1')
        return (await v1()) ? 'v1' : undefined;
    if (await v2())
        return 'v2';
    return (await v1()) ? 'v1' : undefined;
}
async function reachDaemon(exec) {
    try {
        const { stdout } = await exec('docker', ['version', '--format', '{{.Server.Version}}']);
        return stdout.trim();
    }
    catch (error) {
        if (!(error instanceof _exec_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandError */ .Qd))
            throw error;
        throw new EngineUnavailableError(explainUnreachable(error));
    }
}
/** One sentence the user can act on, with docker's own reason in it. */
function explainUnreachable(error) {
    if (error.kind === 'spawn') {
        return 'The docker command is not installed or not on PATH: install Docker (or use a runner that has it) and run again.';
    }
    const reason = error.stderr
        .split('\n')
        .map((l) => l.trim())
        .find((l) => /cannot connect|error|denied/i.test(l));
    return `The Docker engine is not reachable (${reason ?? `docker version exited with code ${error.exitCode}`}): start the Docker daemon, or set DOCKER_HOST, and run again.`;
}
async function succeeds(exec, command, args) {
    try {
        await exec(command, args);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 1075:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   St: () => (/* binding */ imageHistory),
/* harmony export */   iW: () => (/* binding */ digestFor),
/* harmony export */   mm: () => (/* binding */ inspectImage)
/* harmony export */ });
/* unused harmony exports parseInspect, parseHistory, toInstruction */
function parseInspect(json) {
    const parsed = JSON.parse(json);
    const image = (Array.isArray(parsed) ? parsed[0] : parsed);
    if (typeof image?.Id !== 'string' || typeof image.Size !== 'number') {
        throw new Error(`docker image inspect gave no Id and Size: ${json.slice(0, 200)}`);
    }
    const digests = Array.isArray(image.RepoDigests) ? image.RepoDigests.map(String) : [];
    return { id: image.Id, size: image.Size, repoDigests: digests };
}
/** `docker history --no-trunc --human=false --format '{{json .}}'`, newest layer first. */
function parseHistory(output) {
    return output
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => {
        const row = JSON.parse(line);
        return { instruction: toInstruction(row.CreatedBy ?? ''), size: Number(row.Size) || 0 };
    });
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
async function inspectImage(exec, ref) {
    const { stdout } = await exec('docker', ['image', 'inspect', '--format', '{{json .}}', ref]);
    return parseInspect(stdout);
}
async function imageHistory(exec, ref) {
    const { stdout } = await exec('docker', [
        'history',
        '--no-trunc',
        '--human=false',
        '--format',
        '{{json .}}',
        ref,
    ]);
    return parseHistory(stdout);
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
/* harmony export */   T3: () => (/* binding */ mdUrl),
/* harmony export */   bC: () => (/* binding */ mdText),
/* harmony export */   nn: () => (/* binding */ mdCodeCell),
/* harmony export */   xs: () => (/* binding */ mdCode)
/* harmony export */ });
/* unused harmony export mdFence */
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


/***/ })

};
