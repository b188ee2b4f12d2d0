/**
 * The test's result per service, as the `stack` output (JSON) and the job summary table. Pure,
 * so the wording users read is tested without Docker.
 */
import type { Service } from '../config/model.js';
import { formatDuration } from '../config/units.js';
import { mdCode, mdText } from '../markdown.js';
import type { LifecycleResult } from './lifecycle.js';

export type ServiceHealth = 'healthy' | 'unhealthy' | 'starting' | 'skipped';

export interface ServiceReport {
  service: string;
  /** Docker's container state (`running`, `exited`, `restarting`, ...), `missing` if none. */
  state: string;
  health: ServiceHealth;
  /** From the `up` that started it to healthy (container and health URL), in seconds. */
  secondsToHealthy: number | null;
  /** null when the service has no migration, or it did not run. */
  migrationExitCode: number | null;
  migrationRan: boolean;
  healthUrl?: string;
  error?: string;
}

export function stackOutput(reports: ServiceReport[]): Record<string, object> {
  return Object.fromEntries(
    reports.map((r) => [
      r.service,
      {
        state: r.state,
        health: r.health,
        secondsToHealthy: r.secondsToHealthy,
        migrationExitCode: r.migrationExitCode,
        ...(r.healthUrl ? { healthUrl: r.healthUrl } : {}),
        ...(r.error ? { error: r.error } : {}),
      },
    ]),
  );
}

const HEALTH: Record<ServiceHealth, string> = {
  healthy: '✅ healthy',
  unhealthy: '❌ unhealthy',
  starting: '⏳ not ready',
  skipped: '➖ not checked',
};

export function summaryMarkdown(project: string, reports: ServiceReport[]): string {
  const rows = reports.map((r) => {
    const time = r.secondsToHealthy === null ? '' : formatDuration(r.secondsToHealthy * 1000);
    const migration = !r.migrationRan
      ? ''
      : r.migrationExitCode === 0
        ? '✅ exit 0'
        : `❌ exit ${r.migrationExitCode ?? 'none (timed out)'}`;
    const health = r.error ? `${HEALTH[r.health]}: ${mdText(r.error)}` : HEALTH[r.health];
    return `| ${mdText(r.service)} | ${mdText(r.state)} | ${health} | ${time} | ${migration} |`;
  });
  return [
    `## Stack test (compose project ${mdCode(project)})`,
    '',
    '| service | state | health | time to healthy | migration |',
    '|---|---|---|--:|---|',
    ...rows,
    '',
  ].join('\n');
}

/** The facts gathered by the lifecycle, per service, as reported. */
export function serviceReports(services: Service[], life: LifecycleResult): ServiceReport[] {
  const failed = new Map(life.failures.map((f) => [f.service, f.reason]));
  return services.map((service) => {
    const fact = life.facts.get(service.name)!;
    const container = fact.containers[0];
    const error = failed.get(service.name);
    const containerReady = fact.readiness?.verdict.status === 'ready';
    const urlReady = !service.health || fact.url?.ok === true;
    const health: ServiceHealth = error
      ? 'unhealthy'
      : containerReady && urlReady
        ? 'healthy'
        : fact.readiness || fact.url
          ? 'starting'
          : 'skipped';
    const healthyAt = Math.max(fact.readiness?.readyAt ?? 0, fact.url?.healthyAt ?? 0);
    const seconds =
      health === 'healthy' && fact.upAt !== undefined
        ? Math.round((healthyAt - fact.upAt) / 100) / 10
        : null;
    return {
      service: service.name,
      state: container?.status ?? 'missing',
      health,
      secondsToHealthy: seconds,
      migrationExitCode: fact.migration?.exitCode ?? null,
      migrationRan: fact.migration !== undefined,
      healthUrl: service.health,
      error,
    };
  });
}
