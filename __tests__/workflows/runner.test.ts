/**
 * The workflow runner's own semantics, checked on small workflows of `run:` steps only (no
 * Docker), so that what the e2e workflow runs rely on is known to be GitHub's behaviour.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asText, condition, interpolate } from '../../__fixtures__/workflow-runner/expressions.js';
import { runWorkflow, type RunEvent } from '../../__fixtures__/workflow-runner/workflow.js';
import { RunWorld } from '../../__fixtures__/workflow-runner/world.js';

const ROOT = path.resolve(import.meta.dirname ?? '.', '../..');
const root = mkdtempSync(path.join(tmpdir(), 'deploy-action-runner-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const world = new RunWorld({
  root,
  repository: ROOT,
  actionRoot: ROOT,
  bundle: '/nonexistent',
  node: process.execPath,
  githubApiUrl: 'http://127.0.0.1:9',
  imagePrefixes: [],
});

function event(name: string, ref = 'refs/heads/main', payload: object = {}): RunEvent {
  return {
    name,
    payload: { repository: { full_name: 'o/r', owner: { login: 'o' } }, ...payload },
    sha: 'abc',
    ref,
    token: 't',
    secrets: {},
    vars: { GREETING: 'hello' },
    runId: String(Math.floor(Math.random() * 1e9)),
  };
}

function workflow(text: string): string {
  const file = path.join(mkdtempSync(path.join(root, 'wf-')), 'w.yml');
  writeFileSync(file, text);
  return file;
}

describe('expressions', () => {
  it('keeps the type of a value that is one expression, and makes text of the others', () => {
    const ctx = { github: { event_name: 'push' }, vars: { N: '3' } };
    expect(interpolate("${{ github.event_name == 'push' }}", ctx)).toBe(true);
    expect(interpolate('n=${{ vars.N }}', ctx)).toBe('n=3');
    expect(interpolate('${{ fromJSON(\'{"a":[1]}\') }}', ctx)).toEqual({ a: [1] });
    // A missing value is null, which a with: or env: value writes as empty text.
    expect(asText(interpolate('${{ secrets.MISSING }}', ctx))).toBe('');
  });

  it('adds success() to an if: without a status function, as GitHub does', () => {
    expect(condition('true', {}, 'failure')).toBe(false);
    expect(condition('always() && true', {}, 'failure')).toBe(true);
    expect(condition('failure()', {}, 'failure')).toBe(true);
    expect(condition('${{ !cancelled() }}', {}, 'skipped')).toBe(true);
    expect(condition(undefined, {}, 'skipped')).toBe(false);
  });
});

describe('a workflow run', () => {
  it('passes outputs through needs, runs matrix legs, and skips by if:', async () => {
    const file = workflow(`
name: W
on: { push: { branches: ['ma*'] } }
jobs:
  a:
    runs-on: ubuntu-latest
    outputs: { said: '\${{ steps.say.outputs.word }}' }
    steps:
      - id: say
        run: echo "word=$GREETING-\${{ vars.GREETING }}" >> "$GITHUB_OUTPUT"
        env: { GREETING: hi }
  b:
    needs: a
    if: needs.a.outputs.said == 'hi-hello'
    strategy: { matrix: { include: [{ n: 1 }, { n: 2 }] } }
    runs-on: ubuntu-latest
    steps:
      - run: echo "LEG=\${{ matrix.n }}" >> "$GITHUB_ENV"
      - id: leg
        run: echo "n=$LEG" >> "$GITHUB_OUTPUT"
  c:
    needs: a
    if: failure()
    runs-on: ubuntu-latest
    steps: [{ run: 'true' }]
`);
    const run = await runWorkflow(world, file, event('push'));
    expect(Object.fromEntries(Object.entries(run.jobs).map(([k, j]) => [k, j.result]))).toEqual({
      a: 'success',
      'b (1)': 'success',
      'b (2)': 'success',
      b: 'success',
      c: 'skipped',
    });
    expect(run.jobs.a!.outputs).toEqual({ said: 'hi-hello' });
    expect(run.jobs['b (2)']!.steps[1]!.outputs).toEqual({ n: '2' });
    expect((await runWorkflow(world, file, event('push', 'refs/heads/dev'))).triggered).toBe(false);
  });

  it('fails the job at a failing step, skips the rest, but runs always() steps', async () => {
    const file = workflow(`
name: W
on: pull_request
jobs:
  j:
    runs-on: ubuntu-latest
    steps:
      - run: exit 3
      - run: echo never
      - if: always()
        run: echo cleanup
`);
    const pr = { action: 'opened', pull_request: { number: 1, base: { ref: 'main' }, head: {} } };
    const run = await runWorkflow(world, file, event('pull_request', 'refs/pull/1/merge', pr));
    expect(run.jobs.j!.result).toBe('failure');
    expect(run.jobs.j!.steps.map((s) => s.outcome)).toEqual(['failure', 'skipped', 'success']);
    const closed = { ...pr, action: 'closed' };
    const notRun = await runWorkflow(
      world,
      file,
      event('pull_request', 'refs/pull/1/merge', closed),
    );
    expect(notRun.triggered).toBe(false);
  });
});
