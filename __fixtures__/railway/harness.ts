/**
 * Test harness for the Railway commands: a virtual clock shared by the emulator and the action
 * (so a 60 s deployment takes milliseconds), a reporter that records every line, and a compose
 * stack of three mapped services, postgres <- backend <- frontend: postgres runs the image its
 * compose file names, backend and frontend are built (their images come from a build step).
 */
import { createHash } from 'node:crypto';
import type { ResolveDigest } from '../../src/docker/digest.js';
import { parseImages, type ImageEntry, type Inputs } from '../../src/inputs.js';
import type { Reporter } from '../../src/reporter.js';
import type { Clock } from '../../src/railway/wait.js';
import { DOCKERFILES, composeDir } from '../compose.js';
import { RailwayEmulator, type EmulatorOptions } from './emulator.js';

export const PROJECT_TOKEN = 'prj-tok-7f3a9c1e-secret';
export const ACCOUNT_TOKEN = 'acct-tok-52bd44e0-secret';

/** Time that moves only when someone sleeps: the whole run is sequential, so this is exact. */
export class VirtualClock implements Clock {
  constructor(public t = Date.parse('2026-03-02T10:00:00Z')) {}
  now = (): number => this.t;
  sleep = async (ms: number): Promise<void> => {
    this.t += Math.max(0, ms);
    await Promise.resolve();
  };
}

export interface Recorded {
  reporter: Reporter;
  lines: string[];
  outputs: Record<string, string>;
  summary: string[];
}

