/**
 * The error policy (STYLE.md rule 5). A UserError is something the user can fix: it fails the
 * step with its message alone, never a stack trace. Anything else is our bug and keeps its stack.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** A problem in the compose file: names the file, the path inside it and what was expected. */
export class ConfigError extends UserError {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(problems.map((p) => `${file}: ${p.path || '(top level)'}: ${p.message}`).join('\n'));
  }
}

export interface ConfigProblem {
  /** Dotted path inside the file, e.g. `services.backend.x-deploy.budget`. */
  path: string;
  message: string;
}

/** An action input that is malformed: names the input and what was expected. */
export class InputError extends UserError {
  override name = 'InputError';
  constructor(
    readonly input: string,
    /** What was expected and what came, without the input's name (the CLI names its flag). */
    readonly detail: string,
  ) {
    super(`Input "${input}": ${detail}`);
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
