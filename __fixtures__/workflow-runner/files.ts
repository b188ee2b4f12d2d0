/** The runner's files and values: workflow YAML, GITHUB_OUTPUT-style files, INPUT_* names. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { asText } from './expressions.js';

export type Mapping = Record<string, unknown>;

export function inputEnv(inputs: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
  );
}

export function stringEnv(env: Mapping): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, asText(v)]));
}

/** GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE: `name=value` lines and `name<<EOF` blocks. */
export function readKeyValues(file: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      result[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      result[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return result;
}

export function readYaml(file: string): Mapping {
  return parse(readFileSync(file, 'utf8')) as Mapping;
}
