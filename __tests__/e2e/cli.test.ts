/**
 * The terminal front door, run as a user runs it (`node bin/deploy-action.js ...`, the bundled
 * CLI): the example stack on the real engine, Railway as the local emulator.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { docker, requireEngine } from '../../__fixtures__/engine.js';
import { exampleStack } from '../../__fixtures__/stack.js';
import type { RailwayEmulator } from '../../__fixtures__/railway/emulator.js';
import {
  PROJECT_TOKEN,
  images,
  stackFile,
  startEmulator,
} from '../../__fixtures__/railway/harness.js';
import { CLI, ROOT } from './helpers.js';

const EXAMPLE = 'examples/sigmasight/docker-compose.yml';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, RAILWAY_TOKEN: '', RAILWAY_API_TOKEN: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (run: Run) => JSON.parse(run.stdout) as Record<string, any>;
const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

let emulator: RailwayEmulator | undefined;
afterEach(async () => emulator?.stop());
beforeAll(requireEngine);

describe('deploy-action from a terminal', () => {
  it('plan prints the order, budgets and mapping, and touches neither docker nor Railway', async () => {
    emulator = await startEmulator();
    // Only node on PATH: a plan that ran docker (or anything else) would fail.
    const args = ['plan', '--compose-file', EXAMPLE, '--json', '--railway-api-url', emulator.url];
    const run = await cli(args, {
      PATH: path.dirname(process.execPath),
      RAILWAY_TOKEN: PROJECT_TOKEN,
    });
    expect(run.code).toBe(0);
    const plan = json(run).plan;
    expect(plan.services.map((s: { service: string }) => s.service)).toEqual([
      'postgres',
      'backend',
      'frontend',
    ]);
    expect(plan.services[1]).toMatchObject({ budget: 400_000_000, railway: 'sigmasight-backend' });
    expect(emulator.requests).toEqual([]);
  });

  it.each([
    [
      ['build', '--budgte', '5MB'],
      "error: Unknown option '--budgte'; see 'deploy-action build --help'",
    ],
    [['bild'], 'Expected one command of plan, build, test, deploy, rollback, got "bild"'],
    [[], 'Expected one command of plan, build, test, deploy, rollback, got no command'],
    [['build', 'extra'], 'got "build extra"'],
    [
      ['build', '--compose-file', EXAMPLE, '--budget', 'lots'],
      'error: --budget: expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "lots"',
    ],
  ])(
    '%j is a usage mistake: exit 2, one line pointing at --help, no stack trace',
    async (args, message) => {
      const run = await cli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/; see 'deploy-action( \w+)? --help'\n$/);
      noStackTrace(run.stderr);
    },
  );

  it('--version and per-command help answer from the bundle', async () => {
    const version = await cli(['--version']);
    expect(version.stdout).toMatch(/^deploy-action \d+\.\d+\.\d+\n$/);
    const help = await cli(['test', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--keep-stack');
    expect(help.stdout).not.toContain('--push');
  });

  it('NO_COLOR and a piped stderr: no escape codes', async () => {
    const run = await cli(['deploy', '--dry-run', '--compose-file', EXAMPLE], { NO_COLOR: '1' });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: No Railway token');
    expect(run.stdout + run.stderr).not.toContain(`${String.fromCharCode(27)}[`);
  });

  it('build and test the example: exit 0, outputs as JSON, nothing left running', async () => {
    const sha = `cli${Date.now().toString(36)}`;
    // The example on free ports, so other tests' stacks cannot collide with this one.
    const { file } = await exampleStack();
    const common = [
      '--compose-file',
      file,
      '--image-prefix',
      'deploy-action-cli',
      '--sha',
      sha,
      '--json',
    ];
    try {
      const build = await cli(['build', ...common]);
      expect(build.code).toBe(0);
      expect(json(build).images.backend).toMatchObject({
        image: `deploy-action-cli/backend:${sha}`,
        status: 'ok',
      });
      expect(build.stderr).toMatch(
        /\[backend\] (built in [\d.]+ m?s: )?[\d.]+ MB \(budget 400 MB\)/,
      );

      const test = await cli(['test', ...common]);
      expect(test.code).toBe(0);
      const stack = json(test).stack;
      expect(Object.keys(stack)).toEqual(['postgres', 'backend', 'frontend']);
      expect(stack.backend).toMatchObject({ health: 'healthy', migrationExitCode: 0 });
      const project = /compose project (da-[a-z0-9-]+)/.exec(test.stderr)![1]!;
      expect(docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)).toBe(
        '',
      );
    } finally {
      docker('rmi', `deploy-action-cli/backend:${sha}`, `deploy-action-cli/frontend:${sha}`);
    }
  }, 600_000);

  it('build fails with exit 1 when an image is over budget', async () => {
    const run = await cli([
      'build',
      '--compose-file',
      EXAMPLE,
      '--services',
      'frontend',
      '--budget',
      '10MB',
      '--image-prefix',
      'deploy-action-cli',
      '--sha',
      'overbudget',
    ]);
    docker('rmi', 'deploy-action-cli/frontend:overbudget');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /error \(examples\/sigmasight\/frontend\/Dockerfile:\d+\): frontend is [\d.]+ MB, over its budget of 10\.0 MB/,
    );
  }, 300_000);

  describe('against the Railway emulator', () => {
    const start = async (options = {}, durationMs?: number) => {
      emulator = await startEmulator(options, durationMs);
      return emulator;
    };
    const railwayArgs = (url: string) => [
      '--compose-file',
      stackFile(),
      '--railway-api-url',
      url,
      '--stable-for',
      '2s',
      '--json',
    ];

    it('deploy reads RAILWAY_TOKEN as a project token, deploys and exits 0', async () => {
      const emu = await start();
      const run = await cli(
        ['deploy', ...railwayArgs(emu.url), '--images', JSON.stringify(images())],
        { RAILWAY_TOKEN: PROJECT_TOKEN },
      );
      expect(run.code).toBe(0);
      const { deployments } = json(run);
      expect(Object.keys(deployments)).toEqual(['postgres', 'backend', 'frontend']);
      expect(deployments.frontend.status).toBe('SUCCESS');
      expect(emu.requests.every((r) => r.headers['project-access-token'] === PROJECT_TOKEN)).toBe(
        true,
      );
      expect(run.stdout + run.stderr).not.toContain(PROJECT_TOKEN);
    }, 60_000);

    it('a failed deploy rolls back and exits 1', async () => {
      const emu = await start({
        script: (c: { service: string; kind: string }) =>
          c.service === 'frontend' && c.kind === 'deploy' ? { outcome: 'crash' } : undefined,
      });
      const run = await cli([
        'deploy',
        ...railwayArgs(emu.url),
        '--images',
        JSON.stringify(images()),
        '--railway-token',
        PROJECT_TOKEN,
      ]);
      expect(run.code).toBe(1);
      expect(json(run)['rolled-back']).toBe(true);
      expect(run.stderr).toContain('frontend');
    }, 60_000);

    it('deploy --dry-run asks Railway and changes nothing', async () => {
      const emu = await start();
      const run = await cli([
        'deploy',
        ...railwayArgs(emu.url),
        '--images',
        JSON.stringify(images()),
        '--dry-run',
        '--railway-token',
        PROJECT_TOKEN,
      ]);
      expect(run.code).toBe(0);
      expect(emu.mutations()).toEqual([]);
      expect(json(run).deployments.backend.status).toBe('DRY_RUN');
    }, 60_000);

    it('rollback puts the services back and exits 0', async () => {
      const emu = await start();
      const run = await cli([
        'rollback',
        ...railwayArgs(emu.url),
        '--railway-token',
        PROJECT_TOKEN,
      ]);
      expect(run.code).toBe(0);
      expect(emu.mutations().some((m) => m.fields.includes('deploymentRollback'))).toBe(true);
    }, 60_000);

    it('Ctrl-C mid-rollout stops the engine and rolls back what it had deployed: exit 130', async () => {
      const emu = await start({}, 1500);
      const child = spawn(
        process.execPath,
        [CLI, 'deploy', ...railwayArgs(emu.url), '--images', JSON.stringify(images())],
        { cwd: ROOT, env: { ...process.env, RAILWAY_TOKEN: PROJECT_TOKEN, RAILWAY_API_TOKEN: '' } },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Interrupted once backend's wave has gone out: postgres is live, backend on its way.
      while (!emu.mutations().some((q) => q.variables.m0 === 'svc-backend')) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      child.kill('SIGINT');
      const code = await exited;
      if (code !== 130) console.log(stderr);
      expect(code).toBe(130);
      for (const service of ['postgres', 'backend', 'frontend']) {
        expect(emu.world.serving(service)!.meta.image).toBe(`${service}:v1`);
        expect(emu.world.sourceImage(service)).toBe(`${service}:v1`);
      }
      expect(stderr).toContain('Interrupted: stopping the Railway run at its next step');
      expect(stderr).not.toContain(PROJECT_TOKEN);
    }, 60_000);
  });
});
