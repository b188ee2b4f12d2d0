/**
 * A parsed YAML document as plain data, in one pass. yaml's own toJS looks each alias up by
 * walking every anchor and alias before it and converts a merge source again at each `<<`, so
 * a file of 23,000 services sharing `<<: *base` took 20 s; and its duplicate-key check compares
 * each key with every other, 26 s more. Here: anchors in a Map, keys in a Set, linear.
 * Same results as yaml's toJS (merge keys as in https://yaml.org/type/merge.html: a key of the
 * mapping wins over a merged one, an earlier merge source over a later), and the expansion of
 * aliases bounded: each alias counts the nodes it brings in, and past the limit the file is
 * refused (a "billion laughs" file expands a few lines exponentially).
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

export class YamlDataError extends Error {
  override name = 'YamlDataError';
}

interface Converted {
  value: unknown;
  /** Nodes in the value, aliases expanded. */
  size: number;
}

export function documentData(doc: Document, maxAliasNodes: number, lines?: LineCounter): unknown {
  const anchors = new Map<string, Converted>();
  let aliased = 0;
  const where = (node: unknown) => {
    const offset = (node as { range?: [number] } | null)?.range?.[0];
    const pos = offset === undefined ? undefined : lines?.linePos(offset);
    return pos ? ` at line ${pos.line}, column ${pos.col}` : '';
  };

  const convert = (node: unknown): Converted => {
    if (isAlias(node)) {
      const found = anchors.get(node.source);
      if (!found)
        throw new YamlDataError(
          `expected an anchor &${node.source} before the alias *${node.source}${where(node)}, got none`,
        );
      aliased += found.size;
      if (aliased > maxAliasNodes) {
        throw new YamlDataError(
          `expected YAML aliases (*name) to bring in at most ${maxAliasNodes} nodes, got more: they nest into an exponentially large document`,
        );
      }
      return found;
    }
    let result: Converted;
    if (isScalar(node)) result = { value: node.value, size: 1 };
    else if (isSeq(node)) {
      const items = node.items.map(convert);
      result = { value: items.map((i) => i.value), size: 1 + sum(items) };
    } else if (isMap(node)) result = convertMap(node);
    else result = { value: null, size: 1 };
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) anchors.set(anchor, result);
    return result;
  };

  const convertMap = (node: { items: { key: unknown; value: unknown }[] }): Converted => {
    const out: Record<string, unknown> = {};
    const explicit = new Set<string>();
    let size = 1;
    for (const pair of node.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'symbol') {
        const merged = convert(pair.value);
        size += merged.size;
        const sources = Array.isArray(merged.value) ? merged.value : [merged.value];
        for (const source of sources) {
          if (!source || typeof source !== 'object' || Array.isArray(source)) {
            throw new YamlDataError(
              `expected a mapping or a list of mappings after <<${where(pair.key)}`,
            );
          }
          for (const [key, value] of Object.entries(source)) {
            if (!Object.hasOwn(out, key)) define(out, key, value);
          }
        }
        continue;
      }
      const key = keyText(convert(pair.key).value);
      if (explicit.has(key)) {
        throw new YamlDataError(
          `expected each key once in a mapping, got "${key.slice(0, 60)}" again${where(pair.key)}`,
        );
      }
      explicit.add(key);
      const value = convert(pair.value);
      size += 1 + value.size;
      define(out, key, value.value);
    }
    return { value: out, size };
  };

  return convert(doc.contents).value;
}

/** `__proto__` as a key is an own key, never the object's prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else target[key] = value;
}

function keyText(key: unknown): string {
  if (key === null || key === undefined) return '';
  return typeof key === 'object' ? JSON.stringify(key) : String(key);
}

function sum(items: Converted[]): number {
  let total = 0;
  for (const item of items) total += item.size;
  return total;
}
