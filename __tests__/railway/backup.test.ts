/**
 * Database safety around a migrating deploy: a Railway volume backup of every service marked
 * `x-deploy.railway.backup` before anything changes, and a restore only when asked for.
 * The emulator models volumes, their backups and workflows as Railway's schema has them.
 */
import { describe, expect, it } from '@jest/globals';
import { finishRailway, runDeploy } from '../../src/commands/deploy.js';
import { runRollback } from '../../src/commands/rollback.js';
import type { RunState } from '../../src/railway/state.js';
import {
  MANAGED_STACK,
  VirtualClock,
  emulator,
  nothingPushed,
  railwayInputs,
  recordingReporter,
  runScenario,
} from '../../__fixtures__/railway/harness.js';
import type { EmulatorOptions } from '../../__fixtures__/railway/emulator.js';
import type { ScriptContext } from '../../__fixtures__/railway/world.js';
import { deployWith, mutationsOf } from './scenarios.js';

/** postgres backed up; backend migrates (a pre-deploy command on Railway). */
const STACK = MANAGED_STACK.replace(
  'x-deploy: { railway: { service: postgres } }',
  'x-deploy: { railway: { service: postgres, backup: true } }',
).replace(
  'x-deploy: { railway: { service: backend } }',
  'x-deploy: { migrate: alembic upgrade head, railway: { service: backend } }',
);

const NAME = 'deploy-abc123-4242';
const backupRequests = (r: { emulator: { requests: { operation?: string }[] } }) =>
  r.emulator.requests.filter((q) => q.operation === 'Backup');

