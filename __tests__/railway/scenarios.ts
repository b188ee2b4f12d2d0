/** Deploy scenarios for the Railway tests (not a test file: jest runs only *.test.ts). */
import { expect } from '@jest/globals';
import { runDeploy, type RailwayDeps } from '../../src/commands/deploy.js';
import type { EmulatorOptions } from '../../__fixtures__/railway/emulator.js';
import {
  ACCOUNT_TOKEN,
  PROJECT_TOKEN,
  runScenario,
  type RailwayInputs,
  type ScenarioResult,
} from '../../__fixtures__/railway/harness.js';
import type { Script, ScriptContext } from '../../__fixtures__/railway/world.js';

/** A deploy scenario that also proves the token is in nothing the run said, wrote or saved. */
export async function deployWith(
  options: EmulatorOptions = {},
  overrides: Partial<RailwayInputs> = {},
  prepare?: Parameters<typeof runScenario>[4],
  stack?: string,
  checks?: RailwayDeps['checks'],
): Promise<ScenarioResult> {
  const run = (inputs: RailwayInputs, deps: Parameters<typeof runDeploy>[1]) =>
    runDeploy(inputs, { ...deps, checks });
  const result = await runScenario(run, options, overrides, stack, prepare);
  for (const token of [PROJECT_TOKEN, ACCOUNT_TOKEN]) {
    expect(result.everything).not.toContain(token);
  }
  return result;
}

/** Deploys of one service fail in a given way; everything else (rollbacks too) succeeds. */
export function failing(service: string, outcome: Script['outcome']) {
  return (c: ScriptContext): Script | undefined =>
    c.service === service && c.kind === 'deploy' ? { outcome } : undefined;
}

/** One root field of a mutation the run sent (a wave request holds several). */
export interface SentMutation {
  field: string;
  at: number;
  /** Shaped like the old one-field documents: serviceId, environmentId, image, id, commitSha. */
  variables: Record<string, unknown>;
  input?: Record<string, unknown>;
}

const FIELD_OF: Record<string, string> = {
  Deploy: 'serviceInstanceDeployV2',
  SetImage: 'serviceInstanceUpdate',
  Update: 'serviceInstanceUpdate',
  Rollback: 'deploymentRollback',
  Cancel: 'deploymentCancel',
};

/** Every root mutation field applied, in the order Railway ran them. */
export function sentMutations(r: ScenarioResult): SentMutation[] {
  return r.emulator.mutations().flatMap((q): SentMutation[] => {
    const env = q.variables.environmentId;
    if (q.operation !== 'Wave') {
      const input = q.variables.input as Record<string, unknown> | undefined;
      const image = (input?.source as { image?: string } | undefined)?.image;
      return [{ field: q.fields[0]!, at: q.at, input, variables: { ...q.variables, image } }];
    }
    return [...q.body.matchAll(/m(\d+): (\w+)\(/g)].map(([, i, field]) => {
      const input = q.variables[`u${i}`] as Record<string, unknown> | undefined;
      const target = q.variables[`m${i}`];
      const image = (input?.source as { image?: string } | undefined)?.image;
      const variables =
        field === 'deploymentRollback'
          ? { id: target }
          : { serviceId: target, environmentId: env, image, commitSha: q.variables[`c${i}`] };
      return { field: field!, at: q.at, input, variables };
    });
  });
}

/** The fields of one kind: Deploy, SetImage (an update that sets an image), Rollback, Cancel. */
export const mutationsOf = (r: ScenarioResult, operation: string) =>
  sentMutations(r).filter(
    (m) =>
      m.field === FIELD_OF[operation] &&
      (operation !== 'SetImage' || m.variables.image !== undefined),
  );
export const servingImage = (r: ScenarioResult, service: string) =>
  r.emulator.world.serving(service)?.meta.image;
export const output = (r: ScenarioResult) => JSON.parse(r.recorded.outputs.deployments!);
