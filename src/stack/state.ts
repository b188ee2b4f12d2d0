/**
 * What the stack's containers are doing, read with `docker inspect` of the containers that carry
 * the project's label. Compose v1 and v2 both label every container with the project, service and
 * one-off flag, so this needs neither `compose ps` (whose output differs between them) nor names
 * (`proj_backend_1` in v1, `proj-backend-1` in v2).
 */
import { CommandError, type Exec } from '../docker/exec.js';
import { PROJECT_LABEL } from './compose.js';

export type ContainerStatus =
  'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type HealthStatus = 'healthy' | 'unhealthy' | 'starting' | 'none';

export interface HealthProbe {
  exitCode: number;
  output: string;
  end: string;
}

export interface ContainerState {
  id: string;
  name: string;
  service: string;
  status: ContainerStatus;
  /** The compose healthcheck's verdict; `none` when the service has no healthcheck. */
  health: HealthStatus;
  exitCode: number;
  restartCount: number;
  /** Epoch ms of the last start, undefined before the first. */
  startedAt?: number;
  /** Docker keeps the last five healthcheck runs. */
  healthLog: HealthProbe[];
  /** Published ports: "8000/tcp" -> ["127.0.0.1:8000"]. */
  ports: Record<string, string[]>;
  /** The healthcheck's command as `docker exec` runs it, and its timeout; none without one. */
  healthcheck?: { command: string[]; timeoutMs: number };
}

/** `docker inspect` of containers -> states; containers without a compose service are skipped. */
export function parseContainers(json: string): ContainerState[] {
  const parsed = JSON.parse(json) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`docker inspect gave no list: ${json.slice(0, 200)}`);
  return parsed.flatMap((raw: Inspected) => {
    const service = raw.Config?.Labels?.['com.docker.compose.service'];
    if (!service || !raw.State) return [];
    const health = raw.State.Health;
    return [
      {
        id: raw.Id,
        name: (raw.Name ?? '').replace(/^\//, ''),
        service,
        status: raw.State.Status,
        health: health?.Status ?? 'none',
        exitCode: raw.State.ExitCode ?? 0,
        restartCount: raw.RestartCount ?? 0,
        startedAt: timestamp(raw.State.StartedAt),
        healthLog: (health?.Log ?? []).map((p) => ({
          exitCode: p.ExitCode,
          output: p.Output.trimEnd(),
          end: p.End,
        })),
        ports: publishedPorts(raw.NetworkSettings?.Ports),
        healthcheck: healthcheckCommand(raw.Config?.Healthcheck),
      },
    ];
  });
}

interface Inspected {
  Id: string;
  Name?: string;
  RestartCount?: number;
  Config?: {
    Labels?: Record<string, string>;
    Healthcheck?: { Test?: string[]; Timeout?: number };
  };
  State?: {
    Status: ContainerStatus;
    ExitCode?: number;
    StartedAt?: string;
    Health?: {
      Status: HealthStatus;
      Log?: { ExitCode: number; Output: string; End: string }[];
    };
  };
  NetworkSettings?: { Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> };
}

/**
 * Docker's healthcheck test as a command line: `CMD-SHELL x` runs `/bin/sh -c x` (Docker's own
 * rule, docs.docker.com/reference/dockerfile/#healthcheck), `CMD a b` runs `a b`, `NONE` none.
 * Its timeout is in nanoseconds (0: Docker's default, 30 s).
 */
export function healthcheckCommand(check?: { Test?: string[]; Timeout?: number }) {
  const [kind, ...rest] = check?.Test ?? [];
  const command =
    kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest.join(' ')] : kind === 'CMD' ? rest : [];
  if (command.length === 0) return undefined;
  return { command, timeoutMs: check?.Timeout ? check.Timeout / 1e6 : 30_000 };
}

/** Docker says "0001-01-01T00:00:00Z" for never. */
function timestamp(text: string | undefined): number | undefined {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

function publishedPorts(ports: NonNullable<Inspected['NetworkSettings']>['Ports']) {
  return Object.fromEntries(
    Object.entries(ports ?? {}).map(([port, bindings]) => [
      port,
      (bindings ?? []).map((b) => `${b.HostIp || '0.0.0.0'}:${b.HostPort}`),
    ]),
  );
}

/** The project's service containers (one-off `run` containers excluded). */
export async function readStates(exec: Exec, project: string): Promise<ContainerState[]> {
  for (let attempt = 1; ; attempt++) {
    const { stdout } = await exec('docker', [
      'ps',
      '-a',
      '-q',
      '--no-trunc',
      '--filter',
      `label=${PROJECT_LABEL}=${project}`,
      '--filter',
      'label=com.docker.compose.oneoff=False',
    ]);
    const ids = stdout.split('\n').filter(Boolean);
    if (ids.length === 0) return [];
    try {
      return parseContainers((await exec('docker', ['inspect', ...ids])).stdout);
    } catch (error) {
      // A container removed between `ps` and `inspect` (compose recreating it): look again.
      const gone = error instanceof CommandError && /No such object/i.test(error.stderr);
      if (!gone || attempt >= 3) throw error;
    }
  }
}
