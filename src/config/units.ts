/**
 * Sizes and durations as people write them. Sizes follow `docker images`: kB/MB/GB are powers
 * of 1000, KiB/MiB/GiB powers of 1024, so "500MB" in a budget matches what docker prints.
 */

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

export const SIZE_EXPECTED = 'a size like 500MB or 400MiB (units B, kB, MB, GB, KiB, MiB, GiB)';
export const DURATION_EXPECTED = 'a duration like 90s, 15m or 1h30m (units ms, s, m, h)';

/** The largest size taken: 1 PB. A 400-digit budget is a typo, not "Infinity GB". */
export const MAX_SIZE = 1e15;

/** Bytes for a size string, or undefined when it is not one (zero and negatives are not). */
export function parseSize(text: string): number | undefined {
  const match = /^(\d{1,20}(?:\.\d{1,20})?)\s*([a-z]+)$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = SIZE_UNITS[match[2]!.toLowerCase()];
  const bytes = unit === undefined ? NaN : Math.round(Number(match[1]) * unit);
  return bytes > 0 && bytes <= MAX_SIZE ? bytes : undefined;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The longest duration taken: 24 hours (timers above 2^31 ms would fire at once). */
export const MAX_DURATION_MS = 24 * 3_600_000;

/** Milliseconds for a duration string ("90s", "15m", "1h30m"), or undefined. */
export function parseDuration(text: string): number | undefined {
  const ms = durationMs(text);
  return ms !== undefined && ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** The milliseconds a duration string says, rounded (zero and huge too), or undefined. */
export function durationMs(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 40 || !/^(\d+(?:\.\d+)?(ms|s|m|h))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * DURATION_UNITS[unit!]!;
  }
  return Math.round(total);
}

/** "412.3 MB": decimal units, like docker prints them. */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  for (const unit of ['B', 'kB', 'MB', 'GB']) {
    if (value < 1000 || unit === 'GB') {
      const digits = unit === 'B' || value >= 100 ? 0 : 1;
      return `${sign}${value.toFixed(digits)} ${unit}`;
    }
    value /= 1000;
  }
  return `${sign}${value} B`;
}

/** "1.2 s", "850 ms", "2m 05s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}
