import { describe, expect, it } from '@jest/globals';
import type { Service } from '../../src/config/model.js';
import { CommandError, type Exec } from '../../src/docker/exec.js';
import { chooseImages, pullIfMissing } from '../../src/stack/images.js';
import { parseImages } from '../../src/inputs.js';

const DIGEST = `ghcr.io/o/web@sha256:${'b'.repeat(64)}`;
const built = (name: string) =>
  ({ name, build: { context: '.', dockerfile: 'Dockerfile', args: {} } }) as unknown as Service;
const tagOf = (service: string) => `local/${service}:abc`;

describe('which image the test runs', () => {
  it('the pushed digest when the images input has one (the deploy runs it), else its image', () => {
    const images = {
      web: { image: 'ghcr.io/o/web:abc', digest: DIGEST, status: 'ok' },
      api: { image: 'ghcr.io/o/api:abc', digest: null, status: 'ok' },
    };
    const parsed = parseImages(JSON.stringify(images));
    expect(chooseImages([built('web'), built('api'), built('worker')], parsed, tagOf)).toEqual([
      { service: 'web', image: DIGEST, source: 'input' },
      { service: 'api', image: 'ghcr.io/o/api:abc', source: 'input' },
      { service: 'worker', image: 'local/worker:abc', source: 'tag' },
    ]);
  });
});

describe('pullIfMissing', () => {
  const denied =
    'Error response from daemon: pull access denied for ghcr.io/o/web, repository does not ' +
    "exist or may require 'docker login': denied: requested access to the resource is denied";

  it("says docker's own reason when the pull fails", async () => {
    const exec: Exec = async (command, args) => {
      throw new CommandError(
        [command, ...args],
        1,
        `${DIGEST}: Pulling from o/web\n${denied}\n`,
        '',
      );
    };
    expect(await pullIfMissing(exec, DIGEST)).toEqual({ ok: false, reason: denied });
  });

  it('is ok once pulled', async () => {
    const pulled: string[] = [];
    const exec: Exec = async (command, args) => {
      if (args[0] === 'image' && !pulled.includes(args.at(-1)!))
        throw new CommandError([command, ...args], 1, 'Error: No such image', '');
      if (args[0] === 'pull') pulled.push(args[1]!);
      return { stdout: '', stderr: '' };
    };
    expect(await pullIfMissing(exec, DIGEST)).toEqual({ ok: true });
    expect(pulled).toEqual([DIGEST]);
  });
});
