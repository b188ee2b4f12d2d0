/**
 * The post phase trusts no saved state: it is read back with the same shape it was written
 * with (state.ts), and may only touch services of the compose file in the run's own
 * environment. A tampered or malformed state is one sentence and a failed step, never a stack
 * trace and never a rollback of something else.
 */
import { z } from 'zod';
import type { Stack } from '../config/model.js';
import { UserError } from '../errors.js';
import type { RunState } from './state.js';

const STEPS = [
  'pending',
  'unchanged',
  'managed',
  'deploying',
  'succeeded',
  'failed',
  'kept-previous',
  'rollback-pending',
  'rolling-back',
  'rolled-back',
  'rollback-failed',
] as const;
const PHASES = [
  'deploying',
  'stabilizing',
  'rolling-back',
  'succeeded',
  'rolled-back',
  'rollback-failed',
] as const;

const id = z.string().min(1).max(200);
const gates = z.object({
  healthcheckPath: z.string().nullable(),
  healthcheckTimeout: z.number().nullable(),
  preDeployCommand: z.array(z.string()).nullable(),
});

const service = z.looseObject({
  service: id,
  railwayName: z.string().max(200),
  serviceId: id,
  wave: z.number().int().min(0).max(100_000),
  source: z.object({ image: z.string().optional(), commitSha: z.string().optional() }),
  gates,
  before: gates.extend({ image: z.string().nullable() }).optional(),
  step: z.enum(STEPS),
  previous: z.object({ id, image: z.string().optional() }).optional(),
});

const runState = z.looseObject({
  version: z.literal(2),
  kind: z.enum(['deploy', 'rollback']),
  projectId: id,
  projectName: z.string().max(200),
  environmentId: id,
  environmentName: z.string().max(200),
  phase: z.enum(PHASES),
  services: z.array(service).max(10_000),
  resources: z.looseObject({}),
});

export interface Expected {
  stack: Stack;
  /** The environment the inputs and the compose file name (name or id), if any. */
  environment?: string;
  /** A preview's environment name, when the step was a preview. */
  previewName?: string;
}

/** The saved Railway run, checked; throws one sentence when it is not one this step made. */
export function checkedState(saved: unknown, expected: Expected): RunState {
  const parsed = runState.safeParse(saved);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `The saved Railway run is not one this action wrote (${issue.path.join('.') || 'state'}: ` +
        `${issue.message}); the post phase changes nothing. Check Railway by hand.`,
    );
  }
  const state = parsed.data as unknown as RunState;
  const mapped = new Set(expected.stack.services.filter((s) => s.railway).map((s) => s.name));
  const stranger = state.services.find((s) => !mapped.has(s.service));
  if (stranger) {
    throw new UserError(
      `The saved Railway run names service "${stranger.service.slice(0, 80)}", which ` +
        `${expected.stack.file} does not map to Railway; the post phase changes nothing.`,
    );
  }
  const own = [state.environmentId, state.environmentName];
  const preview = state.resources.preview;
  const allowed = preview
    ? preview.environmentId === state.environmentId &&
      (expected.previewName ? state.environmentName === expected.previewName : true)
    : !expected.environment || own.includes(expected.environment);
  if (!allowed) {
    throw new UserError(
      `The saved Railway run is for environment "${state.environmentName.slice(0, 80)}", not ` +
        `the step's own ("${expected.environment ?? expected.previewName}"); the post phase ` +
        'changes nothing.',
    );
  }
  return state;
}
