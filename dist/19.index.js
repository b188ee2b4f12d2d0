export const id = 19;
export const ids = [19];
export const modules = {

/***/ 3019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPlanCommand: () => (/* binding */ runPlanCommand)
});

// UNUSED EXPORTS: buildMatrix

// EXTERNAL MODULE: ./src/config/load.ts + 12 modules
var load = __webpack_require__(8261);
// EXTERNAL MODULE: ./src/config/order.ts
var order = __webpack_require__(3010);
// EXTERNAL MODULE: ./src/config/model.ts
var model = __webpack_require__(615);
// EXTERNAL MODULE: ./src/config/units.ts
var units = __webpack_require__(4529);
;// CONCATENATED MODULE: ./src/commands/plan.ts
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
            migrate: s.migrate === undefined ? null : (0,model/* commandText */.j)(s.migrate),
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
        s.budget === null ? '' : `budget ${(0,units/* formatBytes */.z3)(s.budget)} (${BUDGET_FROM[s.budgetFrom]})`,
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

;// CONCATENATED MODULE: ./src/commands/matrix.ts
/**
 * `command: plan` in a workflow: the build legs of a big stack, as a `strategy.matrix`. The
 * built services, in dependency order, cut into the fewest legs of at most
 * `max-services-per-job` each, as even as they can be (sizes differ by one at most), each leg
 * a contiguous run of that order. GitHub Actions spreads the legs over runners; nothing of ours
 * schedules. Pure but for reading the compose file.
 */



function buildMatrix(built, max, fallback = '') {
    // Nothing to build: one leg that builds nothing, so the workflow's shape stays the same.
    if (built.length === 0)
        return { include: [{ leg: 1, services: fallback, count: 0 }] };
    const legs = Math.ceil(built.length / max);
    const base = Math.floor(built.length / legs);
    const extra = built.length % legs;
    const include = [];
    let at = 0;
    for (let leg = 1; leg <= legs; leg++) {
        const count = base + (leg <= extra ? 1 : 0);
        const services = built.slice(at, at + count);
        include.push({ leg, services: services.join(','), count });
        at += count;
    }
    return { include };
}
async function runPlanCommand(inputs, reporter) {
    const stack = (0,load/* loadStack */.fg)(inputs.composeFile, { budget: inputs.budget });
    const selected = (0,order/* selectServices */.Z)(stack.file, stack.services, inputs.services);
    reporter.info(renderPlan(makePlan(stack, selected), stack.dir));
    const built = selected.filter((s) => s.build).map((s) => s.name);
    const matrix = buildMatrix(built, inputs.maxServicesPerJob, inputs.services.join(','));
    const legs = matrix.include.map((l) => `leg ${l.leg}: ${l.services || '(nothing to build)'}`);
    reporter.info(`${built.length} image(s) to build, at most ${inputs.maxServicesPerJob} per job: ` +
        `${matrix.include.length} leg(s)\n${legs.join('\n')}`);
    reporter.setOutput('matrix', JSON.stringify(matrix));
    return matrix;
}


/***/ })

};
