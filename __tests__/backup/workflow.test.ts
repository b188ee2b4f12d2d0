import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');
type Step = {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
};
const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/deploy.yml'), 'utf8')) as {
  on: { workflow_call: { inputs: Record<string, { default?: unknown }>; secrets: object } };
  jobs: { deploy: { steps: Step[] } };
};
const steps = workflow.jobs.deploy.steps;
const index = (match: (s: Step) => boolean) => steps.findIndex(match);

describe('the reusable deploy workflow', () => {
  it('backs the database up, with the restore drill, before it deploys', () => {
    const backup = index((s) => s.with?.command === 'backup');
    const deploy = index((s) => s.with?.command === 'deploy');
    expect(backup).toBeGreaterThan(-1);
    expect(backup).toBeLessThan(deploy);
    expect(steps[backup]!.with).toMatchObject({
      'database-url': '${{ secrets.DATABASE_URL }}',
      'verify-restore': '${{ inputs.verify-restore }}',
    });
    expect(workflow.on.workflow_call.inputs['verify-restore']!.default).toBe(true);
    expect(workflow.on.workflow_call.secrets).toHaveProperty('DATABASE_URL');
  });

  it('uploads the dump between the backup and the deploy, for the retention asked', () => {
    const upload = index((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(upload).toBe(index((s) => s.with?.command === 'backup') + 1);
    expect(steps[upload]!.with).toMatchObject({
      path: '${{ steps.backup.outputs.backup-file }}',
      'retention-days': '${{ inputs.backup-retention-days }}',
    });
    expect(workflow.on.workflow_call.inputs['backup-retention-days']!.default).toBe(7);
  });
});
