/**
 * The pull-request comment: each image against its budget and against the base branch, pure.
 * Rendering is separate from posting so the same body goes to the PR, the job summary and the
 * `comment-file` output for forks.
 */
import { formatBytes } from '../config/units.js';
import { mdCode, mdCodeCell, mdText, mdUrl } from '../markdown.js';
import { own } from '../records.js';
import type { ImageVerdict } from './evaluate.js';
import type { SizeReport } from './report.js';
import { shorten } from './report.js';

export const COMMENT_MARKER = '<!-- deploy-action:image-sizes -->';
/** GitHub refuses comment bodies over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;

export interface CommentInput {
  current: ImageVerdict[];
  baseline?: SizeReport;
  baseRef: string;
  /** Growth (0.05 = 5%) above which a service's largest layers are listed. */
  growthThreshold: number;
  runUrl?: string;
  limit?: number;
  /**
   * Every service of the compose file. A baseline service missing from this run is "removed"
   * only when the file no longer has it; otherwise this run just did not build it (`services`).
   */
  inFile?: readonly string[];
}

interface Row {
  service: string;
  now?: ImageVerdict;
  base?: ImageVerdict;
  /** In the baseline and in the file, but not built by this run: left out of the totals. */
  skipped?: boolean;
}

export function renderComment(input: CommentInput): string {
  const rows = joinRows(input.current, input.baseline, input.inFile);
  const details = rows.filter((row) => needsDetails(row, input.growthThreshold)).map(layerDetails);
  const limit = input.limit ?? COMMENT_LIMIT;
  // Cut from the end, details first, then table rows, until the body fits GitHub's limit.
  for (let shownRows = rows.length, shownDetails = details.length; ;) {
    const body = compose(input, rows, shownRows, details.slice(0, shownDetails));
    if (body.length <= limit || (shownRows === 0 && shownDetails === 0)) return body;
    if (shownDetails > 0) shownDetails--;
    else shownRows--;
  }
}

function joinRows(
  current: ImageVerdict[],
  baseline?: SizeReport,
  inFile?: readonly string[],
): Row[] {
  const rows: Row[] = current.map((now) => ({
    service: now.service,
    now,
    base: own(baseline?.images, now.service),
  }));
  for (const [service, base] of Object.entries(baseline?.images ?? {})) {
    if (current.some((c) => c.service === service)) continue;
    rows.push({ service, base, skipped: inFile?.includes(service) ?? false });
  }
  return rows;
}

function compose(input: CommentInput, rows: Row[], shownRows: number, details: string[]): string {
  const cut = rows.length - shownRows;
  const parts = [
    COMMENT_MARKER,
    '### 📦 Image sizes',
    baselineNote(input),
    [
      '| Service | Size | Budget | vs base | Status |',
      '|---|--:|--:|--:|---|',
      ...rows.slice(0, shownRows).map((row) => tableRow(row, input.baseline !== undefined)),
      totalRow(rows, input.baseline !== undefined),
    ].join('\n'),
    cut > 0
      ? `_${cut} more service(s) not shown: the comment would exceed GitHub's size limit._`
      : '',
    ...details,
    runLink(input.runUrl),
  ];
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}

function runLink(runUrl: string | undefined): string {
  const url = runUrl === undefined ? undefined : mdUrl(runUrl);
  return url ? `[Build run](${url})` : '';
}

function baselineNote(input: CommentInput): string {
  const ref = mdCode(input.baseRef);
  if (!input.baseline) {
    return `No size baseline for ${ref} yet: sizes will be compared once a build on ${ref} has saved one.`;
  }
  return `Compared with ${ref} at ${mdText(input.baseline.sha.slice(0, 7))}.`;
}

function tableRow(row: Row, hasBaseline: boolean): string {
  const { now, base, skipped } = row;
  const service = mdText(row.service);
  const was = formatBytes(base?.size ?? 0);
  if (!now && skipped) return `| ${service} | — | — | not built in this run (was ${was}) | ⏭️ |`;
  if (!now) return `| ${service} | — | — | removed (was ${was}) | 🗑️ removed |`;
  const size = now.size === undefined ? '—' : formatBytes(now.size);
  const change = !hasBaseline ? '—' : base?.size === undefined ? 'new' : delta(now.size, base.size);
  return `| ${service} | ${size} | ${formatBytes(now.budget)} | ${change} | ${status(now)} |`;
}

function totalRow(allRows: Row[], hasBaseline: boolean): string {
  const rows = allRows.filter((r) => !r.skipped);
  const sum = (pick: (row: Row) => number | undefined) =>
    rows.reduce((t, r) => t + (pick(r) ?? 0), 0);
  const now = sum((r) => r.now?.size);
  const change = hasBaseline
    ? delta(
        now,
        sum((r) => r.base?.size),
      )
    : '—';
  return `| **Total** | **${formatBytes(now)}** | | ${change} | |`;
}

export function delta(now: number | undefined, base: number): string {
  if (now === undefined) return '—';
  const diff = now - base;
  if (diff === 0) return '±0';
  const percent = base > 0 ? ` (${diff > 0 ? '+' : ''}${((diff / base) * 100).toFixed(1)}%)` : '';
  return `${diff > 0 ? '+' : ''}${formatBytes(diff)}${percent}`;
}

function status(verdict: ImageVerdict): string {
  if (verdict.status === 'build-failed') return '💥 build failed';
  return verdict.status === 'over-budget' ? '❌ over budget' : '✅';
}

function needsDetails({ now, base }: Row, threshold: number): boolean {
  if (!now || now.topLayers.length === 0) return false;
  if (now.status === 'over-budget') return true;
  return (
    base?.size !== undefined && now.size !== undefined && now.size > base.size * (1 + threshold)
  );
}

function layerDetails({ service, now }: Row): string {
  const lines = now!.topLayers.map(
    (layer) => `| ${formatBytes(layer.size)} | ${mdCodeCell(shorten(layer.instruction, 90))} |`,
  );
  return [
    `<details><summary>${mdText(service)}: largest layers</summary>`,
    '',
    '| Size | Instruction |',
    '|--:|---|',
    ...lines,
    '',
    '</details>',
  ].join('\n');
}
