/**
 * Which compose files make the project, found the way compose finds them: the files given
 * (the `compose-file` input, newline separated, or the CLI's repeated `-f`), else
 * `COMPOSE_FILE` (split on `COMPOSE_PATH_SEPARATOR`, default the OS path separator), else the
 * first of compose's default names in the working folder or the nearest parent that has one,
 * plus the first default override file beside it. Sources: compose-go `cli/options.go`
 * (`DefaultFileNames`, `DefaultOverrideFileNames`, `WithDefaultConfigPath`) and
 * https://docs.docker.com/compose/environment-variables/envvars/#compose_file
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';

export const DEFAULT_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
];
export const DEFAULT_OVERRIDE_NAMES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

export interface ComposeFileRef {
  /** As the user named it (relative to the working folder), used in every message. */
  name: string;
  absolute: string;
}

/** `a.yml\nb.yml` (the action input) or repeated CLI flags: one file a line, blanks ignored. */
export function splitFileList(value: string | readonly string[]): string[] {
  const lines =
    typeof value === 'string' ? value.split(/\r?\n/) : value.flatMap((v) => v.split(/\r?\n/));
  return lines.map((l) => l.trim()).filter(Boolean);
}

export function composeFiles(
  given: string | readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): ComposeFileRef[] {
  const named = splitFileList(given);
  const fromEnv = named.length === 0 ? fromComposeFileVariable(env) : [];
  const chosen = named.length > 0 ? named : fromEnv;
  if (chosen.length > 0) return chosen.map((name) => ({ name, absolute: path.resolve(cwd, name) }));
  return lookup(cwd);
}

function fromComposeFileVariable(env: NodeJS.ProcessEnv): string[] {
  const value = env.COMPOSE_FILE?.trim();
  if (!value) return [];
  const separator = env.COMPOSE_PATH_SEPARATOR || path.delimiter;
  return value
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

function lookup(cwd: string): ComposeFileRef[] {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const main = DEFAULT_FILE_NAMES.find((n) => existsSync(path.join(dir, n)));
    if (main) {
      const override = DEFAULT_OVERRIDE_NAMES.find((n) => existsSync(path.join(dir, n)));
      return [main, override]
        .filter((n): n is string => n !== undefined)
        .map((n) => {
          const absolute = path.join(dir, n);
          return { name: path.relative(cwd, absolute) || n, absolute };
        });
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new ConfigError(DEFAULT_FILE_NAMES[0]!, [
    {
      path: '',
      message:
        `expected a compose file: none of ${DEFAULT_FILE_NAMES.join(', ')} is in ${cwd} ` +
        'or a parent folder, and neither the compose-file input nor COMPOSE_FILE names one',
    },
  ]);
}
