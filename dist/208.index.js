export const id = 208;
export const ids = [208];
export const modules = {

/***/ 208:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runCollect: () => (/* binding */ runCollect)
/* harmony export */ });
/* unused harmony export mergeReports */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _budget_report_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7055);
/* harmony import */ var _config_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8261);
/* harmony import */ var _config_order_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3010);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3916);
/* harmony import */ var _images_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4525);
/* harmony import */ var _build_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7320);
/**
 * `command: collect`: the build legs of a fanned-out stack as one build. Reads every leg's
 * size report (their artifacts, downloaded into one folder), merges the images and the
 * verdicts in the stack's dependency order, then publishes exactly what a one-job build
 * publishes: the `images`, `over-budget` and `report` outputs, the summary table, the one size
 * comment and, from a complete set only, the baseline. Fails late, like build.
 */








const REPORT_FILE = 'size-report.json';
async function runCollect(inputs, deps) {
    if (!inputs.reports) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo('Input "reports": expected the folder the build legs\' size reports were downloaded to.');
    }
    const stack = (0,_config_load_js__WEBPACK_IMPORTED_MODULE_3__/* .loadStack */ .fg)(inputs.composeFile, { budget: inputs.budget });
    const expected = (0,_config_order_js__WEBPACK_IMPORTED_MODULE_4__/* .selectServices */ .Z)(stack.file, stack.services, inputs.services)
        .filter((s) => s.build)
        .map((s) => s.name);
    const reports = await readReports(inputs.reports);
    const merged = mergeReports(reports, expected);
    deps.reporter.info(`${reports.length} build leg report(s): ${merged.verdicts.length} of ${expected.length} image(s)`);
    const sha = merged.sha ?? inputs.sha;
    const outcome = await (0,_build_js__WEBPACK_IMPORTED_MODULE_7__/* .publish */ .mk)(stack, merged.verdicts, { ...inputs, sha }, deps);
    const missing = expected.filter((name) => !merged.verdicts.some((v) => v.service === name));
    const failed = merged.verdicts.filter((v) => v.status !== 'ok');
    if (failed.length > 0 || missing.length > 0)
        throw rejection(failed, missing);
    return outcome;
}
async function readReports(dir) {
    let files;
    try {
        const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir, { recursive: true });
        files = entries.filter((f) => node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(f) === REPORT_FILE).sort();
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`Input "reports": cannot read ${dir}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(error)}`);
    }
    return Promise.all(files.map(async (file) => {
        const where = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, file);
        const report = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(where, 'utf8'));
        if (report?.version !== 1 || typeof report.images !== 'object') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`${where} is not a deploy-action size report (version 1).`);
        }
        return report;
    }));
}
/**
 * The legs' reports as one: verdicts in `order` (dependency order), checked through the
 * images contract (a service two legs report differently is refused). All legs built one sha.
 */
function mergeReports(reports, order) {
    const shas = [...new Set(reports.map((r) => r.sha))];
    if (shas.length > 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .UserError */ .yo(`The build legs built different commits (${shas.join(', ')}).`);
    }
    const legs = reports.map((r) => Object.values(r.images));
    const images = (0,_images_js__WEBPACK_IMPORTED_MODULE_6__/* .mergeImages */ .nV)(legs.map((verdicts) => (0,_images_js__WEBPACK_IMPORTED_MODULE_6__/* .parseImages */ .eb)((0,_images_js__WEBPACK_IMPORTED_MODULE_6__/* .formatImages */ .Go)(verdicts)) ?? {}), order);
    const byService = new Map(legs.flat().map((v) => [v.service, v]));
    return { sha: shas[0], verdicts: Object.keys(images).map((name) => byService.get(name)) };
}
function rejection(failed, missing) {
    const lines = failed.map((v) => v.status === 'over-budget'
        ? (0,_budget_report_js__WEBPACK_IMPORTED_MODULE_2__/* .overBudgetMessage */ .jB)(v)
        : `${v.service}: the build failed (its build leg's log has the builder's output).`);
    if (missing.length > 0) {
        lines.push(`No size report for ${missing.join(', ')}: their build leg ended before measuring them ` +
            '(see that leg of the build job).');
    }
    return new _build_js__WEBPACK_IMPORTED_MODULE_7__/* .ImagesRejectedError */ .T7(lines.join('\n'));
}


/***/ })

};
