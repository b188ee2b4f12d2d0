/**
 * What the main phase hands to the post phase, through one typed helper. Only what post needs
 * to clean up or finish: the compose project to tear down, the Railway run to finish. Never a
 * token: the post phase reads its inputs again.
 */
import * as core from './runner.js';
import type { BackupIdentity } from '../backup/containers.js';
import { UserError, errorMessage } from '../errors.js';
import type { StackIdentity } from '../commands/test.js';
import type { RunState } from '../railway/state.js';
import { COMMANDS as ALL_COMMANDS } from '../inputs.js';

export type PhaseState =
  | { command: 'build' | 'preview-down' | 'plan' | 'collect' }
  | { command: 'test'; stack?: StackIdentity }
  | { command: 'deploy' | 'rollback' | 'preview'; railway?: RunState }
  | { command: 'backup'; backup?: BackupIdentity };

const KEY = 'deploy-action';

export function isPostPhase(): boolean {
  return core.getState('phase') === 'main-started';
}

export function markMainStarted(): void {
  save('phase', 'main-started');
}

export function saveState(state: PhaseState): void {
  save(KEY, JSON.stringify(state));
}

/**
 * core.saveState throws when GITHUB_STATE names a file that is missing; uncaught, Node printed
 * the throwing line of the bundle, 260 kB of minified code. One sentence instead.
 */
function save(name: string, value: string): void {
  try {
    core.saveState(name, value);
  } catch (error) {
    const file = process.env.GITHUB_STATE ?? '';
    throw new UserError(
      `Could not save the step's state for the post phase to GITHUB_STATE (${file.slice(0, 200)}): ${errorMessage(error).split('\n')[0]!.slice(0, 200)}`,
    );
  }
}

// Every command of the action saves one (inputs.ts names them).
const COMMANDS: readonly string[] = ALL_COMMANDS;

/**
 * The saved state, or undefined when main saved none. A state that is there but malformed is
 * one clear error (the post phase fails), never a silent "nothing to clean up". Its parts are
 * checked again where they are used.
 */
export function loadState(): PhaseState | undefined {
  const raw = core.getState(KEY);
  if (!raw) return undefined;
  let state: unknown;
  try {
    state = JSON.parse(raw);
  } catch {
    throw new UserError(
      `The state the main phase saved for the post phase is not JSON (${raw.length} characters), so the post phase cannot tell what to finish.`,
    );
  }
  const command = (state as { command?: unknown } | null)?.command;
  if (typeof command !== 'string' || !COMMANDS.includes(command)) {
    throw new UserError(
      `The state the main phase saved for the post phase names no command of ${COMMANDS.join(', ')}, so the post phase cannot tell what to finish.`,
    );
  }
  return state as PhaseState;
}
