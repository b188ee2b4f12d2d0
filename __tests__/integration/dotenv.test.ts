/**
 * Our .env reader against the real compose on this machine: the cases of the table are put in
 * one .env, a compose file hands each variable to a service's environment, and `config`
 * prints what compose made of them. Compose v2 (`docker compose`) must agree on every case;
 * compose v1 (`docker-compose`) on every case but those the table marks as v1's own.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { parseDotEnv } from '../../src/config/dotenv.js';
import { CASE_ENV, DOTENV_CASES, dotEnvText } from '../../__fixtures__/dotenv-cases.js';

const COMPOSES: { name: string; command: string[]; version: 'v1' | 'v2' }[] = [
  { name: 'docker-compose (v1)', command: ['docker-compose'], version: 'v1' },
  { name: 'docker compose (v2)', command: ['docker', 'compose'], version: 'v2' },
];

function works(command: string[]): boolean {
  try {
    execFileSync(command[0]!, [...command.slice(1), 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function composeFile(): string {
  const environment = DOTENV_CASES.map((c) => `      ${c.key}: "\${${c.key}-<unset>}"`);
  return ['services:', '  x:', '    image: busybox', '    environment:', ...environment, ''].join(
    '\n',
  );
}

describe.each(COMPOSES)('.env as $name reads it', ({ command, version }) => {
  const available = works(command);
  (available ? it : it.skip)('gives every variable the value our reader gives', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-dotenv-'));
    try {
      writeFileSync(path.join(dir, '.env'), dotEnvText());
      writeFileSync(path.join(dir, 'docker-compose.yml'), composeFile());
      const out = execFileSync(command[0]!, [...command.slice(1), 'config'], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...CASE_ENV },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const printed = (parse(out) as { services: { x: { environment: Record<string, string> } } })
        .services.x.environment;
      const ours = parseDotEnv(dotEnvText(), CASE_ENV, []);
      // `config` prints a literal `$` as compose's own `$$`.
      const seen = DOTENV_CASES.map((c) => [c.key, String(printed[c.key]).replace(/\$\$/g, '$')]);
      const expected = DOTENV_CASES.map((c) => [
        c.key,
        version === 'v1' && c.v1 !== undefined ? c.v1 : ours[c.key],
      ]);
      expect(seen).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
