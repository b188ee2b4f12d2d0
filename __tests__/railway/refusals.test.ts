/** Railway says no: a rollback that fails is loud; a refused mutation fails the run cleanly. */
import { describe, expect, it } from '@jest/globals';
import { PROJECT_TOKEN } from '../../__fixtures__/railway/harness.js';
import type { Script, ScriptContext } from '../../__fixtures__/railway/world.js';
import { deployWith, failing, mutationsOf, output, servingImage } from './scenarios.js';

describe('deploy: a rollback that fails is loud and never success', () => {
  it.each([
    [
      'its rollback deployment FAILS',
      {
        script: (c: ScriptContext): Script | undefined =>
          c.service === 'backend' && c.kind === 'deploy'
            ? { outcome: 'fail' }
            : c.kind === 'rollback'
              ? { outcome: 'fail' }
              : undefined,
      },
      /rollback deployment dep-postgres-\d+ is FAILED/,
    ],
    [
      'Railway refuses the rollback mutation',
      {
        script: failing('backend', 'fail'),
        faults: [
          {
            operation: 'deploymentRollback',
            action: 'errors' as const,
            message: 'Deployment is locked',
          },
        ],
      },
      /the rollback could not start: Railway refused Wave: Deployment is locked \(traceId trace-1\)/,
    ],
  ])('when %s', async (_what, options, why) => {
    const r = await deployWith(options);
    expect(r.error?.name).toBe('RollbackFailedError');
    expect(r.error?.message).toMatch(why);
    expect(r.error?.message).toMatch(
      /ROLLBACK FAILED: postgres \(Railway service "postgres"\) is NOT back/,
    );
    expect(r.error?.message).toMatch(/roll "postgres" back to deployment dep-postgres-2 by hand/);
    expect(r.recorded.lines.some((l) => l.startsWith('error: ROLLBACK FAILED: postgres'))).toBe(
      true,
    );
    expect(r.recorded.outputs['rolled-back']).toBe('false');
    expect(output(r).postgres.step).toBe('rollback-failed');
    expect(r.recorded.summary.join('')).toContain('ROLLBACK FAILED');
  });
});

describe('deploy: 200 with errors on each mutation', () => {
  it.each([
    ['SetImage', { skip: 1 }, 'dep-postgres-2'],
    ['Deploy', { skip: 1 }, 'dep-postgres-2'],
  ])('a refused %s on backend rolls postgres back', async (operation, where, target) => {
    const r = await deployWith({ faults: [{ operation, action: 'errors', ...where }] });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(r.error?.message).toMatch(/backend: could not start a deployment: Railway refused Wave/);
    expect(mutationsOf(r, 'Rollback').map((q) => q.variables.id)).toEqual([target]);
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-4');
  });

  it('a refused image deploy (canRollback false) is a failed rollback', async () => {
    const r = await deployWith({
      script: failing('backend', 'fail'),
      expired: ['postgres'],
      faults: [{ operation: 'Deploy', action: 'errors', skip: 2 }],
    });
    expect(r.error?.name).toBe('RollbackFailedError');
    expect(r.error?.message).toMatch(/postgres .* is NOT back on its previous deployment/);
  });

  it('a refused Cancel is only a warning: the timed-out deployment never went live', async () => {
    const r = await deployWith(
      { script: failing('backend', 'hang'), faults: [{ operation: 'Cancel', action: 'errors' }] },
      { deployTimeoutMs: 120_000 },
    );
    expect(r.error?.name).toBe('DeployFailedError');
    expect(
      r.recorded.lines.some((l) => /^warn: backend: could not cancel dep-backend-8/.test(l)),
    ).toBe(true);
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
  });

  it('scrubs the token even when Railway echoes it back in an error', async () => {
    const r = await deployWith({
      faults: [{ operation: 'Project', action: 'errors', message: `bad token ${PROJECT_TOKEN}` }],
    });
    expect(r.error?.message).toBe('Railway refused Project: bad token *** (traceId trace-1)');
  });
});
