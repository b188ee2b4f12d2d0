export const id = 186;
export const ids = [186];
export const modules = {

/***/ 779:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HG: () => (/* binding */ toDeployment),
/* harmony export */   Ng: () => (/* binding */ connect),
/* harmony export */   Qn: () => (/* binding */ railwayApi),
/* harmony export */   og: () => (/* binding */ instanceInput)
/* harmony export */ });
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3718);
/* harmony import */ var _operations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6681);
/**
 * The few things the deploy logic asks of Railway, as a small interface over the GraphQL
 * client: the state machines depend on this, so they are tested without HTTP when useful.
 */


function railwayApi(client) {
    return {
        async project(id) {
            const { project } = await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .PROJECT */ .yl, { id });
            return {
                id: project.id,
                name: project.name,
                environments: project.environments.edges.map((e) => e.node),
                services: project.services.edges.map((e) => e.node),
            };
        },
        async history(projectId, environmentId, serviceIds) {
            if (serviceIds.length === 0)
                return new Map();
            const vars = aliased('s', serviceIds);
            const data = await client.request((0,_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .historyQuery */ .Zk)(serviceIds.length), {
                projectId,
                environmentId,
                ...vars,
            });
            return new Map(serviceIds.map((id, i) => [
                id,
                (data[`s${i}`]?.edges ?? []).map((e) => toDeployment(e.node)),
            ]));
        },
        async deployment(id) {
            const { deployment } = await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .DEPLOYMENT */ .uH, { id });
            return {
                ...toDeployment(deployment),
                serviceId: deployment.serviceId ?? undefined,
                environmentId: deployment.environmentId,
            };
        },
        async statuses(ids, name) {
            if (ids.length === 0)
                return new Map();
            const vars = aliased('d', ids);
            const data = await client.request((0,_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .pollQuery */ .Qx)(ids.length, name), vars);
            return new Map(ids.map((id, i) => [id, toDeployment(data[`d${i}`])]));
        },
        async snapshot(projectId, environmentId, serviceIds) {
            if (serviceIds.length === 0)
                return new Map();
            const vars = aliased('s', serviceIds);
            const data = await client.request((0,_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .snapshotQuery */ .Vl)(serviceIds.length), {
                projectId,
                environmentId,
                ...vars,
            });
            return new Map(serviceIds.map((id, i) => {
                const history = data[`h${i}`];
                const instance = data[`i${i}`];
                return [
                    id,
                    {
                        history: (history?.edges ?? []).map((e) => toDeployment(e.node)),
                        instance: toInstance(instance),
                    },
                ];
            }));
        },
        async variableNames(projectId, environmentId, serviceIds) {
            if (serviceIds.length === 0)
                return new Map();
            const vars = aliased('s', serviceIds);
            const data = await client.request((0,_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .variablesQuery */ .UI)(serviceIds.length), {
                projectId,
                environmentId,
                ...vars,
            });
            return new Map(serviceIds.map((id, i) => {
                const values = (data[`v${i}`] ?? {});
                const set = Object.keys(values).filter((name) => {
                    const value = values[name];
                    return typeof value === 'string' ? value.trim() !== '' : value != null;
                });
                return [id, new Set(set)];
            }));
        },
        async createEnvironment(input) {
            const { environmentCreate } = await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .ENVIRONMENT_CREATE */ .Rp, {
                input: { ...input, ephemeral: true, skipInitialDeploys: true },
            });
            return environmentCreate;
        },
        async deleteEnvironment(id) {
            await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .ENVIRONMENT_DELETE */ .KG, { id });
        },
        async createDomain(serviceId, environmentId) {
            const data = await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .DOMAIN_CREATE */ .ap, { serviceId, environmentId });
            return data.serviceDomainCreate.domain;
        },
        async volumeInstances(environmentId) {
            const { environment } = await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .VOLUMES */ .YN, { environmentId });
            return environment.volumeInstances.edges.map((e) => e.node);
        },
        async createBackups(items) {
            if (items.length === 0)
                return [];
            const vars = Object.fromEntries(items.flatMap((item, i) => [
                [`v${i}`, item.volumeInstanceId],
                [`n${i}`, item.name],
            ]));
            const data = await client.request((0,_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .backupMutation */ .WU)(items.length), vars);
            return items.map((_, i) => data[`b${i}`]?.workflowId ?? null);
        },
        async workflows(ids) {
            if (ids.length === 0)
                return new Map();
            const vars = aliased('w', ids);
            const data = await client.request((0,_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .workflowQuery */ .I7)(ids.length), vars);
            return new Map(ids.map((id, i) => [id, data[`w${i}`]]));
        },
        async backups(volumeInstanceIds) {
            if (volumeInstanceIds.length === 0)
                return new Map();
            const vars = aliased('v', volumeInstanceIds);
            const data = await client.request((0,_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .backupListQuery */ .Ld)(volumeInstanceIds.length), vars);
            return new Map(volumeInstanceIds.map((id, i) => [id, data[`l${i}`] ?? []]));
        },
        async restoreBackup(backupId, volumeInstanceId) {
            const data = await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .RESTORE */ .zN, { backupId, volumeInstanceId });
            return data.volumeInstanceBackupRestore.workflowId;
        },
        async wave(environmentId, steps) {
            if (steps.length === 0)
                return [];
            const { op, variables } = (0,_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .waveMutation */ .BP)(steps);
            const data = await client.request(op, { environmentId, ...variables });
            return steps.map((_, i) => data[`m${i}`]);
        },
        async updateInstance(serviceId, environmentId, input) {
            await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .UPDATE_INSTANCE */ .I0, { serviceId, environmentId, input });
        },
        async cancel(id) {
            await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .CANCEL */ .bO, { id });
        },
        async logs(id, limit) {
            const data = await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .LOGS */ .Yy, { id, limit });
            return { build: data.buildLogs, deploy: data.deploymentLogs };
        },
        pollFloorMs: () => client.pollFloorMs(),
        setReserve: (requests) => client.setReserve(requests),
        authHeader: () => client.authHeader(),
    };
}
/** `{ s0: a, s1: b }`: the variables of an aliased batch (operations.ts names them so). */
function aliased(prefix, ids) {
    return Object.fromEntries(ids.map((id, i) => [`${prefix}${i}`, id]));
}
function toDeployment(node) {
    const image = node.meta?.image;
    const commit = node.meta?.commitHash;
    return {
        id: node.id,
        status: node.status,
        createdAt: node.createdAt,
        canRollback: node.canRollback,
        image: typeof image === 'string' ? image : undefined,
        commitHash: typeof commit === 'string' ? commit : undefined,
        instances: (node.instances ?? []).map((i) => i.status),
        creator: node.creator?.name ?? undefined,
    };
}
function toInstance(node) {
    const command = node?.preDeployCommand;
    const list = Array.isArray(command)
        ? command.map(String)
        : typeof command === 'string'
            ? [command]
            : null;
    return {
        image: node?.source?.image ?? null,
        repo: node?.source?.repo ?? null,
        healthcheckPath: node?.healthcheckPath ?? null,
        healthcheckTimeout: node?.healthcheckTimeout ?? null,
        preDeployCommand: list && list.length ? list : null,
        // A custom domain is what users reach; Railway's own domain otherwise.
        domains: [
            ...(node?.domains?.customDomains ?? []).map((d) => d.domain),
            ...(node?.domains?.serviceDomains ?? []).map((d) => d.domain),
        ],
    };
}
/** The update input that puts an instance's image and gates to `settings`. */
function instanceInput(settings) {
    const input = {
        healthcheckPath: settings.healthcheckPath ?? null,
        healthcheckTimeout: settings.healthcheckTimeout ?? null,
        preDeployCommand: settings.preDeployCommand ?? [],
    };
    if (settings.image)
        input.source = { image: settings.image };
    return input;
}
/**
 * A client with the right auth header. `auto` asks Railway: only a project token answers the
 * `projectToken` query, and its answer also names the project and environment it may touch
 * (asked for an explicit project token too when the stack does not name them).
 */
