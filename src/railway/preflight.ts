/**
 * Before the first mutation: every variable a service to deploy needs is set, and not empty,
 * on its Railway service in the target environment. One read for all services (Railway's
 * `variables` query, values rendered, so a reference such as `${{Postgres.DATABASE_URL}}`
 * counts once Railway resolves it); only which names are set is kept, never a value.
 */
import { UserError } from '../errors.js';
import type { RailwayApi } from './api.js';
import type { Plan } from './plan.js';

export interface PreflightLog {
  info(message: string): void;
}

export async function preflight(api: RailwayApi, plan: Plan, log: PreflightLog): Promise<void> {
  const checked = plan.services.filter((s) => s.action === 'deploy' && s.requires.names.length);
  if (checked.length === 0) return;
  for (const s of checked.filter((c) => c.requires.inferred)) {
    log.info(
      `${s.service}: needs ${s.requires.names.join(', ')} on Railway (inferred from its ` +
        'environment: values that are ${VAR} without a default; set ' +
        'x-deploy.railway.requires to name them yourself)',
    );
  }
  const set = await api.variableNames(
    plan.projectId,
    plan.environmentId,
    checked.map((s) => s.serviceId),
  );
  const missing = checked
    .map((s) => ({ s, names: s.requires.names.filter((n) => !set.get(s.serviceId)?.has(n)) }))
    .filter((m) => m.names.length > 0);
  if (missing.length === 0) {
    log.info(`Railway variables: every required variable is set (${checked.length} services)`);
    return;
  }
  const lines = missing.map(
    ({ s, names }) =>
      `${s.service} needs ${names.join(', ')}, not set (or empty) on Railway service ` +
      `"${s.railwayName}"`,
  );
  throw new UserError(
    `Railway variables missing in environment "${plan.environmentName}": ${lines.join('; ')}. ` +
      `Set them in the Railway dashboard (project "${plan.projectName}" > the service > ` +
      'Variables), then run the deploy again; nothing was changed.',
  );
}
