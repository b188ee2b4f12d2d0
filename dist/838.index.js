export const id = 838;
export const ids = [838];
export const modules = {

/***/ 6838:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   actionsReporter: () => (/* binding */ actionsReporter)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _untrusted_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(873);
/** The Reporter under the runner: logs, groups, annotations, outputs and the job summary. */


function actionsReporter() {
    return {
        // core.info writes the text as it is; warning, error, debug and group escape their data.
        info: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_untrusted_js__WEBPACK_IMPORTED_MODULE_1__/* .neutralise */ .$0)(message)),
        untrusted: () => (0,_untrusted_js__WEBPACK_IMPORTED_MODULE_1__/* .stopCommandsWriter */ .Ur)((line) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line)),
        debug: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(message),
        warn: (message, at) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message, toProperties(at)),
        error: (message, at) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message, toProperties(at)),
        group: (title, work) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(title, work),
        setOutput: (name, value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, value),
        summary: async (markdown) => {
            // Locally (no GITHUB_STEP_SUMMARY) the summary is skipped rather than failing the step.
            if (!process.env.GITHUB_STEP_SUMMARY)
                return;
            await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(markdown, true).write();
        },
    };
}
function toProperties(at) {
    if (!at)
        return {};
    return { file: at.file, startLine: at.line, title: at.title };
}


/***/ })

};
