/**
 * Which image each built service runs in the test stack: the one the build step reported (the
 * `images` input), else the deterministic tag `<prefix>/<service>:<sha>` the build step makes.
 */
import type { Service } from '../config/model.js';
import type { Exec } from '../docker/exec.js';
import { InputError } from '../errors.js';

export interface ImageChoice {
  service: string;
  image: string;
  /** `input`: named by the images input (maybe only in a registry); `tag`: the build's tag. */
  source: 'input' | 'tag';
}

export function chooseImages(
  services: Service[],
  images: Record<string, unknown> | undefined,
  tagOf: (service: string) => string,
): ImageChoice[] {
  return services
    .filter((s) => s.build)
    .map((s) => {
      const entry = images?.[s.name];
      if (entry === undefined) return { service: s.name, image: tagOf(s.name), source: 'tag' };
      const { image, status } = (entry ?? {}) as { image?: unknown; status?: unknown };
      if (typeof image !== 'string' || image === '') {
        throw new InputError(
          'images',
          `expected an object with an image for ${s.name}, like the images output of a build step`,
        );
      }
      if (status === 'build-failed') {
        throw new InputError('images', `the build of ${s.name} failed, so it cannot be tested`);
      }
      return { service: s.name, image, source: 'input' };
    });
}

export async function isLocal(exec: Exec, image: string): Promise<boolean> {
  try {
    await exec('docker', ['image', 'inspect', '--format', '{{.Id}}', image]);
    return true;
  } catch {
    return false;
  }
}

/** An image named by the images input may live only in the registry (built in another job). */
export async function pullIfMissing(exec: Exec, image: string): Promise<boolean> {
  if (await isLocal(exec, image)) return true;
  try {
    await exec('docker', ['pull', image]);
    return true;
  } catch {
    return false;
  }
}
