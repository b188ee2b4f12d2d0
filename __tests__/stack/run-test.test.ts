import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  StackTestFailedError,
  runTest,
  type StackIdentity,
  type TestInputs,
} from '../../src/commands/test.js';
import { UserError } from '../../src/errors.js';
import { composeDir } from '../../__fixtures__/compose.js';
import { recordingReporter, type RecordingReporter } from '../../__fixtures__/reporter.js';
import { fakeDocker, type FakeDockerOptions } from './fake-docker.js';
import { parseImages } from '../../src/inputs.js';

const SHA = 'abc1234000000000000000000000000000000000';
const DIGEST = `reg.example/web@sha256:${'a'.repeat(64)}`;
const DENIED =
  "Error response from daemon: pull access denied for reg.example/web, repository does not exist or may require 'docker login': denied: requested access to the resource is denied";

const COMPOSE = `services:
  db:
    image: postgres:15
  web:
    build: ./web
    depends_on: [db]
`;

function inputs(overrides: Partial<TestInputs> = {}): TestInputs {
  return {
    composeFile: path.join(
      composeDir(COMPOSE, { 'web/Dockerfile': 'FROM scratch\n' }),
      'docker-compose.yml',
    ),
    services: [],
    budget: undefined,
    imagePrefix: 'local',
    sha: SHA,
    ref: undefined,
    images: undefined,
    healthTimeoutMs: 5000,
    keepStack: false,
    ...overrides,
  };
}

/** The recording reporter, plus the titles of groups opened inside another group. */
function groupCheckingReporter(): RecordingReporter & { nested: string[] } {
  const reporter = Object.assign(recordingReporter(), { nested: [] as string[] });
  const group = reporter.group;
  let depth = 0;
  reporter.group = async (title, work) => {
    if (depth > 0) reporter.nested.push(title);
    depth++;
    try {
      return await group(title, work);
    } finally {
      depth--;
    }
  };
  return reporter;
}

async function test(given: TestInputs, docker: FakeDockerOptions = {}) {
  const { engine, exec } = fakeDocker(docker);
  const reporter = groupCheckingReporter();
  let stack: StackIdentity | undefined;
  const result = await runTest(given, {
    exec,
    reporter,
    workDir: mkdtempSync(path.join(tmpdir(), 'da-run-test-')),
    workspace: process.cwd(),
    teardown: 'now',
    stableMs: 0,
    sleep: async () => {},
    onStack: (identity) => (stack = identity),
  }).catch((error: unknown) => error);
  const output = reporter.outputs.stack ? JSON.parse(reporter.outputs.stack) : undefined;
  /** The images compose was told to run (the generated override). */
  const override = stack ? readFileSync(stack.files[1]!, 'utf8') : '';
  return { result, engine, reporter, output, override };
}

describe('images named by the images input', () => {
  it('fails with the pull error if the pushed digest cannot be pulled; builds nothing', async () => {
    const images = parseImages(
      JSON.stringify({ web: { image: 'reg.example/web:abc', digest: DIGEST, status: 'ok' } }),
    );
    const { result, engine, reporter } = await test(inputs({ images }), { pullError: DENIED });
    expect(result).toBeInstanceOf(UserError);
    expect((result as Error).message).toBe(
      `web: the images input names ${DIGEST}, which is not on this machine and could not be ` +
        `pulled (${DENIED}). Testing an image rebuilt from source would not test what will be ` +
        'deployed: log in to the registry (docker/login-action) before this step.',
    );
    expect(reporter.annotations).toContainEqual({
      level: 'warning',
      message: `Could not pull ${DIGEST}: ${DENIED}`,
      at: undefined,
    });
    expect(engine.builds).toEqual([]);
    expect(engine.ups).toEqual([]);
  });

  it('tests the pushed digest, the image the deploy will run', async () => {
    const images = parseImages(
      JSON.stringify({ web: { image: 'reg.example/web:abc', digest: DIGEST, status: 'ok' } }),
    );
    const { result, engine, override } = await test(inputs({ images }), { registry: [DIGEST] });
    expect(result).not.toBeInstanceOf(Error);
    expect(engine.pulls).toEqual([DIGEST]);
    expect(override).toContain(`image: ${DIGEST}`);
    expect(engine.builds).toEqual([]);
  });

  it('fails rather than rebuilds when a tag from the images input cannot be pulled', async () => {
    const images = parseImages(JSON.stringify({ web: { image: 'reg.example/web:abc' } }));
    const { result, engine } = await test(inputs({ images }));
    expect((result as Error).message).toMatch(
      /^web: the images input names reg\.example\/web:abc, .* \(Error response from daemon: manifest for reg\.example\/web:abc not found\)\. Test in the job that built it/,
    );
    expect(engine.builds).toEqual([]);
  });
});

