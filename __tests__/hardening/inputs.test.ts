/**
 * Inputs that reached real mutations (issue 16), refused before any request with one sentence
 * naming the input; and the build-arg values of a command never in a log line or an error.
 */
import { describe, expect, it } from '@jest/globals';
import { createExec, shownCommand } from '../../src/docker/exec.js';
import { InputError } from '../../src/errors.js';
import { getInputs, MINIMUMS } from '../../src/inputs.js';

function inputs(values: Record<string, string>) {
  return getInputs((name) => values[name] ?? '', {});
}

function refusal(values: Record<string, string>): string {
  try {
    inputs(values);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the inputs to be refused');
}

const HEX = 'a'.repeat(64);
const images = (digest: string) => JSON.stringify({ web: { image: 'ghcr.io/o/web:1', digest } });

describe('inputs refused before any request', () => {
  it.each([
    [
      'a deploy-timeout under a minute',
      { command: 'deploy', 'deploy-timeout': '0.4ms' },
      'Input "deploy-timeout": expected a duration of at least 1m, got "0.4ms"',
    ],
    [
      'a deploy-timeout of 59s',
      { command: 'deploy', 'deploy-timeout': '59s' },
      'Input "deploy-timeout": expected a duration of at least 1m, got "59s"',
    ],
    [
      'a health-timeout under 5s',
      { command: 'test', 'health-timeout': '1s' },
      'Input "health-timeout": expected a duration of at least 5s, got "1s"',
    ],
    [
      'a duration over a day',
      { command: 'deploy', 'deploy-timeout': '25h' },
      'Input "deploy-timeout": expected a duration like 90s, 15m or 1h30m (units ms, s, m, h), got "25h"',
    ],
    [
      'a 400-digit budget',
      { command: 'build', budget: `${'9'.repeat(400)}GB` },
      `Input "budget": expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "${'9'.repeat(400)}GB"`,
    ],
    [
      'a digest without its repository',
      { command: 'deploy', images: images(`sha256:${HEX}`) },
      'Input "images": expected a digest like repo@sha256:<64 hex digits> for "web", like the images output of a build step',
    ],
    [
      'a short digest',
      { command: 'deploy', images: images('ghcr.io/o/web@sha256:abc') },
      'Input "images": expected a digest like repo@sha256:<64 hex digits> for "web", like the images output of a build step',
    ],
    [
      'a digest in capitals',
      { command: 'deploy', images: images(`ghcr.io/o/web@sha256:${'A'.repeat(64)}`) },
      'Input "images": expected a digest like repo@sha256:<64 hex digits> for "web", like the images output of a build step',
    ],
  ])('refuses %s', (_, values, message) => {
    expect(refusal(values)).toBe(message);
  });

  it.each([
    ['user and password', 'https://user:hunter2@backboard.railway.com/graphql/v2'],
    ['a user alone', 'https://token123@backboard.railway.com/graphql/v2'],
    ['a password alone', 'https://:hunter2@backboard.railway.com/graphql/v2'],
  ])('refuses a railway-api-url with %s, without printing it', (_, url) => {
    const text = refusal({ command: 'deploy', 'railway-api-url': url });
    expect(text).toBe(
      'Input "railway-api-url": expected a URL without credentials (user:password@), got one with them; put the token in railway-token',
    );
  });

  it.each([
    ['a space', 'https://a b.example/graphql'],
    ['a newline', 'https://x.example/\n::warning::y'],
  ])('refuses a railway-api-url with %s', (_, url) => {
    expect(refusal({ command: 'deploy', 'railway-api-url': url })).toMatch(
      /^Input "railway-api-url": expected an http:\/\/ or https:\/\/ URL, got "/,
    );
  });

  it('takes the minimums themselves and a real digest', () => {
    const got = inputs({
      command: 'deploy',
      'deploy-timeout': MINIMUMS.deployTimeout.text,
      'health-timeout': MINIMUMS.healthTimeout.text,
      images: images(`ghcr.io/o/web@sha256:${HEX}`),
      'railway-api-url': 'http://127.0.0.1:4000/graphql',
    });
    expect([got.deployTimeoutMs, got.healthTimeoutMs]).toEqual([60_000, 5_000]);
    expect(got.images?.web?.digest).toBe(`ghcr.io/o/web@sha256:${HEX}`);
  });

  it('gives the images input no prototype: constructor is not an entry', () => {
    const got = inputs({ command: 'deploy', images: images(`ghcr.io/o/web@sha256:${HEX}`) });
    expect(got.images?.['constructor']).toBeUndefined();
    expect(got.images?.['toString']).toBeUndefined();
  });
});

describe('build-arg values', () => {
  it.each([
    [
      ['docker', 'build', '--build-arg', 'NPM_TOKEN=s3cret', '.'],
      'docker build --build-arg NPM_TOKEN=*** .',
    ],
    [['docker', 'build', '--build-arg=NPM_TOKEN=s3cret'], 'docker build --build-arg=NPM_TOKEN=***'],
    [['docker', 'build', '--build-arg', 'FROM_ENV'], 'docker build --build-arg FROM_ENV'],
    [['docker', 'build', '--label', 'a=b'], 'docker build --label a=b'],
  ])('are hidden in %j', (command, shown) => {
    expect(shownCommand(command)).toBe(shown);
  });

  it('never reach the debug log or the error of a failed command', async () => {
    const debug: string[] = [];
    const exec = createExec((line) => debug.push(line));
    const failed = await exec('sh', [
      '-c',
      'echo boom >&2; exit 3',
      '--build-arg',
      'T=s3cret',
    ]).catch((error: unknown) => error as Error);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toContain('--build-arg T=***');
    expect([...debug, (failed as Error).message].join('\n')).not.toContain('s3cret');
  });
});
