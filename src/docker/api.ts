/**
 * Reads from the Docker Engine API on its unix socket, for the few facts the action asks after
 * every build (the daemon's version, an image's size, its layers): a request on the socket is a
 * few milliseconds where a `docker` process is tens, and a 12-service build asks 25 times.
 *
 * Only where the docker CLI itself would talk to that socket (https://docs.docker.com/engine/reference/commandline/cli/#environment-variables,
 * https://docs.docker.com/engine/manage-resources/contexts/): DOCKER_HOST unset or `unix://`,
 * and no context other than `default` (DOCKER_CONTEXT, or `currentContext` in config.json).
 * A tcp or ssh host, another context, TLS: the CLI answers, as before. Any failure on the socket
 * (no daemon, no permission, an answer that is not 200) falls back to the CLI too, so the user
 * gets docker's own message and the CLI stays the one source of truth for errors.
 *
 * Paths are unversioned: the daemon answers with its own API version
 * (https://docs.docker.com/engine/api/#versioned-api-and-sdk). Answers used: `GET /version`
 * (`Version`, what `docker version --format {{.Server.Version}}` prints), `GET
 * /images/{name}/json` (what `docker image inspect` prints), `GET /images/{name}/history`
 * (what `docker history --no-trunc --human=false` prints, Size in bytes).
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import path from 'node:path';

export const DEFAULT_SOCKET = '/var/run/docker.sock';
const TIMEOUT_MS = 10_000;

/** The docker CLI's configuration folder: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || path.join(homedir(), '.docker');
}

/** config.json, or {} when there is none or it is not JSON (the CLI then says so itself). */
export function dockerConfig(env: NodeJS.ProcessEnv): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(
      readFileSync(path.join(dockerConfigDir(env), 'config.json'), 'utf8'),
    );
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The socket the docker CLI would use, or undefined when it would use something else. */
export function engineSocket(env: NodeJS.ProcessEnv): string | undefined {
  const host = env.DOCKER_HOST;
  if (host) return host.startsWith('unix://') && !env.DOCKER_TLS_VERIFY ? host.slice(7) : undefined;
  const context = env.DOCKER_CONTEXT || dockerConfig(env).currentContext;
  if (context !== undefined && context !== '' && context !== 'default') return undefined;
  return DEFAULT_SOCKET;
}

/** A name the API takes in a path as it is: a docker reference, nothing to escape. */
const PLAIN_REF = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/;

export class EngineApiError extends Error {
  override name = 'EngineApiError';
}

export interface EngineApi {
  get<T>(apiPath: string): Promise<T>;
}

/** GET on the socket; resolves the parsed JSON of a 200, rejects anything else. */
export function socketApi(socket: string, debug: (message: string) => void = () => {}): EngineApi {
  return {
    get: <T>(apiPath: string) =>
      new Promise<T>((resolve, reject) => {
        debug(`engine api: GET ${apiPath}`);
        const req = request(
          { socketPath: socket, path: apiPath, method: 'GET', headers: { Host: 'docker' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
              const body = Buffer.concat(chunks).toString('utf8');
              if (res.statusCode !== 200) {
                return reject(new EngineApiError(`GET ${apiPath}: ${res.statusCode} ${body}`));
              }
              try {
                resolve(JSON.parse(body) as T);
              } catch {
                reject(new EngineApiError(`GET ${apiPath}: not JSON: ${body.slice(0, 200)}`));
              }
            });
          },
        );
        req.setTimeout(TIMEOUT_MS, () =>
          req.destroy(new EngineApiError(`GET ${apiPath}: timed out`)),
        );
        req.on('error', reject);
        req.end();
      }),
  };
}

/** The API for this environment, or undefined where the CLI must answer. */
export function engineApiFor(
  env: NodeJS.ProcessEnv,
  debug?: (message: string) => void,
): EngineApi | undefined {
  const socket = engineSocket(env);
  return socket ? socketApi(socket, debug) : undefined;
}

export function imagePath(ref: string, what: 'json' | 'history'): string | undefined {
  return PLAIN_REF.test(ref) && !ref.split('/').includes('..')
    ? `/images/${ref}/${what}`
    : undefined;
}

/**
 * `viaApi` when there is an API for this environment and it answers, else `viaCli`: the same
 * facts either way, the CLI's error when both fail.
 */
export async function apiOrCli<T>(
  api: EngineApi | undefined,
  viaApi: ((api: EngineApi) => Promise<T>) | undefined,
  viaCli: () => Promise<T>,
): Promise<T> {
  if (api && viaApi) {
    try {
      return await viaApi(api);
    } catch {
      // The CLI answers instead, with docker's own words if it fails too.
    }
  }
  return viaCli();
}

/**
 * Where the docker CLI finds `docker-<name>`, in its order (docker/cli
 * `cli-plugins/manager/manager.go` and `manager_unix.go`): the config folder's `cli-plugins`,
 * config.json's `cliPluginsExtraDirs`, then the system folders. Found here means `docker <name>`
 * runs it; not found means only that `docker <name> version` must be asked.
 */
export const SYSTEM_PLUGIN_DIRS = [
  '/usr/local/lib/docker/cli-plugins',
  '/usr/local/libexec/docker/cli-plugins',
  '/usr/lib/docker/cli-plugins',
  '/usr/libexec/docker/cli-plugins',
];

export function cliPluginInstalled(name: string, env: NodeJS.ProcessEnv): boolean {
  const extra = dockerConfig(env).cliPluginsExtraDirs;
  const dirs = [
    path.join(dockerConfigDir(env), 'cli-plugins'),
    ...(Array.isArray(extra) ? extra.filter((d): d is string => typeof d === 'string') : []),
    ...SYSTEM_PLUGIN_DIRS,
  ];
  return dirs.some((dir) => {
    try {
      accessSync(path.join(dir, `docker-${name}`), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Whether `docker buildx` builds with the default builder, the docker driver of the current
 * context (BuildKit inside the daemon, so on the daemon's own platform). buildx keeps the
 * builder chosen by `docker buildx use` in `<config>/buildx/current` as
 * `{"Key":..,"Name":"tb","Global":false}`, `Name` empty for the default (buildx 0.13
 * `store/store.go`; checked here with `buildx use tb` and `buildx use default`); BUILDX_BUILDER
 * names one for a command (https://docs.docker.com/build/building/variables/#buildx_builder)
 * and BUILDX_CONFIG moves the folder. Anything else, or a file not as described: false.
 */
export function defaultBuildxBuilder(env: NodeJS.ProcessEnv): boolean {
  if (env.BUILDX_CONFIG) return false;
  if (env.BUILDX_BUILDER && env.BUILDX_BUILDER !== 'default') return false;
  let text: string;
  try {
    text = readFileSync(path.join(dockerConfigDir(env), 'buildx', 'current'), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    const current = JSON.parse(text) as { Name?: unknown };
    return current.Name === '' || current.Name === 'default';
  } catch {
    return false;
  }
}
