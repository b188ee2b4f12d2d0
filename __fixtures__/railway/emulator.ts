/**
 * A local Railway for tests and the benchmark: node:http on 127.0.0.1 serving the action's
 * operations with graphql-js over the trimmed SDL, deployments advancing over injectable time,
 * auth by header as Railway does it, faults by scenario, a per-hour request budget with
 * Railway's rate-limit headers, and a record of every request for assertions.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { parseRequest, readBody, type ParsedRequest } from './request.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { resolvers, view } from './resolvers.js';
import { World, type WorldOptions } from './world.js';

/**
 * `drop`, `502` and `stall` hit before Railway runs the request; `drop-after`, `502-after` and
 * `500` after it ran (a mutation applied, its answer lost on the way back).
 */
export type FaultAction =
  | '429'
  | '502'
  | '500'
  | 'drop'
  | 'errors'
  | 'stall'
  | 'drop-after'
  | '502-after'
  /** A proxy's HTML page with status 200 instead of Railway's answer (nothing ran). */
  | 'html';

export interface Fault {
  /** An operation name (`Deploy`, `Poll`) or a root field (`deploymentRollback`). */
  operation?: string;
  action: FaultAction;
  /** How many matching requests it hits (default 1); `Infinity` for all. */
  times?: number;
  /** Matching requests let through before it starts. */
  skip?: number;
  retryAfterSeconds?: number;
  message?: string;
  /** Only while this holds (e.g. once a deployment exists): Railway going away mid-run. */
  when?: () => boolean;
}

const FIELD_ALIASES: Record<string, string> = {
  Deploy: 'serviceInstanceDeployV2',
  SetImage: 'serviceInstanceUpdate',
  Rollback: 'deploymentRollback',
  Cancel: 'deploymentCancel',
};

export interface EmulatorOptions extends Partial<Omit<WorldOptions, 'now'>> {
  now?: () => number;
  /** Project tokens (scoped to one environment by name) and account tokens. */
  projectTokens?: Record<string, string>;
  accountTokens?: string[];
  faults?: Fault[];
  budgetPerHour?: number;
  /**
   * The subscription socket (graphql-transport-ws on the API URL): 'ok' by default; 'refuse'
   * (no upgrade), 'silent' (acknowledged, never sends), or closed this long after it opens.
   */
  socket?: 'ok' | 'refuse' | 'silent' | { dropAfterMs: number };
}

export interface RecordedRequest {
  at: number;
  status: number;
  operation?: string;
  kind?: 'query' | 'mutation';
  fields: string[];
  variables: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  fault?: FaultAction;
  body: string;
}

export interface Auth {
  kind: 'project' | 'account';
  environmentId?: string;
}

const SDL = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const schema = buildSchema(SDL);

export class RailwayEmulator {
  readonly world: World;
  readonly requests: RecordedRequest[] = [];
  readonly now: () => number;
  private server?: Server;
  private wss?: WebSocketServer;
  private ticker?: NodeJS.Timeout;
  private readonly feeds: {
    socket: WebSocket;
    subs: Map<string, { deploymentId: string; seen?: string }>;
  }[] = [];
  /** Every subscription opened over the socket, for assertions. */
  readonly subscriptions: { deploymentId: string; at: number }[] = [];
  private faults: (Fault & { seen: number; hits: number })[];
  private traces = 0;

