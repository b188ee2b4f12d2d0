export const id = 91;
export const ids = [91,837];
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


/***/ }),

/***/ 5091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RestoreDrillError: () => (/* binding */ RestoreDrillError),
  cleanUp: () => (/* binding */ cleanUp),
  dumpPath: () => (/* binding */ dumpPath),
  runBackup: () => (/* binding */ runBackup)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/time.ts
var time = __webpack_require__(9834);
;// CONCATENATED MODULE: ./src/backup/containers.ts


const BACKUP_LABEL = 'deploy-action.backup';
/** `bk<time><random>`: unique per run, and valid in container names and label values. */
function backupRunId(now = Date.now(), random = Math.random) {
    const suffix = Math.floor(random() * 36 ** 5)
        .toString(36)
        .padStart(5, '0');
    return `bk${now.toString(36)}${suffix}`;
}
function containerName(runId, role) {
    return `deploy-action-${runId}-${role}`;
}
function labelArgs(runId) {
    return ['--label', `${BACKUP_LABEL}=${runId}`];
}
async function containersOf(exec, runId) {
    const { stdout } = await exec('docker', [
        'ps',
        '-a',
        '-q',
        '--no-trunc',
        '--filter',
        `label=${BACKUP_LABEL}=${runId}`,
    ]);
    return stdout.split('\n').filter(Boolean);
}
/**
 * Removes the run's containers with their anonymous volumes (the restore database's data).
 * Returns what is still there afterwards: nothing, unless docker refused.
 */
async function removeContainers(exec, runId, options = {}) {
    const passes = options.settleMs === undefined ? 1 : 3;
    let found = await containersOf(exec, runId);
    for (let pass = 1; pass <= passes; pass++) {
        if (found.length > 0)
            await remove(exec, found, options.log ?? (() => { }));
        if (options.settleMs !== undefined)
            await (options.sleep ?? time/* sleep */.y)(options.settleMs);
        found = await containersOf(exec, runId);
    }
    return found;
}
async function remove(exec, ids, log) {
    try {
        await exec('docker', ['rm', '-f', '-v', ...ids]);
    }
    catch (error) {
        log(`docker rm failed: ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}`);
    }
}

// EXTERNAL MODULE: ./src/docker/exec.ts + 1 modules
var docker_exec = __webpack_require__(4801);
// EXTERNAL MODULE: ./src/stack/images.ts
var stack_images = __webpack_require__(1332);
;// CONCATENATED MODULE: ./src/backup/url.ts
/**
 * The database URL of `command: backup`: checked, normalised for libpq, and taken apart into
 * what may be shown (user, host, port, database) and what must be masked (the password, in
 * both its written and its decoded form, and the whole URL). Pure: no @actions/* here.
 */

const EXPECTED = 'expected a PostgreSQL URL like postgresql://user:password@host:5432/database';
/**
 * `postgres://` and `postgresql://` as libpq reads them; a SQLAlchemy driver suffix
 * (`postgresql+asyncpg://`, as the example backend's DATABASE_URL has) is dropped.
 */
