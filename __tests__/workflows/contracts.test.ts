import { describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * What actionlint cannot see: local reusable workflows' inputs and secrets, and our own
 * action's inputs. Every caller is checked against its callee, every `with:` against action.yml.
 */
const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');
type Mapping = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const yaml = (file: string) => parse(read(file)) as Mapping;
const files = ['.github/workflows', 'workflows-templates'].flatMap((dir) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => `${dir}/${f}`),
);
const action = yaml('action.yml');

/** `sigmasight/deploy-action/.github/workflows/x.yml@v1` or `./.github/workflows/x.yml`. */
function calleeFile(uses: string): string | undefined {
  const match =
    /^(?:sigmasight\/deploy-action\/|\.\/)(\.github\/workflows\/[^@]+\.yml)(?:@.+)?$/.exec(uses);
  return match?.[1];
}

const callers = files.flatMap((file) =>
  Object.entries((yaml(file).jobs ?? {}) as Record<string, Mapping>)
    .filter(([, job]) => typeof job.uses === 'string')
    .map(([name, job]) => ({ where: `${file} jobs.${name}`, job, callee: calleeFile(job.uses) })),
);

const actionSteps = files.flatMap((file) =>
  Object.entries((yaml(file).jobs ?? {}) as Record<string, Mapping>).flatMap(([name, job]) =>
    ((job.steps ?? []) as Mapping[])
      .filter(
        (step) => step.uses === './' || String(step.uses).startsWith('sigmasight/deploy-action@'),
      )
      .map((step, i) => ({ where: `${file} jobs.${name} step ${step.name ?? i}`, step })),
  ),
);

function callerProblems(job: Mapping, call: Mapping): string[] {
  const inputs = (call.inputs ?? {}) as Record<string, Mapping>;
  const secrets = (call.secrets ?? {}) as Record<string, Mapping>;
  const given = Object.keys(job.with ?? {});
  const passed = job.secrets === 'inherit' ? Object.keys(secrets) : Object.keys(job.secrets ?? {});
  const required = (declared: Record<string, Mapping>) =>
    Object.entries(declared)
      .filter(([, d]) => d.required && d.default === undefined)
      .map(([k]) => k);
  return [
    ...given.filter((k) => !(k in inputs)).map((k) => `input "${k}" is not declared`),
    ...required(inputs)
      .filter((k) => !given.includes(k))
      .map((k) => `required input "${k}" is not given`),
    ...passed.filter((k) => !(k in secrets)).map((k) => `secret "${k}" is not declared`),
    ...required(secrets)
      .filter((k) => !passed.includes(k))
      .map((k) => `required secret "${k}" is not given`),
  ];
}

describe('callers against their reusable workflows', () => {
  it('finds the callers (so the checks below check something)', () => {
    expect(callers.map((c) => c.callee).sort()).toEqual([
      '.github/workflows/build.yml',
      '.github/workflows/build.yml',
      '.github/workflows/deploy.yml',
      '.github/workflows/rollback.yml',
      '.github/workflows/test.yml',
    ]);
  });

  it.each(callers.map((c) => [c.where, c] as const))('%s', (_where, { job, callee }) => {
    expect(callerProblems(job, yaml(callee!).on.workflow_call)).toEqual([]);
  });

  it('names what a wrong caller gets wrong', () => {
    const call = yaml('.github/workflows/deploy.yml').on.workflow_call;
    const wrong = { uses: 'x', with: { enviroment: 'production' }, secrets: { TOKEN: 'x' } };
    expect(callerProblems(wrong, call)).toEqual([
      'input "enviroment" is not declared',
      'required input "environment" is not given',
      'secret "TOKEN" is not declared',
      'required secret "RAILWAY_TOKEN" is not given',
    ]);
  });
});

describe("steps using the action against action.yml's inputs", () => {
  it('finds the steps', () => expect(actionSteps.length).toBeGreaterThanOrEqual(5));

  it.each(actionSteps.map((s) => [s.where, s.step] as const))('%s', (_where, step) => {
    const given = Object.keys(step.with ?? {});
    expect(given.filter((key) => !(key in action.inputs))).toEqual([]);
    expect(given).toContain('command');
  });
});

describe('action.yml', () => {
  it("parses with GitHub's own parser, with no errors", () => {
    const result = parseAction(
      { name: 'action.yml', content: read('action.yml') },
      new NoOperationTraceWriter(),
    );
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(result.value).toBeDefined();
  });

  it("GitHub's parser does report a broken action (so the check above can fail)", () => {
    const broken = 'name: x\ndescription: y\nruns:\n  using: node99\n  main: a.js\n';
    const result = parseAction(
      { name: 'action.yml', content: broken },
      new NoOperationTraceWriter(),
    );
    expect(result.context.errors.getErrors().length).toBeGreaterThan(0);
  });

  it('runs on node24 with one bundle for main and post', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js' });
  });
});

describe("the README's tables match action.yml", () => {
  /** First-column names of the markdown table under a `## heading`. */
  function tableNames(heading: string): string[] {
    const section = read('README.md')
      .split(/^## /m)
      .find((s) => s.startsWith(heading))!;
    return [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]!);
  }

  it.each([
    ['Inputs', 'inputs'],
    ['Outputs', 'outputs'],
  ])('%s', (heading, key) => {
    expect(tableNames(heading)).toEqual(Object.keys(action[key]));
  });

  it('gives the defaults action.yml gives', () => {
    const section = read('README.md')
      .split(/^## /m)
      .find((s) => s.startsWith('Inputs'))!;
    for (const [name, input] of Object.entries(action.inputs as Record<string, Mapping>)) {
      if (input.default === undefined || String(input.default).startsWith('${{')) continue;
      expect({ name, row: section.includes(`| \`${name}\` | \`${input.default}\` |`) }).toEqual({
        name,
        row: true,
      });
    }
  });
});
