/** Deploy scenarios for the Railway tests (not a test file: jest runs only *.test.ts). */
import { expect } from '@jest/globals';
import { runDeploy } from '../../src/commands/deploy.js';
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
): Promise<ScenarioResult> {
  const result = await runScenario(runDeploy, options, overrides, undefined, prepare);
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

export const mutationsOf = (r: ScenarioResult, operation: string) =>
  r.emulator.mutations().filter((q) => q.operation === operation);
export const servingImage = (r: ScenarioResult, service: string) =>
  r.emulator.world.serving(service)?.meta.image;
export const output = (r: ScenarioResult) => JSON.parse(r.recorded.outputs.deployments!);
