export const id = 261;
export const ids = [261];
export const modules = {

/***/ 9909:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ describeValue),
/* harmony export */   j: () => (/* binding */ formatPath)
/* harmony export */ });
/** How a YAML value is named in an error: "got a list", "got \"500 megs\"", "got nothing". */
function describeValue(value) {
    if (value === undefined)
        return 'nothing';
    if (value === null)
        return 'an empty value';
    if (typeof value === 'string')
        return value === '' ? 'an empty string' : quote(value);
    if (typeof value === 'number')
        return `the number ${value}`;
    if (typeof value === 'boolean')
        return String(value);
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    return typeof value;
}
/** `services.backend.x-deploy.budget`, `services.frontend.depends_on[0]`. */
function formatPath(path) {
    return path
        .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
        .join('');
}
/** A string as written, cut at 60 characters: an error never echoes a whole file. */
function quote(text) {
    return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}


/***/ }),

/***/ 8261:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fg: () => (/* binding */ loadStack),
  hN: () => (/* binding */ parseYaml),
  yR: () => (/* binding */ readText),
  tf: () => (/* binding */ validate)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/describe.ts
var describe = __webpack_require__(9909);
// EXTERNAL MODULE: ./src/records.ts
var records = __webpack_require__(4845);
;// CONCATENATED MODULE: ./src/config/merge.ts
/**
 * Several compose files made into one, with compose's merge rules: mappings merge key by key,
 * sequences are appended (duplicates dropped), scalars are replaced; `command`, `entrypoint`,
 * `healthcheck.test` and `profiles` are replaced whole; `args`, `labels`, `environment`,
 * `extra_hosts` merge by name whether written as a list or a mapping; `depends_on` merges by
 * service; a `build` string is a context. Sources: compose-go `override/merge.go`
 * (`mergeSpecials`), `override/uncity.go`, https://docs.docker.com/compose/multiple-compose-files/merge/
 * Pure; values are plain YAML data.
 */

