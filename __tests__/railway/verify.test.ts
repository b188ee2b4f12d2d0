/**
 * Post-deploy checks against real HTTP servers on 127.0.0.1 standing in for the public URLs
 * (x-deploy.railway.url): a 500, a wrong `version` and no answer each roll the run back; a
 * good answer passes and is reported in `verified`.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MANAGED_STACK } from '../../__fixtures__/railway/harness.js';
import { deployWith, output, servingImage } from './scenarios.js';

type Handler = (path: string) => { status: number; body: string } | 'hang';

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  servers = [];
});

/** A public URL on loopback; records the paths it was asked for. */
async function publicUrl(handle: Handler) {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? '');
    const answer = handle(req.url ?? '');
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
}

const version = (v: string) => () => ({ status: 200, body: JSON.stringify({ version: v }) });

/** backend answers at its health path, and must say it runs this commit. */
function stack(url: string) {
  return MANAGED_STACK.replace(
    'x-deploy: { railway: { service: backend } }',
    'x-deploy: { health: "http://localhost:8000/health", railway: { service: backend, ' +
      `url: "${url}", expect: { version: abc123 } } }`,
  );
}

async function deployChecked(handle: Handler, verifyTimeoutMs = 20_000) {
  const { url, asked } = await publicUrl(handle);
  // Virtual time for the deadline, real time for each request: keep the latter short.
  const r = await deployWith({}, { verifyTimeoutMs }, undefined, stack(url), {
    requestTimeoutMs: 300,
  });
  return { r, url, asked };
}

describe('post-deploy checks of the public URLs', () => {
  it('a good answer passes: the health path asked, the version matched, reported in verified', async () => {
    const { r, url, asked } = await deployChecked(version('abc123'));
    expect(r.error).toBeUndefined();
    expect(asked).toEqual(['/health']);
    const verified = JSON.parse(r.recorded.outputs.verified!);
    expect(verified.backend).toMatchObject({ url: `${url}/health`, status: 200, ok: true });
    expect(verified.backend.ms).toBeGreaterThanOrEqual(0);
    expect(r.recorded.summary.join('')).toContain(
      `Post-deploy check of backend: \`${url}/health\`: ✅ 200`,
    );
  });

  it('a 500 rolls the run back', async () => {
    const { r, url } = await deployChecked(() => ({ status: 500, body: '{"error":"db down"}' }));
    expect(r.error?.message).toMatch(
      new RegExp(
        `^Deploy failed: backend: the post-deploy check of ${url}/health did not pass within verify-timeout \\(20\\.0 s\\): answered 500`,
      ),
    );
    expect(servingImage(r, 'backend')).toBe('backend:v1');
    expect(servingImage(r, 'frontend')).toBe('frontend:v1');
    expect(output(r).backend.step).toBe('rolled-back');
  });

  it('a wrong version (an old deployment still answering 200) rolls the run back', async () => {
    const { r } = await deployChecked(version('0ld0ld'));
    expect(r.error?.message).toMatch(/answered 2xx with version "0ld0ld", expected "abc123"/);
    expect(servingImage(r, 'backend')).toBe('backend:v1');
  });

  it('no answer within verify-timeout rolls the run back', async () => {
    const { r } = await deployChecked(() => 'hang', 3000);
    expect(r.error?.message).toMatch(
      /did not pass within verify-timeout \(3\.0 s\): no answer within/,
    );
    expect(servingImage(r, 'backend')).toBe('backend:v1');
    expect(JSON.parse(r.recorded.outputs.verified!).backend.ok).toBe(false);
  });

  it('an answer that comes good within verify-timeout passes (backoff, not one shot)', async () => {
    let calls = 0;
    const { r, asked } = await deployChecked(() =>
      ++calls < 3 ? { status: 503, body: '{}' } : version('abc123')(),
    );
    expect(r.error).toBeUndefined();
    expect(asked).toHaveLength(3);
  });
});
