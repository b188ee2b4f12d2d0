export const id = 320;
export const ids = [320];
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

/***/ 9186:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Er: () => (/* binding */ DEFAULT_PLATFORM),
/* harmony export */   FV: () => (/* binding */ forService),
/* harmony export */   Of: () => (/* binding */ namedPlatforms)
/* harmony export */ });
const DEFAULT_PLATFORM = 'linux/amd64';
/** The platforms named for a service: its own `build.platforms`, else the input's (maybe none). */
function namedPlatforms(spec, input) {
    return spec.platforms.length > 0 ? spec.platforms : [...input];
}
/** `type=gha,scope={service}` -> `type=gha,scope=backend`. */
function forService(values, service) {
    return values.map((v) => v.replaceAll('{service}', service));
}


/***/ }),

/***/ 9532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HT: () => (/* binding */ buildStack),
  I_: () => (/* binding */ imageTag)
});

// UNUSED EXPORTS: DEFAULT_BUILD_INPUTS, createdAt

// EXTERNAL MODULE: ./src/budget/report.ts
var report = __webpack_require__(7055);
// EXTERNAL MODULE: ./src/docker/api.ts
var api = __webpack_require__(9776);
// EXTERNAL MODULE: ./src/docker/engine.ts
var docker_engine = __webpack_require__(6556);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/docker/exec.ts + 1 modules
var docker_exec = __webpack_require__(4801);
// EXTERNAL MODULE: ./src/build/options.ts
var build_options = __webpack_require__(9186);
;// CONCATENATED MODULE: ./src/build/bake.ts
/**
 * BuildKit: every selected service in one `docker buildx bake` (one BuildKit session, shared
 * base layers solved once). The compose files are bake's definition; a generated JSON file
 * after them sets what bake 0.13 does not read from compose (the image: tag, platforms, pull,
 * no_cache) and what the action adds (its tag, labels, cache, secrets), as absolute paths:
 * bake resolves compose contexts against its working folder, so it also runs in the project's.
 * Ids come from `--metadata-file`. Sources: https://docs.docker.com/build/bake/compose-file/,
 * buildx 0.13 `bake/bake.go` (file merge order, `--metadata-file` keys).
 */





