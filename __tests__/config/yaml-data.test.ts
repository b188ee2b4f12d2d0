/** Our one-pass conversion gives what yaml's own toJS gives, on the shapes compose files use. */
import { describe, expect, it } from '@jest/globals';
import { parse, parseDocument } from 'yaml';
import { YamlDataError, documentData } from '../../src/config/yaml-data.js';

const data = (text: string, max = 1000) =>
  documentData(parseDocument(text, { merge: true, uniqueKeys: false }), max);

describe('documentData', () => {
  it.each([
    ['scalars', 'a: 1\nb: true\nc: ~\nd: "x"\ne: 1.5\nf: 0x10\n'],
    ['lists', 'a: [1, [2, 3], {b: c}]\n'],
    ['an alias', 'a: &x {p: 1}\nb: *x\n'],
    ['a merge', 'base: &b {x: 1, y: 2}\ns:\n  <<: *b\n  y: 3\n'],
    ['a key before the merge wins', 'base: &b {x: 1, y: 2}\ns:\n  y: 3\n  <<: *b\n'],
    ['a list of merges, earlier first', 'a: &a {k: 1}\nb: &b {k: 2, l: 2}\ns:\n  <<: [*a, *b]\n'],
    ['an inline merge', 's:\n  <<: {k: 1}\n  m: 2\n'],
    ['an anchor defined again', 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n'],
    ['number and null keys', '1: a\n~: b\ntrue: c\n'],
    ['a quoted << is a key', '"<<": 1\n'],
    ['nested anchors', 'a: &o {i: &i [1]}\nb: *i\nc: *o\n'],
    ['an empty document', ''],
    ['a top-level list', '- 1\n- 2\n'],
  ])('converts %s as yaml does', (_, text) => {
    expect(data(text)).toEqual(parse(text, { merge: true }) ?? null);
  });

  it('keeps key order as yaml does', () => {
    const text = 'base: &b {x: 1}\ns:\n  a: 1\n  <<: *b\n  z: 2\n';
    expect(Object.keys((data(text) as { s: object }).s)).toEqual(
      Object.keys((parse(text, { merge: true }) as { s: object }).s),
    );
  });

  it('keeps __proto__ as an own key', () => {
    const value = data('__proto__: {a: 1}\nconstructor: 2\n') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it.each([
    [
      'a duplicate key',
      'services:\n  web: {}\n  web: {}\n',
      /expected each key once in a mapping, got "web" again/,
    ],
    ['an alias without anchor', 'a: *nope\n', /expected an anchor &nope before the alias \*nope/],
    [
      'a merge of a scalar',
      'a: &x 1\nb:\n  <<: *x\n',
      /expected a mapping or a list of mappings after <</,
    ],
    [
      'too many aliased nodes',
      `a: &a [1, 2, 3]\nb: [${Array(400).fill('*a').join(', ')}]\n`,
      /at most 1000 nodes/,
    ],
  ])('refuses %s', (_, text, message) => {
    expect(() => data(text)).toThrow(YamlDataError);
    expect(() => data(text)).toThrow(message);
  });

  it('stays linear: 20,000 merges of one base in well under a second', () => {
    const services = Array.from({ length: 20_000 }, (_, i) => `  s${i}:\n    <<: *b\n    i: ${i}`);
    const text = `x: &b {restart: always, labels: {a: b}}\nservices:\n${services.join('\n')}\n`;
    const doc = parseDocument(text, { merge: true, uniqueKeys: false });
    const started = performance.now();
    const value = documentData(doc, 1e9) as { services: Record<string, { restart: string }> };
    expect(performance.now() - started).toBeLessThan(1000);
    expect(value.services.s19999!.restart).toBe('always');
  });
});
