import { describe, expect, it } from '@jest/globals';
import {
  neutralise,
  oneLine,
  printUntrusted,
  stopCommandsWriter,
  stopToken,
  wrapUntrusted,
} from '../../src/untrusted.js';

/** Lines as the runner reads them: split on CR, LF or CRLF, leading whitespace trimmed. */
function runnerLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.replace(/^[\s\u0085]+/, ''));
}

/** Would the runner take any line as a workflow command (`::x` or `##[x`)? */
function hasCommand(text: string): boolean {
  return runnerLines(text).some((line) => line.startsWith('::') || line.includes('##['));
}

const INJECTIONS = [
  ['a warning', '::warning::deploy approved'],
  ['state in a name', 'web\n::save-state name=deploy-action::{}'],
  ['CRLF', 'web\r\n::add-mask::x'],
  ['a bare CR', 'web\r::set-output name=a::b'],
  ['leading spaces', 'x\n    ::error::boom'],
  ['a tab', 'x\n\t::group::fake'],
  ['NEL', 'x\n\u0085::debug::y'],
  ['a non-breaking space', 'x\n\u00a0::notice::y'],
  ['the old syntax', 'step ##[set-env name=A]b'],
  ['stop-commands', '::stop-commands::abc'],
] as const;

describe('neutralise', () => {
  it.each(INJECTIONS)('leaves no workflow command in %s', (_, text) => {
    expect(hasCommand(text)).toBe(true);
    const safe = neutralise(text);
    expect(hasCommand(safe)).toBe(false);
    expect(safe.replace(/\u200b/g, '')).toBe(text);
  });

  it.each([
    ['plain text', 'Step 3/7 : RUN npm ci'],
    ['a colon pair inside a line', 'std::vector and a::b'],
    ['a URL', 'https://example.com:443/x'],
  ])('keeps %s as it is', (_, text) => {
    expect(neutralise(text)).toBe(text);
  });
});

describe('oneLine', () => {
  it.each([
    ['a newline', 'web\n::warning::x', 'web\\n::warning::x'],
    ['a CR', 'a\rb', 'a\\rb'],
    ['NUL and escape', 'a\u0000b\u001b[31m', 'a\\u0000b\\u001b[31m'],
    ['a line separator', 'a\u2028b', 'a\\u2028b'],
    ['a leading command', '::error::x', ':\u200b:error::x'],
  ])('shows %s on one line', (_, text, shown) => {
    expect(oneLine(text)).toBe(shown);
    expect(runnerLines(oneLine(text))).toHaveLength(1);
  });
});

describe('wrapUntrusted', () => {
  it('wraps the lines in stop-commands with a token they cannot guess', () => {
    const lines = ['::warning::x', 'ok'];
    const wrapped = wrapUntrusted(lines, 'tok');
    expect(wrapped[0]).toBe('::stop-commands::tok');
    expect(wrapped.at(-1)).toBe('::tok::');
    expect(hasCommand(wrapped.slice(1, -1).join('\n'))).toBe(false);
  });

  it('draws a new 128-bit token each time', () => {
    const a = stopToken();
    expect(a).toMatch(/^deploy-action-[0-9a-f]{32}$/);
    expect(stopToken()).not.toBe(a);
  });

  it('opens the block at the first line and closes it at the end, under the runner', () => {
    const log: string[] = [];
    const sink = { info: () => {}, untrusted: () => stopCommandsWriter((l) => log.push(l)) };
    printUntrusted(sink, ['::warning::x', 'ok']);
    printUntrusted(sink, []);
    expect(log).toHaveLength(4);
    const token = /^::stop-commands::(deploy-action-[0-9a-f]{32})$/.exec(log[0]!)![1];
    expect(log.slice(1)).toEqual([':\u200b:warning::x', 'ok', `::${token}::`]);
  });

  it('prints neutralised lines where there is no runner', () => {
    const infos: string[] = [];
    printUntrusted({ info: (m) => infos.push(m) }, ['::error::x', 'b']);
    expect(infos).toEqual([':\u200b:error::x', 'b']);
  });
});
