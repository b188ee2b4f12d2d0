import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { imageSize, requireEngine, untag } from '../../__fixtures__/engine.js';
import { runStep, runnerFiles } from './helpers.js';

const SHA = 'e2e0000000000000000000000000000000000000';
const PREFIX = 'deploy-action-e2e';

beforeAll(requireEngine);

describe('dist/index.js on Node 24, as the runner runs it', () => {
  it('builds the example, writes outputs, report and summary, and the post phase passes', async () => {
    const files = runnerFiles();
    const inputs = {
      command: 'build',
      'compose-file': 'examples/sigmasight/docker-compose.yml',
      'image-prefix': PREFIX,
      'github-token': 'ghs_e2eSecretToken000',
      push: 'false',
    };
    try {
      const main = await runStep('main', { inputs, files });
      expect({ code: main.code, stderr: main.stderr }).toEqual({ code: 0, stderr: '' });
      const images = JSON.parse(main.outputs.images!) as Record<
        string,
        { size: number; image: string; budget: number }
      >;
      expect(images.backend).toMatchObject({
        image: `${PREFIX}/backend:${SHA}`,
        budget: 400_000_000,
        status: 'ok',
      });
      expect(images.backend!.size).toBe(imageSize(`${PREFIX}/backend:${SHA}`));
      expect(images.frontend!.size).toBe(imageSize(`${PREFIX}/frontend:${SHA}`));
      expect(main.outputs['over-budget']).toBe('false');
      const report = JSON.parse(readFileSync(main.outputs.report!, 'utf8'));
      expect(report).toMatchObject({ version: 1, sha: SHA, ref: 'refs/heads/main' });
      expect(report.images.frontend.size).toBe(images.frontend!.size);
      expect(main.summary).toContain('| frontend | `deploy-action-e2e/frontend:');
      // The classic builder's `Step 1/7 : FROM ..` or bake's `[1/7] FROM docker.io/library/..`.
      expect(main.stdout).toMatch(
        // Per-service progress; BuildKit may print the shared FROM under either service.
        /\[(backend|frontend)\] (Step 1\/\d+ : |\[1\/\d+\] )FROM (docker\.io\/library\/)?debian:bookworm-slim/,
      );
      expect(main.state.phase).toBe('main-started');

      const post = await runStep('post', { inputs, files });
      expect(post.code).toBe(0);
      // The runner consumes `::add-mask::` itself; everywhere else the token must not appear.
      const shown = (main.stdout + post.stdout + main.summary).replace(/^::add-mask::.*$/gm, '');
      expect(main.stdout).toContain('::add-mask::ghs_e2eSecretToken000');
      expect(shown).not.toContain('ghs_e2eSecretToken000');
    } finally {
      untag(`${PREFIX}/backend:${SHA}`, `${PREFIX}/frontend:${SHA}`);
    }
  }, 600_000);

  it('fails over budget with an error annotation on the Dockerfile, outputs written first', async () => {
    const main = await runStep('main', {
      inputs: {
        command: 'build',
        'compose-file': 'examples/sigmasight/docker-compose.yml',
        'image-prefix': PREFIX,
        budget: '10MB',
        services: 'frontend',
      },
    });
    untag(`${PREFIX}/frontend:${SHA}`);
    expect(main.code).toBe(1);
    expect(main.outputs['over-budget']).toBe('true');
    expect(main.stdout).toMatch(
      /::error title=frontend is over its size budget,file=examples\/sigmasight\/frontend\/Dockerfile,line=\d+::frontend is [\d.]+ MB, over its budget of 10\.0 MB/,
    );
    expect(main.stdout).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace for a budget breach
  }, 600_000);

  it('fails a bad input with one sentence', async () => {
    const main = await runStep('main', { inputs: { command: 'build', budget: 'lots' } });
    expect(main.code).toBe(1);
    expect(
      main.stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('::error')),
    ).toEqual([
      '::error::Input "budget": expected a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB), got "lots"',
    ]);
  });
});
