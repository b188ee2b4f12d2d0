/**
 * A local fake of the GitHub REST API (a real HTTP server on 127.0.0.1, reached through
 * GITHUB_API_URL or Octokit's baseUrl): issue comments with real pagination (Link headers),
 * GET /user, GraphQL `viewer`, GET of a pull request, and switches for a read-only token (403)
 * and a missing pull request (404). Sources: docs.github.com REST "Issue comments", "Pulls";
 * GraphQL `viewer` answers installation tokens too, with the app's bot login
 * (e.g. `github-actions[bot]` for GITHUB_TOKEN), where GET /user answers 403.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  html_url: string;
}

export interface FakeGitHub {
  url: string;
  comments: Map<number, FakeComment[]>;
  requests: { method: string; path: string; auth?: string }[];
  /** Writes answer 403 "Resource not accessible by integration", as for a fork's token. */
  readOnly: boolean;
  /** GET /user answers 403, as it does for an installation token (GITHUB_TOKEN). */
  installationToken: boolean;
  /** Tokens whose writes answer 403 (a fork's pull request gets a read-only GITHUB_TOKEN). */
  readOnlyTokens: Set<string>;
  /** Pull requests by number, for GET /repos/{o}/{r}/pulls/{n}. */
  pulls: Map<number, { head: { sha: string; ref: string }; base: { ref: string } }>;
  /** Answers for the next requests, in order, before any real handling (outages, limits). */
  faults: { status: number; message: string; headers?: Record<string, string> }[];
  close(): Promise<void>;
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' };

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000;
  const fake: FakeGitHub = {
    url: '',
    comments: new Map(),
    requests: [],
    readOnly: false,
    installationToken: true,
    readOnlyTokens: new Set(),
    pulls: new Map(),
    faults: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    fake.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      auth: req.headers.authorization,
    });
    const body = await readBody(req);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(data));
    };
    const fault = fake.faults.shift();
    if (fault) return send(fault.status, { message: fault.message }, fault.headers);
    const token = (req.headers.authorization ?? '').replace(/^(token|bearer) /i, '');
    const readOnly = fake.readOnly || fake.readOnlyTokens.has(token);
    if (url.pathname === '/graphql' && req.method === 'POST') {
      const query = String((JSON.parse(body) as { query?: string }).query ?? '');
      if (!/\bviewer\b/.test(query)) return send(200, { errors: [{ message: 'fake: no such' }] });
      const login = fake.installationToken ? BOT.login : 'sigma-bot';
      return send(200, { data: { viewer: { login } } });
    }
    const pullMatch = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(url.pathname);
    if (pullMatch && req.method === 'GET') {
      const pull = fake.pulls.get(Number(pullMatch[3]));
      if (!pull) return send(404, { message: 'Not Found' });
      return send(200, { number: Number(pullMatch[3]), ...pull });
    }
    const listMatch = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const editMatch = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (url.pathname === '/user') {
      if (fake.installationToken)
        return send(403, { message: 'Resource not accessible by integration' });
      return send(200, { login: 'sigma-bot', type: 'User' });
    }
    if (listMatch) {
      const thread = fake.comments.get(Number(listMatch[3]));
      if (!thread) return send(404, { message: 'Not Found' });
      if (req.method === 'GET') return sendPage(url, thread, send);
      if (readOnly) return send(403, { message: 'Resource not accessible by integration' });
      const comment = {
        id: nextId++,
        body: JSON.parse(body).body as string,
        user: fake.installationToken ? BOT : { login: 'sigma-bot', type: 'User' },
        html_url: `https://github.example/pr/${listMatch[3]}#c${nextId}`,
      };
      thread.push(comment);
      return send(201, comment);
    }
    if (editMatch && req.method === 'PATCH') {
      if (readOnly) return send(403, { message: 'Resource not accessible by integration' });
      const comment = [...fake.comments.values()].flat().find((c) => c.id === Number(editMatch[3]));
      if (!comment) return send(404, { message: 'Not Found' });
      comment.body = JSON.parse(body).body as string;
      return send(200, comment);
    }
    send(404, { message: `fake GitHub has no ${req.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function sendPage(
  url: URL,
  thread: FakeComment[],
  send: (status: number, data: unknown, headers?: Record<string, string>) => void,
) {
  const perPage = Number(url.searchParams.get('per_page') ?? 30);
  const page = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(thread.length / perPage));
  const headers: Record<string, string> = {};
  if (page < last) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  send(200, thread.slice((page - 1) * perPage, page * perPage), headers);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => resolve(data));
  });
}

/** Comments by other people, to push ours past the first page. */
export function otherComments(count: number): FakeComment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    body: i === 3 ? 'quoting <!-- deploy-action:image-sizes --> in a reply' : `comment ${i + 1}`,
    user: { login: `person${i}`, type: 'User' },
    html_url: `https://github.example/c${i + 1}`,
  }));
}
