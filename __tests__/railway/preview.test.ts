/**
 * Pull-request previews against the emulator: environments created from staging (ephemeral,
 * nothing deployed until the action deploys), reused on the next push, deleted on close; a
 * create answered by a 502 but performed is found, never made twice; production and staging
 * never change. Public URLs are real HTTP servers on 127.0.0.1: the checks' fetch maps each
 * `*.up.railway.app` domain the emulator made to one of them, and refuses any other host.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPreview, runPreviewDown, type PreviewDeps } from '../../src/commands/preview.js';
import { finishRailway } from '../../src/commands/deploy.js';
import type { RunState } from '../../src/railway/state.js';
import type { RailwayEmulator, EmulatorOptions } from '../../__fixtures__/railway/emulator.js';
import {
  ACCOUNT_TOKEN,
  MANAGED_STACK,
  PROJECT_TOKEN,
  VirtualClock,
  emulator,
  nothingPushed,
  railwayInputs,
  recordingReporter,
} from '../../__fixtures__/railway/harness.js';

/** frontend is public; both apps answer at their health paths. */
const STACK = MANAGED_STACK.replace(
  'x-deploy: { railway: { service: frontend } }',
  'x-deploy: { health: "http://localhost:3005/api/health", railway: { service: frontend, public: true } }',
);

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

