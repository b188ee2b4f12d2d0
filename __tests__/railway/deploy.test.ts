import { describe, expect, it } from '@jest/globals';
import {
  POSTGRES_IMAGE,
  PROJECT_TOKEN,
  deployedImage,
  images,
} from '../../__fixtures__/railway/harness.js';
import {
  deployWith,
  failing,
  mutationsOf,
  output,
  sentMutations,
  servingImage,
} from './scenarios.js';

describe('deploy: the happy path', () => {
  it('deploys postgres, backend, frontend in order, each exactly once, each after the one before is live', async () => {
    const r = await deployWith();
    expect(r.error).toBeUndefined();
    const deploys = mutationsOf(r, 'Deploy');
    expect(deploys.map((q) => q.variables.serviceId)).toEqual([
      'svc-postgres',
      'svc-backend',
      'svc-frontend',
    ]);
    for (const service of ['postgres', 'backend', 'frontend']) {
      expect(servingImage(r, service)).toBe(deployedImage(service));
    }
    const world = r.emulator.world;
    const live = (service: string) => world.serving(service)!.statusUpdatedAt;
    expect(deploys[1]!.at).toBeGreaterThanOrEqual(live('postgres'));
    expect(deploys[2]!.at).toBeGreaterThanOrEqual(live('backend'));
    expect(mutationsOf(r, 'SetImage').map((q) => q.variables.image)).toEqual(
      ['postgres', 'backend', 'frontend'].map(deployedImage),
    );
    expect(output(r)).toEqual({
      postgres: {
        id: 'dep-postgres-7',
        status: 'SUCCESS',
        previousId: 'dep-postgres-2',
        step: 'succeeded',
      },
      backend: {
        id: 'dep-backend-8',
        status: 'SUCCESS',
        previousId: 'dep-backend-4',
        step: 'succeeded',
      },
      frontend: {
        id: 'dep-frontend-9',
        status: 'SUCCESS',
        previousId: 'dep-frontend-6',
        step: 'succeeded',
      },
    });
    expect(r.recorded.outputs['rolled-back']).toBe('false');
    expect(r.recorded.lines).toContain('info: Not on Railway (no x-deploy.railway): worker');
  });

  it('sends the project token as Project-Access-Token on every request, never as Bearer', async () => {
    const r = await deployWith();
    for (const request of r.emulator.requests) {
      expect(request.headers['project-access-token']).toBe(PROJECT_TOKEN);
      expect(request.headers.authorization).toBeUndefined();
    }
  });

  it('polls every deployment in flight in one request, backing off from 2 s to 10 s', async () => {
    const r = await deployWith();
    const polls = r.emulator.requests.filter((q) => q.operation === 'Poll');
    const secondDeploy = mutationsOf(r, 'Deploy')[1]!;
    const firstWave = polls.filter((q) => q.at <= secondDeploy.at);
    const gaps = firstWave.slice(1).map((q, i) => (q.at - firstWave[i]!.at) / 1000);
    expect(gaps).toEqual([4, 8, 10, 10, 10, 10, 10]);
    // Later waves also watch the services already live (a late crash), in the same request.
    expect(Object.keys(polls.at(-1)!.variables)).toHaveLength(3);
  });

  it('without images, refuses before any change when the tag has no pushed digest and Railway runs an image', async () => {
    const r = await deployWith({}, { images: undefined });
    expect(r.error?.message).toMatch(
      /^backend: Railway service "backend" runs an image \(backend:v1\), and ghcr.io\/sigmasight\/backend:abc123 could not be resolved to a pushed digest \(not pushed \(test registry\)\): pass the build step's images output/,
    );
    expect(r.emulator.mutations()).toHaveLength(0);
  });

  it('without images, a service Railway builds from its repository deploys the commit, and says so', async () => {
    const r = await deployWith({ repoServices: ['backend', 'frontend'] }, { images: undefined });
    expect(r.error).toBeUndefined();
    expect(mutationsOf(r, 'Deploy').map((q) => q.variables.commitSha)).toEqual([
      null,
      'abc123',
      'abc123',
    ]);
    expect(r.emulator.world.serving('backend')!.meta.commitHash).toBe('abc123');
    expect(r.recorded.lines.join('\n')).toContain(
      'warn: backend: ghcr.io/sigmasight/backend:abc123 has no pushed digest (not pushed (test ' +
        'registry)), so Railway builds "backend" from its repository at commit abc123.',
    );
  });
});

describe('deploy: an image-only compose service runs the image its compose file names', () => {
  it('sets postgres to postgres:15 before deploying it, rather than redeploying what it runs', async () => {
    const r = await deployWith();
    expect(r.error).toBeUndefined();
    const postgres = r.emulator.world.serving('postgres')!;
    expect(postgres.meta.image).toBe(POSTGRES_IMAGE);
    expect(postgres.meta.commitHash).toBeUndefined();
    expect(
      mutationsOf(r, 'Deploy').filter((q) => q.variables.serviceId === 'svc-postgres'),
    ).toHaveLength(1);
  });

  it('refuses, before any change, images that lack a built service, naming it', async () => {
    const r = await deployWith({}, { images: images(['frontend']) });
    expect(r.error?.message).toBe(
      'backend: it has a build section, but the images input has no image for it: pass the ' +
        "build step's images output (images: ${{ steps.<build step>.outputs.images }}) from a " +
        'build that includes backend.',
    );
    expect(r.emulator.requests).toHaveLength(0);
  });
});

