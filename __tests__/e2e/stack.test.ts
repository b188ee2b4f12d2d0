import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { requireEngine, untag } from '../../__fixtures__/engine.js';
import { exampleStack, projectResources } from '../../__fixtures__/stack.js';
import { parseCommandFile, runStep, runnerFiles, type RunnerFiles } from './helpers.js';

const SHA = 'e2e0000000000000000000000000000000000000';
const PREFIX = 'deploy-action-e2e-stack';

function testInputs(file: string): Record<string, string> {
  return {
    command: 'test',
    'compose-file': file,
    'image-prefix': PREFIX,
    'health-timeout': '3m',
  };
}

/** The compose project the main phase saved for the post phase, once it has saved one. */
function savedProject(files: RunnerFiles): string | undefined {
  const state = parseCommandFile(readFileSync(files.state, 'utf8'))['deploy-action'];
  return state ? (JSON.parse(state) as { stack?: { name?: string } }).stack?.name : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(requireEngine);
afterAll(() => untag(`${PREFIX}/backend:${SHA}`, `${PREFIX}/frontend:${SHA}`));

describe('command: test through dist/index.js on Node 24, as the runner runs it', () => {
  it('tests the example in main, leaves it up for later steps; the post phase removes it', async () => {
    const example = await exampleStack();
    const files = runnerFiles();
    const inputs = testInputs(example.file);
    const main = await runStep('main', { inputs, files });
    const project = savedProject(files)!;
    try {
      expect({ code: main.code, stderr: main.stderr }).toEqual({ code: 0, stderr: '' });
      const stack = JSON.parse(main.outputs.stack!);
      expect(stack.backend).toMatchObject({
        state: 'running',
        health: 'healthy',
        migrationExitCode: 0,
      });
      expect(stack.frontend).toMatchObject({ state: 'running', health: 'healthy' });
      expect(main.summary).toContain(`## Stack test (compose project \`${project}\`)`);
      expect(main.summary).toMatch(/\| postgres \| running \| ✅ healthy \| [\d.]+ s \|/);
      expect(main.stdout).toContain(`::group::Migrate backend: alembic upgrade head`);
      // Until the post phase, later steps of the job can use the running stack.
      const answer = await fetch(`http://127.0.0.1:${example.frontendPort}/api/health`);
      expect(answer.status).toBe(200);
      expect(projectResources(project).length).toBeGreaterThan(0);
    } finally {
      const post = await runStep('post', { inputs, files });
      expect(post.code).toBe(0);
      expect(post.stdout).toContain(`${project}: no container, network or volume left`);
    }
    expect(projectResources(project)).toEqual([]);
  }, 600_000);

  it('tears down in the post phase after the main phase was killed with SIGTERM', async () => {
    const example = await exampleStack();
    const files = runnerFiles();
    const inputs = testInputs(example.file);
    let project: string | undefined;
    const main = await runStep('main', {
      inputs,
      files,
      onSpawn: (child) => {
        // Kill once the stack exists: its project is saved and its first container created.
        const poll = setInterval(() => {
          project ??= savedProject(files);
          if (project && projectResources(project).some((r) => r.startsWith('container'))) {
            clearInterval(poll);
            child.kill('SIGTERM');
          }
        }, 100);
        child.on('close', () => clearInterval(poll));
      },
    });
    expect(main.signal).toBe('SIGTERM');
    expect(project).toMatch(/^da-e2e00000-[a-z0-9]{6}$/);
    const post = await runStep('post', { inputs, files });
    expect(post.code).toBe(0);
    expect(projectResources(project!)).toEqual([]);
    // The killed main's `compose up` may still be running: nothing may reappear afterwards.
    await sleep(5000);
    expect(projectResources(project!)).toEqual([]);
  }, 600_000);
});
