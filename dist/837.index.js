export const id = 837;
export const ids = [837];
export const modules = {

/***/ 3218:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DATABASE_VARIABLES: () => (/* binding */ DATABASE_VARIABLES),
/* harmony export */   NoDatabaseError: () => (/* binding */ NoDatabaseError),
/* harmony export */   VARIABLE: () => (/* binding */ VARIABLE),
/* harmony export */   databaseService: () => (/* binding */ databaseService),
/* harmony export */   databaseUrlFromRailway: () => (/* binding */ databaseUrlFromRailway),
/* harmony export */   railwayDatabaseUrl: () => (/* binding */ railwayDatabaseUrl)
/* harmony export */ });
/* harmony import */ var _config_load_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8261);
/* harmony import */ var _config_order_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3010);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _railway_api_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(779);
/* harmony import */ var _railway_client_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3718);
/* harmony import */ var _railway_operations_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6681);
/* harmony import */ var _railway_plan_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4692);
/**
 * Without a `database-url`, the backup reads the Railway database service's
 * `DATABASE_PUBLIC_URL` (the TCP proxy URL Railway's PostgreSQL template sets; the private
 * `DATABASE_URL` only resolves inside Railway's network). One `variables` query through the
 * same client as the deploy; the value is a secret and is handed to the caller only.
 * Railway's schema: `variables(projectId: String!, environmentId: String!, serviceId: String,
 * unrendered: Boolean): EnvironmentVariables!`, a JSON map of rendered values.
 */







const VARIABLE = 'DATABASE_PUBLIC_URL';
const DATABASE_VARIABLES = {
    kind: 'query',
    name: 'BackupDatabaseVariables',
    query: 'query BackupDatabaseVariables($projectId: String!, $environmentId: String!, ' +
        '$serviceId: String) {\n' +
        '  variables(projectId: $projectId, environmentId: $environmentId, serviceId: $serviceId)\n}',
};
/** The service's DATABASE_PUBLIC_URL, with where it came from for messages. */
async function railwayDatabaseUrl(client, ids) {
    const { projectId, environmentId, serviceId } = ids;
    const { variables } = await client.request(DATABASE_VARIABLES, {
        projectId,
        environmentId,
        serviceId,
    });
    const url = variables?.[VARIABLE];
    if (typeof url !== 'string' || url === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`The Railway service ${ids.name} has no ${VARIABLE} variable: enable ` +
            'its public TCP proxy (Networking) or set the database-url input.');
    }
    return { url, origin: `Railway variable ${VARIABLE} of ${ids.name}` };
}
/** The default `resolveDatabaseUrl` of `command: backup`: the stack's Railway database. */
async function databaseUrlFromRailway(inputs, deps = {}) {
    const stack = (0,_config_load_js__WEBPACK_IMPORTED_MODULE_0__/* .loadStack */ .fg)(inputs.composeFile, { railwayProject: inputs.railway.project, railwayEnvironment: inputs.railway.environment }, deps.cwd);
    const database = databaseService(stack.file, (0,_config_order_js__WEBPACK_IMPORTED_MODULE_1__/* .selectServices */ .Z)(stack.file, stack.services, inputs.services));
    if (!inputs.railway.token) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo('Input "database-url": expected the URL of the database to back up, ' +
            'got nothing (and no railway-token to read it from Railway).');
    }
    const { client, scope } = await railwayClient(inputs, deps);
    const list = (0,_railway_plan_js__WEBPACK_IMPORTED_MODULE_6__/* .targets */ .zV)(stack.file, stack.services, [database], new Map([[database.name, MANAGED]]));
    const where = {
        ...stack.railway,
        projectFrom: `${stack.file}: x-deploy.railway.project`,
        environmentFrom: `${stack.file}: x-deploy.railway.environment`,
    };
    const plan = await (0,_railway_plan_js__WEBPACK_IMPORTED_MODULE_6__/* .makePlan */ .Cs)((0,_railway_api_js__WEBPACK_IMPORTED_MODULE_3__/* .railwayApi */ .Qn)(client), where, scope, list);
    const service = plan.services[0];
    return railwayDatabaseUrl(client, {
        projectId: plan.projectId,
        environmentId: plan.environmentId,
        serviceId: service.serviceId,
        name: service.railwayName,
    });
}
const MANAGED = { kind: 'managed' };
/** The stack maps no PostgreSQL database to Railway: nothing to back up from there. */
class NoDatabaseError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo {
    name = 'NoDatabaseError';
}
/** The one selected Railway service marked `x-deploy.railway.backup`, else running PostgreSQL. */
function databaseService(file, services) {
    const marked = services.filter((s) => s.railway?.backup);
    const found = marked.length
        ? marked
        : services.filter((s) => s.railway && /(^|\/)postgres(ql)?([:@-]|$)/.test(s.image ?? ''));
    if (found.length === 1)
        return found[0];
    const names = found.map((s) => s.name).join(', ');
    throw new (found.length === 0 ? NoDatabaseError : _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo)(found.length === 0
        ? `${file}: no selected service with a postgres image has ` +
            'x-deploy.railway.service: set the database-url input, map the database to Railway, or ' +
            'turn the backup off.'
        : `${file}: several PostgreSQL services are on Railway (${names}): pick one with the ` +
            'services input, or set the database-url input.');
}
/** A client with the right auth header: `auto` asks Railway as the deploy does (api.ts). */
async function railwayClient(inputs, deps) {
    const make = (tokenType) => new _railway_client_js__WEBPACK_IMPORTED_MODULE_4__/* .RailwayClient */ .xL({
        url: inputs.railway.apiUrl,
        token: inputs.railway.token,
        tokenType,
        fetch: deps.fetch,
        debug: deps.debug,
        environment: inputs.railway.environment,
    });
    if (inputs.railway.tokenType === 'account')
        return { client: make('account') };
    const client = make('project');
    try {
        const { projectToken } = await client.request(_railway_operations_js__WEBPACK_IMPORTED_MODULE_5__/* .PROJECT_TOKEN */ .e6);
        return { client, scope: projectToken };
    }
    catch (error) {
        if (inputs.railway.tokenType === 'project' || !(error instanceof _railway_client_js__WEBPACK_IMPORTED_MODULE_4__/* .RailwayApiError */ .Y8))
            throw error;
        return { client: make('account') };
    }
}


/***/ })

};