async function connect(options, needScope = false) {
    const make = (tokenType, refusedAsProject) => new _client_js__WEBPACK_IMPORTED_MODULE_0__/* .RailwayClient */ .xL({ ...options, tokenType, refusedAsProject });
    const known = options.tokenType === 'account' || (options.tokenType === 'project' && !needScope);
    if (known)
        return { api: railwayApi(make(options.tokenType)) };
    const client = make('project');
    try {
        const { projectToken } = await client.request(_operations_js__WEBPACK_IMPORTED_MODULE_1__/* .PROJECT_TOKEN */ .e6);
        return { api: railwayApi(client), scope: projectToken };
    }
    catch (error) {
        if (options.tokenType === 'project' || !(error instanceof _client_js__WEBPACK_IMPORTED_MODULE_0__/* .RailwayApiError */ .Y8))
            throw error;
        options.debug?.('railway: the token is not a project token; using it as an account token');
        // Kept, so that a refusal of the account token too can say both kinds were tried.
        return { api: railwayApi(make('account', error.detail)) };
    }
}


/***/ }),

/***/ 3718:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Q0: () => (/* reexport */ RailwayAnswerLostError),
  Y8: () => (/* reexport */ RailwayApiError),
  xL: () => (/* binding */ RailwayClient),
  M5: () => (/* reexport */ RailwayUnavailableError)
});

// UNUSED EXPORTS: RailwayAuthError

// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(7194);
// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(9834);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/railway/failures.ts
/**
 * How talking to Railway fails, told apart for the caller (refused, token refused, no answer,
 * answer lost after a write may have been applied), and the small parsers behind the client.
 */

/** Railway answered with `errors` (HTTP 200 or 400) or refused the request outright. */
class RailwayApiError extends errors/* UserError */.yo {
    operation;
    detail;
    traceId;
    path;
    name = 'RailwayApiError';
    constructor(operation, detail, traceId, message, 
    /** The alias or field the first error names (a wave request's `m2`, say). */
    path) {
        super(message ?? `Railway refused ${operation}: ${detail}${traceId ? ` (traceId ${traceId})` : ''}`);
        this.operation = operation;
        this.detail = detail;
        this.traceId = traceId;
        this.path = path;
    }
}
/** Railway refused the token itself: the message names the inputs to fix. */
class RailwayAuthError extends RailwayApiError {
    name = 'RailwayAuthError';
}
/** No usable answer after every retry: network, timeouts, 5xx or an exhausted rate limit. */
class RailwayUnavailableError extends errors/* UserError */.yo {
    name = 'RailwayUnavailableError';
}
/**
 * A write whose answer was lost after it may have reached Railway (timeout, reset, 5xx): it was
 * not resent, since a second Deploy or Rollback would start a second deployment. The caller
 * looks at the deployment list to learn whether it was applied.
 */
