/**
 * Third-party actions replaced by stand-ins that do what the real action does for these
 * workflows, on this machine. What each leaves out is said beside it; an action with no
 * stand-in fails the step, so a workflow cannot use one without this runner knowing.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface StandinStep {
  with: Record<string, string>;
  workspace: string;
  /** This run's artifacts: `<artifacts>/<run id>/<name>/`. */
  artifacts: string;
  runId: string;
  /** The user's repository (a git repository on disk). */
  repository: string;
  sha: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

type Standin = (step: StandinStep) => Record<string, string> | void;

/**
 * actions/checkout: the repository at the event's sha, in GITHUB_WORKSPACE, as a git clone.
 * Leaves out: fetch-depth (a full local clone), submodules, LFS, persisted credentials.
 */
const checkout: Standin = (step) => {
  execFileSync('git', ['clone', '-q', '--no-checkout', step.repository, step.workspace]);
  execFileSync('git', ['-C', step.workspace, 'checkout', '-q', '--detach', step.sha]);
};

/**
 * docker/login-action: `docker login` with the password on stdin, into the job's own
 * DOCKER_CONFIG (each job is a fresh runner). A registry this machine cannot reach (ghcr.io)
 * is taken as logged in, as GITHUB_TOKEN would be there; its pulls and pushes then fail.
 * Leaves out: the logout in its post step (the job's DOCKER_CONFIG goes with the job), ECR/GAR.
 */
const login: Standin = (step) => {
  const registry = step.with.registry || 'docker.io';
  if (!/^127\.0\.0\.1(:\d+)?$/.test(registry)) {
    step.log(`${registry} is not reachable from this machine: login taken as done`);
    return;
  }
  execFileSync('docker', ['login', registry, '-u', step.with.username ?? '', '--password-stdin'], {
    input: step.with.password,
    env: step.env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  step.log(`logged in to ${registry}`);
};

/**
 * actions/upload-artifact v4+: the files under `path` (newline separated), kept relative to
 * their common folder, in a folder per artifact of the run; a name is written once per run
 * (v4 refuses a second upload of the same name). Leaves out: compression, retention, globs.
 */
const upload: Standin = (step) => {
  const name = step.with.name || 'artifact';
  const target = path.join(step.artifacts, step.runId, name);
  if (existsSync(target)) throw new Error(`an artifact named ${name} exists in this run`);
  const paths = step.with
    .path!.split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const found = paths.map((p) => path.resolve(step.workspace, p)).filter((p) => existsSync(p));
  if (found.length === 0) {
    step.log(`No files were found with the provided path: ${step.with.path}.`);
    if (step.with['if-no-files-found'] === 'error') throw new Error('no files to upload');
    return;
  }
  mkdirSync(target, { recursive: true });
  for (const source of found) {
    const dest = statSync(source).isDirectory() ? target : path.join(target, path.basename(source));
    cpSync(source, dest, { recursive: true });
  }
  return { 'artifact-id': name };
};

/**
 * actions/download-artifact v4+: `name`, or every artifact whose name matches `pattern` (each
 * in its own folder, or together with merge-multiple), of this run or of `run-id`.
 * Leaves out: the token check for another run (any run-id is readable here), digests.
 */
const download: Standin = (step) => {
  const runDir = path.join(step.artifacts, step.with['run-id'] || step.runId);
  const into = path.resolve(step.workspace, step.with.path || '.');
  const all = existsSync(runDir) ? readdirSync(runDir) : [];
  if (step.with.name) {
    if (!all.includes(step.with.name)) throw new Error(`Artifact not found: ${step.with.name}`);
    cpSync(path.join(runDir, step.with.name), into, { recursive: true });
    return;
  }
  const pattern = globToRegExp(step.with.pattern || '*');
  const merge = step.with['merge-multiple'] === 'true';
  for (const name of all.filter((n) => pattern.test(n))) {
    cpSync(path.join(runDir, name), merge ? into : path.join(into, name), { recursive: true });
  }
  mkdirSync(into, { recursive: true });
};

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

/** actions/setup-node and friends: the tools are already here. Leaves out: everything. */
const noop: Standin = () => undefined;

const STANDINS: Record<string, Standin> = {
  'actions/checkout': checkout,
  'docker/login-action': login,
  'actions/upload-artifact': upload,
  'actions/download-artifact': download,
  'actions/setup-node': noop,
  'docker/setup-buildx-action': noop,
};

/** The stand-in for `owner/name@ref`, or undefined (actions/github-script runs elsewhere). */
export function standinFor(uses: string): Standin | undefined {
  return STANDINS[uses.split('@')[0]!];
}
