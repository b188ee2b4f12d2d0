import { describe, expect, it } from '@jest/globals';
import { formatBytes, formatDuration, parseDuration, parseSize } from '../../src/config/units.js';

describe('parseSize', () => {
  it.each([
    ['500MB', 500_000_000],
    ['500 MB', 500_000_000],
    ['400MiB', 400 * 2 ** 20],
    ['1.5GB', 1_500_000_000],
    ['1GiB', 2 ** 30],
    ['750kB', 750_000],
    ['750KB', 750_000],
    ['2KiB', 2048],
    ['123B', 123],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['500 megs', '-1MB', 'MB', '', '0MB', '500', '5XB', 'MB500', '1.2.3MB'])(
    'refuses %j',
    (text) => expect(parseSize(text)).toBeUndefined(),
  );
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5s', 1500],
  ])('reads %s as %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '15', 'soon', '-5s', '0s', '5 minutes', 's'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatting', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1_500, '1.5 kB'],
    [412_345_678, '412 MB'],
    [45_600_000, '45.6 MB'],
    [2_000_000_000, '2.0 GB'],
    [-12_300_000, '-12.3 MB'],
  ])('prints %d bytes as %s, like docker', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it.each([
    [850, '850 ms'],
    [1234, '1.2 s'],
    [125_000, '2m 05s'],
  ])('prints %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