function parseDatabaseUrl(value, origin = 'Input "database-url"') {
    const wrong = (got) => new errors/* UserError */.yo(`${origin}: ${EXPECTED}; got ${got}.`);
    const trimmed = value.trim();
    const scheme = /^(postgres|postgresql)(\+[a-z0-9]+)?:\/\//i.exec(trimmed);
    if (!scheme) {
        throw wrong('something that does not start with postgresql://');
    }
    const url = `postgresql://${trimmed.slice(scheme[0].length)}`;
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw wrong('a URL that cannot be parsed');
    }
    if (!parsed.hostname) {
        throw wrong('a URL without a host (pg_dump runs in a container: it cannot use a socket)');
    }
    const user = decode(parsed.username);
    const database = decode(parsed.pathname.replace(/^\//, '')) || user;
    if (!user)
        throw wrong('a URL without a user');
    const port = parsed.port ? Number(parsed.port) : 5432;
    const display = `postgresql://${user}@${parsed.host.includes(':') ? parsed.host : `${parsed.hostname}:${port}`}/${database}`;
    const password = parsed.password;
    const secrets = [url, trimmed, password, decode(password)].filter((s) => s.length > 0);
    return {
        url,
        display,
        host: parsed.hostname,
        port,
        user,
        database,
        secrets: [...new Set(secrets)],
        origin,
    };
}
function decode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/** Replaces every secret in a message by ***: for text that came from psql or pg_dump. */
function scrub(text, secrets) {
    // Longest first, so a password inside the URL does not leave the rest of the URL behind.
    return [...secrets]
        .sort((a, b) => b.length - a.length)
        .reduce((out, secret) => out.split(secret).join('***'), text);
}

;// CONCATENATED MODULE: ./src/backup/postgres.ts
/**
 * PostgreSQL's client tools, run from a `postgres:<major>` container so the runner's own client
 * (or its absence) never matters. The containers use the host's network (`--network host`,
 * Linux runners): a database URL on 127.0.0.1 or localhost means the runner itself, as it
 * would for a psql on the runner. The URL travels in the environment of the docker CLI
 * (`-e NAME` without a value), never on a command line, so neither the debug log of the exec
 * wrapper nor `ps` shows it.
 */





const URL_ENV = 'DEPLOY_ACTION_DATABASE_URL';
/** The psql that asks a server its version when no local postgres image is there to use. */
const DEFAULT_PROBE_IMAGE = 'postgres:17';
/** `docker run` arguments for one client tool; the URL comes from the variable URL_ENV. */
function clientRunArgs(run) {
    return [
        'run',
        '--rm',
        '--name',
        containerName(run.runId, run.role),
        ...labelArgs(run.runId),
        '--network',
        'host',
        '-e',
        URL_ENV,
        '-e',
        'PGCONNECT_TIMEOUT=20',
        '-e',
        'PGAPPNAME=deploy-action-backup',
        ...(run.docker ?? []),
        run.image,
        // `sh -c` so the URL is read from the environment inside the container, not argv.
        'sh',
        '-c',
        `exec ${run.tool} --dbname="$${URL_ENV}" "$@"`,
        run.tool,
        ...run.args,
    ];
}
async function runClient(exec, db, run) {
    try {
        const env = { ...process.env, [URL_ENV]: db.url };
        return (await exec('docker', clientRunArgs(run), { env, timeoutMs: run.timeoutMs })).stdout;
    }
    catch (error) {
        throw explain(error, db, run.tool);
    }
}
/** `150004` -> `15`; before PostgreSQL 10 the major had two parts: `90624` -> `9.6`. */
function majorOf(versionNum) {
    if (versionNum >= 100000)
        return String(Math.floor(versionNum / 10000));
    return `${Math.floor(versionNum / 10000)}.${Math.floor(versionNum / 100) % 100}`;
}
/** The server's major version, asked with `SHOW server_version_num` from a probe image. */
async function serverMajor(exec, db, runId, probeImage) {
    await ensureImage(exec, probeImage, 'to ask the database its version');
    const out = await runClient(exec, db, {
        runId,
        role: 'probe',
        image: probeImage,
        tool: 'psql',
        args: ['-X', '-A', '-t', '-c', 'SHOW server_version_num'],
    });
    const num = Number(out.trim());
    if (!Number.isInteger(num) || num <= 0) {
        throw new errors/* UserError */.yo(`${db.display} answered "SHOW server_version_num" with "${out.trim()}"` +
            ', not a PostgreSQL version number.');
    }
    return majorOf(num);
}
/** The newest `postgres:<number>` image already on this machine (no pull), else the default. */
async function probeImage(exec) {
    const { stdout } = await exec('docker', ['images', 'postgres', '--format', '{{.Tag}}']);
    const tags = stdout.split('\n').filter((t) => /^\d+$/.test(t) && Number(t) >= 10);
    if (tags.length === 0)
        return DEFAULT_PROBE_IMAGE;
    return `postgres:${tags.sort((a, b) => Number(b) - Number(a))[0]}`;
}
/** Pulls the image unless it is here; a failed pull is one sentence with docker's reason. */
async function ensureImage(exec, image, why) {
    if (await (0,stack_images/* isLocal */.IX)(exec, image))
        return;
    try {
        await exec('docker', ['pull', '-q', image]);
    }
    catch (error) {
        const said = error instanceof docker_exec/* CommandError */.Qd ? error.tail : String(error);
        const reason = said
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .at(-1);
        throw new errors/* UserError */.yo(`Could not pull ${image}, the image ${why}` +
            `${reason ? ` (${reason})` : ''}: check the runner reaches Docker Hub, or pull it first.`);
    }
}
/**
 * A failure of psql or pg_dump as one sentence for the usual connection mistakes; otherwise the
 * tool's own error lines (scrubbed of secrets, never a DETAIL line, which may quote row data).
 */
function explain(error, db, tool) {
    if (!(error instanceof docker_exec/* CommandError */.Qd))
        return error;
    const text = scrub(`${error.stderr}\n${error.stdout}`, db.secrets);
    const where = `${db.host}:${db.port}`;
    const user = /password authentication failed for user "([^"]*)"/.exec(text);
    if (user) {
        return new errors/* UserError */.yo(`The database at ${where} refused the password of user "${user[1]}" ` +
            `(${db.origin}): check the password in that URL.`);
    }
    if (/could not translate host name|Name or service not known/.test(text))
        return new errors/* UserError */.yo(`The host "${db.host}" of ${db.origin} cannot be resolved on the runner.`);
    if (/Connection refused|timeout expired|No route to host|Network is unreachable/.test(text)) {
        return new errors/* UserError */.yo(`Nothing answered at ${where} (${db.origin}): is the database ` +
            'running and reachable from the runner?');
    }
    const missing = /database "([^"]*)" does not exist/.exec(text);
    if (missing)
        return new errors/* UserError */.yo(`The database "${missing[1]}" of ${db.origin} does not exist at ${where}.`);
    const lines = errorLines(text);
    return new errors/* UserError */.yo(`${tool} against ${db.display} failed (exit ${error.exitCode})` +
        (lines.length ? `: ${lines.join(' / ')}` : '.'));
}
/** The tool's `error:` / `FATAL:` lines; DETAIL, HINT and CONTEXT lines may quote data. */
function errorLines(text, max = 3) {
    return text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /(^|\s)(error|FATAL|ERROR):/.test(l) && !/^(DETAIL|CONTEXT|HINT):/.test(l))
        .slice(0, max);
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/backup/session.ts
/**
 * One psql session on the source that holds a REPEATABLE READ transaction open while pg_dump
 * runs: pg_dump takes the session's exported snapshot (`--snapshot`), and the drill counts the
 * source's rows in that same transaction, so the counts are those of the data in the dump
 * even while the app keeps writing. The exec wrapper runs programs to completion; this is the
 * one program that must stay open and be talked to, so it has its own small spawn, with the
 * same rules: array arguments, the URL only in the environment, any exit while busy an error.
 */



