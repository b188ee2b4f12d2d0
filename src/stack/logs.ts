/**
 * What a user needs to see when a service fails: its state, its last healthcheck outputs and the
 * last lines of its logs, one collapsed group per failing service. Logs come from `docker logs`
 * of the container (the same for compose v1 and v2) with timestamps, so stdout and stderr are
 * put back in the order the service wrote them.
 */
import type { Exec } from '../docker/exec.js';
import { errorMessage } from '../errors.js';
import type { Reporter } from '../reporter.js';
import { oneLine, printUntrusted } from '../untrusted.js';
import type { ContainerState } from './state.js';

export const LOG_LINES = 100;

export interface Failure {
  service: string;
  reason: string;
  containers: ContainerState[];
  /** Output of a one-off command (a migration) to show instead of container logs. */
  output?: string[];
}

/** Merges `docker logs --timestamps` stdout and stderr by time, without the timestamps. */
export function mergeTimestamped(stdout: string, stderr: string, tail = LOG_LINES): string[] {
  const lines = [...stamped(stdout), ...stamped(stderr)];
  // RFC 3339 with nanoseconds, all UTC: text order is time order; the sort is stable.
  lines.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return lines.slice(-tail).map((l) => l.text);
}

function stamped(text: string): { at: string; text: string }[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const space = line.indexOf(' ');
      const at = space > 0 ? line.slice(0, space) : '';
      return /^\d{4}-\d\d-\d\dT/.test(at)
        ? { at, text: line.slice(space + 1) }
        : { at: '', text: line };
    });
}

export async function containerLogs(exec: Exec, id: string, tail = LOG_LINES): Promise<string[]> {
  try {
    const { stdout, stderr } = await exec('docker', [
      'logs',
      '--timestamps',
      '--tail',
      String(tail),
      id,
    ]);
    return mergeTimestamped(stdout, stderr, tail);
  } catch (error) {
    return [`(could not read the logs: ${errorMessage(error).split('\n')[0]})`];
  }
}

/** The state and healthcheck part of a diagnosis (pure, so its wording is tested). */
export function describeContainer(c: ContainerState): string[] {
  const lines = [
    `container ${c.name}: ${c.status}${c.status === 'exited' ? ` (exit code ${c.exitCode})` : ''}` +
      `, health ${c.health}, restarts ${c.restartCount}`,
  ];
  const ports = Object.entries(c.ports).map(([port, hosts]) =>
    hosts.length ? `${hosts.join(', ')} -> ${port}` : `${port} (not published)`,
  );
  if (ports.length) lines.push(`ports: ${ports.join('; ')}`);
  if (c.healthLog.length) {
    lines.push('last healthcheck outputs:');
    for (const probe of c.healthLog) {
      const output = probe.output.split('\n').slice(-3).join(' | ') || '(no output)';
      lines.push(`  ${probe.end.slice(11, 23) || '?'} exit ${probe.exitCode}: ${output}`);
    }
  }
  return lines;
}

/** One collapsed group per failing service: state, healthcheck outputs, last 100 log lines. */
export async function showFailures(
  reporter: Reporter,
  exec: Exec,
  failures: Failure[],
): Promise<void> {
  for (const failure of failures) {
    const title = `${oneLine(failure.service)}: ${oneLine(failure.reason)}`;
    await reporter.group(title, async () => {
      if (failure.output) {
        reporter.info(`last ${LOG_LINES} lines of its output:`);
        printUntrusted(
          reporter,
          failure.output.slice(-LOG_LINES).map((line) => `  ${line}`),
        );
      } else if (failure.containers.length === 0) {
        reporter.info('no container was created for it');
      }
      for (const container of failure.containers) {
        describeContainer(container).forEach((line) => reporter.info(line));
        const logs = await containerLogs(exec, container.id);
        reporter.info(`last ${LOG_LINES} lines of its logs:`);
        printUntrusted(
          reporter,
          (logs.length ? logs : ['(no output)']).map((line) => `  ${line}`),
        );
      }
    });
  }
}
