export const id = 655;
export const ids = [655,884];
export const modules = {

/***/ 6884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PREVIEW_MARKER: () => (/* binding */ PREVIEW_MARKER),
  runPreview: () => (/* binding */ runPreview),
  runPreviewDown: () => (/* binding */ runPreviewDown)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/railway/client.ts + 1 modules
var client = __webpack_require__(3718);
;// CONCATENATED MODULE: ./src/railway/preview.ts
/**
 * Pull-request preview environments on Railway: an ephemeral copy of a source environment
 * (`environmentCreate` with `sourceEnvironmentId`, `ephemeral`, `skipInitialDeploys`; docs
 * `integrations/api/manage-environments.md`), found again by name on the next push, deleted
 * when the pull request closes. A create answered by a gateway timeout may still have
 * happened (shared/railway/README.md, "Environments"): it is looked up by name, never sent
 * twice. Every mutation here is checked to target the preview, never its source or the
 * stack's own environment.
 */



const LOOK = { everyMs: 5000, forMs: 60_000 };
/** Finds the preview, or creates it from its source; a lost create is found, not resent. */
async function ensurePreview(api, clock, target, log) {
    const project = await api.project(target.projectId);
    const source = byNameOrId(project, target.from);
    if (!source) {
        throw new errors/* UserError */.yo(`Input "preview-from": Railway project "${project.name}" has no environment ` +
            `"${target.from}" to copy; expected one of ${names(project)}.`);
    }
    guard(target, target.name, source.id, project);
    const existing = project.environments.find((e) => e.name === target.name);
    if (existing) {
        log(`Preview environment "${target.name}" exists (${existing.id}); deploying into it`);
        return {
            environmentId: existing.id,
            name: existing.name,
            created: false,
            sourceEnvironmentId: source.id,
        };
    }
    log(`Creating preview environment "${target.name}" as a copy of "${source.name}"`);
    try {
        const made = await api.createEnvironment({
            projectId: target.projectId,
            name: target.name,
            sourceEnvironmentId: source.id,
        });
        return {
            environmentId: made.id,
            name: made.name,
            created: true,
            sourceEnvironmentId: source.id,
        };
    }
    catch (error) {
        if (!(error instanceof client/* RailwayAnswerLostError */.Q0) && !(error instanceof client/* RailwayUnavailableError */.M5))
            throw error;
        log(`Railway's answer to the create was lost (${(0,errors/* errorMessage */.gJ)(error)}); looking for it by name`);
        const found = await lookFor(api, clock, target);
        if (found)
            return { ...found, created: true, sourceEnvironmentId: source.id };
        throw new errors/* UserError */.yo(`Railway did not confirm the preview environment "${target.name}" and it has not appeared ` +
            `within ${LOOK.forMs / 1000} s; run the workflow again (it is found by name, never made twice).`);
    }
}
async function lookFor(api, clock, target) {
    const until = clock.now() + LOOK.forMs;
    for (;;) {
        const project = await api.project(target.projectId).catch(() => undefined);
        const env = project?.environments.find((e) => e.name === target.name);
        if (env)
            return { environmentId: env.id, name: env.name };
        if (clock.now() >= until)
            return undefined;
        await clock.sleep(LOOK.everyMs);
    }
}
/** Never the source, never the stack's own environment, always a name the preview owns. */
function guard(target, name, sourceId, project) {
    const env = project.environments.find((e) => e.name === name);
    const forbidden = target.protectedNames.some((p) => p === name || p === env?.id);
    if (forbidden || env?.id === sourceId || name === target.from) {
        throw new errors/* UserError */.yo(`Input "preview-name": "${name}" is the source or the stack's own environment; a preview ` +
            'must have a name of its own (default pr-<number>).');
    }
}
/** A Railway domain for each public service that has none in the preview. */
async function ensureDomains(api, previewId, services, log) {
    for (const s of services.filter((x) => x.domains.length === 0)) {
        const domain = await api.createDomain(s.serviceId, previewId);
        log(`${s.service}: made Railway domain ${domain} in the preview`);
    }
}
/** Deletes the preview by name; returns what happened. Checked like every preview mutation. */
async function deletePreview(api, target) {
    const project = await api.project(target.projectId);
    const source = byNameOrId(project, target.from);
    guard(target, target.name, source?.id ?? '', project);
    const env = project.environments.find((e) => e.name === target.name);
    if (!env)
        return 'absent';
    await api.deleteEnvironment(env.id);
    return 'deleted';
}
/** `pr-<n>` environments (per the preview-name pattern) and their pull request numbers. */
function previewsOf(project, pattern) {
    return project.environments
        .map((e) => ({ env: e, number: Number(pattern.exec(e.name)?.[1]) }))
        .filter((x) => Number.isInteger(x.number) && x.number > 0);
}
function byNameOrId(project, wanted) {
    return project.environments.find((e) => e.id === wanted || e.name === wanted);
}
function names(project) {
    return project.environments.map((e) => `"${e.name}"`).join(', ') || 'none';
}

// EXTERNAL MODULE: ./src/railway/wait.ts
var wait = __webpack_require__(6354);
// EXTERNAL MODULE: ./src/commands/deploy.ts + 7 modules
var deploy = __webpack_require__(3231);
;// CONCATENATED MODULE: ./src/commands/preview.ts
/**
 * `command: preview` (pull_request opened, synchronize, reopened): the pull request's own
 * Railway environment, made or reused, deployed with the same engine as production (order,
 * gates, preflight, checks, rollback inside the preview), with a sticky comment of its URLs.
 * `command: preview-down` (closed, or `sweep` on a schedule) deletes it. Production and the
 * source environment are never touched.
 */




const PREVIEW_MARKER = '<!-- deploy-action:preview -->';
const SWEPT = /^pr-(\d+)$/;
async function runPreview(inputs, deps) {
    const { reporter } = deps;
    const name = previewName(inputs, deps);
    const found = await (0,deploy/* deployTargets */.sh)(inputs, deps);
    if (!found)
        return undefined;
    const { api } = refuseProjectToken(found, inputs);
    const target = previewTarget(found, inputs, name);
    const clock = deps.clock ?? wait/* realClock */.dQ;
    const preview = await reporter.group('Preview environment', async () => {
        const env = await ensurePreview(api, clock, target, reporter.info);
        await publicDomains(api, found, target.projectId, env.environmentId, reporter);
        return env;
    });
    const where = {
        ...found.where,
        environment: preview.environmentId,
        environmentFrom: `preview environment "${name}"`,
    };
    let state;
    let failure;
    try {
        state = await (0,deploy/* deployTo */.fw)(inputs, deps, { ...found, where }, { preview });
    }
    catch (error) {
        failure = error;
    }
    // Fail late: the output and the comment tell the state first.
    const summary = previewSummary(name, preview.environmentId, state, failure);
    reporter.setOutput('preview', JSON.stringify(summary.output));
    await postComment(deps, summary.comment);
    if (failure)
        throw failure;
    return state;
}
async function runPreviewDown(inputs, deps) {
    const { reporter } = deps;
    const found = await (0,deploy/* deployTargets */.sh)({ ...inputs, images: undefined, dryRun: true }, deps);
    if (!found)
        return;
    const { api } = refuseProjectToken(found, inputs);
    if (inputs.sweep)
        return sweep(api, found, inputs, deps);
    const name = previewName(inputs, deps);
    const result = await deletePreview(api, previewTarget(found, inputs, name));
    reporter.info(result === 'deleted'
        ? `Deleted the preview environment "${name}".`
        : `The preview environment "${name}" does not exist (already deleted).`);
    reporter.setOutput('preview', JSON.stringify({ name, status: result }));
    await postComment(deps, `${PREVIEW_MARKER}\n### Preview \`${name}\`\n\nThe pull request is closed: the preview ` +
        `environment was ${result === 'deleted' ? 'deleted' : 'already gone'}.`);
}
/** Every `pr-<n>` preview whose pull request is closed goes. */
async function sweep(api, found, inputs, deps) {
    if (!deps.isClosed)
        throw new errors/* UserError */.yo('sweep: true needs a github-token to ask which pull requests are closed.');
    const projectId = projectOf(found);
    const project = await api.project(projectId);
    const deleted = [];
    for (const { env, number } of previewsOf(project, SWEPT)) {
        if (!(await deps.isClosed(number)))
            continue;
        const result = await deletePreview(api, previewTarget(found, inputs, env.name));
        if (result === 'deleted')
            deleted.push(env.name);
    }
    deps.reporter.info(deleted.length
        ? `Deleted ${deleted.join(', ')}.`
        : 'No preview of a closed pull request is left.');
    deps.reporter.setOutput('preview', JSON.stringify({ deleted }));
}
function previewName(inputs, deps) {
    if (inputs.previewName)
        return inputs.previewName;
    if (deps.pr)
        return `pr-${deps.pr}`;
    throw new errors/* UserError */.yo('Input "preview-name": expected a name, or a pull_request event to name the preview pr-<number>; got neither.');
}
/** A project token is scoped to one environment: it cannot make or delete one. */
function refuseProjectToken(found, inputs) {
    if (found.connection.scope || inputs.railway.tokenType === 'project') {
        throw new errors/* UserError */.yo('Previews need an account or workspace token (a project token is scoped to one ' +
            'environment and cannot create or delete one): create one in Railway under Account ' +
            'Settings > Tokens (or a workspace token) and pass it as railway-token.');
    }
    return found.connection;
}
function projectOf(found) {
    const id = found.where.project;
    if (!id)
        throw new errors/* UserError */.yo('No Railway project: set x-deploy.railway.project or the railway-project input.');
    return id;
}
function previewTarget(found, inputs, name) {
    const own = found.where.environment;
    return {
        projectId: projectOf(found),
        name,
        from: inputs.previewFrom,
        protectedNames: [inputs.previewFrom, ...(own ? [own] : [])],
    };
}
/** A Railway domain for each service marked `x-deploy.railway.public` that has none. */
async function publicDomains(api, found, projectId, envId, reporter) {
    const wanted = found.list.filter((t) => t.settings.public);
    if (wanted.length === 0)
        return;
    const project = await api.project(projectId);
    const ids = wanted.map((t) => {
        const s = project.services.find((x) => x.id === t.settings.service || x.name === t.settings.service);
        if (!s)
            throw new errors/* UserError */.yo(`${t.file}: services.${t.service}.x-deploy.railway.service: no Railway service "${t.settings.service}".`);
        return { service: t.service, serviceId: s.id };
    });
    const snapshot = await api.snapshot(projectId, envId, ids.map((i) => i.serviceId));
    const services = ids.map((i) => ({
        ...i,
        domains: snapshot.get(i.serviceId)?.instance.domains ?? [],
    }));
    await ensureDomains(api, envId, services, reporter.info);
}
async function postComment(deps, body) {
    if (!deps.comment)
        return;
    try {
        await deps.comment(body);
    }
    catch (error) {
        deps.reporter.warn(`Could not post the preview comment: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
const cell = (text) => text.replace(/[|\\`<>]/g, (c) => `\\${c}`).replace(/\n/g, ' ');
function previewSummary(name, environmentId, state, failure) {
    const services = Object.fromEntries((state?.services ?? []).map((s) => {
        const url = s.check ? new URL(s.check.url).origin : null;
        const checked = state?.resources.verified?.[s.service];
        return [s.service, { url, status: checked ? (checked.ok ? 'ok' : 'failed') : s.step }];
    }));
    const rows = Object.entries(services).map(([service, v]) => `| ${cell(service)} | ${v.url ? `<${v.url}>` : '—'} | ${cell(v.status)} |`);
    const status = failure
        ? 'failed'
        : state?.phase === 'succeeded'
            ? 'deployed'
            : (state?.phase ?? 'not deployed');
    const why = failure ? `\n\n**${cell((0,errors/* errorMessage */.gJ)(failure)).slice(0, 600)}**` : '';
    const comment = [
        PREVIEW_MARKER,
        `### Preview \`${cell(name)}\`: ${status}`,
        '',
        '| Service | URL | State |',
        '|---|---|---|',
        ...rows,
    ].join('\n') + why;
    return { output: { environmentId, name, status, services }, comment };
}


/***/ }),

