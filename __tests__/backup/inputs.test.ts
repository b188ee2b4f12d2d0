import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/errors.js';
import { getInputs } from '../../src/inputs.js';

const read = (given: Record<string, string>) => getInputs((name) => given[name] ?? '', {});

describe('the inputs of command: backup', () => {
  it('default to no URL (Railway then), no drill and a 15 minute drill budget', () => {
    expect(read({ command: 'backup' })).toMatchObject({
      command: 'backup',
      databaseUrl: undefined,
      verifyRestore: false,
      restoreTimeoutMs: 900_000,
    });
  });

  it('take a URL, the drill and its timeout', () => {
    const given = {
      command: 'backup',
      'database-url': ' postgresql://u:p@127.0.0.1/db ',
      'verify-restore': 'true',
      'restore-timeout': '90s',
    };
    expect(read(given)).toMatchObject({
      databaseUrl: 'postgresql://u:p@127.0.0.1/db',
      verifyRestore: true,
      restoreTimeoutMs: 90_000,
    });
  });

  it.each([
    [{ 'verify-restore': 'yes' }, 'Input "verify-restore": expected true or false, got "yes"'],
    [{ 'restore-timeout': 'soon' }, /^Input "restore-timeout": expected /],
  ])('refuses %j', (given, message) => {
    expect(() => read({ command: 'backup', ...given })).toThrow(InputError);
    expect(() => read({ command: 'backup', ...given })).toThrow(message);
  });
});
