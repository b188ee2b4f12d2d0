/**
 * The size report in its shapes: the JSON file (kept as the next baseline) and the markdown
 * table for the job summary (the `images` output is src/images.ts). Pure functions.
 */
import { formatBytes } from '../config/units.js';
import { mdCodeCell, mdText } from '../markdown.js';
import { recordOf } from '../records.js';
import type { ImageVerdict } from './evaluate.js';

export interface SizeReport {
  version: 1;
  sha: string;
  ref?: string;
  createdAt: string;
  images: Record<string, ImageVerdict>;
}

export function sizeReport(
  verdicts: ImageVerdict[],
  sha: string,
  ref: string | undefined,
  now: Date,
): SizeReport {
  return {
    version: 1,
    sha,
    ref,
    createdAt: now.toISOString(),
    images: recordOf(verdicts.map((v) => [v.service, v])),
  };
}

const STATUS_TEXT: Record<ImageVerdict['status'], string> = {
  ok: '✅ within budget',
  'over-budget': '❌ over budget',
  'build-failed': '💥 build failed',
};

export function markdownTable(verdicts: ImageVerdict[]): string {
  const rows = verdicts.map((v) => {
    const used = v.size === undefined ? '—' : `${Math.round((v.size / v.budget) * 100)}%`;
    const size = v.size === undefined ? '—' : formatBytes(v.size);
    return `| ${mdText(v.service)} | ${mdCodeCell(v.image)} | ${size} | ${formatBytes(v.budget)} | ${used} | ${STATUS_TEXT[v.status]} |`;
  });
  return [
    '| Service | Image | Size | Budget | Used | Status |',
    '|---|---|--:|--:|--:|---|',
    ...rows,
  ].join('\n');
}

/** The failure sentence for an image over budget, with the layers that made it big. */
export function overBudgetMessage(
  verdict: ImageVerdict,
  lineOf?: (instruction: string) => number | undefined,
): string {
  const size = verdict.size ?? 0;
  const head = `${verdict.service} is ${formatBytes(size)}, over its budget of ${formatBytes(verdict.budget)} by ${formatBytes(size - verdict.budget)}.`;
  const layers = verdict.topLayers.map((layer) => {
    const line = lineOf?.(layer.instruction);
    const where = line ? ` (Dockerfile line ${line})` : '';
    return `  ${formatBytes(layer.size).padStart(9)}  ${shorten(layer.instruction, 120)}${where}`;
  });
  return layers.length ? `${head} Largest layers:\n${layers.join('\n')}` : head;
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