/***/ 7318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SS: () => (/* binding */ markBody),
/* harmony export */   lB: () => (/* binding */ upsertComment),
/* harmony export */   nG: () => (/* binding */ httpStatus),
/* harmony export */   wI: () => (/* binding */ sizeMarker)
/* harmony export */ });
/* unused harmony exports findComment, sameContent */
const MARKER_HEAD = '<!-- deploy-action:image-sizes';
/**
 * The hidden first line of the size comment of one compose file. `--` may not appear inside
 * an HTML comment, so a file name's double hyphens are escaped.
 */
function sizeMarker(composeFile) {
    const name = composeFile.replace(/\s+/g, ' ').replace(/-(?=-)/g, '%2D');
    return `${MARKER_HEAD} file=${name} -->`;
}
/** The rendered body with its generic marker line replaced by the one naming the file. */
function markBody(body, marker) {
    const newline = body.indexOf('\n');
    const first = newline === -1 ? body : body.slice(0, newline);
    if (!first.startsWith(MARKER_HEAD))
        return `${marker}\n${body}`;
    return newline === -1 ? marker : `${marker}${body.slice(newline)}`;
}
async function upsertComment(octokit, pr, marker, body) {
    const author = await viewerLogin(octokit);
    const existing = await findComment(octokit, pr, marker, author);
    if (existing && sameContent(existing.body ?? '', body)) {
        return { action: 'unchanged', id: existing.id, url: existing.html_url ?? '' };
    }
    if (existing) {
        const { data } = await octokit.rest.issues.updateComment({
            owner: pr.owner,
            repo: pr.repo,
            comment_id: existing.id,
            body,
        });
        return { action: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        body,
    });
    return { action: 'created', id: data.id, url: data.html_url };
}
async function findComment(octokit, pr, marker, author) {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.number,
        per_page: 100,
    });
    for await (const { data } of pages) {
        const found = data.find((c) => firstLine(c.body) === marker && isOwn(c, author));
        if (found)
            return found;
    }
    return undefined;
}
/**
 * Equal but for the link to the run that measured them: a new run of the same sizes (a push that
 * changed no image) edits nothing and notifies no one; the link keeps naming a run that did.
 */