describe('deploy: a failure rolls the whole run back', () => {
  it('FAILED on the 2nd service: postgres rolled back to its recorded deployment, frontend never touched', async () => {
    const r = await deployWith({ script: failing('backend', 'fail') });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(r.error?.message).toMatch(/backend: deployment dep-backend-8 FAILED/);
    expect(mutationsOf(r, 'Rollback').map((q) => q.variables.id)).toEqual(['dep-postgres-2']);
    expect(r.emulator.world.serving('postgres')).toMatchObject({
      status: 'SUCCESS',
      meta: { image: 'postgres:v1' },
    });
    // backend's failed deployment never went live: v1 still serves, its source points back.
    expect(r.emulator.world.serving('backend')!.id).toBe('dep-backend-4');
    expect(r.emulator.world.sourceImage('backend')).toBe('backend:v1');
    expect(mutationsOf(r, 'Deploy').map((q) => q.variables.serviceId)).not.toContain(
      'svc-frontend',
    );
    expect(r.recorded.outputs['rolled-back']).toBe('true');
    expect(output(r).backend).toMatchObject({ status: 'FAILED', step: 'kept-previous' });
    expect(r.recorded.summary.join('')).toContain('Healthcheck failed: /health returned 503');
  });

  it('FAILED on the 3rd service: backend then postgres rolled back, in reverse order, verified SUCCESS', async () => {
    const r = await deployWith({ script: failing('frontend', 'fail') });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(mutationsOf(r, 'Rollback').map((q) => q.variables.id)).toEqual([
      'dep-backend-4',
      'dep-postgres-2',
    ]);
    const rollbackOf = (service: string) =>
      r.emulator.world.deployments.find((d) => d.service === service && d.kind === 'rollback')!;
    expect(rollbackOf('backend').status).toBe('SUCCESS');
    expect(rollbackOf('postgres').status).toBe('SUCCESS');
    // Reverse order means postgres's rollback starts only once backend's is live.
    expect(rollbackOf('postgres').createdAt).toBeGreaterThanOrEqual(
      rollbackOf('backend').statusUpdatedAt,
    );
    expect(servingImage(r, 'backend')).toBe('backend:v1');
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
    expect(output(r).backend).toMatchObject({
      step: 'rolled-back',
      rollbackId: rollbackOf('backend').id,
    });
  });

  it('CRASHED: the crashed backend itself went live, so it is rolled back too', async () => {
    const r = await deployWith({ script: failing('backend', 'crash') });
    expect(r.error?.message).toMatch(/CRASHED: its container kept exiting/);
    expect(mutationsOf(r, 'Rollback').map((q) => q.variables.id)).toEqual([
      'dep-backend-4',
      'dep-postgres-2',
    ]);
    expect(servingImage(r, 'backend')).toBe('backend:v1');
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
  });

  it('a deployment that never finishes times out, is cancelled, and the run rolls back', async () => {
    const r = await deployWith(
      { script: failing('backend', 'hang') },
      { deployTimeoutMs: 5 * 60_000 },
    );
    expect(r.error?.message).toMatch(
      /dep-backend-8 was still DEPLOYING when deploy-timeout \(5m 00s\) ran out/,
    );
    expect(mutationsOf(r, 'Cancel').map((q) => q.variables.id)).toEqual(['dep-backend-8']);
    expect(r.emulator.world.deployments.find((d) => d.id === 'dep-backend-8')!.status).toBe(
      'REMOVED',
    );
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
    expect(r.clock.now() - r.emulator.requests[0]!.at).toBeLessThan(5 * 60_000 + 3 * 60_000);
  });

  it('NEEDS_APPROVAL fails with a sentence telling the user to approve it in Railway', async () => {
    const r = await deployWith({ script: failing('backend', 'needs-approval') });
    expect(r.error?.message).toMatch(
      /approve deployments of service "backend" in the Railway dashboard/,
    );
    expect(mutationsOf(r, 'Cancel').map((q) => q.variables.id)).toEqual(['dep-backend-8']);
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
  });

  it('canRollback false: sets the previous image by its meta and deploys it, never deploymentRedeploy', async () => {
    const r = await deployWith({
      script: failing('frontend', 'fail'),
      expired: ['postgres', 'backend'],
    });
    expect(r.error?.name).toBe('DeployFailedError');
    expect(mutationsOf(r, 'Rollback')).toHaveLength(0);
    expect(sentMutations(r).some((m) => m.field === 'deploymentRedeploy')).toBe(false);
    const images = mutationsOf(r, 'SetImage').map((q) => q.variables.image);
    expect(images.slice(-2)).toEqual(['backend:v1', 'postgres:v1']);
    expect(servingImage(r, 'backend')).toBe('backend:v1');
    expect(servingImage(r, 'postgres')).toBe('postgres:v1');
    // Read back: each instance's source is its previous image again.
    expect(r.emulator.world.sourceImage('backend')).toBe('backend:v1');
    expect(r.emulator.world.sourceImage('postgres')).toBe('postgres:v1');
  });
});