const DONE = '__deploy_action_done__';
class SourceSession {
    child;
    db;
    args;
    pending;
    stderr = '';
    exited = false;
    constructor(child, db, args) {
        this.child = child;
        this.db = db;
        this.args = args;
        let partial = '';
        child.stdout.on('data', (chunk) => {
            const lines = (partial + chunk.toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            for (const line of lines)
                this.line(line);
        });
        child.stderr.on('data', (chunk) => (this.stderr += chunk.toString('utf8')));
        child.stdin.on('error', () => { }); // psql may be gone already: `close` says why
        child.on('error', (error) => this.fail(error));
        child.on('close', (code) => {
            this.exited = true;
            this.fail(explain(new docker_exec/* CommandError */.Qd(['docker', ...this.args], code, this.stderr, ''), this.db, 'psql'));
        });
    }
    /** Connects, opens the transaction and returns the session with its exported snapshot. */
    static async open(db, runId, image) {
        const args = clientRunArgs({
            runId,
            role: 'session',
            image,
            tool: 'psql',
            docker: ['-i'],
            args: ['-X', '-A', '-t', '-q', '-F', '\t', '-v', 'ON_ERROR_STOP=1'],
        });
        const child = (0,external_node_child_process_.spawn)('docker', args, {
            env: { ...process.env, [URL_ENV]: db.url },
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        const session = new SourceSession(child, db, args);
        const [snapshot] = await session.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT pg_export_snapshot();');
        return { session, snapshot: snapshot };
    }
    /** The rows of one statement (or a few), as psql prints them unaligned. */
    query(sql) {
        if (this.exited || this.pending)
            return Promise.reject(new Error('psql session is not ready'));
        return new Promise((resolve, reject) => {
            this.pending = { lines: [], resolve, reject };
            this.child.stdin.write(`${sql}\n\\echo ${DONE}\n`);
        });
    }
    /** Ends the transaction (read only: nothing to keep) and waits for psql to leave. */
    async close() {
        if (this.exited)
            return;
        const gone = new Promise((resolve) => this.child.once('close', () => resolve()));
        this.child.stdin.end('ROLLBACK;\n\\q\n');
        await gone;
    }
    line(line) {
        const pending = this.pending;
        if (!pending)
            return;
        if (line !== DONE) {
            pending.lines.push(line);
            return;
        }
        this.pending = undefined;
        pending.resolve(pending.lines);
    }
    fail(error) {
        const pending = this.pending;
        this.pending = undefined;
        pending?.reject(error);
    }
}

;// CONCATENATED MODULE: ./src/backup/snapshot.ts
/**
 * What the restore drill compares: every user table's exact row count and the revision in each
 * `alembic_version` table, read by ONE query that returns names and numbers only, never a row
 * of data. Tables that belong to an extension are left out: pg_dump does not dump them as data.
 */
// query_to_xml runs a count per table inside one statement, so one round trip reads them all.
const TABLES = `
WITH t AS (
  SELECT n.nspname AS s, c.relname AS r
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.objid = c.oid AND d.deptype = 'e')
)`;
const SNAPSHOT_SQL = `${TABLES}
SELECT 'count', format('%I.%I', s, r), (xpath('/row/c/text()', query_to_xml(
  format('SELECT count(*) AS c FROM %I.%I', s, r), false, true, '')))[1]::text FROM t
UNION ALL
SELECT 'revision', format('%I.%I', s, r), (xpath('/row/v/text()', query_to_xml(
  format('SELECT string_agg(version_num::text, %L ORDER BY version_num) AS v FROM %I.%I',
    ',', s, r), false, true, '')))[1]::text FROM t WHERE r = 'alembic_version'
ORDER BY 1, 2`;
/** psql flags that print the query's rows as `kind<TAB>table<TAB>value` lines. */
const SNAPSHOT_PSQL_ARGS = ['-X', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1'];
function parseSnapshot(output) {
    const snapshot = { counts: new Map(), revisions: new Map() };
    for (const line of output.split('\n')) {
        if (!line.trim())
            continue;
        const [kind, table, value = ''] = line.split('\t');
        if (kind === 'count' && table)
            snapshot.counts.set(table, Number(value));
        else if (kind === 'revision' && table)
            snapshot.revisions.set(table, value || null);
        else
            throw new Error(`unexpected line in the table counts: ${line.slice(0, 80)}`);
    }
    return snapshot;
}
/** What the restore lacks compared with the source; empty when the restore is faithful. */
function compareSnapshots(source, restored) {
    const found = [];
    for (const [table, count] of source.counts) {
        const got = restored.counts.get(table);
        if (got === undefined)
            found.push({ table, message: `${table} is missing from the restore (${rows(count)})` });
        else if (got !== count)
            found.push({
                table,
                message: `${table} has ${rows(got)} in the restore, ${count} in the source`,
            });
    }
    for (const [table, revision] of source.revisions) {
        const got = restored.revisions.get(table);
        if (restored.counts.has(table) && got !== revision) {
            found.push({
                table,
                message: `${table} holds revision ${got ?? '(none)'} in the restore, ` +
                    `${revision ?? '(none)'} in the source`,
            });
        }
    }
    return found;
}
function rows(count) {
    return `${count} row${count === 1 ? '' : 's'}`;
}
/** `3 tables, 2,003 rows, alembic revision 0001_core_tables`, for the log and the summary. */
function describeSnapshot(snapshot) {
    const total = [...snapshot.counts.values()].reduce((a, b) => a + b, 0);
    const revisions = [...snapshot.revisions.values()].map((r) => r ?? '(none)');
    return (`${snapshot.counts.size} table${snapshot.counts.size === 1 ? '' : 's'}, ` +
        `${total.toLocaleString('en-US')} rows` +
        (revisions.length ? `, alembic revision ${revisions.join(' / ')}` : ', no alembic_version'));
}

;// CONCATENATED MODULE: ./src/backup/dump.ts
/**
 * `pg_dump --format=custom` from a container of the server's major version, written straight
 * into the backup folder through a bind mount (no copy through memory, whatever the size), as
 * the runner's user so the workflow can upload and delete the file.
 */






function dumpDockerArgs(file) {
    const user = typeof process.getuid === 'function'
        ? ['--user', `${process.getuid()}:${process.getgid()}`]
        : [];
    return ['-v', `${external_node_path_default().dirname(file)}:/backup`, ...user];
}
/** Writes the dump; with `counts`, pg_dump runs inside a session's exported snapshot. */
async function dumpDatabase(exec, db, options) {
    if (!options.counts)
        return { bytes: await pgDump(exec, db, options) };
    const { session, snapshot } = await SourceSession.open(db, options.runId, options.image);
    try {
        const bytes = await pgDump(exec, db, options, [`--snapshot=${snapshot}`]);
        const source = parseSnapshot((await session.query(`${SNAPSHOT_SQL};`)).join('\n'));
        return { bytes, source };
    }
    finally {
        await session.close();
    }
}
async function pgDump(exec, db, options, extra = []) {
    await runClient(exec, db, {
        runId: options.runId,
        role: 'dump',
        image: options.image,
        tool: 'pg_dump',
        args: [
            '--format=custom',
            '--no-password',
            ...extra,
            `--file=/backup/${external_node_path_default().basename(options.file)}`,
        ],
        docker: dumpDockerArgs(options.file),
        timeoutMs: options.timeoutMs,
    });
    const size = (0,external_node_fs_.statSync)(options.file, { throwIfNoEntry: false })?.size ?? 0;
    if (size === 0)
        throw new errors/* UserError */.yo(`pg_dump of ${db.display} wrote no data to ${options.file}.`);
    return size;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/backup/restore.ts
/**
 * The restore drill's database: a throwaway `postgres:<major>` container with no network at all
 * (`--network none`: nothing reaches it, it reaches nothing), the dump mounted read-only,
 * pg_restore and the counting psql run inside it over its local socket. The caller removes it
 * by label, whatever happens (containers.ts).
 */







const DB = ['-U', 'postgres', '-d', 'restore'];
async function restoreDrill(exec, options) {
    const now = options.now ?? Date.now;
    const deadline = now() + options.timeoutMs;
    const name = containerName(options.runId, 'restore');
    // A password nobody needs (the drill uses the local socket), so that the image initialises.
    const env = { ...process.env, POSTGRES_PASSWORD: (0,external_node_crypto_.randomBytes)(12).toString('hex') };
    const run = [
        'run',
        '-d',
        '--name',
        name,
        ...labelArgs(options.runId),
        '--network',
        'none',
        '-e',
        'POSTGRES_PASSWORD',
        '-e',
        'POSTGRES_DB=restore',
        '-v',
        `${external_node_path_default().dirname(options.file)}:/backup:ro`,
        options.image,
    ];
    await exec('docker', run, { env });
    await waitReady(exec, name, deadline, options);
    const errors = await restore(exec, name, external_node_path_default().basename(options.file), deadline - now());
    const { stdout } = await exec('docker', [
        'exec',
        name,
        'psql',
        ...DB,
        ...SNAPSHOT_PSQL_ARGS,
        '-c',
        SNAPSHOT_SQL,
    ]);
    return { snapshot: parseSnapshot(stdout), errors };
}
/** Ready means the final server on TCP: the image's set-up server listens on the socket only. */
async function waitReady(exec, name, deadline, options) {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? time/* sleep */.y;
    for (;;) {
        try {
            await exec('docker', ['exec', name, 'pg_isready', '-q', '-h', '127.0.0.1', '-U', 'postgres']);
            return;
        }
        catch {
            const state = await exec('docker', ['inspect', '--format', '{{.State.Running}}', name]);
            if (state.stdout.trim() !== 'true') {
                const logs = await exec('docker', ['logs', '--tail', '10', name]).catch(() => undefined);
                throw new errors/* UserError */.yo(`The restore database (${name}) stopped before it was ready:\n` +
                    `${logs ? `${logs.stdout}${logs.stderr}`.trim() : '(no logs)'}`);
            }
        }
        if (now() >= deadline) {
            throw new errors/* UserError */.yo(`The restore database (${name}) was not ready within restore-timeout.`);
        }
        await sleep(500);
    }
}
/** Runs pg_restore; its failure is not thrown: the counts say what it cost, the lines why. */
async function restore(exec, name, file, timeoutMs) {
    const args = [
        'exec',
        name,
        'pg_restore',
        '--no-owner',
        '--no-privileges',
        ...DB,
        `/backup/${file}`,
    ];
    try {
        await exec('docker', args, { timeoutMs: Math.max(1000, timeoutMs) });
        return [];
    }
    catch (error) {
        if (!(error instanceof docker_exec/* CommandError */.Qd))
            throw error;
        if (error.exitCode === null)
            throw new errors/* UserError */.yo(`pg_restore ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}`);
        const lines = restoreErrors(error.stderr);
        return lines.length ? lines : [`pg_restore exited with code ${error.exitCode}`];
    }
}
/**
 * pg_restore's `error:` lines. A failed COPY is cut to the table it names: the server's reason
 * (a duplicate key, bad input) can quote a value, and DETAIL lines are never kept.
 */
function restoreErrors(stderr, max = 5) {
    return stderr
        .split('\n')
        .filter((l) => l.startsWith('pg_restore: error: '))
        .map((l) => l.slice('pg_restore: error: '.length))
        .map((l) => (/^COPY failed for table/.test(l) ? l.replace(/:\s*ERROR:.*$/, '') : l))
        .map((l) => (l.length > 200 ? `${l.slice(0, 200)}...` : l))
        .slice(0, max);
}

// EXTERNAL MODULE: ./src/backup/railway-url.ts
var railway_url = __webpack_require__(3218);
;// CONCATENATED MODULE: ./src/commands/backup.ts
/**
 * `command: backup`: a portable `pg_dump --format=custom` of the database, made with the
 * server's own major version, and with `verify-restore` a restore drill that proves the file
 * restores: every table's row count and the alembic revision must match the source. Fails
 * late: `backup-file`, `verified` and the summary are written first. Every container of the
 * run carries one label; they are removed at the end, and by the post phase after a kill.
 */










class RestoreDrillError extends errors/* UserError */.yo {
    name = 'RestoreDrillError';
}
async function runBackup(inputs, deps) {
    let db;
    try {
        db = await databaseUrl(inputs, deps);
    }
    catch (error) {
        // Run by default in the deploy workflow: a stack with no database has nothing to dump.
        if (!(error instanceof railway_url.NoDatabaseError))
            throw error;
        deps.reporter.warn(`Nothing to back up: ${error.message}`);
        return undefined;
    }
    const runId = backupRunId(deps.now?.(), deps.random);
    deps.onIdentity?.({ runId });
    try {
        return await backup(inputs, deps, db, runId);
    }
    finally {
        await cleanUp({ runId }, deps);
    }
}
async function databaseUrl(inputs, deps) {
    const found = inputs.databaseUrl
        ? { url: inputs.databaseUrl, origin: 'Input "database-url"' }
        : await resolveOrRefuse(deps);
    deps.mask(found.url);
    const db = parseDatabaseUrl(found.url, found.origin);
    db.secrets.filter((secret) => secret !== found.url).forEach((secret) => deps.mask(secret));
    return db;
}
async function resolveOrRefuse(deps) {
    if (!deps.resolveDatabaseUrl) {
        throw new errors/* UserError */.yo('Input "database-url": expected the URL of the database to back up, ' +
            'got nothing (and no Railway database to read DATABASE_PUBLIC_URL from).');
    }
    return deps.resolveDatabaseUrl();
}
async function backup(inputs, deps, db, runId) {
    const { exec, reporter } = deps;
    const dumped = await reporter.group(`Back up ${db.display}`, async () => {
        const probe = deps.probeImage ?? (await probeImage(exec));
        const major = await serverMajor(exec, db, runId, probe);
        const image = `postgres:${major}`;
        await ensureImage(exec, image, `of the server's major version (${major}) to run pg_dump`);
        const file = dumpPath(deps.workDir, db, inputs.sha, (deps.now ?? Date.now)());
        const counts = inputs.verifyRestore;
        const { bytes, source } = await dumpDatabase(exec, db, { runId, image, file, counts });
        reporter.setOutput('backup-file', file);
        reporter.info(`pg_dump ${major} wrote ${file} (${bytes.toLocaleString('en-US')} bytes)`);
        return { file, bytes, major, image, source };
    });
    if (!inputs.verifyRestore) {
        await reporter.summary(summary(db, dumped, undefined));
        return { ...dumped, verified: false };
    }
    const drill = await reporter
        .group('Restore drill', () => verify(exec, runId, dumped, inputs.restoreTimeoutMs, deps))
        .catch(async (error) => {
        // Fail late: the step's outputs and summary say the drill did not pass, then it fails.
        reporter.setOutput('restore-verified', 'false');
        await reporter.summary(summary(db, dumped, {
            source: dumped.source,
            problems: [`the drill could not finish (${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]})`],
        }));
        throw error;
    });
    reporter.setOutput('restore-verified', String(drill.problems.length === 0));
    await reporter.summary(summary(db, dumped, drill));
    if (drill.problems.length > 0) {
        throw new RestoreDrillError(`The restore drill of ${external_node_path_default().basename(dumped.file)} failed: ` +
            `${drill.problems.join('; ')}.`);
    }
    return { ...dumped, source: drill.source, verified: true };
}
async function verify(exec, runId, dumped, timeoutMs, deps) {
    const source = dumped.source;
    deps.reporter.info(`source: ${describeSnapshot(source)}`);
    const restored = await restoreDrill(exec, {
        runId,
        image: dumped.image,
        file: dumped.file,
        timeoutMs,
        now: deps.now,
        sleep: deps.sleep,
    });
    deps.reporter.info(`restore: ${describeSnapshot(restored.snapshot)}`);
    const problems = compareSnapshots(source, restored.snapshot).map((m) => m.message);
    if (restored.errors.length > 0)
        problems.push(`pg_restore reported: ${restored.errors.join(' / ')}`);
    return { source, problems };
}
/** `<db>-<sha7>-<utc stamp>.dump`, in a folder of its own (the drill mounts that folder). */
function dumpPath(workDir, db, sha, now) {
    const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, 'Z');
    const name = db.database.replace(/[^A-Za-z0-9_.-]/g, '_');
    const dir = external_node_path_default().join(workDir, 'backups');
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    return external_node_path_default().join(dir, `${name}-${sha.slice(0, 7)}-${stamp}.dump`);
}
function summary(db, dumped, drill) {
    const verdict = !drill
        ? 'not verified (verify-restore is off)'
        : drill.problems.length === 0
            ? `restored and verified: ${describeSnapshot(drill.source)}`
            : `**restore drill failed**: ${drill.problems.join('; ')}`;
    return [
        '### Database backup',
        '',
        `\`${db.display}\`, PostgreSQL ${dumped.major}: \`${external_node_path_default().basename(dumped.file)}\` ` +
            `(${dumped.bytes.toLocaleString('en-US')} bytes), ${verdict}.`,
        '',
    ].join('\n');
}
/** Removes every container of the run: the main phase's last step, and the post phase's. */
async function cleanUp(identity, deps) {
    const log = (m) => deps.reporter.debug(m);
    const left = await removeContainers(deps.exec, identity.runId, {
        log,
        settleMs: deps.settleMs,
    }).catch((error) => {
        log(`backup cleanup: ${String(error)}`);
        return ['(unknown)'];
    });
    if (left.length === 0)
        return;
    deps.reporter.warn(`Could not remove ${left.length} backup container(s); remove them with: ` +
        `docker rm -f -v $(docker ps -aq --filter label=deploy-action.backup=${identity.runId})`);
}


/***/ }),

/***/ 1332:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HG: () => (/* binding */ pullIfMissing),
/* harmony export */   IX: () => (/* binding */ isLocal),
/* harmony export */   bj: () => (/* binding */ unavailableError),
/* harmony export */   s6: () => (/* binding */ chooseImages)
/* harmony export */ });
/* unused harmony export isDigest */
/* harmony import */ var _docker_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4801);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _records_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4845);



function chooseImages(services, images, tagOf) {
    return services
        .filter((s) => s.build)
        .map((s) => {
        const entry = (0,_records_js__WEBPACK_IMPORTED_MODULE_2__/* .own */ .Z)(images, s.name);
        if (entry === undefined)
            return { service: s.name, image: tagOf(s.name), source: 'tag' };
        const { image, digest, status } = entry;
        if (status === 'build-failed') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('images', `the build of ${s.name} failed, so it cannot be tested`);
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
    const said = error instanceof _docker_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .CommandError */ .Qd ? error.tail : (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error);
    const lines = said.split('\n').map((l) => l.trim());
    return lines.filter(Boolean).at(-1) ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error);
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
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(sentences.join('\n'));
}


/***/ })

};
