/**
 * What commands use to talk to the user. The runner's implementation lives in github/; the
 * terminal's in cli.ts; tests record everything. Commands never import @actions/*.
 */
import type { UntrustedWriter } from './untrusted.js';

export interface Annotation {
  file?: string;
  line?: number;
  title?: string;
}

export interface Reporter {
  info(message: string): void;
  debug(message: string): void;
  warn(message: string, at?: Annotation): void;
  error(message: string, at?: Annotation): void;
  /** One collapsible group per phase of the work. */
  group<T>(title: string, work: () => Promise<T>): Promise<T>;
  setOutput(name: string, value: string): void;
  /**
   * Long output nobody here controls (compose and container logs), printed so that no line of
   * it can act as a workflow command; without it, lines go through `info`, neutralised.
   */
  untrusted?(): UntrustedWriter;
  /** Appends markdown to the job summary. */
  summary(markdown: string): Promise<void>;
}
