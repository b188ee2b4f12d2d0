/**
 * What each Railway service is to run. A built service runs the exact image that was built
 * and pushed, by digest: from the `images` input, or without it `<image-prefix>/<service>:<sha>`
 * resolved to its pushed digest. An `image:`-only service (a managed database) is left to
 * Railway unless `x-deploy.railway.deploy-image` asks (shared/railway/README.md, "Managed
 * databases": a plain image would replace Railway's own and restart the database).
 */
import type { Service } from '../config/model.js';
import type { ResolveDigest } from '../docker/digest.js';
import { UserError } from '../errors.js';
import type { ImageEntry } from '../images.js';

export type Wanted =
  | { kind: 'image'; image: string }
  | { kind: 'managed' }
  /** No image known: only a service Railway builds from its repository may deploy the commit. */
  | { kind: 'commit'; commitSha?: string; tag?: string; why: string };

export interface SourceInputs {
  images?: Record<string, ImageEntry>;
  sha: string;
  imagePrefix: string;
}

const DIGEST = /^[^\s@]+@sha256:[0-9a-f]{64}$/;

/** Throws, before anything changes, for a built service the given `images` do not cover. */
export async function wantedImages(
  services: Service[],
  inputs: SourceInputs,
  resolve: ResolveDigest,
  warn: (message: string) => void,
): Promise<Map<string, Wanted>> {
  const wanted = new Map<string, Wanted>();
  for (const service of services) {
    wanted.set(service.name, await wantedFor(service, inputs, resolve, warn));
  }
  return wanted;
}

async function wantedFor(
  service: Service,
  inputs: SourceInputs,
  resolve: ResolveDigest,
  warn: (message: string) => void,
): Promise<Wanted> {
  const { name } = service;
  const entry =
    inputs.images && Object.hasOwn(inputs.images, name) ? inputs.images[name] : undefined;
  if (entry !== undefined) return fromBuild(name, entry, resolve, warn);
  if (!service.build && service.image) {
    return service.railway?.deployImage
      ? { kind: 'image', image: service.image }
      : { kind: 'managed' };
  }
  if (inputs.images) {
    throw new UserError(
      `${name}: it has a build section, but the images input has no image for it: ` +
        "pass the build step's images output " +
        '(images: ${{ steps.<build step>.outputs.images }}) ' +
        `from a build that includes ${name}.`,
    );
  }
  const commitSha = inputs.sha === 'latest' ? undefined : inputs.sha;
  const tag = `${inputs.imagePrefix}/${name}:${inputs.sha}`;
  const found = await resolve(tag);
  if ('digest' in found) return { kind: 'image', image: found.digest };
  return { kind: 'commit', commitSha, tag, why: found.missing };
}

async function fromBuild(
  name: string,
  entry: ImageEntry,
  resolve: ResolveDigest,
  warn: (message: string) => void,
): Promise<Wanted> {
  if (entry.status !== undefined && entry.status !== 'ok') {
    throw new UserError(
      `${name}: the images input says its build is "${entry.status}"; refusing to deploy it.`,
    );
  }
  if (entry.digest) {
    if (!DIGEST.test(entry.digest)) {
      throw new UserError(
        `${name}: the images input's digest "${entry.digest}" is not repo@sha256:<64 hex>.`,
      );
    }
    return { kind: 'image', image: entry.digest };
  }
  const found = await resolve(entry.image);
  if ('digest' in found) return { kind: 'image', image: found.digest };
  warn(`${name}: ${entry.image} has no pushed digest (${found.missing}).`);
  throw new UserError(
    `${name}: the images input names ${entry.image}, which was not pushed ` +
      `(${found.missing}): build with push: true so Railway can pull exactly that image.`,
  );
}
