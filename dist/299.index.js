export const id = 299;
export const ids = [299];
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

/***/ 7299:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  defaultSizesDeps: () => (/* binding */ defaultSizesDeps),
  publishSizes: () => (/* binding */ publishSizes)
});

// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 340 modules
var cache = __webpack_require__(2641);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
// EXTERNAL MODULE: ./src/markdown.ts
var markdown = __webpack_require__(3758);
// EXTERNAL MODULE: ./src/records.ts
var records = __webpack_require__(4845);
// EXTERNAL MODULE: ./src/budget/report.ts
var report = __webpack_require__(7055);
;// CONCATENATED MODULE: ./src/budget/comment.ts
/**
 * The pull-request comment: each image against its budget and against the base branch, pure.
 * Rendering is separate from posting so the same body goes to the PR, the job summary and the
 * `comment-file` output for forks.
 */




const COMMENT_MARKER = '<!-- deploy-action:image-sizes -->';
/** GitHub refuses comment bodies over 65,536 characters. */
const COMMENT_LIMIT = 65_536;
function renderComment(input) {
    const rows = joinRows(input.current, input.baseline, input.inFile);
    const details = rows.filter((row) => needsDetails(row, input.growthThreshold)).map(layerDetails);
    const limit = input.limit ?? COMMENT_LIMIT;
    // Cut from the end, details first, then table rows, until the body fits GitHub's limit.
    for (let shownRows = rows.length, shownDetails = details.length;;) {
        const body = compose(input, rows, shownRows, details.slice(0, shownDetails));
        if (body.length <= limit || (shownRows === 0 && shownDetails === 0))
            return body;
        if (shownDetails > 0)
            shownDetails--;
        else
            shownRows--;
    }
}
function joinRows(current, baseline, inFile) {
    const rows = current.map((now) => ({
        service: now.service,
        now,
        base: (0,records/* own */.Z)(baseline?.images, now.service),
    }));
    for (const [service, base] of Object.entries(baseline?.images ?? {})) {
        if (current.some((c) => c.service === service))
            continue;
        rows.push({ service, base, skipped: inFile?.includes(service) ?? false });
    }
    return rows;
}
function compose(input, rows, shownRows, details) {
    const cut = rows.length - shownRows;
    const parts = [
        COMMENT_MARKER,
        '### 📦 Image sizes',
        baselineNote(input),
        [
            '| Service | Size | Budget | vs base | Status |',
            '|---|--:|--:|--:|---|',
            ...rows.slice(0, shownRows).map((row) => tableRow(row, input.baseline !== undefined)),
            totalRow(rows, input.baseline !== undefined),
        ].join('\n'),
        cut > 0
            ? `_${cut} more service(s) not shown: the comment would exceed GitHub's size limit._`
            : '',
        ...details,
        runLink(input.runUrl),
    ];
    return `${parts.filter(Boolean).join('\n\n')}\n`;
}
function runLink(runUrl) {
    const url = runUrl === undefined ? undefined : (0,markdown/* mdUrl */.T3)(runUrl);
    return url ? `[Build run](${url})` : '';
}
function baselineNote(input) {
    const ref = (0,markdown/* mdCode */.xs)(input.baseRef);
    if (!input.baseline) {
        return `No size baseline for ${ref} yet: sizes will be compared once a build on ${ref} has saved one.`;
    }
    return `Compared with ${ref} at ${(0,markdown/* mdText */.bC)(input.baseline.sha.slice(0, 7))}.`;
}
function tableRow(row, hasBaseline) {
    const { now, base, skipped } = row;
    const service = (0,markdown/* mdText */.bC)(row.service);
    const was = (0,units/* formatBytes */.z3)(base?.size ?? 0);
    if (!now && skipped)
        return `| ${service} | — | — | not built in this run (was ${was}) | ⏭️ |`;
    if (!now)
        return `| ${service} | — | — | removed (was ${was}) | 🗑️ removed |`;
    const size = now.size === undefined ? '—' : (0,units/* formatBytes */.z3)(now.size);
    const change = !hasBaseline ? '—' : base?.size === undefined ? 'new' : delta(now.size, base.size);
    return `| ${service} | ${size} | ${(0,units/* formatBytes */.z3)(now.budget)} | ${change} | ${comment_status(now)} |`;
}
function totalRow(allRows, hasBaseline) {
    const rows = allRows.filter((r) => !r.skipped);
    const sum = (pick) => rows.reduce((t, r) => t + (pick(r) ?? 0), 0);
    const now = sum((r) => r.now?.size);
    const change = hasBaseline
        ? delta(now, sum((r) => r.base?.size))
        : '—';
    return `| **Total** | **${(0,units/* formatBytes */.z3)(now)}** | | ${change} | |`;
}
function delta(now, base) {
    if (now === undefined)
        return '—';
    const diff = now - base;
    if (diff === 0)
        return '±0';
    const percent = base > 0 ? ` (${diff > 0 ? '+' : ''}${((diff / base) * 100).toFixed(1)}%)` : '';
    return `${diff > 0 ? '+' : ''}${(0,units/* formatBytes */.z3)(diff)}${percent}`;
}
function comment_status(verdict) {
    if (verdict.status === 'build-failed')
        return '💥 build failed';
    return verdict.status === 'over-budget' ? '❌ over budget' : '✅';
}
function needsDetails({ now, base }, threshold) {
    if (!now || now.topLayers.length === 0)
        return false;
    if (now.status === 'over-budget')
        return true;
    return (base?.size !== undefined && now.size !== undefined && now.size > base.size * (1 + threshold));
}
function layerDetails({ service, now }) {
    const lines = now.topLayers.map((layer) => `| ${(0,units/* formatBytes */.z3)(layer.size)} | ${(0,markdown/* mdCodeCell */.nn)((0,report/* shorten */.ml)(layer.instruction, 90))} |`);
    return [
        `<details><summary>${(0,markdown/* mdText */.bC)(service)}: largest layers</summary>`,
        '',
        '| Size | Instruction |',
        '|--:|---|',
        ...lines,
        '',
        '</details>',
    ].join('\n');
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/github/baseline.ts
/**
 * The base branch's size report, kept in the Actions cache: a push build saves its report under
 * `<prefix>-<compose file>-<branch>-<sha>`; a PR build restores the newest one of its base
 * branch by prefix. The file and branch are escaped so that no key is another's prefix: two
 * stacks of one repository, or `main` and `main-x`, never read each other's baseline.
 * The cache API is passed in (a fake in unit tests); an unreachable cache service is a warning.
 */



const KEY_PREFIX = 'deploy-action-sizes';
const FILE = 'size-report.json';
/** Hyphen-free, so `-` separates the parts of a key. */
const part = (text) => encodeURIComponent(text).replace(/-/g, '%2D');
const keyPrefix = (stack, branch) => `${KEY_PREFIX}-${part(stack)}-${part(branch)}-`;
const baselineKey = (stack, branch, sha) => `${keyPrefix(stack, branch)}${sha}`;
async function saveBaseline(store, report, branch) {
    if (!available(store))
        return false;
    await (0,promises_.mkdir)(store.dir, { recursive: true });
    await (0,promises_.writeFile)(external_node_path_default().join(store.dir, FILE), JSON.stringify(report));
    try {
        await store.cache.saveCache([store.dir], baselineKey(store.stack, branch, report.sha));
        return true;
    }
    catch (error) {
        store.warn(`Could not save the size baseline for ${branch}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return false;
    }
}
async function restoreBaseline(store, branch) {
    if (!available(store))
        return undefined;
    const prefix = keyPrefix(store.stack, branch);
    try {
        const hit = await store.cache.restoreCache([store.dir], prefix, [prefix]);
        if (!hit)
            return undefined;
        const report = JSON.parse(await (0,promises_.readFile)(external_node_path_default().join(store.dir, FILE), 'utf8'));
        return report.version === 1 ? report : undefined;
    }
    catch (error) {
        store.warn(`Could not restore the size baseline of ${branch}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return undefined;
    }
}
function available(store) {
    if (store.cache.isFeatureAvailable())
        return true;
    store.warn('The Actions cache service is not available here (a local run or GHES without cache): image sizes are not compared with the base branch.');
    return false;
}

// EXTERNAL MODULE: ./src/github/comment.ts
var comment = __webpack_require__(7318);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./src/github/octokit.ts
/**
 * Every GitHub call goes through one Octokit: @actions/github's (GITHUB_API_URL, proxy
 * settings) with Octokit's retry plugin (5xx and network errors, with backoff; never 4xx such
 * as a fork's 403) and throttling plugin (waits out primary and secondary rate limits, a few
 * times, then gives up so a comment never holds a build for long).
 */



const RATE_LIMIT_RETRIES = 2;
function createOctokit(token, options = {}) {
    const warn = options.warn ?? (() => undefined);
    const onLimit = (kind) => (retryAfter, request, _o, count) => {
        if (count >= RATE_LIMIT_RETRIES)
            return false;
        warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}: retrying in ${retryAfter}s`);
        return true;
    };
    const base = options.retryAfterBaseValue
        ? { retryAfterBaseValue: options.retryAfterBaseValue }
        : {};
    return (0,github/* getOctokit */.Q)(token, {
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        retry: { retries: 3, ...base },
        throttle: {
            enabled: options.throttle ?? true,
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
            ...base,
        },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}

;// CONCATENATED MODULE: ./src/github/sizes.ts
/**
 * After a build: keep the size baseline of a branch, and on pull requests keep the one size
 * comment up to date. A comment that cannot be posted never fails the build: a fork's read-only
 * token gets a warning, and the body goes to the job summary and the `comment-file` output.
 */









function defaultSizesDeps(reporter, workDir) {
    return {
        reporter,
        context: github/* context */._,
        octokit: (token) => createOctokit(token, { warn: (message) => reporter.warn(message) }),
        cache: cache,
        workDir,
    };
}
async function publishSizes(outcome, inputs, deps) {
    const { context, reporter } = deps;
    const store = {
        cache: deps.cache,
        dir: external_node_path_default().join(deps.workDir, 'baseline'),
        stack: outcome.stack.file,
        warn: (message) => reporter.warn(message),
    };
    const branch = context.eventName === 'push' ? branchOf(context.ref) : undefined;
    // A step given a `services` list (a build leg of a fanned-out stack) never saves one: the
    // collect step does, from the legs together.
    const whole = (inputs.services ?? []).length === 0;
    if (branch && whole && isCompleteReport(outcome)) {
        await saveBaseline(store, outcome.report, branch);
    }
    const pr = pullRequestOf(context);
    const wanted = inputs.comment === 'always' || (inputs.comment === 'auto' && pr !== undefined);
    if (!wanted || outcome.verdicts.length === 0)
        return;
    const baseRef = pr?.baseRef ?? defaultBranch(context);
    const marker = (0,comment/* sizeMarker */.wI)(outcome.stack.file);
    const rendered = renderComment({
        inFile: outcome.stack.services.map((s) => s.name),
        current: outcome.verdicts,
        baseline: await restoreBaseline(store, baseRef),
        baseRef,
        growthThreshold: inputs.growthThreshold,
        runUrl: runUrl(context),
    });
    const body = (0,comment/* markBody */.SS)(rendered, marker);
    const file = external_node_path_default().join(deps.workDir, 'size-comment.md');
    await (0,promises_.writeFile)(file, body);
    reporter.setOutput('comment-file', file);
    if (!pr) {
        reporter.warn('comment: always, but this run is not for a pull request: the comment body is in the comment-file output.');
        return;
    }
    await post(deps, inputs.githubToken, pr.ref, marker, body);
}
async function post(deps, token, pr, marker, body) {
    const { reporter } = deps;
    try {
        const posted = await (0,comment/* upsertComment */.lB)(deps.octokit(token), pr, marker, body);
        reporter.info(`Size comment ${posted.action}: ${posted.url}`);
    }
    catch (error) {
        const status = (0,comment/* httpStatus */.nG)(error);
        const where = `${pr.owner}/${pr.repo}#${pr.number}`;
        if (status === 403) {
            reporter.warn(`Cannot comment on ${where} (403: ${(0,errors/* errorMessage */.gJ)(error)}); a pull request from a fork gets a read-only token. The comment is in the job summary and the comment-file output, for a workflow_run workflow to post.`);
            await reporter.summary(body);
        }
        else if (status === 404) {
            reporter.error(`Pull request ${where} was not found (404): check that github-token can read ${pr.owner}/${pr.repo}. The size comment was not posted.`);
        }
        else {
            reporter.warn(`Could not post the size comment on ${where}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
}
/**
 * Only a build of every image, each measured, is a baseline: a failed build or a `services`
 * subset would make the next comment call images "new" or "removed" that are neither.
 */
function isCompleteReport(outcome) {
    const built = outcome.stack.services.filter((s) => s.build).length;
    return outcome.verdicts.length === built && outcome.verdicts.every((v) => v.size !== undefined);
}
function defaultBranch(context) {
    const repository = context.payload.repository;
    return repository?.default_branch ?? 'main';
}
function branchOf(ref) {
    return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}
function pullRequestOf(context) {
    const pr = context.payload.pull_request;
    if (!pr?.number)
        return undefined;
    return {
        ref: { ...context.repo, number: pr.number },
        baseRef: pr.base?.ref ?? defaultBranch(context),
    };
}
function runUrl(context) {
    if (!context.runId)
        return undefined;
    return `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}/actions/runs/${context.runId}`;
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
