import { describe, expect, it } from '@jest/globals';
import { describeContainer, mergeTimestamped, showFailures } from '../../src/stack/logs.js';
import type { ContainerState } from '../../src/stack/state.js';
import type { Exec } from '../../src/docker/exec.js';
import { recordingReporter } from '../../__fixtures__/reporter.js';

const crashed: ContainerState = {
  id: 'abc',
  name: 'da-1_backend_1',
  service: 'backend',
  status: 'exited',
  health: 'unhealthy',
  exitCode: 3,
  restartCount: 0,
  healthLog: [
    { exitCode: 1, output: 'curl: (7) Failed to connect', end: '2026-11-26T10:41:00.731122334Z' },
  ],
  ports: { '8000/tcp': ['127.0.0.1:8000'], '9000/tcp': [] },
};

describe('failure diagnosis', () => {
  it('puts stdout and stderr back in the order they were written', () => {
    const stdout =
      '2026-11-26T10:00:00.000000001Z starting\n2026-11-26T10:00:00.300000000Z ready?\n';
    const stderr =
      '2026-11-26T10:00:00.200000000Z warning: no config\n2026-11-26T10:00:01.000000000Z fatal\n';
    expect(mergeTimestamped(stdout, stderr)).toEqual([
      'starting',
      'warning: no config',
      'ready?',
      'fatal',
    ]);
    expect(mergeTimestamped(stdout, stderr, 2)).toEqual(['ready?', 'fatal']);
  });

  it('describes the state, ports and last healthcheck outputs', () => {
    expect(describeContainer(crashed)).toEqual([
      'container da-1_backend_1: exited (exit code 3), health unhealthy, restarts 0',
      'ports: 127.0.0.1:8000 -> 8000/tcp; 9000/tcp (not published)',
      'last healthcheck outputs:',
      '  10:41:00.731 exit 1: curl: (7) Failed to connect',
    ]);
  });

  it('shows each failing service in its own group, with its last log lines', async () => {
    const reporter = recordingReporter();
    const exec: Exec = async (_cmd, args) => ({
      stdout: `2026-11-26T10:00:00.1Z ${args.join(' ')}\n`,
      stderr: '2026-11-26T10:00:00.2Z Traceback: boom\n',
    });
    await showFailures(reporter, exec, [
      { service: 'backend', reason: 'exited with code 3', containers: [crashed] },
      {
        service: 'api',
        reason: 'migration `x` exited with code 1',
        containers: [],
        output: ['FAILED: no'],
      },
    ]);
    expect(reporter.lines).toEqual([
      'group: backend: exited with code 3',
      ...describeContainer(crashed),
      'last 100 lines of its logs:',
      '  logs --timestamps --tail 100 abc',
      '  Traceback: boom',
      'group: api: migration `x` exited with code 1',
      'last 100 lines of its output:',
      '  FAILED: no',
    ]);
  });
});