function sameContent(old, body) {
    const runLink = /^\[Build run\]\([^)\s]*\/actions\/runs\/\d+[^)\s]*\)$/gm;
    return old.replace(runLink, '') === body.replace(runLink, '');
}
/** The marker is the body's first line: a reply quoting it further down is not ours. */
function firstLine(body) {
    return (body ?? '').split('\n', 1)[0].trim();
}
// Only our own comments: someone quoting the marker in a reply must not get their comment edited.
function isOwn(comment, author) {
    if (!comment.user)
        return false;
    if (!author)
        return comment.user.type === 'Bot';
    const bare = (login) => login.replace(/\[bot\]$/, '');
    return bare(comment.user.login) === bare(author);
}
/**
 * The login behind the token, from GraphQL `viewer`, which answers installation tokens
 * (GITHUB_TOKEN: `github-actions[bot]`) where REST GET /user answers 403. Only if that fails
 * do we fall back to "any bot".
 */
async function viewerLogin(octokit) {
    try {
        const data = await octokit.graphql('query { viewer { login } }');
        return data.viewer.login || undefined;
    }
    catch {
        return undefined;
    }
}
/** The HTTP status of an Octokit error, if it has one. */
function httpStatus(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}


/***/ }),

/***/ 1655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   previewGithub: () => (/* binding */ previewGithub)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1758);
/* harmony import */ var _commands_preview_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6884);
/* harmony import */ var _comment_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7318);
/**
 * GitHub's side of a preview: the pull request of the event, its sticky preview comment
 * (its own marker, so it never touches the size comment), and whether a pull request is
 * closed (for a sweep). Octokit is made here, at the edge.
 */



function previewGithub(token) {
    const { /* context */ "_": context } = _actions_github__WEBPACK_IMPORTED_MODULE_0__;
    const pr = context.payload.pull_request?.number;
    const { owner, repo } = context.repo;
    if (!token)
        return { pr };
    const octokit = _actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q(token);
    return {
        pr,
        comment: pr
            ? async (body) => void (await (0,_comment_js__WEBPACK_IMPORTED_MODULE_2__/* .upsertComment */ .lB)(octokit, { owner, repo, number: pr }, _commands_preview_js__WEBPACK_IMPORTED_MODULE_1__.PREVIEW_MARKER, body))
            : undefined,
        isClosed: async (number) => {
            const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
            return data.state === 'closed';
        },
    };
}


/***/ })

};
