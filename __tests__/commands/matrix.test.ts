import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { composeDir, DOCKERFILES } from '../../__fixtures__/compose.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';
import { buildMatrix, runPlanCommand } from '../../src/commands/matrix.js';

const names = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);
const counts = (n: number, max: number) => buildMatrix(names(n), max).include.map((l) => l.count);

describe('the build matrix', () => {
  it.each([
    [24, 6, [6, 6, 6, 6]],
    [24, 10, [8, 8, 8]],
    [25, 6, [5, 5, 5, 5, 5]],
    [3, 10, [3]],
    [7, 1, [1, 1, 1, 1, 1, 1, 1]],
  ])('%i services at most %i per job: legs of %j', (n, max, expected) => {
    expect(counts(n, max)).toEqual(expected);
  });

  it('keeps the dependency order: each leg a run of it, every service once', () => {
    const matrix = buildMatrix(names(10), 4);
    expect(matrix.include).toEqual([
      { leg: 1, services: 's1,s2,s3,s4', count: 4 },
      { leg: 2, services: 's5,s6,s7', count: 3 },
      { leg: 3, services: 's8,s9,s10', count: 3 },
    ]);
  });

  it('with nothing to build, one leg that builds nothing (the services subset, if any)', () => {
    expect(buildMatrix([], 5, 'db')).toEqual({ include: [{ leg: 1, services: 'db', count: 0 }] });
  });

  it('is the matrix output of command: plan, from the compose file in dependency order', async () => {
    const stack = `
services:
  frontend: { build: ./frontend, depends_on: [backend] }
  backend: { build: ./backend, depends_on: [db] }
  db: { image: postgres:15 }
`;
    const file = path.join(composeDir(stack, DOCKERFILES), 'docker-compose.yml');
    const reporter = recordingReporter();
    const inputs = { composeFile: file, services: [], maxServicesPerJob: 1 };
    await runPlanCommand(inputs, reporter);
    expect(JSON.parse(reporter.outputs.matrix!)).toEqual({
      include: [
        { leg: 1, services: 'backend', count: 1 },
        { leg: 2, services: 'frontend', count: 1 },
      ],
    });
  });
});
