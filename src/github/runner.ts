/**
 * The few workflow commands the start of a step needs (read an input or the state, save the
 * state, mask a secret, fail), spoken directly. @actions/core does the same, but importing it
 * loads its HTTP client and undici (~40 ms, more than Node's own start); it is loaded with the
 * command (github/reporter.ts) once there is work to report. Same formats as core 3.0:
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions, and
 * __tests__/github/runner.test.ts compares every function here with core's own output.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

/** As core.getInput: `INPUT_` + the name upper-cased, spaces as underscores; trimmed. */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}

export function getState(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`STATE_${name}`] || '';
}

/** Into the GITHUB_STATE file (a heredoc with a random delimiter), else the old command. */
export function saveState(name: string, value: string): void {
  const file = process.env.GITHUB_STATE;
  if (!file) return issue('save-state', value, { name });
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

export function setSecret(secret: string): void {
  issue('add-mask', secret);
}

export function setFailed(message: string): void {
  process.exitCode = 1;
  issue('error', message);
}

export function debug(message: string): void {
  issue('debug', message);
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
}

function issue(command: string, message: string, properties: Record<string, string> = {}) {
  const props = Object.entries(properties)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${escape(value).replace(/:/g, '%3A').replace(/,/g, '%2C')}`);
  const head = props.length > 0 ? `${command} ${props.join(',')}` : command;
  process.stdout.write(`::${head}::${escape(message)}${EOL}`);
}

function escape(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
