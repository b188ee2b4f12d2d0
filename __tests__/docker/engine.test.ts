import { describe, expect, it } from '@jest/globals';
import { detectEngine, EngineUnavailableError } from '../../src/docker/engine.js';
import { CommandError, createExec, type Exec } from '../../src/docker/exec.js';
import { settleAll } from '../../src/docker/pool.js';

/** A fake docker that answers from a table: `command args` -> stdout, or an error. */
function fakeExec(answers: Record<string, string | CommandError>): Exec {
  return async (command, args) => {
    const key = [command, ...args].join(' ');
    const answer = answers[key];
    if (answer === undefined) throw new CommandError([command, ...args], 1, 'unknown command', '');
    if (answer instanceof CommandError) throw answer;
    return { stdout: answer, stderr: '' };
  };
}

const VERSION = 'docker version --format {{.Server.Version}}';

describe('engine detection', () => {
  it.each([
    [
      'a GitHub runner: buildx and compose v2',
      {
        [VERSION]: '28.2.2\n',
        'docker buildx version': 'github.com/docker/buildx v0.24.0 d0e5e86',
        'docker compose version --short': '2.36.2',
      },
      { serverVersion: '28.2.2', buildx: true, compose: 'v2' },
    ],
    [
      "Debian's docker.io: classic builder and docker-compose v1",
      {
        [VERSION]: '20.10.24+dfsg1',
        'docker-compose version --short': '1.29.2',
      },
      { serverVersion: '20.10.24+dfsg1', buildx: false, compose: 'v1' },
    ],
    [
      'no compose at all',
      { [VERSION]: '24.0.7' },
      { serverVersion: '24.0.7', buildx: false, compose: undefined },
    ],
  ])('%s', async (_name, answers, engine) => {
    await expect(detectEngine(fakeExec(answers))).resolves.toEqual(engine);
  });

  it('probes only the compose that will be used', async () => {
    const asked: string[] = [];
    const answers = {
      [VERSION]: '28.2.2',
      'docker compose version --short': '2.36.2',
      'docker-compose version --short': '1.29.2',
    };
    const recording: Exec = (command, args, options) => {
      asked.push([command, ...args].join(' '));
      return fakeExec(answers)(command, args, options);
    };
    expect((await detectEngine(recording, { buildx: false })).compose).toBe('v2');
    expect(asked).toEqual([VERSION, 'docker compose version --short']);
    asked.length = 0;
    expect((await detectEngine(recording, { compose: 'v1', buildx: false })).compose).toBe('v1');
    expect(asked).toEqual([VERSION, 'docker-compose version --short']);
    asked.length = 0;
    const v1Only = { ...answers, 'docker compose version --short': undefined } as never;
    const noV2: Exec = (command, args, options) => {
      asked.push([command, ...args].join(' '));
      return fakeExec(v1Only)(command, args, options);
    };
    expect((await detectEngine(noV2, { buildx: false })).compose).toBe('v1');
    expect(asked).toEqual([
      VERSION,
      'docker compose version --short',
      'docker-compose version --short',
    ]);
    await expect(detectEngine(noV2, { compose: 'v2', buildx: false })).resolves.toMatchObject({
      compose: undefined,
    });
  });

  it("says in one sentence that the daemon is down, with docker's reason", async () => {
    const down = new CommandError(
      ['docker', 'version'],
      1,
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
      'Client: 28.2.2',
    );
    const error = await detectEngine(fakeExec({ [VERSION]: down })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineUnavailableError);
    expect((error as Error).message).toBe(
      'The Docker engine is not reachable (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?): start the Docker daemon, or set DOCKER_HOST, and run again.',
    );
  });

  it('says when docker is not installed at all', async () => {
    const missing = new CommandError(['docker', 'version'], null, '', '', 'could not start');
    await expect(detectEngine(fakeExec({ [VERSION]: missing }))).rejects.toThrow(
      'The docker command is not installed or not on PATH: install Docker (or use a runner that has it) and run again.',
    );
  });
});

describe('the exec wrapper', () => {
  const exec = createExec();

  it('passes arguments as they are, without a shell', async () => {
    const { stdout } = await exec(process.execPath, [
      '-e',
      'console.log(JSON.stringify(process.argv.slice(1)))',
      'a b',
      '$HOME',
      "'q'",
    ]);
    expect(JSON.parse(stdout)).toEqual(['a b', '$HOME', "'q'"]);
  });

  it('fails on any non-zero exit, even with nothing on stderr', async () => {
    const error = await exec(process.execPath, ['-e', 'process.exit(3)']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).exitCode).toBe(3);
  });

  it('carries the command, the exit code and the tail of stderr', async () => {
    const script = 'for (let i = 1; i <= 30; i++) console.error("line " + i); process.exit(2)';
    const error = (await exec(process.execPath, ['-e', script]).catch(
      (e: unknown) => e,
    )) as CommandError;
    expect(error.message.split('\n')[0]).toMatch(/` exited with code 2:$/);
    expect(error.tail.split('\n')).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 11}`));
  });

  it('says that a command ran out of time, not just that it was killed', async () => {
    const error = await exec(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], {
      timeoutMs: 200,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/` did not finish within 200 ms and was stopped$/);
  });

  it('names a program that is not installed', async () => {
    await expect(exec('no-such-program-here', [])).rejects.toThrow(
      '`no-such-program-here` could not start: no-such-program-here is not installed or not on PATH',
    );
  });

  it('streams complete lines as they come', async () => {
    const lines: string[] = [];
    await exec(
      process.execPath,
      ['-e', 'process.stdout.write("a\\nb"); setTimeout(() => console.log("c"), 20)'],
      {
        onLine: (line) => lines.push(line),
      },
    );
    expect(lines).toEqual(['a', 'bc']);
  });
});

describe('settleAll', () => {
  it('never runs more than the limit at once and keeps every result in order', async () => {
    let running = 0;
    let peak = 0;
    const results = await settleAll([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (n === 3) throw new Error('three');
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ).toEqual([10, 20, 'three', 40, 50]);
  });
});
