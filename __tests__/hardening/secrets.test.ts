import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { run } from '../../src/main.js';
import { MASK, secretForms, secretScrubber } from '../../src/secrets.js';

const TOKEN = 'rw_Ab3dEf9hIjK1mNoP/qRsT+uV=wX';

describe('secretForms', () => {
  it('gives the secret, its cases, base64, base64url and URL encoding', () => {
    const forms = secretForms(TOKEN);
    const b64 = Buffer.from(TOKEN).toString('base64');
    expect(forms).toEqual(
      expect.arrayContaining([
        TOKEN,
        TOKEN.toUpperCase(),
        TOKEN.toLowerCase(),
        b64,
        b64.replace(/=+$/, ''),
        Buffer.from(TOKEN).toString('base64url'),
        encodeURIComponent(TOKEN),
      ]),
    );
    expect(new Set(forms).size).toBe(forms.length);
  });

  it('gives nothing for an empty secret and only itself for a short one', () => {
    expect(secretForms('')).toEqual([]);
    expect(secretForms('abc')).toEqual(['abc']);
  });

  it('registers every form with the masker', () => {
    const registered: string[] = [];
    secretScrubber([TOKEN, ''], (f) => registered.push(f));
    expect(registered.sort()).toEqual(secretForms(TOKEN).sort());
  });
});

describe('scrub', () => {
  const { scrub } = secretScrubber([TOKEN]);
  const b64 = Buffer.from(TOKEN).toString('base64');
  it.each([
    ['as given', `bad token ${TOKEN}.`],
    ['upper-cased', `BAD TOKEN ${TOKEN.toUpperCase()}`],
    ['lower-cased', `token ${TOKEN.toLowerCase()} refused`],
    ['base64', `Authorization: Basic ${b64}`],
    ['base64 without padding', `x=${b64.replace(/=+$/, '')};`],
    ['base64url', `jwt ${Buffer.from(TOKEN).toString('base64url')}`],
    ['URL-encoded', `GET /?token=${encodeURIComponent(TOKEN)}&a=1`],
    ['URL-encoded, lower-case hex', `?t=${encodeURIComponent(TOKEN).toLowerCase()}`],
    ['a 12-character prefix', `token ${TOKEN.slice(0, 12)}… was cut`],
    ['a long prefix run into text', `id=${TOKEN.slice(0, 20)}XYZ`],
    ['a prefix of the upper-cased form', `T ${TOKEN.toUpperCase().slice(0, 15)}`],
    ['twice', `${TOKEN} and ${TOKEN}`],
  ])('removes the token %s', (_, text) => {
    const clean = scrub(text);
    expect(clean).toContain(MASK);
    for (let n = 12; n <= TOKEN.length; n++) {
      for (const form of secretForms(TOKEN)) expect(clean).not.toContain(form.slice(0, n));
    }
  });

  it.each([
    ['plain text', 'Service backend is not found in environment production'],
    ['a short shared prefix', `rw_Ab3dEf9 is how tokens start`],
    ['an 11-character prefix', `${TOKEN.slice(0, 11)}`],
  ])('keeps %s', (_, text) => {
    expect(scrub(text)).toBe(text);
  });
});

describe('the action registers every shape with the masker', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    process.exitCode = undefined;
  });

  it('as main starts, before any work (here a missing compose file)', async () => {
    process.env = {
      PATH: saved.PATH,
      INPUT_COMMAND: 'build',
      'INPUT_COMPOSE-FILE': '/nonexistent/deploy-action/compose.yml',
      'INPUT_RAILWAY-TOKEN': TOKEN,
    };
    const lines: string[] = [];
    const write = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);
    try {
      await run();
    } finally {
      write.mockRestore();
    }
    const masked = lines
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('::add-mask::'))
      .map((l) => l.slice('::add-mask::'.length));
    // core escapes % in command data: the URL-encoded forms arrive as %25.
    expect(masked.map((m) => m.replace(/%25/g, '%')).sort()).toEqual(secretForms(TOKEN).sort());
    expect(process.exitCode).toBe(1);
  });
});
