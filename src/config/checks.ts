/**
 * What compose or docker would refuse, or what we would silently misread, found before the
 * schemas run: service names outside compose's rules, and `x-deploy` put under `build:` or
 * `deploy:` (where it would be ignored, and a budget not applied). A NUL byte in a value is
 * refused as variables are substituted (interpolate.ts), which sees every string.
 */
import type { ConfigProblem } from '../errors.js';
import { describeValue } from './describe.js';

// Compose's rule for a service name: a letter or digit, then letters, digits, `_`, `.`, `-`
// (compose-spec schema, services propertyNames, with an alphanumeric first character). A built
// service's image is named after it, and docker refuses capitals in image references, so a
// built service's name is lowercase.
const COMPOSE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const IMAGE_NAME = /^[a-z0-9][a-z0-9_.-]*$/;

/** `services.web`, or `services."a\nb"` for a name that is not one: paths stay on one line. */
export function servicePath(name: string): string {
  return `services.${COMPOSE_NAME.test(name) ? name : JSON.stringify(name)}`;
}

export function serviceNameProblem(name: string, built: boolean): ConfigProblem | undefined {
  const path = servicePath(name);
  if (COMPOSE_NAME.test(name)) {
    if (!built || IMAGE_NAME.test(name)) return undefined;
    return {
      path,
      message: `expected a lowercase name for a built service, got ${describeValue(name)}: its image is named after it, and image references are lowercase`,
    };
  }
  return {
    path,
    message: `expected a service name of letters, digits, "_", "." and "-" starting with a letter or digit (compose's rule), got ${describeValue(name)}`,
  };
}

/** Problems in the document as read (after variables), before the schemas run. */
export function documentProblems(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const services = (raw as { services?: unknown } | null)?.services;
  if (!isMapping(services)) return problems;
  for (const [name, service] of Object.entries(services)) {
    const built = isMapping(service) && service.build !== undefined;
    const nameProblem = serviceNameProblem(name, built);
    if (nameProblem) problems.push(nameProblem);
    if (!isMapping(service)) continue;
    for (const key of ['build', 'deploy']) {
      const block = service[key];
      if (isMapping(block) && Object.hasOwn(block, 'x-deploy')) {
        problems.push({
          path: `${servicePath(name)}.${key}.x-deploy`,
          message: `expected x-deploy directly under the service (${servicePath(name)}.x-deploy), not under ${key}: there it would be ignored`,
        });
      }
    }
  }
  return problems;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
