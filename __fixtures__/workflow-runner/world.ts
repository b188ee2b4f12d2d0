/**
 * What GitHub gives every job of every run: the runner's environment variables, this action
 * (action.yml's inputs and defaults, the bundle on Node 24), the artifact store, and the
 * engine each job sees as fresh: images a job tagged under the run's prefix are removed when
 * it ends, so the next job finds only what the registry or an artifact brings it.
 * Sources: docs.github.com "Variables reference" (default environment variables) and
 * "Metadata syntax for GitHub Actions" (inputs: INPUT_<NAME>, defaults evaluated).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { asText, interpolate, type Context } from './expressions.js';
import { inputEnv, readYaml, type Mapping } from './files.js';

export interface WorldOptions {
  /** Everything of the runs goes under here. */
  root: string;
  /** The user's repository: a git repository the checkout stand-in clones. */
  repository: string;
  /** This action's root (action.yml, .github/workflows). */
  actionRoot: string;
  /** The bundle the action's steps run (index.js). */
  bundle: string;
  node: string;
  githubApiUrl: string;
  /** Local tags under these prefixes are a job's own: removed when the job ends. */
  imagePrefixes: string[];
}

export interface RunnerDirs {
  workspace: string;
  temp: string;
  event: string;
  dockerConfig: string;
  job: string;
}

export class RunWorld {
  readonly root: string;
  readonly artifacts: string;
  readonly repository: string;
  readonly actionRoot: string;
  readonly bundle: string;
  readonly node: string;
  readonly githubScript = new URL('./github-script.mjs', import.meta.url).pathname;
  private readonly inputs: Record<string, { default?: unknown }>;

  constructor(private readonly options: WorldOptions) {
    this.root = options.root;
    this.artifacts = path.join(options.root, 'artifacts');
    mkdirSync(this.artifacts, { recursive: true });
    this.repository = options.repository;
    this.actionRoot = options.actionRoot;
    this.bundle = options.bundle;
    this.node = options.node;
    const action = readYaml(path.join(options.actionRoot, 'action.yml'));
    this.inputs = (action.inputs ?? {}) as Record<string, { default?: unknown }>;
  }

  runnerEnv(github: Mapping, dirs: RunnerDirs): NodeJS.ProcessEnv {
    const kept = Object.entries(process.env).filter(
      ([k]) => !/^(INPUT_|STATE_|GITHUB_|RUNNER_|ACTIONS_|DOCKER_CONFIG$)/.test(k),
    );
    const api = this.options.githubApiUrl;
    return {
      ...Object.fromEntries(kept),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: dirs.workspace,
      RUNNER_TEMP: dirs.temp,
      RUNNER_OS: 'Linux',
      GITHUB_EVENT_PATH: dirs.event,
      GITHUB_EVENT_NAME: asText(github.event_name),
      GITHUB_SHA: asText(github.sha),
      GITHUB_REF: asText(github.ref),
      GITHUB_REF_NAME: asText(github.ref_name),
      GITHUB_HEAD_REF: asText(github.head_ref),
      GITHUB_BASE_REF: asText(github.base_ref),
      GITHUB_REPOSITORY: asText(github.repository),
      GITHUB_REPOSITORY_OWNER: asText(github.repository_owner),
      GITHUB_ACTOR: asText(github.actor),
      GITHUB_RUN_ID: asText(github.run_id),
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW: asText(github.workflow),
      GITHUB_JOB: dirs.job,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_API_URL: api,
      GITHUB_GRAPHQL_URL: `${api}/graphql`,
      DOCKER_CONFIG: dirs.dockerConfig,
    };
  }

  /** INPUT_* for a step of this action: `with:` over action.yml's (evaluated) defaults. */
  actionInputs(withs: Record<string, string>, context: Context): NodeJS.ProcessEnv {
    const values: Record<string, string> = {};
    for (const [name, spec] of Object.entries(this.inputs)) {
      values[name] = asText(interpolate(spec.default ?? '', context));
    }
    for (const [name, value] of Object.entries(withs)) {
      if (!(name in this.inputs)) throw new Error(`action.yml has no input "${name}"`);
      values[name] = value;
    }
    return inputEnv(values);
  }

  /** A fresh runner's engine has no image another job tagged: remove the job's own refs. */
  cleanImages(): void {
    if (this.options.imagePrefixes.length === 0) return;
    const format = '{{.Repository}} {{.Tag}} {{.Digest}}';
    const listed = execFileSync('docker', ['images', '--digests', '--format', format], {
      encoding: 'utf8',
    });
    const refs = new Set<string>();
    for (const line of listed.split('\n')) {
      const [repository, tag, digest] = line.split(' ');
      if (!this.options.imagePrefixes.some((p) => repository?.startsWith(`${p}/`))) continue;
      // By reference, never by id: another job on this engine may share an identical image.
      if (tag && tag !== '<none>') refs.add(`${repository}:${tag}`);
      if (digest && digest !== '<none>') refs.add(`${repository}@${digest}`);
    }
    // One at a time: the tag's removal may already have taken the image its digest named.
    for (const ref of refs) spawnSync('docker', ['rmi', '--no-prune', ref], { stdio: 'ignore' });
  }
}
