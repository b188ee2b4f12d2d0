export const id = 606;
export const ids = [606];
export const modules = {

/***/ 606:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRollback: () => (/* binding */ runRollback)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/railway/choose.ts
/**
 * `command: rollback` targets: `rollback-to` names one deployment (so one service); without it
 * each service goes back to the newest deployment older than the one serving now that Railway
 * can still roll back to (old good deployments show REMOVED today: canRollback is what counts).
 */

const NEVER_GOOD = ['FAILED', 'CRASHED', 'SKIPPED', 'NEEDS_APPROVAL'];
async function rollbackState(api, plan, rollbackTo) {
    const chosen = rollbackTo ? [await named(api, plan, rollbackTo)] : plan.services.map(previous);
    return {
        version: 2,
        kind: 'rollback',
        phase: 'rolling-back',
        projectId: plan.projectId,
        projectName: plan.projectName,
        environmentId: plan.environmentId,
        environmentName: plan.environmentName,
        resources: {},
        services: chosen.map(([s, target]) => ({
            service: s.service,
            railwayName: s.railwayName,
            serviceId: s.serviceId,
            // Reverse dependency order comes from the waves, as for a failed deploy.
            wave: s.wave,
            source: {},
            gates: {
                healthcheckPath: s.instance.healthcheckPath,
                healthcheckTimeout: s.instance.healthcheckTimeout,
                preDeployCommand: s.instance.preDeployCommand,
            },
            // Afterwards the instance runs the target's image with its gates as they are now.
            before: {
                image: target.image ?? s.instance.image,
                healthcheckPath: s.instance.healthcheckPath,
                healthcheckTimeout: s.instance.healthcheckTimeout,
                preDeployCommand: s.instance.preDeployCommand,
            },
            step: 'rollback-pending',
            servingBefore: s.serving?.id,
            newestKnownId: s.history[0]?.id,
            previous: { id: target.id, image: target.image },
        })),
    };
}
function previous(service) {
    const { history, serving } = service;
    const older = serving ? history.slice(history.indexOf(serving) + 1) : [];
    const target = older.find((d) => d.canRollback && !NEVER_GOOD.includes(d.status));
    if (!serving || !target) {
        throw new errors/* UserError */.yo(`${service.service}: no earlier deployment of "${service.railwayName}" ` +
            `that Railway can roll back to (${serving ? `serving ${serving.id}` : 'nothing serving'}); ` +
            'name one with rollback-to.');
    }
    return [service, target];
}
async function named(api, plan, id) {
    const found = await api.deployment(id);
    const service = plan.services.find((s) => s.serviceId === found.serviceId);
    if (!service || found.environmentId !== plan.environmentId) {
        throw new errors/* UserError */.yo(`Input "rollback-to": deployment ${id} belongs to none of the selected ` +
            `services in environment "${plan.environmentName}" ` +
            `(${plan.services.map((s) => s.service).join(', ')}).`);
    }
    if (NEVER_GOOD.includes(found.status)) {
        throw new errors/* UserError */.yo(`Input "rollback-to": deployment ${id} is ${found.status}; it never ` +
            'served, so there is nothing good to go back to.');
    }
    return [service, found];
}

// EXTERNAL MODULE: ./src/railway/fail.ts
var fail = __webpack_require__(8959);
// EXTERNAL MODULE: ./src/railway/machine.ts
var machine = __webpack_require__(9974);
// EXTERNAL MODULE: ./src/railway/plan.ts
var railway_plan = __webpack_require__(4692);
// EXTERNAL MODULE: ./src/commands/deploy.ts + 7 modules
var deploy = __webpack_require__(3231);
;// CONCATENATED MODULE: ./src/commands/rollback.ts
/**
 * `command: rollback`: the selected services (default: all mapped) go back to `rollback-to` or
 * to their previous good deployment, in reverse dependency order, each verified SUCCESS. With
 * `restore-backup`, the database's volume is restored from that Railway backup first and the
 * database redeployed and serving, before the application services go back.
 */






async function runRollback(inputs, deps) {
    const { reporter } = deps;
    const found = await (0,deploy/* railwayTargets */.ip)(inputs, deps, async () => new Map());
    if (!found)
        return undefined;
    const { api } = found.connection;
    const state = await reporter.group('Railway rollback plan', async () => {
        const plan = await (0,railway_plan/* makePlan */.Cs)(api, found.where, found.connection.scope, found.list);
        const restore = inputs.restoreBackup
            ? await findBackup(api, plan, inputs.restoreBackup)
            : undefined;
        // The restored database is redeployed, not rolled back: its image stays what it is.
        const apps = restore
            ? { ...plan, services: plan.services.filter((s) => s.serviceId !== restore.serviceId) }
            : plan;
        const chosen = await rollbackState(api, apps, inputs.rollbackTo);
        if (restore) {
            chosen.resources.restore = restore;
            reporter.info(`${restore.service} -> "${restore.railwayName}": restore backup ${restore.backupId} ` +
                `onto volume instance ${restore.volumeInstanceId}, then redeploy it`);
        }
        for (const s of chosen.services) {
            reporter.info(`${s.service} -> "${s.railwayName}": serving ${s.servingBefore ?? 'nothing'}, ` +
                `back to ${s.previous.id}`);
        }
        return chosen;
    });
    if (inputs.dryRun) {
        const list = state.services.map((s) => ({ service: s.service, previousId: s.servingBefore }));
        return void (0,deploy/* publishDryRun */.uz)(list, reporter);
    }
    const engine = (0,deploy/* engineDeps */.Vg)(inputs, deps, found.connection);
    return (0,deploy/* runEngine */.cn)(engine, reporter, () => reporter.group('Roll back on Railway', async () => {
        const run = new machine/* Run */.KF(state, engine);
        await (0,fail/* restoreThenRollBack */.Sh)(run, engine);
        return run.state;
    }));
}
/** The volume instance (and so the service) that holds the backup to restore. */
async function findBackup(api, plan, backupId) {
    const volumes = await api.volumeInstances(plan.environmentId);
    const lists = await api.backups(volumes.map((v) => v.id));
    const volume = volumes.find((v) => (lists.get(v.id) ?? []).some((b) => b.id === backupId));
    const service = volume && plan.services.find((s) => s.serviceId === volume.serviceId);
    if (!volume || !service) {
        const mapped = plan.services
            .filter((s) => volumes.some((v) => v.serviceId === s.serviceId))
            .map((s) => s.service);
        throw new errors/* UserError */.yo(`Input "restore-backup": no volume of the selected services in environment ` +
            `"${plan.environmentName}" has backup ${backupId} (services with volumes: ` +
            `${mapped.join(', ') || 'none'}).`);
    }
    return {
        service: service.service,
        serviceId: service.serviceId,
        railwayName: service.railwayName,
        volumeInstanceId: volume.id,
        backupId,
        newestKnownId: service.history[0]?.id,
        step: 'pending',
    };
}


/***/ })

};