class RailwayAnswerLostError extends RailwayUnavailableError {
    name = 'RailwayAnswerLostError';
}
/** Network errors raised before a single byte left: the request never reached Railway. */
const NOT_SENT = [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'UND_ERR_CONNECT_TIMEOUT',
];
const AUTH_FAILURE = /not authori[sz]ed|unauthori[sz]ed|unauthenticated|invalid token|token not found/i;
/** Names the inputs to fix; in auto mode, says both kinds of token were tried. */
function tokenRefused(detail, options) {
    const { environment, refusedAsProject } = options;
    const tries = refusedAsProject === undefined
        ? `(${detail})`
        : `both as a project token (${refusedAsProject}) and as an account token (${detail})`;
    const env = environment ? `environment "${environment}"` : 'the environment to deploy to';
    return (`Railway refused the railway-token ${tries}: check that it is a project token of ${env} ` +
        '(railway-token-type: project) or an account token (railway-token-type: account).');
}
function retryAfterMs(header, now) {
    if (!header)
        return undefined;
    const seconds = Number(header);
    if (Number.isFinite(seconds))
        return Math.max(0, seconds * 1000);
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
function networkCode(error) {
    return error?.cause?.code;
}
function networkReason(error) {
    const cause = error?.cause;
    return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function snippet(body) {
    const text = body.replace(/\s+/g, ' ').trim();
    return text ? `: ${text.slice(0, 200)}` : '';
}

;// CONCATENATED MODULE: ./src/railway/client.ts
/**
 * The GraphQL transport to Railway: auth header by token kind, a timeout per request, 429 with
 * Retry-After, retries that never repeat a write Railway may have applied, errors inside HTTP
 * 200, and rate-limit headers turned into a polling floor. The token appears in no message.
 */




const MAX_RATE_LIMITED = 8;
/** Requests kept back for a rollback when the hourly budget runs low, until told the plan's. */
const DEFAULT_RESERVE = 12;
class RailwayClient {
    options;
    fetch;
    sleep;
    now;
    random;
    limits = {};
    reserve = DEFAULT_RESERVE;
    scrubber;
    constructor(options) {
        this.options = options;
        this.fetch = options.fetch ?? globalThis.fetch;
        this.sleep = options.sleep ?? time/* sleep */.y;
        this.now = options.now ?? Date.now;
        this.random = options.random ?? Math.random;
    }
    async request(op, variables = {}) {
        const maxAttempts = this.options.maxAttempts ?? 5;
        let failures = 0;
        let limited = 0;
        for (;;) {
            const result = await this.attempt(op, variables);
            if (result.ok)
                return result.data;
            const rateLimited = result.waitMs !== undefined;
            if (rateLimited)
                limited++;
            else
                failures++;
            const exhausted = rateLimited ? limited >= MAX_RATE_LIMITED : failures >= maxAttempts;
            if (result.lost) {
                throw new RailwayAnswerLostError(`Railway's answer to ${op.name} was lost (${result.why}); not resent, since ` +
                    'Railway may have applied it');
            }
            if (!result.retry || exhausted) {
                throw new RailwayUnavailableError(`Railway did not answer ${op.name}: ${result.why}` +
                    (result.retry ? ` (gave up after ${failures + limited} attempts)` : ''));
            }
            const waitMs = result.waitMs ?? this.backoff(failures);
            this.debug(`${op.name}: ${result.why}; retrying in ${waitMs} ms`);
            await this.sleep(waitMs);
        }
    }
    /** How many requests a rollback of what the run changed would need (the engine's plan). */
    setReserve(requests) {
        this.reserve = Math.max(1, Math.ceil(requests));
    }
    /**
     * The least time between polls that keeps the reserve for a rollback until the hourly
     * budget resets; 0 while plenty remain.
     */
    pollFloorMs() {
        const { limit, remaining, resetAt } = this.limits;
        if (remaining === undefined || resetAt === undefined)
            return 0;
        const low = Math.max(this.reserve * 2, (limit ?? 0) / 10);
        if (remaining > low)
            return 0;
        const spare = Math.max(1, remaining - this.reserve);
        return Math.min(300_000, Math.ceil(Math.max(0, resetAt - this.now()) / spare));
    }
    async attempt(op, variables) {
        const resendable = isResendable(op);
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 30_000);
        // The pending request keeps the process alive; its timeout alone must not.
        timer.unref?.();
        let response;
        try {
            response = await this.fetch(this.options.url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', ...this.authHeader() },
                body: JSON.stringify({ query: op.query, variables, operationName: op.name }),
                signal: controller.signal,
            });
        }
        catch (error) {
            clearTimeout(timer);
            const why = controller.signal.aborted ? 'no answer within the timeout' : networkReason(error);
            // A timeout or a reset may come after Railway ran the mutation: only a request that never
            // left (refused, no DNS) is certainly safe to send again.
            const unsent = !controller.signal.aborted && NOT_SENT.includes(networkCode(error) ?? '');
            const retry = resendable || unsent;
            return { ok: false, retry, lost: !retry, why: this.scrub(why) };
        }
        let body;
        try {
            body = await response.text();
        }
        catch (error) {
            return {
                ok: false,
                retry: resendable,
                lost: !resendable,
                why: this.scrub(`the answer broke off (${networkReason(error)})`),
            };
        }
        finally {
            clearTimeout(timer);
        }
        this.readLimits(response.headers);
        return this.interpret(op, response, body);
    }
    interpret(op, response, body) {
        // Railway applies no request it throttles: a 429 is resent, even a write.
        if (response.status === 429) {
            const waitMs = retryAfterMs(response.headers.get('retry-after'), this.now());
            const wait = waitMs ?? this.backoff(1) * 4;
            if (wait > (this.options.maxRetryAfterMs ?? 300_000)) {
                const at = new Date(this.now() + wait).toISOString();
                return { ok: false, retry: false, why: `Railway's rate limit is exhausted until ${at}` };
            }
            return { ok: false, retry: true, waitMs: wait, why: 'HTTP 429 (rate limited)' };
        }
        if (response.status >= 500) {
            // Even an empty 502 may come from a proxy after Railway ran the mutation.
            const retry = isResendable(op);
            const why = `HTTP ${response.status}${snippet(this.scrub(body))}`;
            return { ok: false, retry, lost: !retry, why };
        }
        const parsed = parseJson(body);
        if (parsed?.errors?.length)
            throw this.apiError(op, parsed.errors);
        if (response.status === 401 || response.status === 403) {
            const detail = `HTTP ${response.status}`;
            throw new RailwayAuthError(op.name, detail, undefined, tokenRefused(detail, this.options));
        }
        if (response.status !== 200 || !parsed?.data) {
            const why = `unexpected HTTP ${response.status}${snippet(this.scrub(body))}`;
            // A proxy's HTML page or a cut answer to a read: asked again (a write never is).
            if (response.status === 200 && isResendable(op))
                return { ok: false, retry: true, why };
            throw new RailwayApiError(op.name, why);
        }
        return { ok: true, data: parsed.data };
    }
    apiError(op, errors) {
        const detail = errors.map((e) => String(e.message ?? 'unknown error')).join('; ');
        const trace = errors.map((e) => e.traceId ?? e.extensions?.traceId).find(Boolean);
        const traceId = trace ? String(trace) : undefined;
        const at = errors.map((e) => (Array.isArray(e.path) ? e.path[0] : undefined)).find(Boolean);
        const path = at === undefined ? undefined : String(at);
        if (!AUTH_FAILURE.test(detail))
            return new RailwayApiError(op.name, this.scrub(detail), traceId, undefined, path);
        const clean = this.scrub(detail);
        return new RailwayAuthError(op.name, clean, traceId, tokenRefused(clean, this.options));
    }
    /** The auth header, for the subscription socket's upgrade request too. */
    authHeader() {
        return this.options.tokenType === 'project'
            ? { 'Project-Access-Token': this.options.token }
            : { Authorization: `Bearer ${this.options.token}` };
    }
    readLimits(headers) {
        const number = (name) => {
            const value = Number(headers.get(name) ?? NaN);
            return Number.isFinite(value) ? value : undefined;
        };
        const reset = number('x-ratelimit-reset');
        this.limits = {
            limit: number('x-ratelimit-limit') ?? this.limits.limit,
            remaining: number('x-ratelimit-remaining') ?? this.limits.remaining,
            // Epoch seconds, or seconds from now when small.
            resetAt: reset === undefined
                ? this.limits.resetAt
                : reset > 1e9
                    ? reset * 1000
                    : this.now() + reset * 1000,
        };
    }
    /** Equal jitter: half the exponential step fixed, half random, so retries spread out. */
    backoff(failures) {
        const step = Math.min(8000, 500 * 2 ** Math.max(0, failures - 1));
        return Math.round(step / 2 + this.random() * (step / 2));
    }
    /** The token in every shape Railway may echo it (upper-cased, base64, URL-encoded, a prefix). */
    scrub(text) {
        this.scrubber ??= (0,secrets/* secretScrubber */.vt)([this.options.token]);
        return this.scrubber.scrub(text);
    }
    debug(message) {
        this.options.debug?.(`railway client: ${message}`);
    }
}
/** Reads and idempotent writes: sending them twice leaves Railway as sending them once. */
function isResendable(op) {
    return op.kind === 'query' || op.idempotent === true;
}


