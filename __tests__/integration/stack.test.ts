import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  StackTestFailedError,
  runTest,
  tearDown,
  type TestInputs,
} from '../../src/commands/test.js';
import { createExec } from '../../src/docker/exec.js';
import { UserError } from '../../src/errors.js';
import type { ComposeProject } from '../../src/stack/compose.js';
import { removalCommands } from '../../src/stack/teardown.js';
import {
  REGISTRY,
  docker,
  requireEngine,
  requireRegistry,
  uniqueId,
  untag,
} from '../../__fixtures__/engine.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';
import { exampleStack, projectResources } from '../../__fixtures__/stack.js';
import { parseImages } from '../../src/inputs.js';

// One build for the whole file: the first test builds the images (runTest builds missing ones).
const PREFIX = 'deploy-action-stack-it';
const SHA = uniqueId('st');

function inputs(file: string, overrides: Partial<TestInputs> = {}): TestInputs {
  return {
    composeFile: file,
    services: [],
    budget: undefined,
    imagePrefix: PREFIX,
    sha: SHA,
    ref: undefined,
    images: undefined,
    healthTimeoutMs: 90_000,
    keepStack: false,
    ...overrides,
  };
}

async function test(given: TestInputs) {
  const reporter = recordingReporter();
  let project: ComposeProject | undefined;
  const started = Date.now();
  const result = await runTest(given, {
    exec: createExec(),
    reporter,
    workDir: mkdtempSync(path.join(tmpdir(), 'deploy-action-stack-')),
    workspace: process.cwd(),
    teardown: 'now',
    loopbackOnly: true,
    onStack: (identity) => (project = identity),
  }).catch((error: unknown) => error);
  const stack = reporter.outputs.stack ? JSON.parse(reporter.outputs.stack) : undefined;
  return { result, reporter, project: project!, stack, seconds: (Date.now() - started) / 1000 };
}

function dockerText(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' });
}

/** The failure's group (title names the service) and the lines under it. */
function failureGroup(lines: string[], service: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(`group: ${service}: `));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('group: '));
  return lines.slice(start, end < 0 ? undefined : end);
}

beforeAll(requireEngine);
afterAll(() => untag(`${PREFIX}/backend:${SHA}`, `${PREFIX}/frontend:${SHA}`));

