/**
 * A reporter for work done on the way inside another step's phase (the build of images `test`
 * is missing): its outputs and summary are not this step's to set, and GitHub does not nest
 * log groups (a `::group::` inside a group ends the outer one), so its groups become lines.
 * Its errors become warnings: only the error this step fails with is an error.
 */
import type { Reporter } from '../reporter.js';

export function nestedReporter(parent: Reporter, label: string): Reporter {
  return {
    info: (message) => parent.info(message),
    debug: (message) => parent.debug(message),
    warn: (message, at) => parent.warn(message, at),
    // Its verdict (over budget) is the build step's to give; a fatal one is thrown anyway.
    error: (message, at) => parent.warn(message, at),
    group: async (title, work) => {
      parent.info(`${label}: ${title}`);
      return work();
    },
    setOutput: (name) => parent.debug(`${label}: output ${name} left to the build step`),
    summary: async () => {},
  };
}