  constructor(private readonly options: EmulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.world = new World({
      ...options,
      now: this.now,
      services: options.services ?? ['postgres', 'backend', 'frontend'],
    });
    this.faults = (options.faults ?? []).map((f) => ({ ...f, seen: 0, hits: 0 }));
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/graphql/v2`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.startSockets(this.server);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    for (const feed of this.feeds) feed.socket.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /**
   * Railway's subscriptions as its CLI uses them (`src/subscription.rs`): protocol
   * graphql-transport-ws, connection_init answered by connection_ack when the upgrade's auth
   * header is good, one `deployment(id)` per subscribe; a `next` on every status or instance
   * change. Whether Railway also sends the current state at once is unverified: the stricter
   * reading, changes only, is modelled.
   */
  private startSockets(server: Server): void {
    const mode = this.options.socket ?? 'ok';
    this.wss = new WebSocketServer({
      server,
      verifyClient: () => mode !== 'refuse',
      handleProtocols: (protocols) =>
        protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false,
    });
    this.wss.on('connection', (socket, req) => {
      const feed = { socket, subs: new Map<string, { deploymentId: string; seen?: string }>() };
      this.feeds.push(feed);
      if (typeof mode === 'object') setTimeout(() => socket.terminate(), mode.dropAfterMs).unref();
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as {
          type?: string;
          id?: string;
          payload?: { variables?: { id?: string } };
        };
        if (message.type === 'connection_init') {
          if (!this.authenticate(req)) return void socket.close(4403, 'Forbidden');
          return void socket.send(JSON.stringify({ type: 'connection_ack' }));
        }
        if (message.type === 'ping') return void socket.send(JSON.stringify({ type: 'pong' }));
        if (message.type === 'complete' && message.id) return void feed.subs.delete(message.id);
        if (message.type === 'subscribe' && message.id) {
          const deploymentId = String(message.payload?.variables?.id ?? '');
          this.subscriptions.push({ deploymentId, at: this.now() });
          const current = this.world.deployments.find((d) => d.id === deploymentId);
          feed.subs.set(message.id, { deploymentId, seen: current && this.key(current) });
        }
      });
    });
    this.ticker = setInterval(() => this.push(mode), 20);
    this.ticker.unref();
  }

  private key(d: { status: string; instances: string[] }): string {
    return `${d.status} ${d.instances.join(',')}`;
  }

  private push(mode: EmulatorOptions['socket']): void {
    if (mode === 'silent' || this.feeds.length === 0) return;
    this.world.advance();
    for (const feed of this.feeds) {
      for (const [id, sub] of feed.subs) {
        const d = this.world.deployments.find((x) => x.id === sub.deploymentId);
        if (!d || this.key(d) === sub.seen) continue;
        sub.seen = this.key(d);
        const payload = { data: { deployment: view(d) } };
        feed.socket.send(JSON.stringify({ id, type: 'next', payload }));
      }
    }
  }

  /** Adds faults while running (e.g. after the first deploy has gone through). */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, seen: 0, hits: 0 });
  }

  mutations(): RecordedRequest[] {
    return this.requests.filter((r) => r.kind === 'mutation' && r.status === 200 && !r.fault);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const parsed = parseRequest(body);
    const record: RecordedRequest = {
      at: this.now(),
      status: 200,
      operation: parsed.operation,
      kind: parsed.kind,
      fields: parsed.fields,
      variables: parsed.variables,
      headers: { ...req.headers },
      body,
    };
    this.requests.push(record);
    const send = (status: number, payload: string, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, {
        'content-type': 'application/json',
        ...this.limitHeaders(),
        ...headers,
      });
      res.end(payload);
    };
    const limited = this.overBudget();
    if (limited !== undefined) {
      record.fault = '429';
      return send(429, '{"errors":[{"message":"Rate limit exceeded"}]}', {
        'retry-after': String(limited),
      });
    }
    const fault = this.fault(parsed);
    if (fault) record.fault = fault.action;
    if (fault?.action === 'drop') return void req.socket.destroy();
    if (fault?.action === 'stall') return;
    if (fault?.action === '429') {
      return send(429, '{"errors":[{"message":"Too many requests"}]}', {
        'retry-after': String(fault.retryAfterSeconds ?? 2),
      });
    }
    if (fault?.action === '502') return send(502, '');
    if (fault?.action === 'html') {
      record.status = 200;
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><body>Bad gateway, try again</body></html>');
    }
    if (fault?.action === 'errors') {
      return send(
        200,
        JSON.stringify({
          data: null,
          errors: [
            {
              message: fault.message ?? `Problem processing request (${parsed.operation})`,
              traceId: `trace-${++this.traces}`,
            },
          ],
        }),
      );
    }
    const result = await this.execute(parsed, req);
    // After the work was done: a write must not be resent.
    if (fault?.action === '500') return send(500, 'Internal Server Error');
    if (fault?.action === '502-after') return send(502, '');
    if (fault?.action === 'drop-after') return void req.socket.destroy();
    send(result.status, JSON.stringify(result.payload));
  }

  private async execute(parsed: ParsedRequest, req: IncomingMessage) {
    if (!parsed.query)
      return { status: 400, payload: { errors: [{ message: 'Must provide query string.' }] } };
    const auth = this.authenticate(req);
    const result = await graphql({
      schema,
      source: parsed.query,
      variableValues: parsed.variables,
      operationName: parsed.operation,
      rootValue: resolvers(this.world, auth),
    });
    const validation = result.errors?.some((e) => !e.path);
    const errors = result.errors?.map((e) => ({
      message: e.message,
      path: e.path,
      traceId: `trace-${++this.traces}`,
    }));
    return { status: validation ? 400 : 200, payload: { data: result.data ?? null, errors } };
  }

  private authenticate(req: IncomingMessage): Auth | undefined {
    const project = req.headers['project-access-token'];
    if (typeof project === 'string') {
      const env = this.options.projectTokens?.[project];
      const environmentId = this.world.environments.find((e) => e.name === env)?.id;
      return environmentId ? { kind: 'project', environmentId } : undefined;
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return bearer && this.options.accountTokens?.includes(bearer) ? { kind: 'account' } : undefined;
  }

  private fault(parsed: ParsedRequest) {
    return this.faults.find((f) => {
      // Old one-field operation names stand for their root field inside a wave request.
      const field = f.operation && (FIELD_ALIASES[f.operation] ?? f.operation);
      const matches =
        !f.operation || f.operation === parsed.operation || parsed.fields.includes(field!);
      if (!matches || f.hits >= (f.times ?? 1) || (f.when && !f.when())) return false;
      if (f.seen++ < (f.skip ?? 0)) return false;
      f.hits++;
      return true;
    });
  }

  private window() {
    const hour = 3_600_000;
    const start = Math.floor(this.now() / hour) * hour;
    const used = this.requests.filter((r) => r.at >= start && r.fault !== '429').length;
    return { start, end: start + hour, used };
  }

  /** Seconds to wait when this hour's budget is spent; undefined while some is left. */
  private overBudget(): number | undefined {
    const budget = this.options.budgetPerHour;
    if (budget === undefined) return undefined;
    const { end, used } = this.window();
    return used > budget ? Math.ceil((end - this.now()) / 1000) : undefined;
  }

  private limitHeaders(): Record<string, string> {
    const budget = this.options.budgetPerHour;
    if (budget === undefined) return {};
    const { end, used } = this.window();
    return {
      'x-ratelimit-limit': String(budget),
      'x-ratelimit-remaining': String(Math.max(0, budget - used)),
      'x-ratelimit-reset': String(Math.ceil(end / 1000)),
    };
  }
}