describe('the example stack on the real engine', () => {
  // Both composes for real: v2 (the plugin, GitHub's runners) and v1 (Debian's docker-compose).
  it.each([
    ['v2', 'docker compose'],
    ['v1', 'docker-compose'],
  ] as const)(
    'compose %s: builds missing images, migrates, passes every health check, keeps the stack on request',
    async (flavour, command) => {
      const example = await exampleStack();
      const { result, reporter, project, stack } = await test(
        inputs(example.file, { keepStack: true, compose: flavour }),
      );
      try {
        expect(result).not.toBeInstanceOf(Error);
        expect(reporter.lines.some((l) => l.includes(`compose ${flavour}`))).toBe(true);
        expect(reporter.lines.some((l) => l.includes(`(${command})`))).toBe(true);
        // The images built on the way are not this step's outputs: those are the build step's.
        expect(Object.keys(reporter.outputs)).toEqual(['stack']);
        expect(project.name).toMatch(/^da-st[a-z0-9]{0,6}-[a-z0-9]{6}$/);
        expect(stack.postgres).toMatchObject({ state: 'running', health: 'healthy' });
        expect(stack.backend).toMatchObject({
          state: 'running',
          health: 'healthy',
          migrationExitCode: 0,
        });
        expect(stack.frontend).toMatchObject({
          state: 'running',
          health: 'healthy',
          migrationExitCode: null,
        });
        for (const service of ['postgres', 'backend', 'frontend'])
          expect(stack[service].secondsToHealthy).toBeGreaterThan(0);
        // The alembic migration made its tables in the real database.
        const db = dockerText(
          'ps',
          '-q',
          '--filter',
          `label=com.docker.compose.project=${project.name}`,
          '--filter',
          'label=com.docker.compose.service=postgres',
        ).trim();
        const tables = dockerText(
          'exec',
          db,
          'psql',
          '-U',
          'sigmasight',
          '-d',
          'sigmasight',
          '-tAc',
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
        );
        expect(tables.trim().split('\n')).toEqual([
          'alembic_version',
          'portfolios',
          'positions',
          'users',
        ]);
        // The frontend really reaches the backend (its /api/health asks the backend's /health).
        const health = await fetch(`http://127.0.0.1:${example.frontendPort}/api/health`);
        expect(await health.json()).toEqual({ status: 'ok', backend: 'ok' });
        const portfolios = await fetch(`http://127.0.0.1:${example.backendPort}/api/portfolios`);
        expect(await portfolios.json()).toEqual([]);
        expect(reporter.summaries.join('')).toMatch(
          /\| backend \| running \| ✅ healthy \| [\d.]+ s \| ✅ exit 0 \|/,
        );
        expect(reporter.lines).toContain(`keep-stack: ${project.name} is left running`);
      } finally {
        await tearDown(project, { exec: createExec(), reporter });
      }
      expect(projectResources(project.name)).toEqual([]);
    },
    600_000,
  );

  const broken: [string, string, RegExp, RegExp, number][] = [
    [
      'backend-health-500',
      'backend',
      /health URL http:\/\/127\.0\.0\.1:\d+\/health was not healthy in time: answered 500/,
      /"GET \/health HTTP\/1\.1" 500/,
      30_000,
    ],
    [
      'migration-fails',
      'backend',
      /migration `alembic upgrade 9999_missing` exited with code \d+/,
      /Can't locate revision identified by '9999_missing'/,
      90_000,
    ],
    [
      'exits-at-start',
      'frontend',
      /exited with code 3/,
      /frontend: API_KEY is not set, exiting/,
      90_000,
    ],
    [
      'crash-loop',
      'frontend',
      /is crash-looping: restarted \d+ time\(s\)/,
      /frontend: crashed/,
      90_000,
    ],
    [
      'unpublished-port',
      'frontend',
      /connection refused \(port \d+ is not published by frontend; it publishes 127\.0\.0\.1:\d+\)/,
      /frontend listening on :3005/,
      30_000,
    ],
  ];

  it.each(broken)(
    '%s: fails naming %s, shows its logs, leaves nothing behind',
    async (variant, service, reason, log, timeout) => {
      const example = await exampleStack(variant);
      const { result, reporter, project, stack, seconds } = await test(
        inputs(example.file, { healthTimeoutMs: timeout }),
      );
      expect(result).toBeInstanceOf(StackTestFailedError);
      const message = (result as Error).message;
      expect(message).toMatch(new RegExp(`^The stack test failed: .*${service} `));
      expect(message).toMatch(reason);
      expect(stack[service].health).toBe('unhealthy');
      expect(stack[service].error).toMatch(reason);
      const group = failureGroup(reporter.lines, service);
      expect(group[0]).toMatch(reason);
      expect(group.join('\n')).toMatch(log);
      // Early detection: a crash does not wait for the health-timeout.
      if (timeout === 90_000) expect(seconds).toBeLessThan(80);
      expect(projectResources(project.name)).toEqual([]);
    },
    300_000,
  );

  it('a host port already taken: fails at once naming backend and what compose said', async () => {
    const example = await exampleStack();
    const squatter = createServer().listen(example.backendPort, '127.0.0.1');
    try {
      const { result, reporter, project, stack, seconds } = await test(inputs(example.file));
      expect((result as Error).message).toMatch(
        /^The stack test failed: backend did not start: .*(address already in use|port is already allocated)/,
      );
      expect(stack.backend).toMatchObject({ state: 'created', health: 'unhealthy' });
      expect(failureGroup(reporter.lines, 'backend')[1]).toMatch(/: created, health none/);
      expect(seconds).toBeLessThan(80);
      expect(projectResources(project.name)).toEqual([]);
    } finally {
      squatter.close();
    }
  }, 300_000);

  it('a digest from the images input that the registry lacks fails; nothing rebuilt', async () => {
    await requireRegistry();
    const example = await exampleStack();
    const sha = uniqueId('dg');
    const digest = `${REGISTRY}/deploy-action-missing@sha256:${'0'.repeat(64)}`;
    const entry = { image: `${REGISTRY}/deploy-action-missing:${sha}`, digest, status: 'ok' };
    const images = parseImages(JSON.stringify({ backend: entry, frontend: entry }));
    const { result, project } = await test(inputs(example.file, { sha, images }));
    expect(result).toBeInstanceOf(UserError);
    expect((result as Error).message).toMatch(
      /^backend: the images input names .*could not be pulled \(.*manifest unknown\)\. Testing an image rebuilt from source would not test what will be deployed/,
    );
    expect(() => docker('image', 'inspect', `${PREFIX}/backend:${sha}`)).toThrow();
    expect(project).toBeUndefined();
  }, 60_000);
});

describe('the removal commands a teardown warning prints', () => {
  it('remove a container, its network and its volume when pasted into a shell', () => {
    const project = uniqueId('da-rm');
    const label = ['--label', `com.docker.compose.project=${project}`];
    docker('network', 'create', ...label, `${project}_default`);
    docker('volume', 'create', ...label, `${project}_data`);
    docker(
      'create',
      ...label,
      '--network',
      `${project}_default`,
      '-v',
      `${project}_data:/data`,
      'debian:bookworm-slim',
      'true',
    );
    expect(projectResources(project)).toHaveLength(3);
    for (const command of removalCommands(project)) execFileSync('sh', ['-c', command]);
    expect(projectResources(project)).toEqual([]);
  }, 60_000);
});
