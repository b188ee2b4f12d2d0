/** A Reporter that keeps everything, so tests assert on what the user would have seen. */
import type { Annotation, Reporter } from '../src/reporter.js';

export interface RecordingReporter extends Reporter {
  lines: string[];
  outputs: Record<string, string>;
  annotations: { level: 'warning' | 'error'; message: string; at?: Annotation }[];
  summaries: string[];
  /** Everything written anywhere, for "the token appears nowhere" checks. */
  all(): string;
}

export function recordingReporter(): RecordingReporter {
  const reporter: RecordingReporter = {
    lines: [],
    outputs: {},
    annotations: [],
    summaries: [],
    info: (message) => reporter.lines.push(message),
    debug: (message) => reporter.lines.push(`debug: ${message}`),
    warn: (message, at) => reporter.annotations.push({ level: 'warning', message, at }),
    error: (message, at) => reporter.annotations.push({ level: 'error', message, at }),
    group: async (title, work) => {
      reporter.lines.push(`group: ${title}`);
      return work();
    },
    setOutput: (name, value) => {
      reporter.outputs[name] = value;
    },
    summary: async (markdown) => {
      reporter.summaries.push(markdown);
    },
    all: () =>
      [
        ...reporter.lines,
        ...Object.entries(reporter.outputs).map(([k, v]) => `${k}=${v}`),
        ...reporter.annotations.map((a) => a.message),
        ...reporter.summaries,
      ].join('\n'),
  };
  return reporter;
}