describe('images built on the way (no images input)', () => {
  it('builds the missing tag and tests it, with no build outputs, summary or group', async () => {
    const { result, engine, reporter, output, override } = await test(inputs());
    expect(result).not.toBeInstanceOf(Error);
    expect(engine.builds).toEqual([`local/web:${SHA}`]);
    expect(override).toContain(`image: local/web:${SHA}`);
    expect(Object.keys(reporter.outputs)).toEqual(['stack']);
    expect(output.web).toMatchObject({ state: 'running', health: 'healthy' });
    expect(reporter.summaries).toHaveLength(1);
    expect(reporter.summaries[0]).toMatch(/^## Stack test/);
    expect(reporter.nested).toEqual([]);
    expect(reporter.lines).toContain('build: Docker engine');
  });
  it('tests an image over budget without a verdict: that is the build step’s to give', async () => {
    const overBudget = COMPOSE.replace(
      'build: ./web',
      'build: ./web\n    x-deploy: { budget: 10B }',
    );
    const dir = composeDir(overBudget, { 'web/Dockerfile': 'FROM scratch\n' });
    const given = inputs({ composeFile: path.join(dir, 'docker-compose.yml') });
    const { result, reporter, output } = await test(given);
    expect(result).not.toBeInstanceOf(Error);
    expect(output.web.health).toBe('healthy');
    expect(reporter.annotations.map((a) => a.level)).not.toContain('error');
    expect(reporter.annotations.map((a) => a.message).join('\n')).not.toMatch(/budget/);
  });
});

describe('a compose up that fails naming no service', () => {
  const upError = 'ERROR: manifest for postgres:15 not found\n';

  it('puts the failure on each service it left unstarted, in output and summary', async () => {
    const { result, output, reporter } = await test(inputs(), { upError });
    expect(result).toBeInstanceOf(StackTestFailedError);
    expect((result as Error).message).toBe(
      'The stack test failed: db, web compose up failed: manifest for postgres:15 not found. ' +
        'Its logs are in the groups above.',
    );
    for (const service of ['db', 'web']) {
      expect(output[service]).toMatchObject({
        state: 'created',
        health: 'unhealthy',
        error: 'compose up failed: manifest for postgres:15 not found',
      });
      expect(reporter.summaries[0]).toContain(
        `| ${service} | created | ❌ unhealthy: compose up failed: manifest for postgres:15 not found |`,
      );
    }
  });

  it('keeps its message when the teardown after it fails too', async () => {
    const listingError = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.';
    const { result, reporter } = await test(inputs(), {
      upError,
      networkListingError: listingError,
    });
    expect(result).toBeInstanceOf(StackTestFailedError);
    expect((result as Error).message).toMatch(/^The stack test failed: db, web compose up failed/);
    const warning = reporter.annotations.find((a) => a.message.startsWith('Tearing down'));
    expect(warning?.message).toMatch(/^Tearing down da-abc12340-\w{6} failed: .*Cannot connect/s);
    expect(warning?.message).toContain(
      'docker rm -f -v $(docker ps -aq --filter label=com.docker.compose.project=da-abc12340-',
    );
  });
});
