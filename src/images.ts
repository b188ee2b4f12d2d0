/**
 * The `images` contract between steps and jobs, in one place: a build encodes its verdicts,
 * test and deploy decode the input, and `collect` merges the outputs of several build legs
 * into the output one build of every service would have given. Pure: no @actions/* here.
 */
import type { ImageStatus, ImageVerdict } from './budget/evaluate.js';
import { recordOf } from './records.js';
import { InputError } from './errors.js';

export type { ImageStatus };

/** One service of the `images` output. */
export interface ImageEntry {
  image: string;
  /** `repo@sha256:...` when the build pushed it. */
  digest?: string;
  /** The local image id (`sha256:...`), when it was built. */
  id?: string;
  /** Bytes, when it was built and measured. */
  size?: number;
  /** Bytes. */
  budget?: number;
  status?: ImageStatus;
}

/** Service -> entry, in the build's (dependency) order. */
export type Images = Record<string, ImageEntry>;

const STATUSES: readonly ImageStatus[] = ['ok', 'over-budget', 'build-failed'];

/** The wire shape: every key present, `null` where a build left nothing. */
export function encodeImages(verdicts: readonly ImageVerdict[]): Record<string, object> {
  return Object.fromEntries(
    verdicts.map((v) => [
      v.service,
      {
        image: v.image,
        digest: v.digest ?? null,
        id: v.id ?? null,
        size: v.size ?? null,
        budget: v.budget,
        status: v.status,
      },
    ]),
  );
}

/** The `images` output as a step writes it. */
export function formatImages(verdicts: readonly ImageVerdict[]): string {
  return JSON.stringify(encodeImages(verdicts));
}

/** The `images` input (a build step's `images` output) as typed entries; empty: undefined. */
export function parseImages(value: string): Images | undefined {
  if (!value.trim()) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InputError(
      'images',
      'expected the JSON `images` output of a build step, got text that is not JSON',
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InputError(
      'images',
      'expected a JSON object of service -> image, like the `images` output of a build step',
    );
  }
  // No prototype: a service named `constructor` or `__proto__` is an ordinary key.
  return recordOf(
    Object.entries(parsed).map(([service, entry]) => [service, decodeEntry(service, entry)]),
  );
}

/** A pushed image pinned by digest, as `docker push` reports it. */
const DIGEST = /^[a-z0-9]+(?:[._:/-][a-z0-9]+)*@sha256:[0-9a-f]{64}$/;

function decodeEntry(service: string, entry: unknown): ImageEntry {
  const { image, digest, id, size, budget, status } = (entry ?? {}) as Record<string, unknown>;
  const wrong = (what: string) =>
    new InputError(
      'images',
      `expected ${what} for "${service}", like the images output of a build step`,
    );
  if (typeof image !== 'string' || image === '') throw wrong('an image');
  const text = (value: unknown, what: string) => {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw wrong(what);
    return value;
  };
  const bytes = (value: unknown, what: string) => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw wrong(what);
    return value;
  };
  if (status !== undefined && !STATUSES.includes(status as ImageStatus)) {
    throw wrong(`a status of ${STATUSES.join(', ')}`);
  }
  const pinned = text(digest, 'a digest string');
  if (pinned !== undefined && !DIGEST.test(pinned)) {
    throw wrong('a digest like repo@sha256:<64 hex digits>');
  }
  return dropUndefined({
    image,
    digest: pinned,
    id: text(id, 'an image id string'),
    size: bytes(size, 'a size in bytes'),
    budget: bytes(budget, 'a budget in bytes'),
    status: status as ImageStatus | undefined,
  });
}

function dropUndefined(entry: ImageEntry): ImageEntry {
  return Object.fromEntries(
    Object.entries(entry).filter(([, value]) => value !== undefined),
  ) as unknown as ImageEntry;
}

/**
 * Several legs' outputs as one, ordered as `order` (the stack's dependency order) lists the
 * services, then any others in the order met. Two legs that report the same service
 * differently are a broken matrix, not something to pick a winner from.
 */
export function mergeImages(parts: readonly Images[], order: readonly string[] = []): Images {
  const merged = new Map<string, ImageEntry>();
  for (const part of parts) {
    for (const [service, entry] of Object.entries(part)) {
      const seen = merged.get(service);
      if (seen && JSON.stringify(seen) !== JSON.stringify(entry)) {
        throw new InputError(
          'images',
          `expected each service in one build leg only, got two different images for "${service}"`,
        );
      }
      merged.set(service, entry);
    }
  }
  const rank = (service: string) => {
    const at = order.indexOf(service);
    return at === -1 ? order.length : at;
  };
  const names = [...merged.keys()].sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(names.map((name) => [name, merged.get(name)!]));
}
