/**
 * The event wake-up against a real child process standing in for `docker events` (Node,
 * printing one status line per event), through the real exec wrapper.
 */
import { describe, expect, it } from '@jest/globals';
import { createExec, type Exec } from '../../src/docker/exec.js';
import { eventsArgs, watchEvents } from '../../src/stack/events.js';

const real = createExec();

/** Runs `script` wherever `docker events` would run, recording the arguments it was given. */
function standIn(script: string, seen: string[][] = []): Exec {
  return (command, args, options) => {
    seen.push([command, ...args]);
    return real(process.execPath, ['-e', script], options);
  };
}

async function within<T>(ms: number, promise: Promise<T>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(resolve, ms, 'still waiting')));
  const said = await Promise.race([promise.then(() => 'woken'), late]);
  clearTimeout(timer);
  return said;
}

describe('the events wake-up', () => {
  it("asks docker for the project's container events only", () => {
    expect(eventsArgs('da-abc-123')).toEqual([
      'events',
      '--filter',
      'label=com.docker.compose.project=da-abc-123',
      '--filter',
      'type=container',
      '--format',
      '{{.Status}}',
    ]);
  });

  it('wakes at each event line, not before', async () => {
    const seen: string[][] = [];
    const script = 'setTimeout(() => console.log("start"), 300); setInterval(() => {}, 1000)';
    const events = watchEvents(standIn(script, seen), 'da-p');
    try {
      expect(await within(150, events.next())).toBe('still waiting');
      expect(await within(2000, events.next())).toBe('woken');
      expect(seen).toEqual([['docker', ...eventsArgs('da-p')]]);
    } finally {
      events.stop();
    }
  });

  it('stop ends the stream and releases whoever waits', async () => {
    const pidLine: string[] = [];
    const script = 'console.log(process.pid); setInterval(() => {}, 1000)';
    const exec: Exec = (command, args, options) =>
      standIn(script)(command, args, {
        ...options,
        onLine: (line, stream) => {
          pidLine.push(line);
          options?.onLine?.(line, stream);
        },
      });
    const events = watchEvents(exec, 'da-p');
    await events.next(); // the pid line
    const pending = events.next();
    events.stop();
    expect(await within(500, pending)).toBe('woken');
    const pid = Number(pidLine[0]);
    await new Promise((r) => setTimeout(r, 300));
    expect(() => process.kill(pid, 0)).toThrow(); // the stream process is gone
  });

  it('a stream that cannot start leaves the wait to its polls, without an error', async () => {
    const broken: Exec = (_c, args, options) => real('no-such-docker-here', args, options);
    const events = watchEvents(broken, 'da-p');
    expect(await within(200, events.next())).toBe('still waiting');
    events.stop();
  });
});