/***/ }),

/***/ 6681:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BP: () => (/* binding */ waveMutation),
/* harmony export */   I0: () => (/* binding */ UPDATE_INSTANCE),
/* harmony export */   I7: () => (/* binding */ workflowQuery),
/* harmony export */   KG: () => (/* binding */ ENVIRONMENT_DELETE),
/* harmony export */   Ld: () => (/* binding */ backupListQuery),
/* harmony export */   Qx: () => (/* binding */ pollQuery),
/* harmony export */   Rp: () => (/* binding */ ENVIRONMENT_CREATE),
/* harmony export */   UI: () => (/* binding */ variablesQuery),
/* harmony export */   Vl: () => (/* binding */ snapshotQuery),
/* harmony export */   WU: () => (/* binding */ backupMutation),
/* harmony export */   YN: () => (/* binding */ VOLUMES),
/* harmony export */   Yy: () => (/* binding */ LOGS),
/* harmony export */   Zk: () => (/* binding */ historyQuery),
/* harmony export */   ap: () => (/* binding */ DOMAIN_CREATE),
/* harmony export */   bO: () => (/* binding */ CANCEL),
/* harmony export */   e6: () => (/* binding */ PROJECT_TOKEN),
/* harmony export */   uH: () => (/* binding */ DEPLOYMENT),
/* harmony export */   wm: () => (/* binding */ DEPLOYMENT_FIELDS),
/* harmony export */   yl: () => (/* binding */ PROJECT),
/* harmony export */   zN: () => (/* binding */ RESTORE)
/* harmony export */ });
/* unused harmony exports HISTORY_DEPTH, DOCUMENTS */
/**
 * Every GraphQL document the action sends to Railway, with the shape of its result. Plain
 * strings (no graphql-js at runtime keeps dist small); a test validates each one against the
 * trimmed SDL and Railway's published schema. Batched documents are built by functions that
 * alias one root field per deployment or service, so N services cost one request, not N.
 */
function operation(kind, name, body) {
    return { kind, name, query: `${kind} ${name}${body}` };
}
const DEPLOYMENT_FIELDS = 'fragment DeploymentFields on Deployment ' +
    '{ id status createdAt canRollback meta instances { status } creator { name } }';
const INSTANCE_FIELDS = 'fragment InstanceFields on ServiceInstance ' +
    '{ source { image repo } healthcheckPath healthcheckTimeout preDeployCommand ' +
    'domains { serviceDomains { domain } customDomains { domain } } }';
const PROJECT = operation('query', 'Project', `($id: String!) {
  project(id: $id) {
    id name
    environments { edges { node { id name } } }
    services { edges { node { id name } } }
  }
}`);
/** Answers only for a project token: how `railway-token-type: auto` tells the kinds apart. */
const PROJECT_TOKEN = operation('query', 'ProjectToken', ' { projectToken { projectId environmentId } }');
const DEPLOYMENT = operation('query', 'Deployment', `($id: String!) {
  deployment(id: $id) { ...DeploymentFields serviceId environmentId }
}
${DEPLOYMENT_FIELDS}`);
/** How many deployments of each service one history request returns (newest first). */
const HISTORY_DEPTH = 20;
/** Service i's recent deployments in the environment, under `alias`. */
function historyField(alias, i) {
    return (`  ${alias}: deployments(first: ${HISTORY_DEPTH}, ` +
        `input: { projectId: $projectId, environmentId: $environmentId, serviceId: $s${i} }) ` +
        '{ edges { node { ...DeploymentFields } } }');
}
/** `, $s0: String!, $s1: String!, ...`: one service id variable each. */
function serviceVars(services) {
    return range(services)
        .map((i) => `, $s${i}: String!`)
        .join('');
}
/** The recent deployments of several services in one request, aliased s0, s1, ... */
function historyQuery(services) {
    const vars = serviceVars(services);
    const fields = range(services)
        .map((i) => historyField(`s${i}`, i))
        .join('\n');
    return operation('query', 'History', `($projectId: String!, $environmentId: String!${vars}) {\n${fields}\n}\n${DEPLOYMENT_FIELDS}`);
}
/**
 * The plan's one read: for each service its recent deployments (h0, h1, ...) and its
 * instance's settings in the environment (i0, i1, ...): what serves, what it can go back to,
 * and which image and gates Railway would run on the next deploy.
 */
function snapshotQuery(services) {
    const vars = serviceVars(services);
    const fields = range(services)
        .map((i) => `${historyField(`h${i}`, i)}\n` +
        `  i${i}: serviceInstance(serviceId: $s${i}, environmentId: $environmentId) ` +
        '{ ...InstanceFields }')
        .join('\n');
    return operation('query', 'Snapshot', `($projectId: String!, $environmentId: String!${vars}) {\n${fields}\n}\n` +
        `${DEPLOYMENT_FIELDS}\n${INSTANCE_FIELDS}`);
}
/**
 * The variables of several services in one request, aliased v0, v1, ... Railway renders
 * reference variables (`${{Postgres.DATABASE_URL}}`) unless `unrendered` is asked for; the
 * values are secrets: the caller keeps only which names are set.
 */