/** The JSON definition laid over the compose files; `secretFiles`: id -> file. */
function bakeDefinition(targets, options, secretFiles) {
    const entries = targets.map(({ service, spec }) => {
        const named = (0,build_options/* namedPlatforms */.Of)(spec, options.platforms);
        // The default platform is named, unless the builder builds for it anyway.
        const leftToBuilder = named.length === 0 && options.nativePlatform === build_options/* DEFAULT_PLATFORM */.Er;
        const target = {
            context: spec.context,
            args: { ...spec.args, ...options.buildArgs },
            tags: [...new Set([options.tagOf(service), ...spec.tags])],
            labels: { ...spec.labels, ...options.labels },
            ...(leftToBuilder ? {} : { platforms: named.length > 0 ? named : [build_options/* DEFAULT_PLATFORM */.Er] }),
            'cache-from': [...spec.cacheFrom, ...(0,build_options/* forService */.FV)(options.cacheFrom, service)],
            'cache-to': [...spec.cacheTo, ...(0,build_options/* forService */.FV)(options.cacheTo, service)],
            output: ['type=docker'],
            secret: [
                ...spec.secrets.map((s) => s.file ? `id=${s.id},src=${s.file}` : `id=${s.id},env=${s.env}`),
                ...Object.entries(secretFiles).map(([id, file]) => `id=${id},src=${file}`),
            ],
        };
        if (spec.dockerfileInline !== undefined)
            target['dockerfile-inline'] = spec.dockerfileInline;
        else
            target.dockerfile = spec.dockerfile;
        if (spec.target)
            target.target = spec.target;
        if (spec.noCache || options.noCache)
            target['no-cache'] = true;
        if (spec.pull)
            target.pull = true;
        if (Object.keys(spec.additionalContexts).length > 0)
            target.contexts = spec.additionalContexts;
        if (spec.ssh.length > 0)
            target.ssh = spec.ssh;
        return [service, target];
    });
    return { target: Object.fromEntries(entries) };
}
function bakeArgs(options, definition, metadata, services) {
    const args = ['buildx', 'bake', '--progress', 'plain', '--metadata-file', metadata];
    if (options.builderName)
        args.push('--builder', options.builderName);
    for (const file of options.composeFiles)
        args.push('--file', file);
    args.push('--file', definition);
    if (options.provenance !== undefined)
        args.push(`--provenance=${options.provenance}`);
    if (options.sbom !== undefined)
        args.push(`--sbom=${options.sbom}`);
    return [...args, ...services];
}
/** `#7 [backend 2/4] RUN ..`, `#3 [backend internal] load ..` -> the service and the step. */
function bakeProgress(line) {
    const match = /^#\d+ \[([^\s\]]+)(?: ([^\]]+))?\] (.*)$/.exec(line);
    if (!match || (match[1] === 'internal' && !match[2]))
        return undefined;
    const [, service, where, what] = match;
    return { service: service, step: where ? `[${where}] ${what}` : what };
}
/** Services a failed bake names in its error (` > [backend 3/4] RUN ..`, `target backend:`). */
function failedServices(log, services) {
    const named = services.filter((s) => new RegExp(`(^ > \\[${s}[ \\]]|target ${s}:)`, 'm').test(log));
    return named.length > 0 ? named : services;
}
async function bake(exec, targets, options) {
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'deploy-action-bake-'));
    const services = targets.map((t) => t.service);
    const log = [];
    const started = Date.now();
    try {
        const secretFiles = await writeSecrets(dir, options.secrets);
        const definition = external_node_path_default().join(dir, 'deploy-action.json');
        const metadata = external_node_path_default().join(dir, 'metadata.json');
        await (0,promises_.writeFile)(definition, JSON.stringify(bakeDefinition(targets, options, secretFiles)));
        try {
            await exec('docker', bakeArgs(options, definition, metadata, services), {
                cwd: options.projectDir,
                onLine: (line) => {
                    log.push(line);
                    const progress = bakeProgress(line);
                    if (progress && services.includes(progress.service))
                        options.onProgress(progress.service, progress.step);
                },
            });
        }
        catch (error) {
            if (!(error instanceof docker_exec/* CommandError */.Qd) || error.exitCode === null)
                throw error;
            return failedResults(targets, options, log.join('\n'));
        }
        const ms = Date.now() - started;
        const meta = JSON.parse(await (0,promises_.readFile)(metadata, 'utf8'));
        return services.map((service) => {
            const entry = meta[service] ?? {};
            const id = entry['containerimage.config.digest'] ?? entry['containerimage.digest'] ?? '';
            return { service, tag: options.tagOf(service), status: 'built', id, ms };
        });
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/** A service's own steps of the shared log, then BuildKit's error block. */
function serviceLog(log, service) {
    const mine = new Set();
    const lines = log.split('\n');
    const errorAt = lines.findIndex((l) => l.startsWith('------'));
    const kept = (errorAt === -1 ? lines : lines.slice(0, errorAt)).filter((line) => {
        const vertex = /^#(\d+) /.exec(line)?.[1];
        if (vertex && bakeProgress(line)?.service === service)
            mine.add(vertex);
        return vertex !== undefined && mine.has(vertex);
    });
    return [...kept, ...(errorAt === -1 ? [] : lines.slice(errorAt))].join('\n');
}
function failedResults(targets, options, log) {
    const services = targets.map((t) => t.service);
    const failed = failedServices(log, services);
    const tail = (service) => (0,docker_exec/* lastLines */.w$)(serviceLog(log, service), 30);
    return services.map((service) => ({
        service,
        tag: options.tagOf(service),
        status: 'failed',
        error: failed.includes(service)
            ? tail(service)
            : `not built: the one BuildKit session of all services stopped when ${failed.join(', ')} failed`,
    }));
}
/** The `secrets` input as files only this user can read, for `id=..,src=..`. */
async function writeSecrets(dir, secrets) {
    const files = {};
    for (const [id, value] of Object.entries(secrets)) {
        const file = external_node_path_default().join(dir, `secret-${Object.keys(files).length}`);
        await (0,promises_.writeFile)(file, value, { mode: 0o600 });
        await (0,promises_.chmod)(file, 0o600);
        files[id] = file;
    }
    return files;
}

// EXTERNAL MODULE: ./src/docker/build.ts
var build = __webpack_require__(2200);
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

;// CONCATENATED MODULE: ./src/build/classic.ts
/**
 * The classic builder: one `docker build` per service, several at once. Builds wait on the
 * disk, the network and the engine as much as on the CPU, so the pool is sized by what bench/build
 * measured on this stack shape, not by the number of cores.
 */







/**
 * bench/build, 12 cold classic builds on 2 cores, 2026-12-01 (bench/RESULTS.md): 1 at a time
 * 26.2 s, 2: 15.9 s, 4: 11.6 s, 6: 10.0 s (6 was quickest in 3 runs of 4).
 */
const CLASSIC_POOL = 6;
const imageRef = (cache) => cache.replace(/^type=registry,ref=([^,]+).*$/, '$1');
async function classic(exec, targets, options) {
    const limit = options.concurrency ?? CLASSIC_POOL;
    const settled = await settleAll(targets, limit, (target) => buildOne(exec, target, options));
    return settled.map((result, i) => {
        const { service } = targets[i];
        const tag = options.tagOf(service);
        if (result.status === 'fulfilled')
            return result.value;
        const reason = result.reason;
        const error = reason instanceof build/* BuildFailedError */.Wu ? reason.log : (0,errors/* errorMessage */.gJ)(reason);
        return { service, tag, status: 'failed', error };
    });
}
async function buildOne(exec, { service, spec }, options) {
    const tag = options.tagOf(service);
    const started = Date.now();
    const dir = spec.dockerfileInline === undefined
        ? undefined
        : await (0,promises_.mkdtemp)(external_node_path_default().join((0,external_node_os_.tmpdir)(), 'deploy-action-inline-'));
    try {
        const dockerfile = dir ? external_node_path_default().join(dir, 'Dockerfile') : undefined;
        if (dockerfile)
            await (0,promises_.writeFile)(dockerfile, spec.dockerfileInline);
        const id = await (0,build/* buildImage */._w)(exec, 'classic', {
            spec,
            tag,
            dockerfile,
            labels: options.labels,
            noCache: options.noCache,
            buildArgs: options.buildArgs,
            platforms: (0,build_options/* namedPlatforms */.Of)(spec, options.platforms),
            cacheFrom: [...spec.cacheFrom, ...(0,build_options/* forService */.FV)(options.cacheFrom, service)].map(imageRef),
        }, (line) => options.onProgress(service, line));
        return { service, tag, status: 'built', id, ms: Date.now() - started };
    }
    finally {
        if (dir)
            await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./src/build/keys.ts
const needsBuildKit = 'it needs BuildKit (docker buildx), and this build uses the classic builder';
function refusals(strategy, targets, options) {
    const found = [];
    const refuse = (key, why, service) => found.push({ service, key, why });
    for (const { service, spec } of targets) {
        const has = (key) => spec.keys.includes(key);
        if (strategy === 'bake') {
            if (spec.extraHosts.length > 0)
                refuse('build.extra_hosts', 'docker buildx bake 0.13 does not pass it to BuildKit', service);
            continue;
        }
        for (const key of ['secrets', 'ssh', 'additional_contexts', 'cache_to']) {
            if (has(key))
                refuse(`build.${key}`, needsBuildKit, service);
        }
        if (spec.platforms.length > 1)
            refuse('build.platforms', `several platforms: ${needsBuildKit}`, service);
        if (spec.cacheFrom.some((c) => c.includes('=') && !c.startsWith('type=registry,')))
            refuse('build.cache_from', `a cache other than an image: ${needsBuildKit}`, service);
    }
    if (strategy === 'classic') {
        const inputs = [
            ['cache-to', options.cacheTo.length > 0],
            ['provenance', options.provenance !== undefined],
            ['sbom', options.sbom !== undefined],
            ['secrets', Object.keys(options.secrets).length > 0],
            ['platforms', options.platforms.length > 1],
        ];
        for (const [input, set] of inputs)
            if (set)
                refuse(`input ${input}`, needsBuildKit);
    }
    return found;
}
function refusalMessage(refused) {
    return refused
        .map((r) => `${r.service ? `${r.service}: ` : ''}${r.key} is not supported: ${r.why}`)
        .join('\n');
}

;// CONCATENATED MODULE: ./src/build/index.ts
/**
 * Building the images of a stack, as a library both `build` and `test` call:
 * `buildImages(targets, options)` -> one result per service, failures included. One strategy
 * per builder: bake (BuildKit, one session) or classic (a pool of `docker build`). What a
 * builder cannot honour is refused before anything builds.
 */




class BuildRefusedError extends errors/* UserError */.yo {
    name = 'BuildRefusedError';
}
/** `builder: classic` forces the classic builder; otherwise BuildKit when buildx is there. */
function chooseStrategy(builderInput, buildx) {
    if (builderInput === 'classic')
        return 'classic';
    if (!buildx && builderInput) {
        throw new BuildRefusedError(`Input "builder": ${builderInput} is a buildx builder, but docker buildx is not installed.`);
    }
    return buildx ? 'bake' : 'classic';
}
async function buildImages(exec, strategy, targets, options) {
    if (targets.length === 0)
        return [];
    const refused = refusals(strategy, targets, options);
    if (refused.length > 0)
        throw new BuildRefusedError(refusalMessage(refused));
    return strategy === 'bake' ? bake(exec, targets, options) : classic(exec, targets, options);
}
/** The OCI labels stamped by default (https://github.com/opencontainers/image-spec/blob/main/annotations.md). */
function ociLabels(sha, env, now) {
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    return {
        ...(env.GITHUB_REPOSITORY
            ? { 'org.opencontainers.image.source': `${server}/${env.GITHUB_REPOSITORY}` }
            : {}),
        'org.opencontainers.image.revision': sha,
        'org.opencontainers.image.created': now.toISOString(),
    };
}

;// CONCATENATED MODULE: ./src/build/stack.ts




/** No build input set: BuildKit's defaults, no cache import or export. */
const DEFAULT_BUILD_INPUTS = {
    cacheFrom: [],
    cacheTo: [],
    platforms: [],
    noCache: false,
    buildArgs: {},
    secrets: {},
};
/**
 * `org.opencontainers.image.created`: SOURCE_DATE_EPOCH when set, else the commit's own time
 * (from the checkout the step runs in, where the sha comes from), else now. Stable for one
 * commit, so a rebuild of it changes no label and the whole build comes from the cache (a new
 * time each run would make every image new, and classic builds would redo their last step). https://reproducible-builds.org/docs/source-date-epoch/
 */
async function createdAt(exec, sha, cwd, env, now = () => new Date()) {
    const epoch = Number(env.SOURCE_DATE_EPOCH);
    if (env.SOURCE_DATE_EPOCH && Number.isFinite(epoch))
        return new Date(epoch * 1000);
    if (!/^[0-9a-f]{7,40}$/.test(sha))
        return now();
    try {
        const { stdout } = await exec('git', ['show', '-s', '--format=%cI', sha], { cwd });
        const date = new Date(stdout.trim());
        return Number.isNaN(date.getTime()) ? now() : date;
    }
    catch {
        return now();
    }
}
function imageTag(prefix, service, sha) {
    return `${prefix}/${service}:${sha}`;
}
async function buildStack(stack, services, inputs, deps) {
    const { reporter } = deps;
    const engine = await reporter.group('Docker engine', async () => {
        const found = await (0,docker_engine/* detectEngine */.uU)(deps.exec, { compose: false });
        reporter.info(`Docker ${found.serverVersion}, ${found.buildx ? 'buildx' : 'classic builder'}`);
        return found;
    });
    const build = inputs.build ?? DEFAULT_BUILD_INPUTS;
    const env = deps.env ?? process.env;
    const strategy = chooseStrategy(build.builder, engine.buildx);
    const targets = services.map((s) => ({ service: s.name, spec: s.build }));
    const results = await buildImages(deps.exec, strategy, targets, {
        composeFiles: stack.paths,
        projectDir: stack.dir,
        tagOf: (service) => imageTag(inputs.imagePrefix, service, inputs.sha),
        labels: ociLabels(inputs.sha, env, await createdAt(deps.exec, inputs.sha, process.cwd(), env, deps.now)),
        noCache: build.noCache || deps.noCache === true,
        cacheFrom: build.cacheFrom,
        cacheTo: build.cacheTo,
        platforms: build.platforms,
        builderName: build.builder === 'classic' ? undefined : build.builder,
        // The daemon's platform is the builder's only on buildx's default builder (./api.ts).
        nativePlatform: strategy === 'bake' && engine.platform && !build.builder && (0,api/* defaultBuildxBuilder */.dQ)(env)
            ? engine.platform
            : undefined,
        provenance: build.provenance,
        sbom: build.sbom,
        buildArgs: build.buildArgs,
        secrets: build.secrets,
        concurrency: deps.concurrency,
        onProgress: (service, line) => reporter.info(`[${service}] ${(0,report/* shorten */.ml)(line, 100)}`),
    });
    return { strategy, results };
}


/***/ }),

/***/ 7320:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T7: () => (/* binding */ ImagesRejectedError),
  mk: () => (/* binding */ publish),
  runBuild: () => (/* binding */ runBuild)
});