describe('a Railway backup before the first migration', () => {
  it('backs postgres up, follows the workflow, then deploys; the backup is in outputs and summary', async () => {
    const r = await deployWith({}, {}, undefined, STACK);
    expect(r.error).toBeUndefined();
    const requests = r.emulator.requests;
    const backup = requests.findIndex((q) => q.operation === 'Backup');
    const firstWave = requests.findIndex((q) => q.operation === 'Wave');
    expect(backup).toBeGreaterThan(-1);
    expect(backup).toBeLessThan(firstWave);
    expect(requests[backup]!.variables).toEqual({ v0: 'vi-postgres-production', n0: NAME });
    const made = r.emulator.world.volumes[0]!.backups;
    expect(made.map((b) => b.name)).toEqual([NAME]);
    // The backup finished (20 s workflow) before the migrating wave went out.
    expect(requests[firstWave]!.at).toBeGreaterThanOrEqual(made[0]!.createdAt);
    expect(JSON.parse(r.recorded.outputs.backups!)).toEqual({
      postgres: {
        volumeInstanceId: 'vi-postgres-production',
        backupId: made[0]!.id,
        name: NAME,
        status: 'done',
      },
    });
    expect(r.recorded.summary.join('')).toContain(`"${NAME}", \`${made[0]!.id}\` done`);
  });

  it('a failed backup means nothing is deployed', async () => {
    const r = await deployWith({ workflows: { outcome: 'fail' } }, {}, undefined, STACK);
    expect(r.error?.message).toBe(
      'Deploy failed: the backup before the migration did not finish: postgres (Backup failed: ' +
        'volume busy); nothing was deployed. No service had been changed.',
    );
    expect(mutationsOf(r, 'Deploy')).toHaveLength(0);
    expect(mutationsOf(r, 'Update')).toHaveLength(0);
  });

  it('a backup slower than backup-timeout means nothing is deployed', async () => {
    const r = await deployWith(
      { workflows: { outcome: 'hang' } },
      { backupTimeoutMs: 60_000 },
      undefined,
      STACK,
    );
    expect(r.error?.message).toMatch(
      /postgres \(still running when backup-timeout \(1m 00s\) ran out\)/,
    );
    expect(mutationsOf(r, 'Deploy')).toHaveLength(0);
  });

  it('no migration, no backup (backup: auto); always backs up anyway; off never does', async () => {
    const plain = STACK.replace('migrate: alembic upgrade head, ', '');
    const auto = await deployWith({}, {}, undefined, plain);
    expect(backupRequests(auto)).toHaveLength(0);
    const always = await deployWith({}, { backup: 'always' }, undefined, plain);
    expect(backupRequests(always)).toHaveLength(1);
    const off = await deployWith({}, { backup: 'off' }, undefined, STACK);
    expect(backupRequests(off)).toHaveLength(0);
  });

  it('every rollback message names the backup to restore', async () => {
    const frontendFails = (c: ScriptContext) =>
      c.service === 'frontend' && c.kind === 'deploy' ? { outcome: 'fail' as const } : undefined;
    const r = await deployWith({ script: frontendFails }, {}, undefined, STACK);
    const id = r.emulator.world.volumes[0]!.backups[0]!.id;
    expect(r.error?.message).toContain(
      `The schema may have moved: restore backup ${id} of postgres if the old image cannot read ` +
        `it (command: rollback with restore-backup: ${id}).`,
    );
    expect(r.recorded.summary.join('')).toContain(`restore backup ${id} of postgres`);
  });

  it('a kill during the backup, then the post phase: nothing deployed, the backup recorded', async () => {
    const clock = new VirtualClock();
    const emu = await emulator(clock);
    const inputs = railwayInputs(emu.url, {}, STACK);
    let saved: RunState | undefined;
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    // The main phase dies on its first look at the backup's workflow.
    const dying: typeof fetch = async (url, init) => {
      if (String(init?.body).includes('"operationName":"Workflows"')) {
        died();
        return new Promise<Response>(() => undefined);
      }
      return fetch(url, init);
    };
    void runDeploy(inputs, {
      reporter: recordingReporter().reporter,
      clock,
      fetch: dying,
      onState: (s) => (saved = s),
      resolveDigest: nothingPushed,
    });
    await dead;
    const state = JSON.parse(JSON.stringify(saved)) as RunState;
    expect(state.resources.backups![0]).toMatchObject({ status: 'running', name: NAME });
    await clock.sleep(30_000); // the backup finishes on Railway meanwhile
    const post = recordingReporter();
    const error = await finishRailway(state, inputs, { reporter: post.reporter, clock }).then(
      () => undefined,
      (e: Error) => e,
    );
    await emu.stop();
    expect(error?.message).toMatch(/No service had been changed/);
    expect(emu.mutations().filter((q) => q.operation === 'Wave')).toHaveLength(0);
    const id = emu.world.volumes[0]!.backups[0]!.id;
    expect(JSON.parse(post.outputs.backups!).postgres).toMatchObject({
      backupId: id,
      status: 'done',
    });
  });
});

