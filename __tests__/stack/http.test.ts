import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from '../../__fixtures__/stack.js';
import { backoff, isLoopback, probe, urlPort, waitForUrl } from '../../src/stack/http.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A server on 127.0.0.1 that answers request n with answers[min(n, last)]. */
async function serve(
  answers: ((req: IncomingMessage, res: ServerResponse) => void)[],
): Promise<string> {
  let n = 0;
  server = createServer((req, res) => answers[Math.min(n++, answers.length - 1)]!(req, res));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/health`;
}

const status =
  (code: number, body = '', headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(code, headers);
    res.end(body);
  };
const reset = (req: IncomingMessage) => req.socket.destroy();
const hang = () => {};

const soon = (ms = 5000) => Date.now() + ms;

describe('health URL checks', () => {
  it('is healthy on the first 2xx', async () => {
    const url = await serve([status(204)]);
    expect(await waitForUrl(url, { deadline: soon() })).toMatchObject({
      ok: true,
      status: 204,
      attempts: 1,
    });
  });

  it('retries 5xx, resets and redirects until a 2xx comes', async () => {
    const url = await serve([
      status(503, '{"database":"unreachable"}'),
      reset,
      status(302, '', { location: '/login' }),
      status(200, 'ok'),
    ]);
    const failures: string[] = [];
    const result = await waitForUrl(url, {
      deadline: soon(),
      onAttempt: (_n, why) => failures.push(why),
    });
    expect(result).toMatchObject({ ok: true, attempts: 4 });
    expect(failures).toEqual([
      'answered 503: {"database":"unreachable"}',
      expect.stringMatching(/^connection (reset|closed by the server)|request failed/),
      'redirected (302) to /login',
    ]);
  });

  it('waits through connection refused until the server starts', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/health`;
    setTimeout(() => {
      server = createServer(status(200));
      server.listen(port, '127.0.0.1');
    }, 400);
    const result = await waitForUrl(url, { deadline: soon() });
    expect(result.ok).toBe(true);
    expect(result.attempts).toBeGreaterThan(2);
  });

  it('fails at the deadline with the last reason', async () => {
    const url = await serve([status(500, 'Internal Server Error')]);
    const started = Date.now();
    const result = await waitForUrl(url, { deadline: started + 1000 });
    expect(result).toMatchObject({
      ok: false,
      status: 500,
      failure: 'answered 500: Internal Server Error',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives up on a request that never answers, within the deadline', async () => {
    const url = await serve([hang]);
    const result = await waitForUrl(url, { deadline: soon(700), requestTimeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, failure: 'no answer within 300 ms' });
  });

  it('says "connection refused" for a port nobody listens on', async () => {
    const port = await freePort();
    expect(await probe(`http://127.0.0.1:${port}/`, 1000)).toEqual({
      ok: false,
      failure: 'connection refused',
    });
  });

  it('backs off 50, 100, 200 ms and stays at the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoff(n, 50, 200))).toEqual([50, 100, 200, 200, 200]);
  });

  it.each([
    ['http://localhost:8000/health', true, 8000],
    ['http://127.0.0.1/x', true, 80],
    ['https://[::1]/x', true, 443],
    ['http://example.com:8000/', false, 8000],
    ['http://10.0.0.1:8000/', false, 8000],
  ])('%s: loopback %s, port %s', (url, loopback, port) => {
    expect(isLoopback(url)).toBe(loopback);
    expect(urlPort(url)).toBe(port);
  });
});