function variablesQuery(services) {
    const vars = serviceVars(services);
    const fields = range(services)
        .map((i) => `  v${i}: variables(projectId: $projectId, environmentId: $environmentId, ` +
        `serviceId: $s${i})`)
        .join('\n');
    return operation('query', 'Variables', `($projectId: String!, $environmentId: String!${vars}) {\n${fields}\n}`);
}
/** The volume instances of an environment, each naming its service. */
const VOLUMES = operation('query', 'Volumes', `($environmentId: String!) {
  environment(id: $environmentId) {
    volumeInstances { edges { node { id serviceId mountPath } } }
  }
}`);
/** A manual backup of each volume instance, aliased b0, b1, ...; each answers a workflow id. */
function backupMutation(volumes) {
    const vars = range(volumes)
        .map((i) => `$v${i}: String!, $n${i}: String!`)
        .join(', ');
    const fields = range(volumes)
        .map((i) => `  b${i}: volumeInstanceBackupCreate(volumeInstanceId: $v${i}, name: $n${i}) { workflowId }`)
        .join('\n');
    return operation('mutation', 'Backup', `(${vars}) {\n${fields}\n}`);
}
/** Several workflows' state in one request, aliased w0, w1, ... */
function workflowQuery(workflows) {
    const vars = range(workflows)
        .map((i) => `$w${i}: String!`)
        .join(', ');
    const fields = range(workflows)
        .map((i) => `  w${i}: workflowStatus(workflowId: $w${i}) { status error }`)
        .join('\n');
    return operation('query', 'Workflows', `(${vars}) {\n${fields}\n}`);
}
/** The backups of several volume instances in one request, aliased l0, l1, ... */
function backupListQuery(volumes) {
    const vars = range(volumes)
        .map((i) => `$v${i}: String!`)
        .join(', ');
    const fields = range(volumes)
        .map((i) => `  l${i}: volumeInstanceBackupList(volumeInstanceId: $v${i}) { id name createdAt }`)
        .join('\n');
    return operation('query', 'Backups', `(${vars}) {\n${fields}\n}`);
}
/**
 * Stages a restore of a backup onto its volume instance; Railway deletes the backups newer
 * than it, and the service needs a redeploy to run on it (docs `volumes/backups.md`).
 */
const RESTORE = operation('mutation', 'Restore', `($backupId: String!, $volumeInstanceId: String!) {
  volumeInstanceBackupRestore(volumeInstanceBackupId: $backupId,
    volumeInstanceId: $volumeInstanceId) { workflowId }
}`);
/**
 * A preview environment: an ephemeral copy of another one, its services not deployed until
 * the action deploys them (docs `integrations/api/manage-environments.md`). It needs an
 * account or workspace token. Not resent: a create answered by a timeout may still happen,
 * so it is looked up by name before anything is sent again.
 */
const ENVIRONMENT_CREATE = operation('mutation', 'EnvironmentCreate', `($input: EnvironmentCreateInput!) {
  environmentCreate(input: $input) { id name }
}`);
const ENVIRONMENT_DELETE = operation('mutation', 'EnvironmentDelete', '($id: String!) { environmentDelete(id: $id) }');
/** A Railway domain (`*.up.railway.app`) for a service in one environment. */
const DOMAIN_CREATE = operation('mutation', 'DomainCreate', `($serviceId: String!, $environmentId: String!) {
  serviceDomainCreate(input: { serviceId: $serviceId, environmentId: $environmentId }) { domain }
}`);
/**
 * The mutations of a whole wave in ONE request, aliased m0, m1, ... Mutations of one request
 * run one after another, in order (GraphQL spec, "Normal and Serial Execution"), so a
 * service's update (image and gates) lands before its deploy starts.
 */
function waveMutation(steps) {
    const vars = ['$environmentId: String!'];
    const fields = [];
    const variables = {};
    steps.forEach((step, i) => {
        if (step.op === 'rollback') {
            vars.push(`$m${i}: String!`);
            variables[`m${i}`] = step.deploymentId;
            fields.push(`  m${i}: deploymentRollback(id: $m${i})`);
            return;
        }
        vars.push(`$m${i}: String!`);
        variables[`m${i}`] = step.serviceId;
        if (step.op === 'update') {
            vars.push(`$u${i}: ServiceInstanceUpdateInput!`);
            variables[`u${i}`] = step.input;
            fields.push(`  m${i}: serviceInstanceUpdate(serviceId: $m${i}, environmentId: $environmentId, ` +
                `input: $u${i})`);
            return;
        }
        vars.push(`$c${i}: String`);
        variables[`c${i}`] = step.commitSha ?? null;
        fields.push(`  m${i}: serviceInstanceDeployV2(serviceId: $m${i}, environmentId: $environmentId, ` +
            `commitSha: $c${i})`);
    });
    return {
        op: operation('mutation', 'Wave', `(${vars.join(', ')}) {\n${fields.join('\n')}\n}`),
        variables,
    };
}
/** The status of several deployments in one request, aliased d0, d1, ... */
function pollQuery(deployments, name = 'Poll') {
    const vars = range(deployments)
        .map((i) => `$d${i}: String!`)
        .join(', ');
    const fields = range(deployments)
        .map((i) => `  d${i}: deployment(id: $d${i}) { ...DeploymentFields }`)
        .join('\n');
    return operation('query', name, `(${vars}) {\n${fields}\n}\n${DEPLOYMENT_FIELDS}`);
}
const LOGS = operation('query', 'Logs', `($id: String!, $limit: Int!) {
  buildLogs(deploymentId: $id, limit: $limit) { timestamp message severity }
  deploymentLogs(deploymentId: $id, limit: $limit) { timestamp message severity }
}`);
/**
 * Sets a service instance's settings (source image, gates); it does NOT start a deployment,
 * and the same settings twice leave the same instance, so a lost answer may be resent. Used
 * alone only to put settings back; a deploy sends it inside its wave request.
 */
const UPDATE_INSTANCE = {
    ...operation('mutation', 'UpdateInstance', `($serviceId: String!, $environmentId: String!, $input: ServiceInstanceUpdateInput!) {
  serviceInstanceUpdate(serviceId: $serviceId, environmentId: $environmentId, input: $input)
}`),
    idempotent: true,
};
const CANCEL = operation('mutation', 'Cancel', '($id: String!) { deploymentCancel(id: $id) }');
/** Every fixed document, for the schema validation test (batched ones are built there). */
const DOCUMENTS = [
    PROJECT,
    PROJECT_TOKEN,
    DEPLOYMENT,
    LOGS,
    UPDATE_INSTANCE,
    CANCEL,
    VOLUMES,
    RESTORE,
    ENVIRONMENT_CREATE,
    ENVIRONMENT_DELETE,
    DOMAIN_CREATE,
];
function range(n) {
    return Array.from({ length: n }, (_, i) => i);
}


