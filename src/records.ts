/**
 * Maps keyed by names users choose (services, build args, variables). A plain object answers
 * `constructor`, `toString` and `__proto__` from Object.prototype, so a service named
 * `constructor` looked "given" in an `images` input that never named it. These have no
 * prototype, and lookups read own keys only.
 */

/** A record with no prototype: every key is an ordinary key. */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}

/** The value under `key` if the record itself has it (never one of Object.prototype's). */
export function own<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
