/**
 * `plan`: what the pipeline would do with this compose file, touching nothing: the order,
 * what is built or pulled, each budget and where it comes from, migrations, health URLs and
 * the Railway mapping. Pure: a stack in, a plan and its text out.
 */
import { commandText, type Service, type Stack } from '../config/model.js';
import { formatBytes } from '../config/units.js';

export interface PlannedService {
  service: string;
  source: string;
  budget: number | null;
  budgetFrom: Service['budgetSource'] | null;
  dependsOn: string[];
  migrate: string | null;
  health: string | null;
  railway: string | null;
}

export interface Plan {
  file: string;
  railway: { project: string | null; environment: string | null };
  services: PlannedService[];
}

export function makePlan(stack: Stack, services: Service[]): Plan {
  return {
    file: stack.file,
    railway: {
      project: stack.railway.project ?? null,
      environment: stack.railway.environment ?? null,
    },
    services: services.map((s) => ({
      service: s.name,
      source: s.build ? `build ${s.build.dockerfile}` : `image ${s.image}`,
      budget: s.build ? s.budget : null,
      budgetFrom: s.build ? s.budgetSource : null,
      dependsOn: s.dependsOn.map((d) => d.service),
      migrate: s.migrate === undefined ? null : commandText(s.migrate),
      health: s.health ?? null,
      railway: s.railway?.service ?? null,
    })),
  };
}

const BUDGET_FROM: Record<Service['budgetSource'], string> = {
  default: 'default',
  file: 'x-deploy.budget',
  service: "service's x-deploy.budget",
  input: 'budget input',
};

export function renderPlan(plan: Plan, root: string): string {
  const relative = (text: string) => text.replace(`${root}/`, '');
  const rows = plan.services.map((s, i) =>
    [
      `${i + 1}. ${s.service}`,
      relative(s.source),
      s.budget === null ? '' : `budget ${formatBytes(s.budget)} (${BUDGET_FROM[s.budgetFrom!]})`,
      s.dependsOn.length ? `after ${s.dependsOn.join(', ')}` : '',
      s.migrate ? `migrate: ${s.migrate}` : '',
      s.health ? `health: ${s.health}` : '',
      s.railway ? `railway: ${s.railway}` : 'not deployed',
    ]
      .filter(Boolean)
      .join(' | '),
  );
  const target = plan.railway.project
    ? `Railway project ${plan.railway.project}, environment ${plan.railway.environment ?? '(not set)'}`
    : 'No Railway project set (x-deploy.railway.project or --railway-project).';
  return [`Plan for ${plan.file} (dependencies first):`, ...rows, target].join('\n');
}
