import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { makePlan, renderPlan } from '../../src/commands/plan.js';
import { loadStack } from '../../src/config/load.js';

const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');
const example = () => loadStack('examples/sigmasight/docker-compose.yml', {}, ROOT);

describe('plan', () => {
  it('lists the example in dependency order with budgets and the Railway mapping', () => {
    const stack = example();
    const text = renderPlan(makePlan(stack, stack.services), stack.dir);
    expect(text.split('\n')).toEqual([
      'Plan for examples/sigmasight/docker-compose.yml (dependencies first):',
      '1. postgres | image postgres:15 | railway: sigmasight-postgres',
      "2. backend | build backend/Dockerfile | budget 400 MB (service's x-deploy.budget) | after postgres | migrate: alembic upgrade head | health: http://localhost:8000/health | railway: sigmasight-backend",
      '3. frontend | build frontend/Dockerfile | budget 500 MB (x-deploy.budget) | after backend | health: http://localhost:3005/api/health | railway: sigmasight-frontend',
      'Railway project 00000000-0000-4000-8000-000000000001, environment production',
    ]);
  });

  it('gives machines the same facts', () => {
    const stack = example();
    const plan = makePlan(stack, stack.services.slice(1, 2));
    expect(plan.services).toEqual([
      expect.objectContaining({
        service: 'backend',
        budget: 400_000_000,
        budgetFrom: 'service',
        dependsOn: ['postgres'],
        railway: 'sigmasight-backend',
      }),
    ]);
  });
});
