/**
 * The compose file's text and its YAML, read with bounds: a size limit, regular files only
 * (`compose-file: /dev/zero` would otherwise read until memory runs out), and a bound on alias
 * expansion (a "billion laughs" file), each refused with one sentence naming the file. An
 * error never echoes the file beyond a short snippet: the file named may be a token file.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';
import { formatBytes } from './units.js';
import { YamlDataError, documentData } from './yaml-data.js';

/** Far above any real compose file (the 5 MB bench file has 23,000 services). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/**
 * Nodes that aliases may bring in: 100,000, or one per byte of a larger file. `<<: *base` in
 * each of 23,000 services is fine; a bomb, which expands a small file exponentially, is not.
 */
export const MAX_ALIAS_NODES = 100_000;

export function aliasLimit(text: string): number {
  return Math.max(MAX_ALIAS_NODES, text.length);
}

/** The file's text; `what` names it in errors ("a compose file", "a .env file"). */
export function readBounded(
  file: string,
  absolute: string,
  what = 'a compose file',
  limit = MAX_FILE_BYTES,
): string {
  const refuse = (why: string) =>
    new ConfigError(file, [{ path: '', message: `expected ${what}, but ${why}` }]);
  let fd: number;
  try {
    fd = openSync(absolute, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(code === 'ENOENT' ? 'the file does not exist' : `it cannot be read (${code})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw refuse('it is a folder');
    if (!stat.isFile()) throw refuse('it is not a regular file (a device, a pipe or a socket)');
    if (stat.size > limit) {
      throw refuse(`it is ${formatBytes(stat.size)}, over the limit of ${formatBytes(limit)}`);
    }
    // Read to the limit, not to stat's size: a file still growing is cut, never unbounded.
    const buffer = Buffer.alloc(Math.min(stat.size, limit) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > limit) throw refuse(`it is over the limit of ${formatBytes(limit)}`);
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw refuse(`it cannot be read (${code ?? 'unknown error'})`);
  } finally {
    closeSync(fd);
  }
}

/** The YAML document as plain data, merge keys on (users share blocks with `<<: *base`). */
export function parseComposeYaml(
  file: string,
  text: string,
  maxAliasNodes = aliasLimit(text),
): unknown {
  const lineCounter = new LineCounter();
  // uniqueKeys off: yaml compares each key with every other (quadratic); documentData checks.
  const doc = parseDocument(text, {
    merge: true,
    prettyErrors: true,
    uniqueKeys: false,
    lineCounter,
  });
  const first = doc.errors[0];
  if (first) {
    const where = first.linePos?.[0];
    const at = where ? ` at line ${where.line}, column ${where.col}` : '';
    const said = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    // yaml reports its own stack overflow on a document nested hundreds of levels deep.
    const reason = /call stack/i.test(said)
      ? 'it nests deeper than a YAML parser can follow'
      : snippet(said);
    throw new ConfigError(file, [
      { path: '', message: `expected YAML, but it is not valid${at}: ${reason}` },
    ]);
  }
  try {
    return documentData(doc, maxAliasNodes, lineCounter);
  } catch (error) {
    if (error instanceof YamlDataError) {
      throw new ConfigError(file, [{ path: '', message: error.message }]);
    }
    throw error;
  }
}

/** At most 80 characters of something read from a file, on one line. */
export function snippet(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
