/**
 * When `compose up` itself fails (a host port already taken, a missing image, a dependency that
 * turned unhealthy), its error names the culprit in flavour-specific words: v1 says
 * `ERROR: for backend  Cannot start service backend: ...`, v2 names the container
 * (`proj-backend-1`). Each service that is not running gets the line that names it; when no
 * line names one, each gets compose's last line.
 */
import type { Failure } from './logs.js';
import type { ContainerState } from './state.js';
import type { Verdict } from './wait.js';

export interface Observed {
  service: string;
  verdict: Verdict;
  containers: ContainerState[];
}

/** The most specific line of compose's error about this service, if there is one. */
export function errorLineFor(text: string, service: string): string | undefined {
  // v2's progress lines (` Container proj-backend-1  Created`) name services but say nothing.
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Container \S+\s+\w+$/.test(l));
  const patterns = [
    new RegExp(`^ERROR: for ${service}\\s+(.*)$`),
    new RegExp(`[-_]${service}[-_]\\d+\\b.*`),
    new RegExp(`\\bservice "?${service}"?.*`),
  ];
  for (const pattern of patterns) {
    for (const line of lines) {
      const match = pattern.exec(line);
      if (match) return (match[1] ?? line).replace(/^ERROR:\s*/, '');
    }
  }
  return undefined;
}

/** `timedOut`: compose was stopped at the deadline (v1 `up` blocks on healthy dependencies). */
export function blameUp(errorText: string, observed: Observed[], timedOut = false): Failure[] {
  const failures = observed.flatMap((o): Failure[] => {
    if (o.verdict.status === 'ready') return [];
    if (o.verdict.status === 'pending' && timedOut) {
      const reason = `was not ready in time (${o.verdict.reason})`;
      return [{ service: o.service, reason, containers: o.containers }];
    }
    if (o.verdict.status === 'failed')
      return [{ service: o.service, reason: o.verdict.reason, containers: o.containers }];
    const line = errorLineFor(errorText, o.service);
    if (!line) return [];
    return [{ service: o.service, reason: `did not start: ${line}`, containers: o.containers }];
  });
  if (failures.length > 0) return failures;
  const last =
    errorText
      .trim()
      .split('\n')
      .at(-1)
      ?.replace(/^ERROR:\s*/, '') ?? '';
  // Compose named no one: every service not running carries the failure (all, if all run), so
  // each row of the report shows it rather than none.
  const reason = `compose up failed: ${last}`;
  if (observed.length === 0) return [{ service: 'compose', reason, containers: [] }];
  const waiting = observed.filter((o) => o.verdict.status !== 'ready');
  return (waiting.length > 0 ? waiting : observed).map((o) => ({
    service: o.service,
    reason,
    containers: o.containers,
  }));
}