describe('restore on demand: command rollback with restore-backup', () => {
  async function deployedThenRestored(options: EmulatorOptions = {}) {
    const clock = new VirtualClock();
    const emu = await emulator(clock, options);
    const deps = { reporter: recordingReporter().reporter, clock, resolveDigest: nothingPushed };
    await runDeploy(railwayInputs(emu.url, {}, STACK), deps);
    const backupId = emu.world.volumes[0]!.backups[0]!.id;
    const recorded = recordingReporter();
    const error = await runRollback(railwayInputs(emu.url, { restoreBackup: backupId }, STACK), {
      ...deps,
      reporter: recorded.reporter,
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    await emu.stop();
    return { emu, backupId, recorded, error };
  }

  it('restores the volume, redeploys the database until it serves, then rolls the services back', async () => {
    const { emu, backupId, error } = await deployedThenRestored();
    expect(error).toBeUndefined();
    const volume = emu.world.volumes[0]!;
    expect(volume.dataFrom).toBe(backupId);
    const mutations = emu.mutations();
    const restoreAt = mutations.findIndex((q) => q.operation === 'Restore');
    const redeploy = mutations.findIndex(
      (q) => q.operation === 'Wave' && q.variables.m0 === 'svc-postgres',
    );
    const rollback = mutations.findIndex((q) => q.fields.includes('deploymentRollback'));
    expect(restoreAt).toBeGreaterThan(-1);
    expect(redeploy).toBeGreaterThan(restoreAt);
    expect(rollback).toBeGreaterThan(redeploy);
    // The database served again before the first application service went back.
    const db = emu.world.serving('postgres')!;
    expect(mutations[rollback]!.at).toBeGreaterThanOrEqual(db.statusUpdatedAt);
    expect(emu.world.serving('backend')!.meta.image).toBe('backend:v1');
    expect(emu.world.serving('frontend')!.meta.image).toBe('frontend:v1');
  });

  it('a backup no volume holds is refused before anything changes', async () => {
    const r = await runScenario(runRollback, {}, { restoreBackup: 'bak-gone' }, STACK);
    expect(r.error?.message).toBe(
      'Input "restore-backup": no volume of the selected services in environment "production" ' +
        'has backup bak-gone (services with volumes: postgres).',
    );
    expect(r.emulator.mutations()).toHaveLength(0);
  });

  it('a restore that fails is loud, and no application service is rolled back', async () => {
    const r = await runScenario(
      runRollback,
      { workflows: { outcome: 'fail' } },
      { restoreBackup: 'bak-old' },
      STACK,
      (emu, clock) =>
        emu.world.volumes[0]!.backups.push({ id: 'bak-old', name: 'old', createdAt: clock.now() }),
    );
    expect(r.error?.name).toBe('RollbackFailedError');
    expect(r.error?.message).toMatch(
      /^RESTORE FAILED: postgres's volume is not confirmed back on backup bak-old: Backup failed: volume busy\. .*the application services were not rolled back\.$/,
    );
    expect(r.emulator.mutations().some((q) => q.fields.includes('deploymentRollback'))).toBe(false);
  });

  it.each(['Workflows', 'Wave'])(
    'a kill at the first %s of the restore, then the post phase: restored, redeployed, rolled back',
    async (operation) => {
      const clock = new VirtualClock();
      const emu = await emulator(clock);
      const quiet = { reporter: recordingReporter().reporter, clock, resolveDigest: nothingPushed };
      await runDeploy(railwayInputs(emu.url, {}, STACK), quiet);
      const backupId = emu.world.volumes[0]!.backups[0]!.id;
      const inputs = railwayInputs(emu.url, { restoreBackup: backupId }, STACK);
      let saved: RunState | undefined;
      let died!: () => void;
      const dead = new Promise<void>((resolve) => (died = resolve));
      const dying: typeof fetch = async (url, init) => {
        if (String(init?.body).includes(`"operationName":"${operation}"`)) {
          if (operation === 'Wave') await fetch(url, init); // sent, the answer lost
          died();
          return new Promise<Response>(() => undefined);
        }
        return fetch(url, init);
      };
      void runRollback(inputs, { ...quiet, fetch: dying, onState: (s) => (saved = s) });
      await dead;
      const state = JSON.parse(JSON.stringify(saved)) as RunState;
      const error = await finishRailway(state, inputs, quiet).then(
        () => undefined,
        (e: Error) => e,
      );
      await emu.stop();
      expect(error).toBeUndefined();
      expect(emu.world.volumes[0]!.dataFrom).toBe(backupId);
      expect(emu.mutations().filter((q) => q.operation === 'Restore')).toHaveLength(1);
      // The database was redeployed once, never twice, even when the answer was lost.
      const redeploys = emu
        .mutations()
        .filter((q) => q.operation === 'Wave' && q.variables.m0 === 'svc-postgres');
      expect(redeploys).toHaveLength(1);
      expect(emu.world.serving('backend')!.meta.image).toBe('backend:v1');
    },
  );
});
