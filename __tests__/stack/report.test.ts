import { describe, expect, it } from '@jest/globals';
import type { Service } from '../../src/config/model.js';
import { blameUp } from '../../src/stack/blame.js';
import type { LifecycleResult } from '../../src/stack/lifecycle.js';
import { serviceReports, stackOutput, summaryMarkdown } from '../../src/stack/report.js';
import type { ContainerState } from '../../src/stack/state.js';

const running = (service: string): ContainerState => ({
  id: service,
  name: `p_${service}_1`,
  service,
  status: 'running',
  health: 'healthy',
  exitCode: 0,
  restartCount: 0,
  healthLog: [],
  ports: {},
});

const base = { dependsOn: [], budget: 1, budgetSource: 'default' as const, hasHealthcheck: true };
const services: Service[] = [
  { ...base, name: 'postgres' },
  {
    ...base,
    name: 'backend',
    migrate: ['alembic upgrade head'],
    health: 'http://localhost:8000/health',
  },
  { ...base, name: 'frontend', hasHealthcheck: false, health: 'http://localhost:3005/api/health' },
];

const ready = (service: string, readyAt: number) => ({
  service,
  verdict: { status: 'ready' as const },
  readyAt,
  containers: [running(service)],
});

function life(): LifecycleResult {
  return {
    facts: new Map([
      [
        'postgres',
        { upAt: 1000, readiness: ready('postgres', 5000), containers: [running('postgres')] },
      ],
      [
        'backend',
        {
          upAt: 8000,
          readiness: ready('backend', 11_000),
          migration: { service: 'backend', command: [], exitCode: 0, output: [], ms: 900 },
          url: { url: 'http://localhost:8000/health', ok: true, attempts: 1, healthyAt: 12_345 },
          containers: [running('backend')],
        },
      ],
      [
        'frontend',
        {
          upAt: 8000,
          readiness: ready('frontend', 11_000),
          url: {
            url: 'http://localhost:3005/api/health',
            ok: false,
            attempts: 90,
            failure: 'answered 503',
          },
          containers: [running('frontend')],
        },
      ],
    ]),
    failures: [
      {
        service: 'frontend',
        reason: 'health URL http://localhost:3005/api/health was not healthy in time: answered 503',
        containers: [],
      },
    ],
  };
}

describe('the stack report', () => {
  it('gives each service its state, health, time to healthy and migration exit code', () => {
    const output = stackOutput(serviceReports(services, life()));
    expect(output).toEqual({
      postgres: {
        state: 'running',
        health: 'healthy',
        secondsToHealthy: 4,
        migrationExitCode: null,
      },
      backend: {
        state: 'running',
        health: 'healthy',
        secondsToHealthy: 4.3,
        migrationExitCode: 0,
        healthUrl: 'http://localhost:8000/health',
      },
      frontend: {
        state: 'running',
        health: 'unhealthy',
        secondsToHealthy: null,
        migrationExitCode: null,
        healthUrl: 'http://localhost:3005/api/health',
        error: 'health URL http://localhost:3005/api/health was not healthy in time: answered 503',
      },
    });
  });

  it('writes the summary table', () => {
    expect(summaryMarkdown('da-1', serviceReports(services, life()))).toBe(
      [
        '## Stack test (compose project `da-1`)',
        '',
        '| service | state | health | time to healthy | migration |',
        '|---|---|---|--:|---|',
        '| postgres | running | ✅ healthy | 4.0 s |  |',
        '| backend | running | ✅ healthy | 4.3 s | ✅ exit 0 |',
        '| frontend | running | ❌ unhealthy: health URL http:\u200b//localhost:3005/api/health was not healthy in time: answered 503 |  |  |',
        '',
      ].join('\n'),
    );
  });

  it('marks services never reached as not checked', () => {
    const reports = serviceReports(services, {
      facts: new Map(services.map((s) => [s.name, { containers: [] }])),
      failures: [
        { service: 'backend', reason: 'migration `x` exited with code 1', containers: [] },
      ],
    });
    expect(reports.map((r) => [r.service, r.state, r.health])).toEqual([
      ['postgres', 'missing', 'skipped'],
      ['backend', 'missing', 'unhealthy'],
      ['frontend', 'missing', 'skipped'],
    ]);
  });

  it('shows a compose up failure that named no service on each row it left unstarted', () => {
    const created = (service: string) => ({ ...running(service), status: 'created' as const });
    const observed = services.map((s) => ({
      service: s.name,
      verdict: { status: 'pending' as const, reason: 'is created' },
      containers: [created(s.name)],
    }));
    const failures = blameUp('ERROR: manifest for backend:1 not found\n', observed);
    const facts = new Map(services.map((s) => [s.name, { containers: [created(s.name)] }]));
    const reports = serviceReports(services, { facts, failures });
    expect(Object.values(stackOutput(reports))).toEqual(
      services.map(() =>
        expect.objectContaining({
          health: 'unhealthy',
          error: 'compose up failed: manifest for backend:1 not found',
        }),
      ),
    );
    const rows = summaryMarkdown('da-1', reports)
      .split('\n')
      .filter((l) => l.includes('created'));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toContain('❌ unhealthy: compose up failed: manifest');
  });
});