async function loopbackSite(status = 200): Promise<number> {
  const server = createServer((_req, res) => res.writeHead(status).end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

/** A fetch that sends Railway domains to loopback sites and nothing anywhere else. */
function domainsToLoopback(port: number): typeof fetch {
  return (input, init) => {
    const url = new URL(String(input));
    if (!url.hostname.endsWith('.up.railway.app')) throw new Error(`not a test host: ${url}`);
    return fetch(`http://127.0.0.1:${port}${url.pathname}${url.search}`, init);
  };
}

interface Preview {
  emu: RailwayEmulator;
  clock: VirtualClock;
  comments: string[];
  outputs: Record<string, string>;
  lines: string[];
  error?: Error;
  saved?: RunState;
}

async function preview(
  emu: RailwayEmulator,
  clock: VirtualClock,
  options: {
    token?: string;
    down?: boolean;
    pr?: number;
    closed?: number[];
    port?: number;
    sweep?: boolean;
  } = {},
): Promise<Preview> {
  const recorded = recordingReporter();
  const comments: string[] = [];
  let saved: RunState | undefined;
  const inputs = {
    ...railwayInputs(
      emu.url,
      { railway: { token: options.token ?? ACCOUNT_TOKEN, tokenType: 'auto', apiUrl: emu.url } },
      STACK,
    ),
    previewName: undefined,
    previewFrom: 'staging',
    sweep: options.sweep ?? false,
  };
  const deps: PreviewDeps = {
    reporter: recorded.reporter,
    clock,
    resolveDigest: nothingPushed,
    onState: (s) => (saved = s),
    pr: options.pr ?? 12,
    comment: async (body) => void comments.push(body),
    isClosed: async (n) => (options.closed ?? []).includes(n),
    checks: { fetch: domainsToLoopback(options.port ?? 1), requestTimeoutMs: 300 },
  };
  const error = await (options.down ? runPreviewDown(inputs, deps) : runPreview(inputs, deps)).then(
    () => undefined,
    (e: Error) => e,
  );
  return { emu, clock, comments, outputs: recorded.outputs, lines: recorded.lines, error, saved };
}

async function world(options: EmulatorOptions = {}) {
  const clock = new VirtualClock();
  const emu = await emulator(clock, options);
  const before = JSON.stringify(fixed(emu));
  return { clock, emu, unchanged: () => expect(JSON.stringify(fixed(emu))).toBe(before) };
}

/** What production and staging are: their deployments and instance settings. */
function fixed(emu: RailwayEmulator) {
  const envs = ['env-production', 'env-staging'];
  return {
    deployments: emu.world.deployments
      .filter((d) => envs.includes(d.environmentId))
      .map((d) => [d.id, d.status]),
    instances: [...emu.world.instances].filter(([key]) => envs.some((e) => key.endsWith(e))),
  };
}

describe('preview environments', () => {
  it('creates pr-12 from staging, deploys it, makes a domain for the public service, comments the URLs', async () => {
    const { emu, clock, unchanged } = await world();
    const port = await loopbackSite();
    const r = await preview(emu, clock, { port });
    await emu.stop();
    expect(r.error).toBeUndefined();
    const created = emu.requests.filter((q) => q.operation === 'EnvironmentCreate');
    expect(created).toHaveLength(1);
    expect(created[0]!.variables.input).toEqual({
      projectId: 'prj-sigmasight',
      name: 'pr-12',
      sourceEnvironmentId: 'env-staging',
      ephemeral: true,
      skipInitialDeploys: true,
    });
    expect(emu.world.servingIn('backend', 'env-pr-12')!.meta.image).toMatch(
      /^ghcr.io\/sigmasight\/backend@sha256:/,
    );
    expect(emu.world.instance('svc-frontend', 'env-pr-12').domains).toEqual([
      'frontend-pr-12.up.railway.app',
    ]);
    const output = JSON.parse(r.outputs.preview!);
    expect(output).toMatchObject({ environmentId: 'env-pr-12', name: 'pr-12', status: 'deployed' });
    expect(output.services.frontend).toEqual({
      url: 'https://frontend-pr-12.up.railway.app',
      status: 'ok',
    });
    expect(r.comments.at(-1)).toContain('<!-- deploy-action:preview -->');
    expect(r.comments.at(-1)).toContain(
      '| frontend | <https://frontend-pr-12.up.railway.app> | ok |',
    );
    // Every mutation targeted the preview.
    for (const q of emu.mutations().filter((m) => m.operation !== 'EnvironmentCreate'))
      expect(JSON.stringify(q.variables)).toContain('env-pr-12');
    unchanged();
  });

  it('a second push reuses the environment and its domain', async () => {
    const { emu, clock, unchanged } = await world();
    const port = await loopbackSite();
    await preview(emu, clock, { port });
    const second = await preview(emu, clock, { port });
    await emu.stop();
    expect(second.error).toBeUndefined();
    expect(emu.requests.filter((q) => q.operation === 'EnvironmentCreate')).toHaveLength(1);
    expect(emu.requests.filter((q) => q.operation === 'DomainCreate')).toHaveLength(1);
    expect(second.lines).toContain(
      'info: Preview environment "pr-12" exists (env-pr-12); deploying into it',
    );
    unchanged();
  });

  it('a create answered by a 502 but performed is found by name, never made twice', async () => {
    const { emu, clock } = await world({
      faults: [{ operation: 'EnvironmentCreate', action: '502-after' }],
    });
    const r = await preview(emu, clock, { port: await loopbackSite() });
    await emu.stop();
    expect(r.error).toBeUndefined();
    expect(emu.requests.filter((q) => q.operation === 'EnvironmentCreate')).toHaveLength(1);
    expect(emu.world.environments.filter((e) => e.name === 'pr-12')).toHaveLength(1);
  });

  it('close deletes it and marks the comment; production and staging are never touched', async () => {
    const { emu, clock, unchanged } = await world();
    await preview(emu, clock, { port: await loopbackSite() });
    const down = await preview(emu, clock, { down: true });
    await emu.stop();
    expect(down.error).toBeUndefined();
    expect(emu.world.deletedEnvironments).toEqual(['env-pr-12']);
    expect(down.comments.at(-1)).toContain('the preview environment was deleted');
    unchanged();
  });

  it('a sweep deletes every pr-* preview whose pull request is closed, and only those', async () => {
    const { emu, clock, unchanged } = await world();
    const port = await loopbackSite();
    await preview(emu, clock, { port, pr: 12 });
    await preview(emu, clock, { port, pr: 13 });
    const swept = await preview(emu, clock, { down: true, sweep: true, closed: [13] });
    await emu.stop();
    expect(swept.error).toBeUndefined();
    expect(emu.world.deletedEnvironments).toEqual(['env-pr-13']);
    expect(emu.world.environments.map((e) => e.name)).toEqual(['production', 'staging', 'pr-12']);
    unchanged();
  });

  it('a project token is refused before anything happens, saying which token to make', async () => {
    const { emu, clock } = await world();
    const r = await preview(emu, clock, { token: PROJECT_TOKEN });
    await emu.stop();
    expect(r.error?.message).toMatch(/^Previews need an account or workspace token/);
    expect(emu.mutations()).toHaveLength(0);
  });

  it('a failed post-deploy check rolls the preview back inside it; its fresh services keep their failure', async () => {
    const { emu, clock, unchanged } = await world();
    const r = await preview(emu, clock, { port: await loopbackSite(500) });
    await emu.stop();
    expect(r.error?.message).toMatch(
      /frontend: the post-deploy check of https:\/\/frontend-pr-12.up.railway.app\/api\/health/,
    );
    expect(JSON.parse(r.outputs.preview!).status).toBe('failed');
    expect(r.comments.at(-1)).toContain('failed');
    unchanged();
  });

  it('a kill mid-preview, then the post phase: the preview ends settled and recorded', async () => {
    const { emu, clock, unchanged } = await world();
    const port = await loopbackSite();
    await preview(emu, clock, { port });
    // The second push dies after backend's wave went out; the post phase finishes the run.
    const killed = await (async () => {
      let saved: RunState | undefined;
      const clockB = clock;
      const inputs = {
        ...railwayInputs(
          emu.url,
          { railway: { token: ACCOUNT_TOKEN, tokenType: 'auto' as const, apiUrl: emu.url } },
          STACK,
        ),
        previewName: undefined,
        previewFrom: 'staging',
        sweep: false,
      };
      let died!: () => void;
      const dead = new Promise<void>((resolve) => (died = resolve));
      let waves = 0;
      const dying: typeof fetch = async (url, init) => {
        if (String(init?.body).includes('"operationName":"Wave"') && ++waves === 2) {
          await fetch(url, init);
          died();
          return new Promise<Response>(() => undefined);
        }
        return fetch(url, init);
      };
      const images = inputs.images!;
      for (const entry of Object.values(images))
        entry.digest = entry.digest!.replace(/.{6}$/, '000002');
      void runPreview(inputs, {
        reporter: recordingReporter().reporter,
        clock: clockB,
        fetch: dying,
        resolveDigest: nothingPushed,
        onState: (s) => (saved = s),
        pr: 12,
        checks: { fetch: domainsToLoopback(port), requestTimeoutMs: 300 },
      });
      await dead;
      return { state: JSON.parse(JSON.stringify(saved)) as RunState, inputs };
    })();
    expect(killed.state.resources.preview).toMatchObject({
      environmentId: 'env-pr-12',
      name: 'pr-12',
    });
    const post = recordingReporter();
    await finishRailway(killed.state, killed.inputs, { reporter: post.reporter, clock }).catch(
      () => undefined,
    );
    await emu.stop();
    // Rolled back inside the preview: the first push's images serve again there.
    const first = JSON.parse(post.outputs.deployments!);
    expect(first.backend.step).toBe('rolled-back');
    expect(emu.world.servingIn('backend', 'env-pr-12')!.meta.image).toMatch(/[0-9a-f]{6}$/);
    expect(emu.world.servingIn('backend', 'env-pr-12')!.meta.image).not.toMatch(/000002$/);
    unchanged();
  });
});