export function recordingReporter(): Recorded {
  const lines: string[] = [];
  const outputs: Record<string, string> = {};
  const summary: string[] = [];
  const reporter: Reporter = {
    info: (m) => lines.push(`info: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    group: async (title, work) => {
      lines.push(`group: ${title}`);
      return work();
    },
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    summary: async (markdown) => {
      summary.push(markdown);
    },
  };
  return { reporter, lines, outputs, summary };
}

/** backend and frontend built from source (Dockerfiles via stackFile), postgres image-only. */
export const BUILT_STACK = `
x-deploy:
  railway: { project: prj-sigmasight, environment: production }
services:
  postgres:
    image: postgres:15
    x-deploy: { railway: { service: postgres, deploy-image: true } }
  backend:
    build: ./backend
    depends_on: { postgres: { condition: service_healthy } }
    x-deploy: { railway: { service: backend } }
  frontend:
    build: ./frontend
    depends_on: [backend]
    x-deploy: { railway: { service: frontend } }
  worker:
    image: sigmasight/worker
`;

/** Three independent services: one wave, all in flight at once. */
export const FLAT_STACK = BUILT_STACK.replace(/\n {4}depends_on: .*/g, '');

/** The `images` output of a build step that pushed: only the services it built. */
export function images(services = ['backend', 'frontend']): Record<string, ImageEntry> {
  const output = Object.fromEntries(
    services.map((s) => [
      s,
      {
        image: `ghcr.io/sigmasight/${s}:abc123`,
        digest: newImage(s),
        id: `sha256:${s}id`,
        size: 120_000_000,
        budget: 500_000_000,
        status: 'ok',
      },
    ]),
  );
  // Through the action's own parser, as a user's input would go.
  return parseImages(JSON.stringify(output))!;
}

/** A digest that looks like one: sha256 of the service's name. */
export function digestOf(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

export function newImage(service: string): string {
  return `ghcr.io/sigmasight/${service}@${digestOf(`${service}new`)}`;
}

/** A registry that knows no tag: without an images input, nothing resolves. */
export const nothingPushed: ResolveDigest = async () => ({ missing: 'not pushed (test registry)' });

/** The compose image of the image-only postgres (in both stacks). */
export const POSTGRES_IMAGE = 'postgres:15';

/** What a deploy of BUILT_STACK with images() leaves each service running. */
export function deployedImage(service: string): string {
  return service === 'postgres' ? POSTGRES_IMAGE : newImage(service);
}

/** BUILT_STACK with postgres left to Railway, as a user's managed database is by default. */
export const MANAGED_STACK = BUILT_STACK.replace(', deploy-image: true', '');

/** The stack written out with the Dockerfiles its build sections need. */
export function stackFile(stack = BUILT_STACK): string {
  return `${composeDir(stack, DOCKERFILES)}/docker-compose.yml`;
}

export type RailwayInputs = Pick<
  Inputs,
  | 'composeFile'
  | 'services'
  | 'railway'
  | 'deployTimeoutMs'
  | 'stableForMs'
  | 'imagePrefix'
  | 'backup'
  | 'backupTimeoutMs'
  | 'verifyTimeoutMs'
  | 'restoreBackup'
  | 'runId'
  | 'images'
  | 'dryRun'
  | 'sha'
  | 'rollbackTo'
>;

export function railwayInputs(
  url: string,
  overrides: Partial<RailwayInputs> = {},
  stack = BUILT_STACK,
): RailwayInputs {
  return {
    composeFile: stackFile(stack),
    services: [],
    deployTimeoutMs: 15 * 60_000,
    stableForMs: 30_000,
    imagePrefix: 'ghcr.io/sigmasight',
    backup: 'auto',
    backupTimeoutMs: 10 * 60_000,
    verifyTimeoutMs: 2 * 60_000,
    runId: '4242',
    images: images(),
    dryRun: false,
    sha: 'abc123',
    ...overrides,
    railway: {
      token: PROJECT_TOKEN,
      tokenType: 'auto',
      ...overrides.railway,
      apiUrl: overrides.railway?.apiUrl || url,
    },
  };
}

export async function emulator(clock: VirtualClock, options: EmulatorOptions = {}) {
  return new RailwayEmulator({
    now: clock.now,
    projectTokens: { [PROJECT_TOKEN]: 'production' },
    accountTokens: [ACCOUNT_TOKEN],
    ...options,
  }).start();
}

export interface ScenarioResult {
  emulator: RailwayEmulator;
  clock: VirtualClock;
  recorded: Recorded;
  states: unknown[];
  error?: Error;
  /** Everything the run said, for the token check. */
  everything: string;
}

/** Runs one command against a fresh emulator on virtual time. */
export async function runScenario(
  command: (
    inputs: RailwayInputs,
    deps: {
      reporter: Reporter;
      clock: Clock;
      onState: (s: unknown) => void;
      random: () => number;
      resolveDigest: ResolveDigest;
    },
  ) => Promise<unknown>,
  options: EmulatorOptions = {},
  overrides: Partial<RailwayInputs> = {},
  stack = BUILT_STACK,
  prepare?: (emulator: RailwayEmulator, clock: VirtualClock) => void,
): Promise<ScenarioResult> {
  const clock = new VirtualClock();
  const emu = await emulator(clock, options);
  prepare?.(emu, clock);
  const recorded = recordingReporter();
  const states: unknown[] = [];
  let error: Error | undefined;
  try {
    await command(railwayInputs(emu.url, overrides, stack), {
      reporter: recorded.reporter,
      clock,
      onState: (s) => states.push(s),
      random: () => 0.5,
      resolveDigest: nothingPushed,
    });
  } catch (caught) {
    error = caught as Error;
  } finally {
    await emu.stop();
  }
  const everything = [
    ...recorded.lines,
    ...Object.values(recorded.outputs),
    ...recorded.summary,
    ...states.map((s) => JSON.stringify(s)),
    error?.message ?? '',
    error?.stack ?? '',
  ].join('\n');
  return { emulator: emu, clock, recorded, states, error, everything };
}

/** An emulator in real time that knows the project token, with short deployments (e2e tests). */
export function startEmulator(options: EmulatorOptions = {}, durationMs = 1000) {
  return new RailwayEmulator({
    projectTokens: { [PROJECT_TOKEN]: 'production' },
    defaultDurationMs: durationMs,
    ...options,
  }).start();
}
