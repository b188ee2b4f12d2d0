/**
 * What the main phase hands to the post phase, through one typed helper. Only what post needs
 * to clean up or finish: the compose project to tear down, the Railway run to finish. Never a
 * token: the post phase reads its inputs again.
 */
import * as core from './runner.js';
import type { StackIdentity } from '../commands/test.js';
import type { RunState } from '../railway/state.js';

export type PhaseState =
  | { command: 'build' }
  | { command: 'test'; stack?: StackIdentity }
  | { command: 'deploy' | 'rollback'; railway?: RunState };

const KEY = 'deploy-action';

export function isPostPhase(): boolean {
  return core.getState('phase') === 'main-started';
}

export function markMainStarted(): void {
  core.saveState('phase', 'main-started');
}

export function saveState(state: PhaseState): void {
  core.saveState(KEY, JSON.stringify(state));
}

/** The saved state, or undefined; its parts are checked again where they are used. */
export function loadState(): PhaseState | undefined {
  const raw = core.getState(KEY);
  if (!raw) return undefined;
  try {
    const state = JSON.parse(raw) as PhaseState;
    return typeof state?.command === 'string' ? state : undefined;
  } catch {
    return undefined;
  }
}