const isMapping = (v) => !!v && typeof v === 'object' && !Array.isArray(v);
const REPLACED = [
    'services.*.command',
    'services.*.entrypoint',
    'services.*.healthcheck.test',
    'services.*.profiles',
];
/** Written `[K=V]` or `{K: V}`; merged by key. */
const KEYED = [
    'services.*.build.args',
    'services.*.build.labels',
    'services.*.build.additional_contexts',
    'services.*.environment',
    'services.*.labels',
];
/** `["host=ip"]` or `{host: ip}` (or `host:ip`); merged by host. */
const HOSTS = ['services.*.build.extra_hosts', 'services.*.extra_hosts'];
function matches(pattern, at) {
    const parts = pattern.split('.');
    return parts.length === at.length && parts.every((p, i) => p === '*' || p === at[i]);
}
function mergeCompose(base, override, at = []) {
    if (override === undefined)
        return base;
    if (base === undefined || base === null)
        return override;
    if (REPLACED.some((p) => matches(p, at)))
        return override;
    if (KEYED.some((p) => matches(p, at)))
        return { ...toMapping(base), ...toMapping(override) };
    if (HOSTS.some((p) => matches(p, at)))
        return mergeHosts(base, override);
    if (matches('services.*.depends_on', at)) {
        return mergeCompose(toDependsOn(base), toDependsOn(override), [...at, '']);
    }
    if (matches('services.*.build', at)) {
        const [b, o] = [asBuild(base), asBuild(override)];
        if (isMapping(b) && isMapping(o))
            return mergeMappings(b, o, at);
    }
    if (isMapping(base) && isMapping(override))
        return mergeMappings(base, override, at);
    if (Array.isArray(base) && Array.isArray(override))
        return unique([...base, ...override]);
    return override;
}
function mergeMappings(base, override, at) {
    const result = { ...base };
    for (const [key, value] of Object.entries(override)) {
        result[key] = key in base ? mergeCompose(base[key], value, [...at, key]) : value;
    }
    return result;
}
const asBuild = (value) => typeof value === 'string' ? { context: value } : value;
/** `[K=V, K]` -> `{K: V, K: null}`; a mapping as is. */
function toMapping(value) {
    // A mapping the schema read keyed by user names (no prototype: `__proto__` stays a key).
    if (value instanceof Map)
        return (0,records/* recordOf */.z)([...value]);
    if (isMapping(value))
        return value;
    if (!Array.isArray(value))
        return {};
    return Object.fromEntries(value.map((entry) => {
        const text = String(entry);
        const eq = text.indexOf('=');
        return eq === -1 ? [text, null] : [text.slice(0, eq), text.slice(eq + 1)];
    }));
}
function mergeHosts(base, override) {
    const hosts = new Map();
    for (const value of [base, override]) {
        const entries = isMapping(value)
            ? Object.entries(value).map(([h, ip]) => `${h}=${String(ip)}`)
            : Array.isArray(value)
                ? value.map(String)
                : [];
        for (const entry of entries) {
            const [host, ip] = splitHost(entry);
            hosts.set(host, `${host}=${ip}`);
        }
    }
    return [...hosts.values()];
}
/** `host=ip` or `host:ip` (the older form; an IPv6 address keeps its colons). */
function splitHost(entry) {
    const eq = entry.indexOf('=');
    const colon = entry.indexOf(':');
    const at = eq !== -1 ? eq : colon;
    return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
}
function toDependsOn(value) {
    if (!Array.isArray(value))
        return value;
    return Object.fromEntries(value.map((s) => [String(s), { condition: 'service_started' }]));
}
function unique(values) {
    const seen = new Set();
    return values.filter((v) => {
        const key = JSON.stringify(v);
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}

// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
;// CONCATENATED MODULE: ./src/config/build.ts
/**
 * A service's `build:` section -> BuildSpec, every key of the Compose Build Specification
 * (https://docs.docker.com/compose/compose-file/build/) either read or refused here with the
 * key named. Which builder can honour which key is decided later (src/build/keys.ts).
 */





/** Keys compose knows that no builder of ours can honour, and why. */
const REFUSED = {
    isolation: 'it applies to Windows containers only, and the action builds Linux images',
    privileged: 'it needs a BuildKit entitlement the action does not grant',
    entitlements: 'the action does not grant BuildKit entitlements',
};
const READ = [
    'context',
    'dockerfile',
    'dockerfile_inline',
    'args',
    'target',
    'tags',
    'labels',
    'cache_from',
    'cache_to',
    'platforms',
    'additional_contexts',
    'network',
    'shm_size',
    'extra_hosts',
    'ulimits',
    'no_cache',
    'pull',
    'secrets',
    'ssh',
];
function toBuild(build, at, problems) {
    const spec = typeof build === 'string' ? { context: build } : build;
    const { where, dir } = at;
    for (const key of Object.keys(spec)) {
        const why = REFUSED[key] ?? (READ.includes(key) ? undefined : 'it is not a compose build key');
        if (why)
            problems.push({ path: `${where}.build.${key}`, message: `not supported: ${why}` });
    }
    const context = external_node_path_default().resolve(dir, spec.context ?? '.');
    const contextPath = typeof build === 'string' ? `${where}.build` : `${where}.build.context`;
    if (!isDirectory(context)) {
        problems.push({
            path: contextPath,
            message: `expected an existing folder, got ${(0,describe/* describeValue */.b)(spec.context ?? '.')}`,
        });
        return undefined;
    }
    const dockerfile = external_node_path_default().resolve(context, spec.dockerfile ?? 'Dockerfile');
    if (spec.dockerfile_inline !== undefined && spec.dockerfile !== undefined) {
        problems.push({
            path: `${where}.build.dockerfile_inline`,
            message: 'expected dockerfile or dockerfile_inline, got both',
        });
    }
    else if (spec.dockerfile_inline === undefined && !isFile(dockerfile)) {
        const given = typeof build === 'string' || spec.dockerfile === undefined;
        const why = (0,external_node_fs_.existsSync)(dockerfile) ? 'it is a folder' : 'it does not exist';
        problems.push({
            path: given ? contextPath : `${where}.build.dockerfile`,
            message: `expected a Dockerfile at ${external_node_path_default().relative(dir, dockerfile) || dockerfile}, but ${why}`,
        });
        return undefined;
    }
    const shmSize = spec.shm_size === undefined ? undefined : toBytes(spec.shm_size);
    if (spec.shm_size !== undefined && shmSize === undefined) {
        problems.push({
            path: `${where}.build.shm_size`,
            message: `expected a size like 256m, got ${(0,describe/* describeValue */.b)(spec.shm_size)}`,
        });
    }
    return {
        context,
        dockerfile,
        dockerfileInline: spec.dockerfile_inline,
        args: toArgs(spec.args, at.env),
        target: spec.target,
        tags: build_unique([...(at.image ? [at.image] : []), ...(spec.tags ?? [])]),
        labels: stringMapping(spec.labels),
        cacheFrom: spec.cache_from ?? [],
        cacheTo: spec.cache_to ?? [],
        platforms: spec.platforms ?? [],
        additionalContexts: contexts(stringMapping(spec.additional_contexts), dir),
        network: spec.network,
        shmSize,
        extraHosts: toHosts(spec.extra_hosts),
        ulimits: toUlimits(spec.ulimits),
        noCache: spec.no_cache ?? false,
        pull: spec.pull ?? false,
        secrets: toSecrets(spec.secrets, at, problems),
        ssh: Array.isArray(spec.ssh)
            ? spec.ssh
            : Object.entries(spec.ssh ?? {}).map(([id, p]) => `${id}=${p}`),
        keys: Object.keys(spec),
    };
}
/** `[NAME]` and `{NAME: null}` take the environment's value, or are left out when unset. */
function toArgs(args, env) {
    if (args === undefined)
        return {};
    const entries = Object.entries(toMapping(args)).flatMap(([key, value]) => {
        if (value !== null && value !== undefined)
            return [[key, String(value)]];
        const fromEnv = env[key];
        return fromEnv === undefined ? [] : [[key, fromEnv]];
    });
    return Object.fromEntries(entries);
}
function stringMapping(value) {
    return Object.fromEntries(Object.entries(toMapping(value)).map(([k, v]) => [k, v === null ? '' : String(v)]));
}
/** Relative folders resolved like the context; `docker-image://`, `target:`, URLs as they are. */
function contexts(value, dir) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [
        k,
        external_node_path_default().isAbsolute(v) || /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : external_node_path_default().resolve(dir, v),
    ]));
}
function toHosts(value) {
    const entries = Array.isArray(value)
        ? value.map(String)
        : Object.entries(toMapping(value)).map(([h, ip]) => `${h}=${String(ip)}`);
    return entries.map((e) => splitHost(e).join('='));
}
function toUlimits(value) {
    return Object.entries(value ?? {}).map(([name, limit]) => typeof limit === 'number' ? `${name}=${limit}` : `${name}=${limit.soft}:${limit.hard}`);
}
function toSecrets(value, at, problems) {
    return (value ?? []).flatMap((entry, i) => {
        const id = typeof entry === 'string' ? entry : entry.source;
        const top = at.compose.secrets?.[id];
        if (top?.file !== undefined)
            return [{ id, file: external_node_path_default().resolve(at.dir, top.file) }];
        if (top?.environment !== undefined)
            return [{ id, env: top.environment }];
        problems.push({
            path: `${at.where}.build.secrets[${i}]`,
            message: `expected a top-level secret ${id} with file or environment, got ${top ? 'neither' : 'none'}`,
        });
        return [];
    });
}
function toBytes(value) {
    if (typeof value === 'number')
        return value;
    if (/^\d+$/.test(value))
        return Number(value);
    // compose's units: b, k, m, g (and kb, mb, gb), powers of 1024.
    const match = /^(\d+(?:\.\d+)?)\s*([kmg])b?$/i.exec(value.trim());
    if (!match)
        return (0,units/* parseSize */.DB)(value);
    const power = { k: 1, m: 2, g: 3 }[match[2].toLowerCase()];
    return Math.round(Number(match[1]) * 1024 ** power);
}
function build_unique(values) {
    return [...new Set(values)];
}
function isDirectory(p) {
    try {
        return (0,external_node_fs_.statSync)(p).isDirectory();
    }
    catch {
        return false;
    }
}
function isFile(p) {
    try {
        return (0,external_node_fs_.statSync)(p).isFile();
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/config/checks.ts

// Compose's rule for a service name: a letter or digit, then letters, digits, `_`, `.`, `-`
// (compose-spec schema, services propertyNames, with an alphanumeric first character). A built
// service's image is named after it, and docker refuses capitals in image references, so a
// built service's name is lowercase.
const COMPOSE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const IMAGE_NAME = /^[a-z0-9][a-z0-9_.-]*$/;
/** `services.web`, or `services."a\nb"` for a name that is not one: paths stay on one line. */
function servicePath(name) {
    return `services.${COMPOSE_NAME.test(name) ? name : JSON.stringify(name)}`;
}
function serviceNameProblem(name, built) {
    const path = servicePath(name);
    if (COMPOSE_NAME.test(name)) {
        if (!built || IMAGE_NAME.test(name))
            return undefined;
        return {
            path,
            message: `expected a lowercase name for a built service, got ${(0,describe/* describeValue */.b)(name)}: its image is named after it, and image references are lowercase`,
        };
    }
    return {
        path,
        message: `expected a service name of letters, digits, "_", "." and "-" starting with a letter or digit (compose's rule), got ${(0,describe/* describeValue */.b)(name)}`,
    };
}
/** Problems in the document as read (after variables), before the schemas run. */
function documentProblems(raw) {
    const problems = [];
    const services = raw?.services;
    if (!checks_isMapping(services))
        return problems;
    for (const [name, service] of Object.entries(services)) {
        const built = checks_isMapping(service) && service.build !== undefined;
        const nameProblem = serviceNameProblem(name, built);
        if (nameProblem)
            problems.push(nameProblem);
        if (!checks_isMapping(service))
            continue;
        for (const key of ['build', 'deploy']) {
            const block = service[key];
            if (checks_isMapping(block) && Object.hasOwn(block, 'x-deploy')) {
                problems.push({
                    path: `${servicePath(name)}.${key}.x-deploy`,
                    message: `expected x-deploy directly under the service (${servicePath(name)}.x-deploy), not under ${key}: there it would be ignored`,
                });
            }
        }
    }
    return problems;
}
function checks_isMapping(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/config/files.ts
/**
 * Which compose files make the project, found the way compose finds them: the files given
 * (the `compose-file` input, newline separated, or the CLI's repeated `-f`), else
 * `COMPOSE_FILE` (split on `COMPOSE_PATH_SEPARATOR`, default the OS path separator), else the
 * first of compose's default names in the working folder or the nearest parent that has one,
 * plus the first default override file beside it. Sources: compose-go `cli/options.go`
 * (`DefaultFileNames`, `DefaultOverrideFileNames`, `WithDefaultConfigPath`) and
 * https://docs.docker.com/compose/environment-variables/envvars/#compose_file
 */



const DEFAULT_FILE_NAMES = [
    'compose.yaml',
    'compose.yml',
    'docker-compose.yml',
    'docker-compose.yaml',
];
const DEFAULT_OVERRIDE_NAMES = [
    'compose.override.yml',
    'compose.override.yaml',
    'docker-compose.override.yml',
    'docker-compose.override.yaml',
];
/** `a.yml\nb.yml` (the action input) or repeated CLI flags: one file a line, blanks ignored. */
function splitFileList(value) {
    const lines = typeof value === 'string' ? value.split(/\r?\n/) : value.flatMap((v) => v.split(/\r?\n/));
    return lines.map((l) => l.trim()).filter(Boolean);
}
function composeFiles(given, env, cwd) {
    const named = splitFileList(given);
    const fromEnv = named.length === 0 ? fromComposeFileVariable(env) : [];
    const chosen = named.length > 0 ? named : fromEnv;
    if (chosen.length > 0)
        return chosen.map((name) => ({ name, absolute: external_node_path_default().resolve(cwd, name) }));
    return lookup(cwd);
}
function fromComposeFileVariable(env) {
    const value = env.COMPOSE_FILE?.trim();
    if (!value)
        return [];
    const separator = env.COMPOSE_PATH_SEPARATOR || (external_node_path_default()).delimiter;
    return value
        .split(separator)
        .map((s) => s.trim())
        .filter(Boolean);
}
function lookup(cwd) {
    for (let dir = external_node_path_default().resolve(cwd);; dir = external_node_path_default().dirname(dir)) {
        const main = DEFAULT_FILE_NAMES.find((n) => (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, n)));
        if (main) {
            const override = DEFAULT_OVERRIDE_NAMES.find((n) => (0,external_node_fs_.existsSync)(external_node_path_default().join(dir, n)));
            return [main, override]
                .filter((n) => n !== undefined)
                .map((n) => {
                const absolute = external_node_path_default().join(dir, n);
                return { name: external_node_path_default().relative(cwd, absolute) || n, absolute };
            });
        }
        if (external_node_path_default().dirname(dir) === dir)
            break;
    }
    throw new errors/* ConfigError */.xL(DEFAULT_FILE_NAMES[0], [
        {
            path: '',
            message: `expected a compose file: none of ${DEFAULT_FILE_NAMES.join(', ')} is in ${cwd} ` +
                'or a parent folder, and neither the compose-file input nor COMPOSE_FILE names one',
        },
    ]);
}

// EXTERNAL MODULE: ./src/config/model.ts
var model = __webpack_require__(615);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/config/yaml-data.ts
/**
 * A parsed YAML document as plain data, in one pass. yaml's own toJS looks each alias up by
 * walking every anchor and alias before it and converts a merge source again at each `<<`, so
 * a file of 23,000 services sharing `<<: *base` took 20 s; and its duplicate-key check compares
 * each key with every other, 26 s more. Here: anchors in a Map, keys in a Set, linear.
 * Same results as yaml's toJS (merge keys as in https://yaml.org/type/merge.html: a key of the
 * mapping wins over a merged one, an earlier merge source over a later), and the expansion of
 * aliases bounded: each alias counts the nodes it brings in, and past the limit the file is
 * refused (a "billion laughs" file expands a few lines exponentially).
 */

class YamlDataError extends Error {
    name = 'YamlDataError';
}
function documentData(doc, maxAliasNodes, lines) {
    const anchors = new Map();
    let aliased = 0;
    const where = (node) => {
        const offset = node?.range?.[0];
        const pos = offset === undefined ? undefined : lines?.linePos(offset);
        return pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    };
    const convert = (node) => {
        if ((0,dist/* isAlias */.Vj)(node)) {
            const found = anchors.get(node.source);
            if (!found)
                throw new YamlDataError(`expected an anchor &${node.source} before the alias *${node.source}${where(node)}, got none`);
            aliased += found.size;
            if (aliased > maxAliasNodes) {
                throw new YamlDataError(`expected YAML aliases (*name) to bring in at most ${maxAliasNodes} nodes, got more: they nest into an exponentially large document`);
            }
            return found;
        }
        let result;
        if ((0,dist/* isScalar */.jn)(node))
            result = { value: node.value, size: 1 };
        else if ((0,dist/* isSeq */.oP)(node)) {
            const items = node.items.map(convert);
            result = { value: items.map((i) => i.value), size: 1 + sum(items) };
        }
        else if ((0,dist/* isMap */.jh)(node))
            result = convertMap(node);
        else
            result = { value: null, size: 1 };
        const anchor = node?.anchor;
        if (anchor)
            anchors.set(anchor, result);
        return result;
    };
    const convertMap = (node) => {
        const out = {};
        const explicit = new Set();
        let size = 1;
        for (const pair of node.items) {
            if ((0,dist/* isScalar */.jn)(pair.key) && typeof pair.key.value === 'symbol') {
                const merged = convert(pair.value);
                size += merged.size;
                const sources = Array.isArray(merged.value) ? merged.value : [merged.value];
                for (const source of sources) {
                    if (!source || typeof source !== 'object' || Array.isArray(source)) {
                        throw new YamlDataError(`expected a mapping or a list of mappings after <<${where(pair.key)}`);
                    }
                    for (const [key, value] of Object.entries(source)) {
                        if (!Object.hasOwn(out, key))
                            yaml_data_define(out, key, value);
                    }
                }
                continue;
            }
            const key = keyText(convert(pair.key).value);
            if (explicit.has(key)) {
                throw new YamlDataError(`expected each key once in a mapping, got "${key.slice(0, 60)}" again${where(pair.key)}`);
            }
            explicit.add(key);
            const value = convert(pair.value);
            size += 1 + value.size;
            yaml_data_define(out, key, value.value);
        }
        return { value: out, size };
    };
    return convert(doc.contents).value;
}
/** `__proto__` as a key is an own key, never the object's prototype. */
function yaml_data_define(target, key, value) {
    if (key === '__proto__') {
        Object.defineProperty(target, key, {
            value,
            writable: true,
            enumerable: true,
            configurable: true,
        });
    }
    else
        target[key] = value;
}
function keyText(key) {
    if (key === null || key === undefined)
        return '';
    return typeof key === 'object' ? JSON.stringify(key) : String(key);
}
function sum(items) {
    let total = 0;
    for (const item of items)
        total += item.size;
    return total;
}

;// CONCATENATED MODULE: ./src/config/source.ts
/**
 * The compose file's text and its YAML, read with bounds: a size limit, regular files only
 * (`compose-file: /dev/zero` would otherwise read until memory runs out), and a bound on alias
 * expansion (a "billion laughs" file), each refused with one sentence naming the file. An
 * error never echoes the file beyond a short snippet: the file named may be a token file.
 */





/** Far above any real compose file (the 5 MB bench file has 23,000 services). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
/**
 * Nodes that aliases may bring in: 100,000, or one per byte of a larger file. `<<: *base` in
 * each of 23,000 services is fine; a bomb, which expands a small file exponentially, is not.
 */
const MAX_ALIAS_NODES = 100_000;
function aliasLimit(text) {
    return Math.max(MAX_ALIAS_NODES, text.length);
}
/** The file's text; `what` names it in errors ("a compose file", "a .env file"). */
function readBounded(file, absolute, what = 'a compose file', limit = MAX_FILE_BYTES) {
    const refuse = (why) => new errors/* ConfigError */.xL(file, [{ path: '', message: `expected ${what}, but ${why}` }]);
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(absolute, 'r');
    }
    catch (error) {
        const code = error.code;
        throw refuse(code === 'ENOENT' ? 'the file does not exist' : `it cannot be read (${code})`);
    }
    try {
        const stat = (0,external_node_fs_.fstatSync)(fd);
        if (stat.isDirectory())
            throw refuse('it is a folder');
        if (!stat.isFile())
            throw refuse('it is not a regular file (a device, a pipe or a socket)');
        if (stat.size > limit) {
            throw refuse(`it is ${(0,units/* formatBytes */.z3)(stat.size)}, over the limit of ${(0,units/* formatBytes */.z3)(limit)}`);
        }
        // Read to the limit, not to stat's size: a file still growing is cut, never unbounded.
        const buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
        let length = 0;
        for (let n = 1; n > 0 && length < buffer.length; length += n) {
            n = (0,external_node_fs_.readSync)(fd, buffer, length, buffer.length - length, null);
        }
        if (length > limit)
            throw refuse(`it is over the limit of ${(0,units/* formatBytes */.z3)(limit)}`);
        return buffer.toString('utf8', 0, length);
    }
    catch (error) {
        if (error instanceof errors/* ConfigError */.xL)
            throw error;
        const code = error.code;
        throw refuse(`it cannot be read (${code ?? 'unknown error'})`);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** The YAML document as plain data, merge keys on (users share blocks with `<<: *base`). */
function parseComposeYaml(file, text, maxAliasNodes = aliasLimit(text)) {
    const lineCounter = new dist/* LineCounter */.HN();
    // uniqueKeys off: yaml compares each key with every other (quadratic); documentData checks.
    const doc = (0,dist/* parseDocument */.Tp)(text, {
        merge: true,
        prettyErrors: true,
        uniqueKeys: false,
        lineCounter,
    });
    const first = doc.errors[0];
    if (first) {
        const where = first.linePos?.[0];
        const at = where ? ` at line ${where.line}, column ${where.col}` : '';
        const said = first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        // yaml reports its own stack overflow on a document nested hundreds of levels deep.
        const reason = /call stack/i.test(said)
            ? 'it nests deeper than a YAML parser can follow'
            : snippet(said);
        throw new errors/* ConfigError */.xL(file, [
            { path: '', message: `expected YAML, but it is not valid${at}: ${reason}` },
        ]);
    }
    try {
        return documentData(doc, maxAliasNodes, lineCounter);
    }
    catch (error) {
        if (error instanceof YamlDataError) {
            throw new errors/* ConfigError */.xL(file, [{ path: '', message: error.message }]);
        }
        throw error;
    }
}
/** At most 80 characters of something read from a file, on one line. */
function snippet(text, max = 80) {
    // eslint-disable-next-line no-control-regex
    const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// EXTERNAL MODULE: ./src/config/order.ts
var order = __webpack_require__(3010);
;// CONCATENATED MODULE: ./src/config/dotenv.ts


const SPACE = /[\t\v\f\r \u0085\u00a0]/;
const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
/** The variables of a .env text; a malformed line is a problem naming its line. */
function parseDotEnv(text, env, problems) {
    const out = (0,records/* recordOf */.z)([]);
    const lookup = (key) => (0,records/* own */.Z)(env, key) ?? (0,records/* own */.Z)(out, key);
    let i = 0;
    const lineAt = (at) => text.slice(0, at).split('\n').length;
    const fail = (at, message) => {
        problems.push({ path: `line ${lineAt(at)}`, message });
        i = text.length;
    };
    while ((i = statementStart(text, i)) < text.length) {
        const key = readKey(text, i);
        if ('error' in key) {
            fail(i, key.error);
            break;
        }
        i = key.next;
        if (key.inherited) {
            const inherited = (0,records/* own */.Z)(env, key.name);
            if (inherited !== undefined)
                out[key.name] = inherited;
            continue;
        }
        const value = readValue(text, i, lookup);
        if ('error' in value) {
            fail(i, value.error);
            break;
        }
        if (value.problem)
            problems.push({ path: `line ${lineAt(i)}`, message: value.problem });
        out[key.name] = value.value;
        i = value.next;
    }
    return out;
}
/** Past blank space (newlines too) and comment lines. */
function statementStart(text, from) {
    let i = from;
    for (;;) {
        while (i < text.length && /\s/u.test(text[i]))
            i++;
        if (text[i] !== '#')
            return i;
        const end = text.indexOf('\n', i);
        if (end < 0)
            return text.length;
        i = end;
    }
}
function readKey(text, from) {
    let i = from;
    const exported = /^export[\t\v\f\r \u0085\u00a0]+/.exec(text.slice(i, i + 64));
    if (exported)
        i += exported[0].length;
    const start = i;
    for (; i < text.length; i++) {
        const c = text[i];
        if (SPACE.test(c))
            continue;
        if (c === '=' || c === ':' || c === '\n') {
            const name = text.slice(start, i).replace(/\s+$/u, '');
            if (name.includes(' '))
                return { error: `expected a variable name without spaces, got "${name}"` };
            let next = i + 1;
            while (next < text.length && SPACE.test(text[next]))
                next++;
            return { name, next, inherited: c === '\n' };
        }
        if (!KEY_CHAR.test(c)) {
            return { error: `expected a variable name of letters, digits, "_" and ".", got "${c}"` };
        }
    }
    return { name: text.slice(start).trim(), next: text.length, inherited: true };
}
function readValue(text, from, variables) {
    const quote = text[from];
    const problems = [];
    const expand = (raw) => substitute(raw, variables, problems, []);
    const withProblem = (value, next) => ({
        value,
        next,
        problem: problems[0]?.message,
    });
    if (quote !== '"' && quote !== "'") {
        const end = text.indexOf('\n', from);
        const line = text.slice(from, end < 0 ? text.length : end);
        const value = line.split(' #')[0].replace(/\s+$/u, '');
        return withProblem(expand(value), end < 0 ? text.length : end);
    }
    let chars = '';
    let escaped = false;
    for (let i = from + 1; i < text.length; i++) {
        const c = text[i];
        if (c !== quote) {
            if (!escaped && c === '\\') {
                escaped = true;
                continue;
            }
            if (escaped)
                chars += '\\';
            escaped = false;
            chars += c;
            continue;
        }
        if (escaped) {
            escaped = false;
            chars += c;
            continue;
        }
        const value = quote === '"' ? expand(dotenv_unescape(chars)) : chars;
        return withProblem(value, i + 1);
    }
    return { error: `expected a closing ${quote} for the value, got the end of the file` };
}
const ESCAPES = {
    a: '\u0007',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
    '"': '"',
    '\\': '\\',
    // `$$` is how the expansion that follows reads a literal `$`.
    $: '$$',
};
/** Go's escapes in a double-quoted value (strconv.UnquoteChar), octal `\0NNN` too. */
function dotenv_unescape(text) {
    return text.replace(/\\(?:([abfnrtv$"\\])|0([0-7]{0,3}))/g, (whole, c, octal) => {
        if (c !== undefined)
            return ESCAPES[c];
        // Go drops the 0 and reads the rest as an octal escape, which wants three digits.
        const code = octal.length === 3 ? parseInt(octal, 8) : 256;
        return code < 256 ? String.fromCharCode(code) : `\\${octal}`;
    });
}

;// CONCATENATED MODULE: ./src/config/interpolate.ts
/**
 * Variables in the compose file, substituted the way compose does before it reads the file:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`,
 * `${VAR:+other}`, `${VAR+other}`, and `$$` for a literal `$`. Values come from the environment,
 * then from a `.env` file beside the compose file. Without this, a build arg written
 * `${NPM_TOKEN}` would reach our `docker build` as those very characters while compose, in the
 * test stack, would substitute it.
 */






const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const BRACED = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/;
/** The variables compose would see: the environment wins over `.env`. */
function composeVariables(dir, env) {
    const variables = (0,records/* recordOf */.z)(Object.entries(env));
    const dotEnv = readDotEnv(external_node_path_default().join(dir, '.env'), variables);
    return (0,records/* recordOf */.z)([...Object.entries(dotEnv), ...Object.entries(variables)]);
}
/** The .env file's variables (none if there is no file), read as compose reads them. */
function readDotEnv(file, env = (0,records/* recordOf */.z)([])) {
    let text;
    try {
        text = readBounded(file, file, 'a .env file', 1024 * 1024);
    }
    catch (error) {
        if (error instanceof errors/* ConfigError */.xL && /does not exist/.test(error.message))
            return (0,records/* recordOf */.z)([]);
        throw error;
    }
    const problems = [];
    const variables = parseDotEnv(text, env, problems);
    if (problems.length > 0)
        throw new errors/* ConfigError */.xL(file, problems);
    return variables;
}
function pathOf(base, at) {
    const keys = [];
    for (let a = at; a; a = a.parent)
        keys.push(a.key);
    return [...base, ...keys.reverse()];
}
/**
 * Every string of the document substituted; problems name the path of the string. A NUL byte
 * in a key or a value (written, or from a variable) is refused here too: no argument or
 * environment variable of a process can carry one.
 */
function interpolate(value, variables, problems, at = []) {
    const lookup = (name) => (0,records/* own */.Z)(variables, name);
    return walk(value, lookup, problems, at, undefined);
}
function walk(value, lookup, problems, base, at) {
    if (typeof value === 'string') {
        const out = value.includes('$') ? substitute(value, lookup, problems, pathOf(base, at)) : value;
        if (out.includes('\0'))
            nul(problems, pathOf(base, at), 'value');
        return out;
    }
    if (Array.isArray(value)) {
        const out = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
            out[i] = walk(value[i], lookup, problems, base, { parent: at, key: i });
        }
        return out;
    }
    if (value && typeof value === 'object') {
        const out = {};
        for (const key of Object.keys(value)) {
            if (key.includes('\0'))
                nul(problems, pathOf(base, at), 'key');
            const item = walk(value[key], lookup, problems, base, {
                parent: at,
                key,
            });
            // `__proto__` stays an own key, as every other name.
            if (key === '__proto__') {
                Object.defineProperty(out, key, {
                    value: item,
                    writable: true,
                    enumerable: true,
                    configurable: true,
                });
            }
            else
                out[key] = item;
        }
        return out;
    }
    return value;
}
function nul(problems, path, what) {
    problems.push({
        path: (0,describe/* formatPath */.j)(path),
        message: `expected text, got a ${what} with a NUL byte`,
    });
}
/**
 * One string substituted, as compose-go's template package does: `${A:-${B:-x}}` nests, the
 * operand is itself substituted (only when it is used), `$$` is a literal `$`.
 */
function substitute(text, variables, problems, at) {
    if (!text.includes('$'))
        return text;
    const lookup = typeof variables === 'function' ? variables : (n) => (0,records/* own */.Z)(variables, n);
    const fail = (message) => problems.push({ path: (0,describe/* formatPath */.j)(at), message });
    let out = '';
    let i = 0;
    for (let dollar = text.indexOf('$'); dollar >= 0; dollar = text.indexOf('$', i)) {
        out += text.slice(i, dollar);
        const next = text[dollar + 1];
        if (next === '$') {
            out += '$';
            i = dollar + 2;
        }
        else if (next === '{') {
            const close = closingBrace(text, dollar + 1);
            const inner = close < 0 ? undefined : BRACED.exec(text.slice(dollar + 2, close));
            if (!inner) {
                const whole = close < 0 ? text.slice(dollar) : text.slice(dollar, close + 1);
                fail(`expected a variable like \${NAME} or \${NAME:-default}, got "${whole}"`);
                return text;
            }
            const [, name, operator, operand = ''] = inner;
            out += expand(name, operator, operand, lookup, (operand) => substitute(operand, lookup, problems, at), fail);
            i = close + 1;
        }
        else {
            const name = NAME.exec(text.slice(dollar + 1))?.[0];
            out += name === undefined ? '$' : (lookup(name) ?? '');
            i = dollar + 1 + (name?.length ?? 0);
        }
    }
    return out + text.slice(i);
}
/** The `}` that closes the `{` at `open`, counting nested braces; -1 if none. */
function closingBrace(text, open) {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        if (text[i] === '{')
            depth++;
        else if (text[i] === '}' && --depth === 0)
            return i;
    }
    return -1;
}
function expand(name, operator, operand, lookup, inner, fail) {
    const value = lookup(name);
    // With a colon, an empty value counts as unset, as in the shell and in compose.
    const set = operator?.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
    switch (operator?.replace(':', '')) {
        case '-':
            return set ? value : inner(operand);
        case '+':
            return set ? inner(operand) : '';
        case '?':
            if (!set)
                fail(`expected the variable ${name} to be set: ${inner(operand) || 'it is required'}`);
            return value ?? '';
        default:
            return value ?? '';
    }
}

;// CONCATENATED MODULE: ./src/config/requires.ts
/**
 * The variables a service needs from where it runs, read from its compose `environment:` as
 * written (before interpolation): a key whose value is exactly `${VAR}` or `$VAR`, with no
 * default, takes its value from outside, so on Railway it must be set on the service.
 */
const REFERENCE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;
/** The keys of `environment` (mapping or `KEY=value` list) that are a bare reference. */
function inferRequires(environment) {
    const entries = Array.isArray(environment)
        ? environment
            .filter((e) => typeof e === 'string' && e.includes('='))
            .map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)])
        : environment && typeof environment === 'object'
            ? Object.entries(environment)
            : [];
    return entries
        .filter(([, value]) => typeof value === 'string' && REFERENCE.test(value.trim()))
        .map(([key]) => key);
}
/** `environment:` of each service in the raw (uninterpolated) compose tree. */
function rawEnvironments(raw) {
    const services = raw?.services;
    const found = new Map();
    if (!services || typeof services !== 'object')
        return found;
    for (const [name, service] of Object.entries(services)) {
        found.set(name, service?.environment);
    }
    return found;
}

;// CONCATENATED MODULE: ./src/config/layers.ts
/**
 * One compose file read into plain data the way compose reads it before merging: variables
 * substituted, checked, its `include`d files brought in and its `extends` resolved, and the
 * paths the action reads made absolute (against the project folder for the files given,
 * against their own folder for included and extended files, as compose-go's loader does:
 * `loader/include.go`, `loader/extends.go`, `paths/resolve.go`). Every problem names the file
 * it is in.
 */







const layers_isMapping = (v) => !!v && typeof v === 'object' && !Array.isArray(v);
function readLayer(file, absolute, baseDir, vars) {
    return read(file, absolute, baseDir, { variables: vars, chain: [], rebase: false });
}
function read(file, absolute, baseDir, reading) {
    if (reading.chain.includes(absolute)) {
        throw new errors/* ConfigError */.xL(file, [
            { path: '', message: `expected no cycle of include/extends, but ${file} includes itself` },
        ]);
    }
    const rebase = reading.rebase;
    const inner = { ...reading, chain: [...reading.chain, absolute], rebase: true };
    const problems = [];
    const parsed = parseYaml(file, readText(file, absolute));
    const raw = interpolate(parsed, reading.variables, problems);
    if (problems.length > 0)
        throw new errors/* ConfigError */.xL(file, problems);
    validate(file, raw, { layer: true });
    // `environment:` as written, before ${VAR} is filled in: what a service needs from outside.
    const environments = Object.fromEntries(rawEnvironments(parsed));
    const data = { ...raw };
    const services = layers_isMapping(data.services) ? { ...data.services } : {};
    const origin = Object.fromEntries(Object.keys(services).map((s) => [s, file]));
    for (const [name, service] of Object.entries(services)) {
        services[name] = resolveExtends(file, absolute, name, service, { ...inner, rebase }, []);
        if (rebase)
            absolutise(services[name], baseDir);
    }
    if (data.services !== undefined)
        data.services = services;
    if (rebase)
        absolutiseSecrets(data, baseDir);
    const included = includes(file, absolute, data.include, inner);
    delete data.include;
    for (const layer of included)
        addIncluded(file, data, origin, layer);
    return { file, data, origin, environments };
}
/** `include:` entries: a path, or `{path: a path or a list, project_directory, env_file}`. */
function includes(file, absolute, include, reading) {
    if (include === undefined)
        return [];
    const entries = Array.isArray(include) ? include : [include];
    const dir = external_node_path_default().dirname(absolute);
    return entries.flatMap((entry, i) => {
        const where = `include[${i}]`;
        const spec = typeof entry === 'string' ? { path: entry } : layers_isMapping(entry) ? entry : {};
        const unknown = Object.keys(spec).filter((k) => !['path', 'project_directory'].includes(k));
        if (unknown.length > 0 || spec.path === undefined) {
            const why = unknown.includes('env_file')
                ? 'env_file is not supported: put the variables in the environment or a .env beside it'
                : `expected a path or a mapping with path and project_directory, got ${(0,describe/* describeValue */.b)(entry)}`;
            throw new errors/* ConfigError */.xL(file, [{ path: where, message: why }]);
        }
        const paths = (Array.isArray(spec.path) ? spec.path : [spec.path]).map(String);
        const first = external_node_path_default().resolve(dir, paths[0]);
        const projectDir = typeof spec.project_directory === 'string'
            ? external_node_path_default().resolve(dir, spec.project_directory)
            : external_node_path_default().dirname(first);
        // An included file is its own project: its own folder, its own .env.
        const variables = composeVariables(projectDir, envOnly(reading.variables));
        const layers = paths.map((p) => {
            const abs = external_node_path_default().resolve(dir, p);
            return read(external_node_path_default().join(external_node_path_default().dirname(file), p), abs, projectDir, {
                ...reading,
                variables,
            });
        });
        return [
            layers.reduce((a, b) => ({
                ...b,
                data: mergeCompose(a.data, b.data),
                origin: { ...a.origin, ...b.origin },
            })),
        ];
    });
}
function envOnly(variables) {
    return { ...process.env, ...variables };
}
function addIncluded(file, data, origin, layer) {
    const services = (data.services ?? {});
    data.services = services;
    for (const [name, service] of Object.entries(layer.data.services ?? {})) {
        if (name in services) {
            throw new errors/* ConfigError */.xL(file, [
                {
                    path: `services.${name}`,
                    message: `expected a service name of its own, but ${layer.file} (included) defines ${name} too`,
                },
            ]);
        }
        services[name] = service;
        origin[name] = layer.origin[name] ?? layer.file;
    }
    for (const key of ['secrets', 'volumes', 'networks', 'configs']) {
        if (layers_isMapping(layer.data[key]))
            data[key] = { ...layer.data[key], ...(layers_isMapping(data[key]) ? data[key] : {}) };
    }
}
/** `extends: base` or `extends: {service, file}`: the base service merged under this one. */
function resolveExtends(file, absolute, name, service, reading, seen) {
    if (!layers_isMapping(service) || service.extends === undefined)
        return service;
    const where = `services.${name}.extends`;
    const spec = typeof service.extends === 'string' ? { service: service.extends } : service.extends;
    if (!layers_isMapping(spec) || typeof spec.service !== 'string') {
        throw new errors/* ConfigError */.xL(file, [
            {
                path: where,
                message: `expected a service name or {service, file}, got ${(0,describe/* describeValue */.b)(service.extends)}`,
            },
        ]);
    }
    const key = `${absolute}#${spec.service}`;
    if (seen.includes(key)) {
        throw new errors/* ConfigError */.xL(file, [
            {
                path: where,
                message: `expected no extends cycle, but ${spec.service} extends ${name} back`,
            },
        ]);
    }
    let base;
    if (typeof spec.file === 'string') {
        const other = external_node_path_default().resolve(external_node_path_default().dirname(absolute), spec.file);
        const layer = read(spec.file, other, external_node_path_default().dirname(other), { ...reading, rebase: true });
        base = layer.data.services[spec.service];
        if (base === undefined)
            throw missingBase(file, where, spec.service, spec.file);
    }
    else {
        const own = parseServices(file, absolute, reading);
        if (!(spec.service in own))
            throw missingBase(file, where, spec.service, file);
        base = resolveExtends(file, absolute, spec.service, own[spec.service], reading, [...seen, key]);
    }
    const rest = { ...service };
    delete rest.extends;
    const merged = mergeCompose({ services: { [name]: base } }, { services: { [name]: rest } });
    return merged.services[name];
}
function parseServices(file, absolute, reading) {
    const problems = [];
    const raw = interpolate(parseYaml(file, readText(file, absolute)), reading.variables, problems);
    return layers_isMapping(raw) && layers_isMapping(raw.services) ? raw.services : {};
}
function missingBase(file, where, service, other) {
    return new errors/* ConfigError */.xL(file, [
        { path: where, message: `expected a service ${service} in ${other}, but it has none` },
    ]);
}
const isRelativePath = (p) => !external_node_path_default().isAbsolute(p) && !/^[a-z][a-z0-9+.-]*:/i.test(p);
/** The build paths the action reads, absolute (compose prints them absolute too). */
function absolutise(service, dir) {
    if (!layers_isMapping(service))
        return;
    if (typeof service.build === 'string')
        service.build = { context: service.build };
    const build = service.build;
    if (!layers_isMapping(build))
        return;
    if (typeof build.context !== 'string')
        build.context = '.';
    if (isRelativePath(build.context))
        build.context = external_node_path_default().resolve(dir, build.context);
    if (Array.isArray(build.additional_contexts)) {
        build.additional_contexts = toMapping(build.additional_contexts);
    }
    if (layers_isMapping(build.additional_contexts)) {
        build.additional_contexts = Object.fromEntries(Object.entries(build.additional_contexts).map(([k, v]) => [
            k,
            typeof v === 'string' && isRelativePath(v) ? external_node_path_default().resolve(dir, v) : v,
        ]));
    }
}
function absolutiseSecrets(data, dir) {
    if (!layers_isMapping(data.secrets))
        return;
    for (const secret of Object.values(data.secrets)) {
        if (layers_isMapping(secret) && typeof secret.file === 'string' && isRelativePath(secret.file)) {
            secret.file = external_node_path_default().resolve(dir, secret.file);
        }
    }
}

;// CONCATENATED MODULE: ./src/config/project.ts
/**
 * The compose project the action reads: the files (see files.ts) read as layers, merged in
 * order, and the services of the active profiles kept. Profiles as compose has them: a service
 * without `profiles` is always on; one with profiles is on when one of them is enabled (the
 * `profiles` input, else COMPOSE_PROFILES; `*` enables all). A service that is on but depends
 * on one that is off is refused, as `docker compose config` refuses it.
 */






const project_isMapping = (v) => !!v && typeof v === 'object' && !Array.isArray(v);
function enabledProfiles(given, env) {
    if (given && given.length > 0)
        return [...given];
    return (env.COMPOSE_PROFILES ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
}
function loadProject(files, env, profiles) {
    const dir = external_node_path_default().dirname(files[0].absolute);
    const variables = composeVariables(dir, env);
    let data = {};
    const origin = {};
    const inferredRequires = {};
    for (const ref of files) {
        const layer = readLayer(ref.name, ref.absolute, dir, variables);
        // The last file that writes a service's environment decides (merging keeps its keys).
        for (const [name, environment] of Object.entries(layer.environments ?? {})) {
            if (environment !== undefined)
                inferredRequires[name] = inferRequires(environment);
        }
        data = mergeCompose(data, layer.data);
        for (const [name, service] of Object.entries(layer.data.services ?? {})) {
            const file = layer.origin[name] ?? ref.name;
            const keys = (origin[name] ??= { '': file });
            for (const key of project_isMapping(service) ? Object.keys(service) : [])
                keys[key] = file;
        }
    }
    if (project_isMapping(data.services))
        data.services = activeServices(data.services, origin, profiles);
    return { data, origin, dir, inferredRequires };
}
const profilesOf = (service) => project_isMapping(service) && Array.isArray(service.profiles) ? service.profiles.map(String) : [];
/** The file a problem at `services.<name>.<key>...` is in. */
function fileOf(project, problemPath, fallback) {
    const [, name, key] = /^services\.([^.[]+)(?:\.([^.[]+))?/.exec(problemPath) ?? [];
    const keys = name === undefined ? undefined : project.origin[name];
    return keys?.[key ?? ''] ?? keys?.[''] ?? fallback;
}
function activeServices(services, origin, enabled) {
    const on = (service) => {
        const own = profilesOf(service);
        return own.length === 0 || enabled.includes('*') || own.some((p) => enabled.includes(p));
    };
    const active = Object.fromEntries(Object.entries(services).filter(([, s]) => on(s)));
    for (const [name, service] of Object.entries(active)) {
        const deps = project_isMapping(service) ? service.depends_on : undefined;
        const names = Array.isArray(deps) ? deps.map(String) : project_isMapping(deps) ? Object.keys(deps) : [];
        const off = names.find((d) => d in services && !(d in active));
        if (off) {
            throw new errors/* ConfigError */.xL(origin[name]?.depends_on ?? origin[name]?.[''] ?? '', [
                {
                    path: `services.${name}.depends_on`,
                    message: `expected ${off} to be enabled, but it is only in profile ` +
                        `${profilesOf(services[off]).join(', ')}: add one to the profiles input (or COMPOSE_PROFILES)`,
                },
            ]);
        }
    }
    return active;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
;// CONCATENATED MODULE: ./src/config/schema.ts
/**
 * The parts of a compose file the action reads, as zod schemas. Compose's own keys are
 * checked only as far as we use them (compose validates the rest); our `x-deploy` blocks are
 * strict, so a typo there is an error instead of a budget silently not applied.
 */



/** An error function that says what was expected and what the file had instead. */
const expected = (what) => (issue) => `expected ${what}, got ${(0,describe/* describeValue */.b)(issue.input)}`;
/** A strict mapping whose unknown keys are named, with the keys that are allowed. */
function strictMapping(shape) {
    const allowed = Object.keys(shape).join(', ');
    return schemas/* strictObject */.rej(shape, {
        error: (issue) => issue.code === 'unrecognized_keys'
            ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}; expected one of ${allowed}`
            : `expected a mapping, got ${(0,describe/* describeValue */.b)(issue.input)}`,
    });
}
const schema_text = (what) => schemas/* string */.YjP({ error: expected(what) }).min(1, { error: expected(what) });
function parsed(parse, what) {
    return schemas/* unknown */.L5J().transform((value, ctx) => {
        const result = typeof value === 'string' ? parse(value) : undefined;
        if (result === undefined) {
            ctx.addIssue({ code: 'custom', message: expected(what)({ input: value }), input: value });
            return core/* NEVER */.tm;
        }
        return result;
    });
}
/**
 * A mapping keyed by names the user chooses, as a Map. zod's own record drops a `__proto__`
 * key, and a service may be called that: here every own key is kept, in file order.
 */
function namedEntries(value, what) {
    return schemas/* unknown */.L5J().transform((input, ctx) => {
        if (!input || typeof input !== 'object' || Array.isArray(input)) {
            ctx.addIssue({ code: 'custom', message: expected(what)({ input }), input });
            return core/* NEVER */.tm;
        }
        const pairs = new Map();
        for (const [key, item] of Object.entries(input)) {
            const result = value.safeParse(item, { reportInput: true });
            if (result.success)
                pairs.set(key, result.data);
            else
                result.error.issues.forEach((issue) => ctx.addIssue({ ...issue, path: [key, ...issue.path] }));
        }
        return pairs;
    });
}
const sizeSchema = parsed(units/* parseSize */.DB, units/* SIZE_EXPECTED */.LV);
const durationSchema = parsed(units/* parseDuration */.E9, units/* DURATION_EXPECTED */.om);
const COMMAND = 'a command as a string or a list of strings';
const command = schemas/* union */.KCZ([schema_text('a command'), schemas/* array */.YOg(schema_text('a command')).min(1, { error: expected(COMMAND) })], {
    error: expected(COMMAND),
});
const healthUrl = schemas/* url */.OZ5({
    protocol: /^https?$/,
    error: expected('an http:// or https:// URL'),
})
    // Health URLs are printed in logs and the summary: no credentials in them.
    .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), {
    error: 'expected a URL without credentials (user:password@), got one with them',
});
const flag = (what) => schemas/* boolean */.zMY({ error: expected(`true or false (${what})`) });
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Per service; each key is explained in the README's x-deploy reference. */
const railwayService = strictMapping({
    service: schema_text('a Railway service name or id'),
    healthcheck: schemas/* string */.YjP({ error: expected('a path starting with /, like /health') })
        .regex(/^\/[^\s]*$/, { error: expected('a path starting with /, like /health') })
        .optional(),
    'healthcheck-timeout': durationSchema.optional(),
    migrate: flag('false: do not run x-deploy.migrate as the pre-deploy command').optional(),
    'deploy-image': flag('deploy the compose image of an image-only service').optional(),
    backup: flag('back this service up before a migrating deploy').optional(),
    url: schemas/* url */.OZ5({ protocol: /^https?$/, error: expected('an http:// or https:// URL') }).optional(),
    expect: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY()]), {
        error: expected('a mapping of JSON field to the value it must have'),
    })
        .optional(),
    public: flag('make a Railway domain in previews').optional(),
    requires: schemas/* array */.YOg(schemas/* string */.YjP({ error: expected('a variable name') })
        .regex(VARIABLE, { error: expected('a variable name like DATABASE_URL') }), { error: expected('a list of variable names') })
        .optional(),
});
const serviceDeploySchema = strictMapping({
    budget: sizeSchema.optional(),
    migrate: command.optional(),
    health: healthUrl.optional(),
    railway: railwayService.optional(),
});
const fileDeploySchema = strictMapping({
    budget: sizeSchema.optional(),
    railway: strictMapping({
        project: schema_text('a Railway project id').optional(),
        environment: schema_text('a Railway environment name or id').optional(),
    }).optional(),
});
const strings = (what) => schemas/* array */.YOg(schemas/* string */.YjP(), { error: expected(what) }).optional();
const keyed = (what) => schemas/* union */.KCZ([schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* null */.chJ()])), schemas/* array */.YOg(schemas/* string */.YjP())], {
    error: expected(what),
})
    .optional();
const buildSchema = schemas/* union */.KCZ([
    schema_text('a build context path'),
    schemas/* looseObject */._H3({
        context: schema_text('a build context path').optional(),
        dockerfile: schema_text('a Dockerfile path').optional(),
        args: schemas/* union */.KCZ([
            schemas/* array */.YOg(schemas/* string */.YjP()),
            namedEntries(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig(), schemas/* boolean */.zMY(), schemas/* null */.chJ()], {
                error: expected('a build arg value (a string, a number or a boolean)'),
            }), 'build args as a list or a mapping'),
        ])
            .optional(),
        target: schema_text('a build stage name').optional(),
        dockerfile_inline: schema_text('a Dockerfile text').optional(),
        tags: strings('a list of image tags'),
        cache_from: strings('a list of cache sources'),
        cache_to: strings('a list of cache destinations'),
        platforms: strings('a list of platforms like linux/amd64'),
        ssh: schemas/* union */.KCZ([schemas/* array */.YOg(schemas/* string */.YjP()), schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP())]).optional(),
        labels: keyed('a mapping or a list of labels'),
        additional_contexts: keyed('a mapping or a list of name=path'),
        extra_hosts: keyed('a mapping or a list of host=ip'),
        network: schema_text('a network name').optional(),
        shm_size: schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).optional(),
        ulimits: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* looseObject */._H3({ soft: schemas/* number */.aig(), hard: schemas/* number */.aig() })]))
            .optional(),
        no_cache: schemas/* boolean */.zMY({ error: expected('true or false') }).optional(),
        pull: schemas/* boolean */.zMY({ error: expected('true or false') }).optional(),
        secrets: schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* looseObject */._H3({ source: schema_text('a secret name') })]), {
            error: expected('a list of secret names'),
        })
            .optional(),
    }),
], { error: expected('a build context path or a mapping with context and dockerfile') });
const conditions = [
    'service_started',
    'service_healthy',
    'service_completed_successfully',
];
const dependsOnSchema = schemas/* union */.KCZ([
    schemas/* array */.YOg(schema_text('a service name')),
    namedEntries(schemas/* looseObject */._H3({
        condition: schemas/* enum */.k5n(conditions, { error: expected(`one of ${conditions.join(', ')}`) })
            .optional(),
    }), 'a mapping of service name to condition'),
], { error: expected('a list of service names or a mapping of service name to condition') });
const serviceSchema = schemas/* looseObject */._H3({
    build: buildSchema.optional(),
    image: schema_text('an image reference').optional(),
    profiles: schemas/* array */.YOg(schema_text('a profile name'), { error: expected('a list of profile names') })
        .optional(),
    depends_on: dependsOnSchema.optional(),
    healthcheck: schemas/* looseObject */._H3({ disable: schemas/* boolean */.zMY().optional() }, { error: expected('a mapping') })
        .optional(),
    'x-deploy': serviceDeploySchema.optional(),
}, { error: expected('a mapping of compose keys (build, image, depends_on, ...)') });
const topSecretSchema = schemas/* looseObject */._H3({
    file: schemas/* string */.YjP().optional(),
    environment: schemas/* string */.YjP().optional(),
});
const composeSchema = schemas/* looseObject */._H3({
    services: namedEntries(serviceSchema, 'a mapping of services'),
    secrets: schemas/* record */.g1P(schemas/* string */.YjP(), topSecretSchema).optional(),
    'x-deploy': fileDeploySchema.optional(),
}, {
    // The whole file as one string is likely not a compose file (a token file?): not echoed.
    error: (issue) => `expected a mapping with a services key, got ${typeof issue.input === 'string' ? 'a line of text' : (0,describe/* describeValue */.b)(issue.input)}`,
});
/** One file of several: an override or an included file may have no services of its own. */
const layerSchema = composeSchema.partial({ services: true });
/** Top-level keys of the Compose Specification; anything else (bar x-*) is likely a typo. */
const COMPOSE_TOP_LEVEL_KEYS = [
    'version',
    'name',
    'services',
    'networks',
    'volumes',
    'configs',
    'secrets',
    'include',
    'models',
];

;// CONCATENATED MODULE: ./src/config/load.ts










/**
 * `file`: one file, several (a newline separated input or a list), or none for compose's own
 * lookup (see files.ts); merged and filtered by profile as compose does (see project.ts).
 */
function loadStack(file, options = {}, cwd = process.cwd()) {
    const env = options.env ?? process.env;
    const refs = composeFiles(file, env, cwd);
    const first = refs[0];
    const profiles = enabledProfiles(options.profiles, env);
    const project = loadProject(refs, env, profiles);
    const { dir } = project;
    const compose = validate(first.name, project.data);
    const problems = [];
    const services = [...compose.services].map(([name, service]) => ({
        ...toService(name, service, compose, { dir, env }, options, problems),
        inferredRequires: project.inferredRequires[name] ?? [],
    }));
    // Reported for the first file that has problems (an override, an included file), all of them.
    if (problems.length > 0) {
        const file = fileOf(project, problems[0].path, first.name);
        const own = problems.filter((p) => fileOf(project, p.path, first.name) === file);
        throw new errors/* ConfigError */.xL(file, own);
    }
    const fileRailway = compose['x-deploy']?.railway;
    return {
        file: first.name,
        path: first.absolute,
        files: refs.map((r) => r.name),
        paths: refs.map((r) => r.absolute),
        profiles,
        dir,
        services: ordered(project, first.name, services),
        railway: {
            project: options.railwayProject ?? fileRailway?.project,
            environment: options.railwayEnvironment ?? fileRailway?.environment,
        },
    };
}
/** Dependencies first; an unknown or cyclic dependency is named in the file that wrote it. */
function ordered(project, file, services) {
    try {
        return (0,order/* dependencyOrder */.g)(file, services);
    }
    catch (error) {
        const first = error instanceof errors/* ConfigError */.xL ? error.problems[0] : undefined;
        if (!first)
            throw error;
        const named = fileOf(project, first.path, file);
        throw named === file ? error : new errors/* ConfigError */.xL(named, error.problems);
    }
}
/** A compose file's text: a regular file only, and bounded in size (source.ts). */
function readText(file, absolute) {
    return readBounded(file, absolute);
}
/** YAML with merge keys, its aliases bounded, duplicate keys refused (source.ts). */
function parseYaml(file, text) {
    return parseComposeYaml(file, text);
}
/** `layer`: one file of several, which may have no services (an override, an included file). */
function validate(file, raw, { layer = false } = {}) {
    const found = documentProblems(raw);
    if (found.length > 0)
        throw new errors/* ConfigError */.xL(file, found);
    const schema = layer ? layerSchema : composeSchema;
    const result = schema.safeParse(raw, { reportInput: true });
    const problems = result.success
        ? []
        : result.error.issues.flatMap((i) => toProblems(i));
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
        for (const key of Object.keys(raw)) {
            if (!key.startsWith('x-') && !COMPOSE_TOP_LEVEL_KEYS.includes(key)) {
                problems.push({
                    path: key,
                    message: `unknown top-level key; expected one of ${COMPOSE_TOP_LEVEL_KEYS.join(', ')} or an x- extension`,
                });
            }
        }
    }
    const services = result.success ? result.data.services : undefined;
    const count = services instanceof Map ? services.size : Object.keys(services ?? {}).length;
    if (!layer && result.success && count === 0) {
        problems.push({
            path: 'services',
            message: 'expected at least one service, got an empty mapping',
        });
    }
    if (problems.length > 0 || !result.success)
        throw new errors/* ConfigError */.xL(file, problems);
    return result.data;
}
/**
 * A union (a string or a mapping, say) that failed inside the branch the value did match is
 * reported from inside that branch, so the path names the key that is wrong.
 */
function toProblems(issue, prefix = []) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
        const matched = issue.errors.find((branch) => branch.every((inner) => inner.path.length > 0));
        if (matched)
            return matched.flatMap((inner) => toProblems(inner, path));
    }
    return [{ path: (0,describe/* formatPath */.j)(path), message: issue.message }];
}
function toService(name, service, compose, { dir, env }, options, problems) {
    const where = `services.${name}`;
    if (service.build === undefined && service.image === undefined) {
        problems.push({ path: where, message: 'expected a build or an image key, got neither' });
    }
    const deploy = service['x-deploy'];
    const fileBudget = compose['x-deploy']?.budget;
    const budgetSource = deploy?.budget !== undefined
        ? 'service'
        : options.budget !== undefined
            ? 'input'
            : fileBudget !== undefined
                ? 'file'
                : 'default';
    const migrate = deploy?.migrate;
    return {
        name,
        build: service.build === undefined
            ? undefined
            : toBuild(service.build, { where, dir, image: service.image, compose, env }, problems),
        image: service.image,
        dependsOn: toDependencies(service.depends_on),
        budget: deploy?.budget ?? options.budget ?? fileBudget ?? model/* DEFAULT_BUDGET */.s,
        budgetSource,
        hasHealthcheck: service.healthcheck !== undefined && service.healthcheck.disable !== true,
        migrate,
        health: deploy?.health,
        railway: deploy?.railway && toRailway(deploy.railway),
    };
}
function toRailway(raw) {
    return {
        service: raw.service,
        healthcheck: raw.healthcheck,
        healthcheckTimeoutMs: raw['healthcheck-timeout'],
        migrate: raw.migrate ?? true,
        deployImage: raw['deploy-image'] ?? false,
        backup: raw.backup ?? false,
        url: raw.url,
        expect: raw.expect && Object.fromEntries(Object.entries(raw.expect).map(([k, v]) => [k, String(v)])),
        public: raw.public ?? false,
        requires: raw.requires,
    };
}
function toDependencies(dependsOn) {
    if (dependsOn === undefined)
        return [];
    if (Array.isArray(dependsOn))
        return dependsOn.map((service) => ({ service, condition: 'service_started' }));
    return [...dependsOn].map(([service, spec]) => ({
        service,
        condition: spec.condition ?? 'service_started',
    }));
}


/***/ }),

/***/ 615:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ commandText),
/* harmony export */   s: () => (/* binding */ DEFAULT_BUDGET)
/* harmony export */ });
/** The typed stack the rest of the action works on, made from the user's compose file. */
const DEFAULT_BUDGET = 500_000_000;
/** A command as a person reads it in a log line. */
function commandText(command) {
    return typeof command === 'string' ? command : command.join(' ');
}


/***/ }),

/***/ 3010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ selectServices),
/* harmony export */   g: () => (/* binding */ dependencyOrder)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _describe_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9909);
/**
 * Dependencies first, in file order otherwise (Kahn's algorithm, stable), so builds, migrations
 * and Railway deploys all walk the same order: database, backend, frontend.
 */


function dependencyOrder(file, services) {
    const byName = new Map(services.map((s) => [s.name, s]));
    const problems = [];
    services.forEach((service) => service.dependsOn.forEach((dep) => {
        if (!byName.has(dep.service)) {
            problems.push({
                path: `services.${service.name}.depends_on`,
                message: `expected a service of this file (${someNames([...byName.keys()])}), got ${(0,_describe_js__WEBPACK_IMPORTED_MODULE_1__/* .describeValue */ .b)(dep.service)}`,
            });
        }
    }));
    if (problems.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(file, problems);
    return kahn(file, services, byName);
}
/**
 * Kahn's algorithm with the ready services in a heap by file position: always the first ready
 * one in file order, as a stable sort would. Iterative and O(n log n + edges): a 6000-deep
 * chain and 23,000 services both fit.
 */
function kahn(file, services, byName) {
    const index = new Map(services.map((s, i) => [s.name, i]));
    const waiting = services.map((s) => new Set(s.dependsOn.map((d) => d.service)).size);
    const dependents = services.map(() => []);
    services.forEach((s, i) => {
        for (const dep of new Set(s.dependsOn.map((d) => d.service)))
            dependents[index.get(dep)].push(i);
    });
    const ready = new MinHeap();
    waiting.forEach((count, i) => count === 0 && ready.push(i));
    const ordered = [];
    for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
        ordered.push(services[next]);
        for (const after of dependents[next])
            if (--waiting[after] === 0)
                ready.push(after);
    }
    if (ordered.length < services.length) {
        const placed = new Set(ordered.map((s) => s.name));
        const cycle = findCycle(services.filter((s) => !placed.has(s.name)), byName);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigError */ .xL(file, [
            {
                path: `services.${cycle[0]}.depends_on`,
                message: `expected no dependency cycle, got ${cycle.join(' -> ')}`,
            },
        ]);
    }
    return ordered;
}
/** The names of a long list, the first 20 only. */
function someNames(names) {
    return names.length > 20 ? `${names.slice(0, 20).join(', ')}, ...` : names.join(', ');
}
class MinHeap {
    items = [];
    push(value) {
        const items = this.items;
        let i = items.push(value) - 1;
        while (i > 0) {
            const parent = (i - 1) >> 1;
            if (items[parent] <= value)
                break;
            items[i] = items[parent];
            i = parent;
        }
        items[i] = value;
    }
    pop() {
        const items = this.items;
        const top = items[0];
        const last = items.pop();
        if (items.length === 0 || last === undefined)
            return top;
        let i = 0;
        for (;;) {
            const left = 2 * i + 1;
            if (left >= items.length)
                break;
            const child = left + 1 < items.length && items[left + 1] < items[left] ? left + 1 : left;
            if (items[child] >= last)
                break;
            items[i] = items[child];
            i = child;
        }
        items[i] = last;
        return top;
    }
}
function findCycle(remaining, byName) {
    const left = new Set(remaining.map((r) => r.name));
    const path = [];
    const seen = new Map();
    let current = remaining[0].name;
    while (!seen.has(current)) {
        seen.set(current, path.length);
        path.push(current);
        current = byName.get(current).dependsOn.find((d) => left.has(d.service)).service;
    }
    return [...path.slice(seen.get(current)), current];
}
/** Names in dependency order, only those selected, for commands that work on a subset. */
function selectServices(file, services, names) {
    if (names.length === 0)
        return services;
    const known = new Set(services.map((s) => s.name));
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('services', `expected services of ${file} (${someNames([...known])}), got ${unknown.map((u) => JSON.stringify(u)).join(', ')}`);
    }
    const wanted = new Set(names);
    return services.filter((s) => wanted.has(s.name));
}


/***/ })

};
