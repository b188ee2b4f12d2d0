/**
 * Which image each built service runs in the test stack: the one the build step reported (the
 * `images` input, its pushed digest when it has one, like the deploy), else the deterministic
 * tag `<prefix>/<service>:<sha>` the build step makes. Only a deterministic tag may be built
 * here when it is missing: an image named by the input is tested as named or not at all.
 */
import type { Service } from '../config/model.js';
import { CommandError, type Exec } from '../docker/exec.js';
import { InputError, UserError, errorMessage } from '../errors.js';
import type { ImageEntry } from '../images.js';
import { own } from '../records.js';

export interface ImageChoice {
  service: string;
  image: string;
  /** `input`: named by the images input (maybe only in a registry); `tag`: the build's tag. */
  source: 'input' | 'tag';
}

export function chooseImages(
  services: Service[],
  images: Record<string, ImageEntry> | undefined,
  tagOf: (service: string) => string,
): ImageChoice[] {
  return services
    .filter((s) => s.build)
    .map((s) => {
      const entry = own(images, s.name);
      if (entry === undefined) return { service: s.name, image: tagOf(s.name), source: 'tag' };
      const { image, digest, status } = entry;
      if (status === 'build-failed') {
        throw new InputError('images', `the build of ${s.name} failed, so it cannot be tested`);
      }
      // The deploy runs the pushed digest when there is one: so does the test.
      const pinned = digest ?? image;
      return { service: s.name, image: pinned, source: 'input' };
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

export type Availability = { ok: true } | { ok: false; reason: string };

/** An image named by the images input may live only in the registry (built in another job). */
export async function pullIfMissing(exec: Exec, image: string): Promise<Availability> {
  if (await isLocal(exec, image)) return { ok: true };
  try {
    await exec('docker', ['pull', image]);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: pullError(error) };
  }
}

/** Docker's own last word ("pull access denied ...", "manifest unknown"), not our wrapper's. */
function pullError(error: unknown): string {
  const said = error instanceof CommandError ? error.tail : errorMessage(error);
  const lines = said.split('\n').map((l) => l.trim());
  return lines.filter(Boolean).at(-1) ?? errorMessage(error);
}

export function isDigest(image: string): boolean {
  return /@sha256:[0-9a-f]{64}$/.test(image);
}

/** Why the test cannot go on without an image the input names (one sentence per image). */
export function unavailableError(missing: (ImageChoice & { reason: string })[]): UserError {
  const sentences = missing.map(({ service, image, reason }) => {
    const what =
      `${service}: the images input names ${image}, which is not on this machine ` +
      `and could not be pulled (${reason}).`;
    return isDigest(image)
      ? `${what} Testing an image rebuilt from source would not test what will be deployed: ` +
          'log in to the registry (docker/login-action) before this step.'
      : `${what} Test in the job that built it, or build with push: true and log in to the ` +
          'registry before this step.';
  });
  return new UserError(sentences.join('\n'));
}