// UNUSED EXPORTS: imageTag

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
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
// EXTERNAL MODULE: ./src/config/load.ts + 12 modules
var load = __webpack_require__(8261);
// EXTERNAL MODULE: ./src/config/order.ts
var order = __webpack_require__(3010);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/build/stack.ts + 5 modules
var build_stack = __webpack_require__(9532);
// EXTERNAL MODULE: ./src/build/options.ts
var options = __webpack_require__(9186);
// EXTERNAL MODULE: ./src/docker/build.ts
var build = __webpack_require__(2200);
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

// EXTERNAL MODULE: ./src/docker/exec.ts + 1 modules
var exec = __webpack_require__(4801);
// EXTERNAL MODULE: ./src/docker/images.ts
var docker_images = __webpack_require__(1075);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
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

async function runBuild(inputs, deps) {
    const { reporter } = deps;
    const stack = (0,load/* loadStack */.fg)(inputs.composeFile, { budget: inputs.budget, profiles: inputs.profiles });
    const services = (0,order/* selectServices */.Z)(stack.file, stack.services, inputs.services).filter((s) => s.build);
    if (services.length === 0)
        reporter.warn(`No service of ${stack.file} has a build section: nothing to build.`);
    const verdicts = await reporter.group(`Build ${services.length} image(s)`, () => buildAll(stack, services, inputs, deps));
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
    const tag = error instanceof exec/* CommandError */.Qd ? error.command.at(-1) : undefined;
    const reason = error instanceof exec/* CommandError */.Qd ? error.tail : (0,errors/* errorMessage */.gJ)(error);
    return new ImagesRejectedError(`Pushing ${tag ?? 'the images'} failed: ${reason}\n` +
        'Log in to the registry first (docker/login-action in a workflow, docker login locally) ' +
        'and check that the image-prefix names a repository you may push to.');
}
async function buildAll(stack, services, inputs, deps) {
    const started = Date.now();
    const { strategy, results } = await (0,build_stack/* buildStack */.HT)(stack, services, inputs, deps);
    const tool = strategy === 'bake' ? 'docker buildx bake' : 'docker build';
    deps.reporter.info(`${tool}: ${(0,units/* formatDuration */.a3)(Date.now() - started)}`);
    const built = results.filter((r) => r.status === 'built').map((r) => r.tag);
    const infos = new Map((await (0,docker_images/* inspectImages */.J2)(deps.exec, built)).map((info, i) => [built[i], info]));
    return Promise.all(results.map(async (result) => {
        const service = services.find((s) => s.name === result.service);
        if (result.status === 'failed') {
            return buildFailed(service.name, result.tag, service.budget, result.error);
        }
        // The id the builder gave (bake's --metadata-file, the classic --iidfile) is what we hold.
        const info = infos.get(result.tag);
        const wrong = wrongPlatform(strategy, service, inputs, info);
        if (wrong)
            return buildFailed(service.name, result.tag, service.budget, wrong);
        return measure(service, result.tag, { ...info, id: result.id || info.id }, deps);
    }));
}
/**
 * An image for another platform than the one asked for, or, on BuildKit, than linux/amd64
 * (what Railway runs): the builder's own platform is used when it is that one (see
 * BuildOptions.nativePlatform), and this holds that to account. The classic builder builds
 * for the engine's platform unless one is named.
 */
