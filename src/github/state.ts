/**
 * What the main phase hands to the post phase, through one typed helper. Only what post needs
 * to clean up or finish (command, stack identity, deploy progress): never a token.
 */
import * as core from '@actions/core';

export interface PhaseState {
  command: string;
  /** Set by later commands (test: the compose project to tear down; deploy: the rollout). */
  [key: string]: unknown;
}

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

export function loadState(): PhaseState | undefined {
  const raw = core.getState(KEY);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as PhaseState;
  } catch {
    return undefined;
  }
}