/***/ }),

/***/ 4692:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cs: () => (/* binding */ makePlan),
/* harmony export */   c_: () => (/* binding */ waitForBusy),
/* harmony export */   zV: () => (/* binding */ targets)
/* harmony export */ });
/* unused harmony exports DEFAULT_HEALTHCHECK_TIMEOUT_S, gatesFor, waves */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _verify_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(718);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5650);
/* harmony import */ var _wait_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6354);




/** Railway's default healthcheck timeout (docs `deployments/healthchecks.md`). */
const DEFAULT_HEALTHCHECK_TIMEOUT_S = 300;
/** Railway's gates for a service: its healthcheck path and timeout, its migration. */
function gatesFor(service) {
    const railway = service.railway;
    const path = railway?.healthcheck ?? (service.health ? healthPath(service.health) : undefined);
    const migrate = railway?.migrate !== false && service.migrate !== undefined;
    return {
        healthcheckPath: path ?? null,
        healthcheckTimeout: path
            ? Math.ceil((railway?.healthcheckTimeoutMs ?? DEFAULT_HEALTHCHECK_TIMEOUT_S * 1000) / 1000)
            : null,
        // One command line, run by Railway in a container of the new image (docs
        // `deployments/pre-deploy-command.md`); exec form is quoted into one shell line.
        preDeployCommand: migrate ? [shellLine(service.migrate)] : null,
    };
}
function healthPath(url) {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
}
function shellLine(command) {
    if (typeof command === 'string')
        return command;
    return command
        .map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
        .join(' ');
}
/**
 * The mapped services among `selected`, each with the mapped services it waits for (directly
 * or through unmapped ones), in dependency order. Iterative: a deep chain cannot overflow.
 */
function targets(file, services, selected, wanted) {
    const byName = new Map(services.map((s) => [s.name, s]));
    const chosen = new Set(selected.map((s) => s.name));
    const mappedDeps = new Map();
    // `services` is in dependency order, so every dependency is known before its dependents.
    for (const s of services) {
        const found = new Set();
        for (const dep of s.dependsOn) {
            if (byName.get(dep.service)?.railway)
                found.add(dep.service);
            else
                (mappedDeps.get(dep.service) ?? []).forEach((d) => found.add(d));
        }
        mappedDeps.set(s.name, [...found]);
    }
    return services
        .filter((s) => s.railway && chosen.has(s.name))
        .map((s) => ({
        service: s.name,
        file,
        settings: s.railway,
        wanted: wanted.get(s.name) ?? { kind: 'managed' },
        gates: gatesFor(s),
        requires: s.railway.requires
            ? { names: s.railway.requires, inferred: false }
            : { names: s.inferredRequires ?? [], inferred: true },
        dependsOn: mappedDeps.get(s.name).filter((d) => chosen.has(d)),
    }));
}
/** Wave of each target: 0 without mapped dependencies, else one after its latest dependency. */
function waves(list) {
    const wave = new Map();
    for (const target of list) {
        const after = target.dependsOn.map((d) => wave.get(d) ?? -1);
        wave.set(target.service, after.length ? Math.max(...after) + 1 : 0);
    }
    return wave;
}
async function makePlan(api, where, scope, list, options = {}) {
    const projectId = where.project ?? scope?.projectId;
    if (!projectId) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo('No Railway project: set x-deploy.railway.project in the compose file ' +
            'or the railway-project input to the project id.');
    }
    if (scope && scope.projectId !== projectId) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where.projectFrom}: the railway-token is a project token for project ` +
            `${scope.projectId}, not for ${projectId}: use a token of that project or an account token.`);
    }
    const project = await api.project(projectId);
    const wanted = where.environment ?? scope?.environmentId;
    if (scope && find(project.environments, wanted)?.id !== scope.environmentId) {
        const own = project.environments.find((e) => e.id === scope.environmentId);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where.environmentFrom}: the railway-token is a project token for environment ` +
            `"${own?.name ?? scope.environmentId}", not "${wanted}": create a token for that ` +
            'environment or use an account token.');
    }
    const environment = pick(project.environments, wanted, 'environment', project, where.environmentFrom);
    const wave = waves(list);
    const found = list.map((t) => ({
        target: t,
        railway: pick(project.services, t.settings.service, 'service', project, `${t.file}: services.${t.service}.x-deploy.railway.service`),
    }));
    const snapshot = await api.snapshot(projectId, environment.id, found.map((f) => f.railway.id));
    const services = found.map(({ target, railway }) => {
        const planned = decide(target, railway, wave.get(target.service), snapshot.get(railway.id), options.sha);
        // A fresh preview copies a managed database without deploying it: start it as it is
        // configured there (no image or gate is changed), or its dependents would wait forever.
        if (options.startIdleManaged &&
            planned.action === 'managed' &&
            !planned.serving &&
            !planned.inProgress)
            return { ...planned, action: 'deploy', startOnly: true };
        return planned;
    });
    return {
        projectId,
        projectName: project.name,
        environmentId: environment.id,
        environmentName: environment.name,
        services,
    };
}
function decide(target, railway, wave, snap, sha) {
    const { history, instance } = snap;
    const base = { ...target, serviceId: railway.id, railwayName: railway.name, wave, instance };
    const planned = { ...base, history, action: 'deploy', source: {} };
    const publicUrl = target.settings.url ?? (instance.domains[0] && `https://${instance.domains[0]}`);
    if (publicUrl) {
        const url = (0,_verify_js__WEBPACK_IMPORTED_MODULE_1__/* .checkUrl */ .C)(publicUrl, target.gates.healthcheckPath ?? undefined);
        planned.check = { url, expect: target.settings.expect };
    }
    Object.assign(planned, servingOf(history));
    const { wanted } = target;
    if (wanted.kind === 'managed')
        return { ...planned, action: 'managed' };
    const gatesSame = (0,_state_js__WEBPACK_IMPORTED_MODULE_3__/* .sameGates */ .Fm)(instance, target.gates);
    if (wanted.kind === 'image') {
        const same = instance.image === wanted.image && planned.serving?.image === wanted.image;
        return {
            ...planned,
            action: same && gatesSame ? 'unchanged' : 'deploy',
            source: { image: wanted.image },
        };
    }
    if (instance.image || !instance.repo) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${target.service}: Railway service "${railway.name}" runs an image` +
            `${instance.image ? ` (${instance.image})` : ''}, and ${wanted.tag ?? 'its image'} ` +
            `could not be resolved to a pushed digest (${wanted.why}): pass the build step's ` +
            'images output (images: ${{ steps.<build step>.outputs.images }}), or build with ' +
            'push: true so the tag exists in the registry.');
    }
    const same = sha !== undefined && planned.serving?.commitHash === sha;
    return {
        ...planned,
        action: same && gatesSame ? 'unchanged' : 'deploy',
        source: { commitSha: wanted.commitSha },
    };
}
/** The serving deployment (the newest live one) and one still on its way before it. */
function servingOf(history) {
    const serving = history.find((d) => _state_js__WEBPACK_IMPORTED_MODULE_3__/* .LIVE */ .L8.includes(d.status));
    const servingAt = serving ? history.indexOf(serving) : history.length;
    const inProgress = history.slice(0, servingAt).find((d) => _state_js__WEBPACK_IMPORTED_MODULE_3__/* .IN_PROGRESS */ .mS.includes(d.status));
    return { serving, inProgress };
}
/** By id, then exact name, then name in any case. */
function find(items, wanted) {
    if (!wanted)
        return undefined;
    return (items.find((i) => i.id === wanted) ??
        items.find((i) => i.name === wanted) ??
        items.find((i) => i.name.toLowerCase() === wanted.toLowerCase()));
}
function pick(items, wanted, what, project, setIn) {
    const names = items.map((i) => `"${i.name}"`).join(', ') || 'none';
    if (!wanted) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${setIn}: no Railway ${what} set (project "${project.name}" has ${names}).`);
    }
    const found = find(items, wanted);
    if (!found) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${setIn}: Railway project "${project.name}" has no ${what} "${wanted}"; ` +
            `expected one of ${names} (or an id).`);
    }
    return found;
}
/**
 * Never two at once: a deployment already on its way when the run starts is waited for
 * (bounded), then the plan is read again, since it may have replaced what serves. A managed
 * service (a database) that serves nothing and is not on its way fails the run here, before
 * anything changes: its dependents would wait for it in vain.
 */
