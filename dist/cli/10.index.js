export const id = 10;
export const ids = [10];
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

/***/ 3010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dependencyOrder: () => (/* binding */ dependencyOrder),
/* harmony export */   selectServices: () => (/* binding */ selectServices)
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
