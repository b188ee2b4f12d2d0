export const id = 483;
export const ids = [483];
export const modules = {

/***/ 4483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   makePlan: () => (/* binding */ makePlan),
/* harmony export */   renderPlan: () => (/* binding */ renderPlan)
/* harmony export */ });
/* harmony import */ var _config_model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(615);
/* harmony import */ var _config_units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4529);
/**
 * `plan`: what the pipeline would do with this compose file, touching nothing: the order,
 * what is built or pulled, each budget and where it comes from, migrations, health URLs and
 * the Railway mapping. Pure: a stack in, a plan and its text out.
 */


function makePlan(stack, services) {
    return {
        file: stack.file,
        railway: {
            project: stack.railway.project ?? null,
            environment: stack.railway.environment ?? null,
        },
        services: services.map((s) => ({
            service: s.name,
            source: s.build ? `build ${s.build.dockerfile}` : `image ${s.image}`,
            budget: s.build ? s.budget : null,
            budgetFrom: s.build ? s.budgetSource : null,
            dependsOn: s.dependsOn.map((d) => d.service),
            migrate: s.migrate === undefined ? null : (0,_config_model_js__WEBPACK_IMPORTED_MODULE_1__/* .commandText */ .j)(s.migrate),
            health: s.health ?? null,
            railway: s.railway?.service ?? null,
        })),
    };
}
const BUDGET_FROM = {
    default: 'default',
    file: 'x-deploy.budget',
    service: "service's x-deploy.budget",
    input: 'budget input',
};
function renderPlan(plan, root) {
    const relative = (text) => text.replace(`${root}/`, '');
    const rows = plan.services.map((s, i) => [
        `${i + 1}. ${s.service}`,
        relative(s.source),
        s.budget === null ? '' : `budget ${(0,_config_units_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(s.budget)} (${BUDGET_FROM[s.budgetFrom]})`,
        s.dependsOn.length ? `after ${s.dependsOn.join(', ')}` : '',
        s.migrate ? `migrate: ${s.migrate}` : '',
        s.health ? `health: ${s.health}` : '',
        s.railway ? `railway: ${s.railway}` : 'not deployed',
    ]
        .filter(Boolean)
        .join(' | '));
    const target = plan.railway.project
        ? `Railway project ${plan.railway.project}, environment ${plan.railway.environment ?? '(not set)'}`
        : 'No Railway project set (x-deploy.railway.project or --railway-project).';
    return [`Plan for ${plan.file} (dependencies first):`, ...rows, target].join('\n');
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


/***/ })

};
