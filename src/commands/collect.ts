/**
 * `command: collect`: the build legs of a fanned-out stack as one build. Reads every leg's
 * size report (their artifacts, downloaded into one folder), merges the images and the
 * verdicts in the stack's dependency order, then publishes exactly what a one-job build
 * publishes: the `images`, `over-budget` and `report` outputs, the summary table, the one size
 * comment and, from a complete set only, the baseline. Fails late, like build.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageVerdict } from '../budget/evaluate.js';
import { overBudgetMessage, type SizeReport } from '../budget/report.js';
import { loadStack } from '../config/load.js';
import { selectServices } from '../config/order.js';
import { UserError, errorMessage } from '../errors.js';
import { formatImages, mergeImages, parseImages } from '../images.js';
import type { Inputs } from '../inputs.js';
import {
  ImagesRejectedError,
  publish,
  type BuildDeps,
  type BuildInputs,
  type BuildOutcome,
} from './build.js';

export type CollectInputs = BuildInputs & Pick<Inputs, 'reports'>;

const REPORT_FILE = 'size-report.json';

export async function runCollect(inputs: CollectInputs, deps: BuildDeps): Promise<BuildOutcome> {
  if (!inputs.reports) {
    throw new UserError(
      'Input "reports": expected the folder the build legs\' size reports were downloaded to.',
    );
  }
  const stack = loadStack(inputs.composeFile, { budget: inputs.budget });
  const expected = selectServices(stack.file, stack.services, inputs.services)
    .filter((s) => s.build)
    .map((s) => s.name);
  const reports = await readReports(inputs.reports);
  const merged = mergeReports(reports, expected);
  deps.reporter.info(
    `${reports.length} build leg report(s): ${merged.verdicts.length} of ${expected.length} image(s)`,
  );
  const sha = merged.sha ?? inputs.sha;
  const outcome = await publish(stack, merged.verdicts, { ...inputs, sha }, deps);
  const missing = expected.filter((name) => !merged.verdicts.some((v) => v.service === name));
  const failed = merged.verdicts.filter((v) => v.status !== 'ok');
  if (failed.length > 0 || missing.length > 0) throw rejection(failed, missing);
  return outcome;
}

async function readReports(dir: string): Promise<SizeReport[]> {
  let files: string[];
  try {
    const entries = await readdir(dir, { recursive: true });
    files = entries.filter((f) => path.basename(f) === REPORT_FILE).sort();
  } catch (error) {
    throw new UserError(`Input "reports": cannot read ${dir}: ${errorMessage(error)}`);
  }
  return Promise.all(
    files.map(async (file) => {
      const where = path.join(dir, file);
      const report = JSON.parse(await readFile(where, 'utf8')) as SizeReport;
      if (report?.version !== 1 || typeof report.images !== 'object') {
        throw new UserError(`${where} is not a deploy-action size report (version 1).`);
      }
      return report;
    }),
  );
}

/**
 * The legs' reports as one: verdicts in `order` (dependency order), checked through the
 * images contract (a service two legs report differently is refused). All legs built one sha.
 */
export function mergeReports(
  reports: readonly SizeReport[],
  order: readonly string[],
): { sha?: string; verdicts: ImageVerdict[] } {
  const shas = [...new Set(reports.map((r) => r.sha))];
  if (shas.length > 1) {
    throw new UserError(`The build legs built different commits (${shas.join(', ')}).`);
  }
  const legs = reports.map((r) => Object.values(r.images));
  const images = mergeImages(
    legs.map((verdicts) => parseImages(formatImages(verdicts)) ?? {}),
    order,
  );
  const byService = new Map(legs.flat().map((v) => [v.service, v]));
  return { sha: shas[0], verdicts: Object.keys(images).map((name) => byService.get(name)!) };
}

function rejection(failed: ImageVerdict[], missing: string[]): ImagesRejectedError {
  const lines = failed.map((v) =>
    v.status === 'over-budget'
      ? overBudgetMessage(v)
      : `${v.service}: the build failed (its build leg's log has the builder's output).`,
  );
  if (missing.length > 0) {
    lines.push(
      `No size report for ${missing.join(', ')}: their build leg ended before measuring them ` +
        '(see that leg of the build job).',
    );
  }
  return new ImagesRejectedError(lines.join('\n'));
}
