/**
 * The exec wrapper against real child processes (Node itself, so no fake): how it stops a
 * program that outlives its timeout, how it decodes output, and how it says what went wrong.
 */
import { describe, expect, it } from '@jest/globals';
import { CommandError, createExec } from '../../src/docker/exec.js';
import { UserError } from '../../src/errors.js';

const node = process.execPath;
const exec = createExec();

async function failure(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CommandError)) throw new Error(`expected a CommandError, got ${error}`);
  return error;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a timeout', () => {
  it('escalates to SIGKILL when the program ignores SIGTERM, after the grace period', async () => {
    let pid = 0;
    const started = Date.now();
    const stubborn =
      'process.on("SIGTERM", () => console.log("ignored")); console.log(process.pid); ' +
      'setInterval(() => {}, 1000)';
    const error = await failure(
      exec(node, ['-e', stubborn], {
        timeoutMs: 300,
        killGraceMs: 400,
        onLine: (line) => (pid ||= Number(line)),
      }),
    );
    const took = Date.now() - started;
    expect(error.kind).toBe('timeout');
    expect(error.signal).toBe('SIGKILL');
    expect(error.message.split('\n')[0]).toMatch(/did not finish within 300 ms, then killed/);
    expect(error.stdout).toContain('ignored'); // it did get the SIGTERM first
    expect(took).toBeGreaterThanOrEqual(650);
    expect(took).toBeLessThan(5000);
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
  });

  it('needs no SIGKILL for a program that stops on SIGTERM', async () => {
    const error = await failure(
      exec(node, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 200, killGraceMs: 5000 }),
    );
    expect(error.kind).toBe('timeout');
    expect(error.signal).toBe('SIGTERM');
    expect(error.message).toMatch(/did not finish within 200 ms and was stopped$/);
  });
});

describe('what went wrong is told apart', () => {
  it('a non-zero exit', async () => {
    const error = await failure(exec(node, ['-e', 'process.exit(4)']));
    expect([error.kind, error.exitCode, error.signal]).toEqual(['exit', 4, undefined]);
  });

  it('a signal from elsewhere', async () => {
    const error = await failure(exec(node, ['-e', 'process.kill(process.pid, "SIGTERM")']));
    expect([error.kind, error.exitCode, error.signal]).toEqual(['signal', null, 'SIGTERM']);
    expect(error.message).toMatch(/was stopped by SIGTERM$/);
  });

  it('a program that cannot start', async () => {
    const error = await failure(exec('no-such-program-deploy-action', []));
    expect(error.kind).toBe('spawn');
    expect(error.message).toMatch(/not installed or not on PATH/);
  });

  it('and none of them is a user error: commands translate one where the user is the cause', async () => {
    const error = await failure(exec(node, ['-e', 'process.exit(1)']));
    expect(error).not.toBeInstanceOf(UserError);
    expect(error).toBeInstanceOf(Error);
  });
});

describe('output', () => {
  it('keeps a character split across two chunks whole', async () => {
    // "€" is e2 82 ac: the first two bytes, a pause (two chunks for sure), then the rest.
    const split =
      'process.stdout.write(Buffer.from([0xe2, 0x82])); ' +
      'setTimeout(() => process.stdout.write(Buffer.from([0xac, 0x0a, 0xc3])), 100); ' +
      'setTimeout(() => process.stdout.write(Buffer.from([0xa9, 0x0a])), 200)';
    const lines: string[] = [];
    const { stdout } = await exec(node, ['-e', split], { onLine: (line) => lines.push(line) });
    expect(lines).toEqual(['€', 'é']);
    expect(stdout).toBe('€\né\n');
  });

  it('shows the command line of a long command; the rest only in debug', async () => {
    const debug: string[] = [];
    const shown: string[] = [];
    const loud = createExec(
      (m) => debug.push(m),
      (m) => shown.push(m),
    );
    await loud(node, ['-e', '0'], { announce: true });
    await loud(node, ['-e', '1']);
    expect(shown).toEqual([`$ ${node} -e 0`]);
    expect(debug).toEqual([`exec: ${node} -e 1`]);
  });
});