async function waitForBusy(api, clock, plan, timeoutMs, info) {
    const busy = () => plan.services.filter((s) => s.inProgress && s.action !== 'unchanged');
    if (busy().length > 0) {
        for (const s of busy()) {
            info(`${s.service}: deployment ${s.inProgress.id} is already ${s.inProgress.status}; ` +
                'waiting for it before deploying');
        }
        const result = await (0,_wait_js__WEBPACK_IMPORTED_MODULE_2__/* .pollUntil */ .g3)({
            api,
            clock,
            deadline: clock.now() + timeoutMs,
            watch: () => busy().map((s) => s.inProgress.id),
            settle: (statuses) => {
                for (const s of busy()) {
                    if (!_state_js__WEBPACK_IMPORTED_MODULE_3__/* .IN_PROGRESS */ .mS.includes(statuses.get(s.inProgress.id)?.status ?? 'QUEUED')) {
                        s.inProgress = undefined;
                    }
                }
                return busy().length === 0 ? 'stop' : 'continue';
            },
        });
        if (result === 'timeout') {
            const s = busy()[0];
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${s.service}: deployment ${s.inProgress.id} started outside this run ` +
                'is still in progress after deploy-timeout; let it finish or cancel it in Railway, ' +
                'then run the deploy again.');
        }
        await refresh(api, plan);
    }
    const down = plan.services.find((s) => s.action === 'managed' && !s.serving);
    if (down) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${down.service}: Railway service "${down.railwayName}" serves nothing in environment ` +
            `"${plan.environmentName}", and the services that depend on it would wait for it in ` +
            'vain: start it in Railway (it is managed there), then run the deploy again.');
    }
    return plan;
}
/** Reads every service's deployments and settings again (one request). */
async function refresh(api, plan) {
    const snapshot = await api.snapshot(plan.projectId, plan.environmentId, plan.services.map((s) => s.serviceId));
    for (const service of plan.services) {
        const snap = snapshot.get(service.serviceId);
        Object.assign(service, { history: snap.history, instance: snap.instance }, servingOf(snap.history));
    }
}


/***/ }),

/***/ 5650:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $g: () => (/* binding */ isFinished),
/* harmony export */   Fm: () => (/* binding */ sameGates),
/* harmony export */   L8: () => (/* binding */ LIVE),
/* harmony export */   TH: () => (/* binding */ newerThan),
/* harmony export */   Z_: () => (/* binding */ mayHaveServed),
/* harmony export */   mS: () => (/* binding */ IN_PROGRESS)
/* harmony export */ });
/* unused harmony exports FINAL_PHASES, NEVER_SERVES */
const FINAL_PHASES = ['succeeded', 'rolled-back', 'rollback-failed'];
/** Statuses of a deployment that is still on its way. */
const IN_PROGRESS = [
    'QUEUED',
    'WAITING',
    'INITIALIZING',
    'BUILDING',
    'DEPLOYING',
];
/** A deployment that is (or was, before sleeping) serving traffic. */
const LIVE = ['SUCCESS', 'SLEEPING'];
/** For a deployment this run started: it will never serve. */
const NEVER_SERVES = ['FAILED', 'SKIPPED'];
/**
 * CRASHED went live before dying; REMOVED/REMOVING may have served before it was replaced; an
 * unknown status is assumed live, to be safe. Railway docs `deployments/reference.md`.
 */
function mayHaveServed(status) {
    if (status === undefined)
        return false;
    return (!NEVER_SERVES.includes(status) && !IN_PROGRESS.includes(status) && status !== 'NEEDS_APPROVAL');
}
function isFinished(state) {
    return FINAL_PHASES.includes(state.phase);
}
/** Deployments of this run, newest first, that came after `anchor` in a newest-first list. */
function newerThan(list, anchor) {
    if (!anchor)
        return list;
    const at = list.findIndex((d) => d.id === anchor);
    return at === -1 ? list : list.slice(0, at);
}
function sameGates(a, b) {
    return ((a.healthcheckPath ?? null) === (b.healthcheckPath ?? null) &&
        (a.healthcheckTimeout ?? null) === (b.healthcheckTimeout ?? null) &&
        JSON.stringify(a.preDeployCommand ?? null) === JSON.stringify(b.preDeployCommand ?? null));
}


