import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBuild } from '../../src/commands/build.js';
import { createExec } from '../../src/docker/exec.js';
import {
  REGISTRY,
  registryDigest,
  requireEngine,
  requireRegistry,
  uniqueId,
  untag,
} from '../../__fixtures__/engine.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';

const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');

beforeAll(async () => {
  requireEngine();
  await requireRegistry();
});

describe('push to a real registry', () => {
  it('pushes images that pass and outputs the digest the registry holds', async () => {
    const reporter = recordingReporter();
    const sha = uniqueId('push');
    const prefix = `${REGISTRY}/deploy-action-it`;
    await runBuild(
      {
        composeFile: path.join(ROOT, 'examples/sigmasight/docker-compose.yml'),
        services: ['backend'],
        budget: undefined,
        imagePrefix: prefix,
        push: true,
        sha,
        ref: undefined,
      },
      {
        exec: createExec(),
        reporter,
        reportDir: mkdtempSync(path.join(tmpdir(), 'deploy-action-report-')),
        workspace: ROOT,
      },
    );
    try {
      const images = JSON.parse(reporter.outputs.images!);
      const digest = await registryDigest('deploy-action-it/backend', sha);
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(images.backend.digest).toBe(`${prefix}/backend@${digest}`);
      expect(Object.keys(images)).toEqual(['backend']);
    } finally {
      untag(`${prefix}/backend:${sha}`);
    }
  }, 600_000);

  it('pushes nothing when an image is over budget', async () => {
    const reporter = recordingReporter();
    const sha = uniqueId('nopush');
    const prefix = `${REGISTRY}/deploy-action-it`;
    const result = await runBuild(
      {
        composeFile: path.join(ROOT, 'examples/sigmasight/docker-compose.yml'),
        services: [],
        budget: 1_000_000,
        imagePrefix: prefix,
        push: true,
        sha,
        ref: undefined,
      },
      {
        exec: createExec(),
        reporter,
        reportDir: mkdtempSync(path.join(tmpdir(), 'deploy-action-report-')),
        workspace: ROOT,
      },
    ).catch((e: unknown) => e);
    untag(`${prefix}/backend:${sha}`, `${prefix}/frontend:${sha}`);
    expect(result).toBeInstanceOf(Error);
    expect(await registryDigest('deploy-action-it/backend', sha)).toBeNull();
    expect(await registryDigest('deploy-action-it/frontend', sha)).toBeNull();
  }, 600_000);
});