function wrongPlatform(strategy, service, inputs, info) {
    const named = (0,options/* namedPlatforms */.Of)(service.build, inputs.build?.platforms ?? []);
    if (named.length > 1 || !info.platform)
        return undefined;
    const wanted = named[0] ?? (strategy === 'bake' ? options/* DEFAULT_PLATFORM */.Er : undefined);
    if (!wanted || info.platform === wanted || info.platform.startsWith(`${wanted}/`))
        return undefined;
    return (`the builder made a ${info.platform} image, not ${wanted}` +
        `${named.length === 0 ? ' (the default: what Railway runs)' : ''}. ` +
        'Name the platform in the platforms input or build.platforms, or build with a builder for it.');
}
/** Size and layers from the engine, by tag (bake's metadata id is the same image). */
async function measure(service, tag, info, deps) {
    const layers = await (0,docker_images/* imageHistory */.St)(deps.exec, tag);
    deps.reporter.info(`[${service.name}] ${(0,units/* formatBytes */.z3)(info.size)} (budget ${(0,units/* formatBytes */.z3)(service.budget)})`);
    return evaluate({ service: service.name, image: tag, id: info.id, size: info.size, layers }, service.budget);
}
async function pushAll(verdicts, deps) {
    for (const verdict of verdicts) {
        deps.reporter.info(`pushing ${verdict.image}`);
        await (0,build/* pushImage */.GH)(deps.exec, verdict.image);
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
        const build = service.build;
        // An inline Dockerfile is in the compose file: annotate that file, find lines in the text.
        const file = external_node_path_default().relative(deps.workspace, build.dockerfileInline === undefined ? build.dockerfile : stack.path);
        if (verdict.status === 'build-failed') {
            const message = `${verdict.service}: the build failed:\n${verdict.error}`;
            deps.reporter.error(message, { file, title: `${verdict.service}: build failed` });
            return message;
        }
        const dockerfile = build.dockerfileInline ?? readDockerfile(build.dockerfile);
        const lineOf = (instruction) => lineOfInstruction(dockerfile, instruction);
        const message = (0,budget_report/* overBudgetMessage */.jB)(verdict, lineOf);
        const top = verdict.topLayers[0];
        const line = top && build.dockerfileInline === undefined ? lineOf(top.instruction) : undefined;
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

/***/ 2200:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GH: () => (/* binding */ pushImage),
/* harmony export */   Wu: () => (/* binding */ BuildFailedError),
/* harmony export */   _w: () => (/* binding */ buildImage)
/* harmony export */ });
/* unused harmony exports buildArgs, progressLine */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4801);
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
    args.push('--iidfile', iidfile, '--tag', request.tag);
    for (const tag of spec.tags ?? [])
        if (tag !== request.tag)
            args.push('--tag', tag);
    args.push('--file', request.dockerfile ?? spec.dockerfile);
    if (spec.target)
        args.push('--target', spec.target);
    if (request.noCache || spec.noCache)
        args.push('--no-cache');
    if (spec.pull)
        args.push('--pull');
    if (spec.network)
        args.push('--network', spec.network);
    if (spec.shmSize !== undefined)
        args.push('--shm-size', String(spec.shmSize));
    for (const host of spec.extraHosts ?? [])
        args.push('--add-host', host.replace('=', ':'));
    for (const limit of spec.ulimits ?? [])
        args.push('--ulimit', limit);
    for (const platform of request.platforms ?? [])
        args.push('--platform', platform);
    for (const from of request.cacheFrom ?? [])
        args.push('--cache-from', from);
    const buildArgs = { ...spec.args, ...request.buildArgs };
    for (const [key, value] of Object.entries(buildArgs))
        args.push('--build-arg', `${key}=${value}`);
    const labels = { ...spec.labels, ...request.labels };
    for (const [key, value] of Object.entries(labels))
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
class BuildFailedError extends _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .UserError */ .yo {
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
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join((0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(), 'deploy-action-build-'));
    const iidfile = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'iid');
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
        return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(iidfile, 'utf8')).trim();
    }
    catch (error) {
        if (error instanceof _exec_js__WEBPACK_IMPORTED_MODULE_4__/* .CommandError */ .Qd && error.kind === 'exit') {
            throw new BuildFailedError(request.tag, (0,_exec_js__WEBPACK_IMPORTED_MODULE_4__/* .lastLines */ .w$)(log.join('\n'), BUILD_LOG_TAIL));
        }
        throw error;
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}
const BUILD_LOG_TAIL = 30;
async function pushImage(exec, tag) {
    await exec('docker', ['push', tag]);
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
 * only when v2 does not answer. On the machine's own engine the daemon is asked on its socket
 * and buildx is found where the CLI finds its plugins (./api.ts): no process for either.
 */
async function detectEngine(exec, { compose = 'auto', buildx = true } = {}) {
    const { version: serverVersion, platform } = await reachDaemon(exec);
    const [hasBuildx, flavour] = await Promise.all([
        buildx && (exec.engine?.hasPlugin('buildx') || succeeds(exec, 'docker', ['buildx', 'version'])),
        compose ? findCompose(exec, compose) : undefined,
    ]);
    return { serverVersion, buildx: hasBuildx, compose: flavour, ...(platform ? { platform } : {}) };
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
    const api = exec.engine?.api();
    if (api) {
        // The socket first; when it does not answer, the CLI below says why in docker's words.
        const answer = await api
            .get('/version')
            .catch(() => undefined);
        if (typeof answer?.Version === 'string' && answer.Version) {
            const { Os, Arch } = answer;
            const known = typeof Os === 'string' && typeof Arch === 'string' && Os && Arch;
            return { version: answer.Version, ...(known ? { platform: `${Os}/${Arch}` } : {}) };
        }
    }
    try {
        const { stdout } = await exec('docker', ['version', '--format', '{{.Server.Version}}']);
        return { version: stdout.trim() };
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


/***/ })

};
