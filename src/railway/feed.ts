/**
 * Following deployments without polling: Railway's GraphQL subscriptions over one WebSocket,
 * protocol `graphql-transport-ws` (the graphql-ws library's), at the API URL with `wss://` and
 * the same auth header on the upgrade request; one `deployment(id)` subscription per
 * deployment, many on one socket (shared/railway/README.md, "Following a deployment without
 * polling"; Railway's CLI `src/subscription.rs`). Undocumented by Railway, so the engine
 * treats it as a hint: whenever the socket cannot open, closes or goes quiet, it polls, and
 * the state machine gets the same Deployment either way.
 */
import WebSocket from 'ws';
import { toDeployment, type Deployment } from './api.js';
import { DEPLOYMENT_FIELDS, type DeploymentNode } from './operations.js';

export const SUBSCRIPTION =
  'subscription DeploymentFeed($id: String!) { deployment(id: $id) { ...DeploymentFields } }\n' +
  DEPLOYMENT_FIELDS;

export interface FeedOptions {
  /** The GraphQL API URL; its scheme becomes ws:// or wss://. */
  url: string;
  headers: Record<string, string>;
  debug?: (message: string) => void;
  /** For the handshake (default 5 s): a socket that takes longer is not used. */
  openTimeoutMs?: number;
}

export function socketUrl(apiUrl: string): string {
  return apiUrl.replace(/^http(s?):/i, (_m, s: string) => `ws${s}:`);
}

export class DeploymentFeed {
  private readonly subscriptions = new Map<string, string>();
  private readonly latest = new Map<string, Deployment>();
  private waiters: (() => void)[] = [];
  private counter = 0;
  /** Ids whose subscription started since `takeNew()` last ran: a poll catches them up. */
  private fresh: string[] = [];
  closed = false;

  private constructor(
    private readonly socket: WebSocket,
    private readonly debug: (message: string) => void,
  ) {
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('close', () => this.end('closed'));
    socket.on('error', (error) => this.end(`error: ${error.message}`));
  }

  /** The open, acknowledged feed; undefined when Railway would not have one (then: polling). */
  static async open(options: FeedOptions): Promise<DeploymentFeed | undefined> {
    const debug = options.debug ?? (() => {});
    const socket = new WebSocket(socketUrl(options.url), 'graphql-transport-ws', {
      headers: options.headers,
      handshakeTimeout: options.openTimeoutMs ?? 5000,
    });
    const acked = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.openTimeoutMs ?? 5000);
      timer.unref?.();
      socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type?: string }).type === 'connection_ack') {
          clearTimeout(timer);
          resolve(true);
        }
      });
      socket.once('error', () => resolve(false));
      socket.once('close', () => resolve(false));
    });
    if (!acked) {
      debug('railway feed: no subscription socket; following deployments by polling');
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.terminate();
      return undefined;
    }
    socket.removeAllListeners('message');
    debug('railway feed: subscribed over one socket');
    return new DeploymentFeed(socket, debug);
  }

  /** Subscribes to the ids not followed yet. */
  watch(ids: string[]): void {
    if (this.closed) return;
    for (const id of ids.filter((d) => !this.subscriptions.has(d))) {
      const sub = `s${++this.counter}`;
      this.subscriptions.set(id, sub);
      this.fresh.push(id);
      const payload = { query: SUBSCRIPTION, variables: { id } };
      this.socket.send(JSON.stringify({ id: sub, type: 'subscribe', payload }));
    }
  }

  /** The ids subscribed since the last call (a poll catches up what they did before). */
  takeNew(): string[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }

  /** The newest Deployment the socket sent for each id it has one for. */
  take(ids: string[]): Map<string, Deployment> {
    return new Map(ids.flatMap((id) => (this.latest.has(id) ? [[id, this.latest.get(id)!]] : [])));
  }

  /** True on the next message for a followed deployment; false on quiet (`ms`) or a close. */
  wait(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), Math.max(0, ms));
      const done = (got: boolean) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(got && !this.closed);
      };
      const wake = () => done(true);
      this.waiters.push(wake);
    });
  }

  close(): void {
    this.end('closed by the action');
    this.socket.close();
  }

  private receive(text: string): void {
    let message: {
      type?: string;
      id?: string;
      payload?: { data?: { deployment?: DeploymentNode } };
    };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.type === 'ping') return void this.socket.send(JSON.stringify({ type: 'pong' }));
    const node = message.type === 'next' ? message.payload?.data?.deployment : undefined;
    if (!node?.id) return;
    this.latest.set(node.id, toDeployment(node));
    for (const wake of [...this.waiters]) wake();
  }

  private end(why: string): void {
    if (this.closed) return;
    this.closed = true;
    this.debug(`railway feed: socket ${why}; following deployments by polling`);
    for (const wake of [...this.waiters]) wake();
  }
}
