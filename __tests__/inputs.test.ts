import { describe, expect, it } from '@jest/globals';
import { InputError } from '../src/errors.js';
import { getInputs } from '../src/inputs.js';

const env = {
  GITHUB_REPOSITORY: 'SigmaSight/Platform',
  GITHUB_SHA: 'abc123',
  GITHUB_REF: 'refs/heads/main',
};

function inputs(given: Record<string, string>, environment: NodeJS.ProcessEnv = env) {
  return getInputs((name) => given[name] ?? '', environment);
}

function refused(given: Record<string, string>): string {
  try {
    inputs(given);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the inputs to be refused');
}

describe('inputs', () => {
  it('fills the defaults of action.yml and of the run', () => {
    const read = inputs({ command: 'build' });
    expect(read).toMatchObject({
      command: 'build',
      composeFile: '',
      profiles: [],
      services: [],
      budget: undefined,
      imagePrefix: 'ghcr.io/sigmasight/platform',
      push: false,
      comment: 'auto',
      deployTimeoutMs: 900_000,
      healthTimeoutMs: 180_000,
      dryRun: false,
      keepStack: false,
      sha: 'abc123',
      ref: 'refs/heads/main',
    });
    expect(read.railway).toEqual({
      token: '',
      tokenType: 'auto',
      apiUrl: 'https://backboard.railway.com/graphql/v2',
      project: undefined,
      environment: undefined,
    });
  });

  it('reads every input the user sets', () => {
    const read = inputs({
      command: 'deploy',
      'compose-file': 'ops/compose.yml',
      services: 'backend, frontend\nbackend',
      budget: '1GiB',
      'image-prefix': '127.0.0.1:5000/sigma/',
      push: 'true',
      'dry-run': 'True',
      'deploy-timeout': '20m',
      'health-timeout': '90s',
      'railway-project': 'p',
      images: '{"a":{"image":"x"}}',
    });
    expect(read).toMatchObject({
      command: 'deploy',
      composeFile: 'ops/compose.yml',
      services: ['backend', 'frontend'],
      budget: 2 ** 30,
      imagePrefix: '127.0.0.1:5000/sigma',
      push: true,
      dryRun: true,
      deployTimeoutMs: 1_200_000,
      healthTimeoutMs: 90_000,
      images: { a: { image: 'x' } },
    });
    expect(read.railway.project).toBe('p');
  });

  it('tags local runs with a local prefix', () => {
    expect(inputs({ command: 'build' }, {}).imagePrefix).toBe('local');
  });

  it.each([
    [
      {},
      'Input "command": expected one of build, test, deploy, rollback, backup, preview, preview-down, plan, collect; got nothing (it is required)',
    ],
    [
      { command: 'bild' },
      'Input "command": expected one of build, test, deploy, rollback, backup, preview, preview-down, plan, collect; got "bild"',
    ],
    [
      { command: 'plan', 'max-services-per-job': '0' },
      'Input "max-services-per-job": expected a whole number of at least 1, got "0"',
    ],
    [
      { command: 'plan', 'max-services-per-job': '2.5' },
      'Input "max-services-per-job": expected a whole number of at least 1, got "2.5"',
    ],
    [
      { command: 'build', budget: '500 megs' },
      'Input "budget": expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "500 megs"',
    ],
    [
      { command: 'build', budget: '-1MB' },
      'Input "budget": expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "-1MB"',
    ],
    [{ command: 'build', push: 'yes' }, 'Input "push": expected true or false, got "yes"'],
    [
      { command: 'build', comment: 'sometimes' },
      'Input "comment": expected one of auto, always, never; got "sometimes"',
    ],
    [
      { command: 'deploy', 'railway-token-type': 'team' },
      'Input "railway-token-type": expected one of auto, project, account; got "team"',
    ],
    [
      { command: 'deploy', 'deploy-timeout': '15' },
      'Input "deploy-timeout": expected a duration like 90s, 15m or 1h30m (units ms, s, m, h), got "15"',
    ],
    [
      { command: 'test', 'health-timeout': 'soon' },
      'Input "health-timeout": expected a duration like 90s, 15m or 1h30m (units ms, s, m, h), got "soon"',
    ],
    [
      { command: 'deploy', 'railway-api-url': 'backboard.railway.com' },
      'Input "railway-api-url": expected an http:// or https:// URL, got "backboard.railway.com"',
    ],
    [
      { command: 'deploy', images: 'backend:1' },
      'Input "images": expected the JSON `images` output of a build step, got text that is not JSON',
    ],
    [
      { command: 'deploy', images: '[1]' },
      'Input "images": expected a JSON object of service -> image, like the `images` output of a build step',
    ],
    [
      { command: 'build', 'image-prefix': 'ghcr.io/my org' },
      'Input "image-prefix": expected an image repository prefix like ghcr.io/owner/repo, got "ghcr.io/my org"',
    ],
    [{ command: 'test', 'keep-stack': '1' }, 'Input "keep-stack": expected true or false, got "1"'],
  ])('refuses %j', (given, message) => {
    expect(refused(given)).toBe(message);
  });
});

describe('the images input', () => {
  it('reads a build step output into typed entries', () => {
    const output = {
      backend: {
        image: 'ghcr.io/o/backend:abc',
        digest: `ghcr.io/o/backend@sha256:${'1'.repeat(64)}`,
        size: 1,
        status: 'ok',
      },
      frontend: { image: 'ghcr.io/o/frontend:abc', digest: null, status: 'over-budget' },
    };
    expect(inputs({ command: 'deploy', images: JSON.stringify(output) }).images).toEqual({
      backend: {
        image: 'ghcr.io/o/backend:abc',
        digest: `ghcr.io/o/backend@sha256:${'1'.repeat(64)}`,
        size: 1,
        status: 'ok',
      },
      frontend: { image: 'ghcr.io/o/frontend:abc', status: 'over-budget' },
    });
  });

  it.each([
    [
      { backend: {} },
      'Input "images": expected an image for "backend", like the images output of a build step',
    ],
    [
      { backend: 'ghcr.io/o/backend:abc' },
      'Input "images": expected an image for "backend", like the images output of a build step',
    ],
    [
      { backend: { image: 'x', digest: 5 } },
      'Input "images": expected a digest string for "backend", like the images output of a build step',
    ],
    [
      { backend: { image: 'x', status: 'great' } },
      'Input "images": expected a status of ok, over-budget, build-failed for "backend", like the images output of a build step',
    ],
  ])('refuses %j', (output, message) => {
    expect(refused({ command: 'deploy', images: JSON.stringify(output) })).toBe(message);
  });
});

describe('build inputs (as docker/build-push-action names them)', () => {
  it('reads caches one a line, platforms, attestations, args and secrets', () => {
    const read = inputs({
      command: 'build',
      'compose-file': 'compose.yaml\ncompose.ci.yaml\n',
      profiles: 'tools, debug',
      builder: 'classic',
      'cache-from': 'type=gha,scope={service}\ntype=registry,ref=r/x:cache',
      'cache-to': 'type=gha,mode=max,scope={service}',
      platforms: 'linux/amd64,linux/arm64',
      provenance: 'mode=max',
      'no-cache': 'true',
      'build-args': 'A=1\nB=two=2',
      secrets: 'TOKEN=s3cr=t',
    });
    expect([read.composeFile, read.profiles]).toEqual([
      'compose.yaml\ncompose.ci.yaml',
      ['tools', 'debug'],
    ]);
    expect(read.build).toEqual({
      builder: 'classic',
      cacheFrom: ['type=gha,scope={service}', 'type=registry,ref=r/x:cache'],
      cacheTo: ['type=gha,mode=max,scope={service}'],
      platforms: ['linux/amd64', 'linux/arm64'],
      provenance: 'mode=max',
      sbom: undefined,
      noCache: true,
      buildArgs: { A: '1', B: 'two=2' },
      secrets: { TOKEN: 's3cr=t' },
    });
  });

  it('refuses a secret line without a name, without repeating the value', () => {
    const message = refused({ command: 'build', secrets: 'hunter2' });
    expect(message).toBe('Input "secrets": expected KEY=value lines, got a line without KEY=');
  });
});
