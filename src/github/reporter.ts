/** The Reporter under the runner: logs, groups, annotations, outputs and the job summary. */
import * as core from '@actions/core';
import type { Reporter } from '../reporter.js';
import { neutralise, stopCommandsWriter } from '../untrusted.js';

export function actionsReporter(): Reporter {
  return {
    // core.info writes the text as it is; warning, error, debug and group escape their data.
    info: (message) => core.info(neutralise(message)),
    untrusted: () => stopCommandsWriter((line) => core.info(line)),
    debug: (message) => core.debug(message),
    warn: (message, at) => core.warning(message, toProperties(at)),
    error: (message, at) => core.error(message, toProperties(at)),
    group: (title, work) => core.group(title, work),
    setOutput: (name, value) => core.setOutput(name, value),
    summary: async (markdown) => {
      // Locally (no GITHUB_STEP_SUMMARY) the summary is skipped rather than failing the step.
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
  };
}

function toProperties(at: Parameters<Reporter['warn']>[1]): core.AnnotationProperties {
  if (!at) return {};
  return { file: at.file, startLine: at.line, title: at.title };
}