/***/ }),

/***/ 718:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ checkUrl),
/* harmony export */   K: () => (/* binding */ checkAll)
/* harmony export */ });
/* harmony import */ var _stack_http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9598);
/**
 * Post-deploy checks from the runner, the way a user reaches the service: once every new
 * deployment is SUCCESS and stable, each deployed service with a public URL (its Railway
 * domain, or `x-deploy.railway.url`) is asked at its health path, with backoff, until
 * `verify-timeout`. Only a 2xx counts (a redirect does not: Railway's own healthcheck treats a
 * 308 as a miss), and where `x-deploy.railway.expect` says so a JSON field of the answer must
 * equal a value (`version: ${GITHUB_SHA}` catches an old deployment still answering 200).
 */

const FIRST_MS = 1000;
const MAX_MS = 10_000;
/** The URL a service is checked at: its public base URL at its health path. */
function checkUrl(base, healthPath) {
    return new URL(healthPath ?? '/', base.endsWith('/') ? base : `${base}/`).toString();
}
function checkAll(checks, options) {
    const deadline = options.clock.now() + options.timeoutMs;
    return Promise.all(checks.map((c) => checkOne(c, deadline, options)));
}
async function checkOne(check, deadline, options) {
    const { clock } = options;
    let last = { ok: false, failure: 'not checked before verify-timeout' };
    for (let attempt = 1;; attempt++) {
        const left = deadline - clock.now();
        if (left <= 0)
            return { ...check, ...last, ok: false, attempts: attempt - 1 };
        const timeout = Math.min(options.requestTimeoutMs ?? 10_000, left);
        last = await ask(check, timeout, options.fetch ?? fetch);
        if (last.ok)
            return { ...check, ...last, attempts: attempt };
        const wait = Math.min(MAX_MS, FIRST_MS * 2 ** (attempt - 1), deadline - clock.now());
        if (wait > 0)
            await clock.sleep(wait);
    }
}
async function ask(check, timeoutMs, get) {
    const started = performance.now();
    try {
        const response = await get(check.url, {
            redirect: 'manual',
            signal: AbortSignal.timeout(timeoutMs),
            headers: { 'user-agent': 'deploy-action post-deploy check', accept: 'application/json' },
        });
        const ms = Math.round(performance.now() - started);
        const { status } = response;
        const body = await response.text().catch(() => '');
        if (status < 200 || status >= 300) {
            const what = status >= 300 && status < 400 ? `redirected (${status})` : `answered ${status}`;
            return { ok: false, status, failure: what };
        }
        const wrong = check.expect ? mismatch(body, check.expect) : undefined;
        return wrong ? { ok: false, status, failure: wrong } : { ok: true, status, ms };
    }
    catch (error) {
        return { ok: false, failure: (0,_stack_http_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFetchError */ .Op)(error, timeoutMs) };
    }
}
/** The first expected field the JSON answer does not have; never echoes the whole body. */
function mismatch(body, expect) {
    let json;
    try {
        json = JSON.parse(body);
    }
    catch {
        return 'answered 2xx, but not with JSON (x-deploy.railway.expect needs a JSON answer)';
    }
    for (const [field, wanted] of Object.entries(expect)) {
        const got = field.split('.').reduce((at, key) => {
            return at && typeof at === 'object' ? at[key] : undefined;
        }, json);
        if (got === undefined)
            return `answered 2xx without "${field}" (expected "${wanted}")`;
        if (String(got) !== wanted) {
            const shown = String(got).slice(0, 80);
            return `answered 2xx with ${field} "${shown}", expected "${wanted}"`;
        }
    }
    return undefined;
}


/***/ }),

/***/ 6354:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dQ: () => (/* binding */ realClock),
/* harmony export */   eE: () => (/* binding */ POLL),
/* harmony export */   g3: () => (/* binding */ pollUntil)
/* harmony export */ });
/* unused harmony export QUIET_MS */
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9834);
/**
 * Waiting on deployments: every deployment watched is polled in ONE aliased request, about 2 s
 * after the start growing to 10 s, slower when Railway's rate-limit headers say the hourly
 * budget runs low, and never past the deadline (one last look exactly at it).
 */

const POLL = { initialMs: 2000, maxMs: 10_000, factor: 2 };
const QUIET_MS = 15_000;
async function pollUntil(options) {
    const { api, clock, deadline } = options;
    let delay = POLL.initialMs;
    for (;;) {
        const left = deadline - clock.now();
        if (left <= 0)
            return 'timeout';
        const feed = options.feed && !options.feed.closed ? options.feed : undefined;
        if (feed) {
            const heard = await listen(feed, options, left);
            if (heard === 'stop')
                return 'stopped';
            if (heard === 'heard')
                continue;
            // New subscriptions, a quiet socket or a closed one: one poll, so nothing is missed.
        }
        else {
            const floor = api.pollFloorMs();
            if (floor > delay)
                options.debug?.(`railway: few requests left this hour; polling every ${floor} ms`);
            await clock.sleep(Math.min(Math.max(delay, floor), left));
        }
        const ids = options.watch();
        if (ids.length === 0)
            return 'stopped';
        const statuses = await api.statuses(ids).catch((error) => {
            if (!options.onError)
                throw error;
            options.onError(error);
            return undefined;
        });
        if (statuses && options.settle(statuses) === 'stop')
            return 'stopped';
        delay = Math.min(POLL.maxMs, delay * POLL.factor);
    }
}
/** Waits for the socket: 'heard' (settled, go on), 'stop', or 'poll' (catch up or fall back). */
async function listen(feed, options, left) {
    const ids = options.watch();
    if (ids.length === 0)
        return 'stop';
    feed.watch(ids);
    if (feed.takeNew().length > 0)
        return 'poll';
    if (!(await feed.wait(Math.min(options.quietMs ?? QUIET_MS, left))))
        return 'poll';
    return options.settle(feed.take(options.watch())) === 'stop' ? 'stop' : 'heard';
}
const realClock = {
    now: () => Date.now(),
    sleep: _time_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .y,
};


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
