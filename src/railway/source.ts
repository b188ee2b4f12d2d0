/**
 * What each Railway service is to run. A built service runs the exact image the build step
 * pushed (`images` input, digest first); an `image:`-only service (a database such as
 * `postgres:15`) runs the image the compose file names, as compose would. Without an `images`
 * input at all, a built service is deployed from what its Railway service is connected to.
 */
import type { Service } from '../config/model.js';
import { UserError } from '../errors.js';
import type { ImageEntry } from '../images.js';
import type { Target } from './plan.js';

export interface SourceInputs {
  images?: Record<string, ImageEntry>;
  sha: string;
}

/** Throws, before anything changes, for a built service the given `images` do not cover. */
export function sourceFor(inputs: SourceInputs, warn: (message: string) => void) {
  return (service: Service): Target['source'] => {
    const entry = inputs.images?.[service.name];
    if (entry !== undefined) return fromBuild(service.name, entry, warn);
    if (!service.build && service.image) return { image: service.image };
    if (inputs.images) {
      throw new UserError(
        `${service.name}: it has a build section, but the images input has no image for it: ` +
          "pass the build step's images output " +
          '(images: ${{ steps.<build step>.outputs.images }}) ' +
          `from a build that includes ${service.name}.`,
      );
    }
    return fromCommit(service, inputs.sha, warn);
  };
}

function fromCommit(service: Service, sha: string, warn: (message: string) => void) {
  const commitSha = sha === 'latest' ? undefined : sha;
  const at = commitSha ? `commit ${commitSha}` : 'its latest commit';
  warn(
    `${service.name}: no images input, so Railway deploys what its service ` +
      `"${service.railway?.service}" is connected to, at ${at} ` +
      '(a repository Railway builds itself, or the image it already runs), not an image ' +
      "this workflow built: pass the build step's images output to deploy exactly that.",
  );
  return { commitSha };
}

/** The exact pushed image (`repo@sha256:...`) when the build step gave one; else its tag. */
function fromBuild(name: string, entry: ImageEntry, warn: (message: string) => void) {
  if (entry.status !== undefined && entry.status !== 'ok') {
    throw new UserError(
      `${name}: the images input says its build is "${entry.status}"; refusing to deploy it.`,
    );
  }
  if (entry.digest) return { image: entry.digest };
  warn(
    `${name}: no pushed digest in the images input; deploying the tag ` +
      `${entry.image}, which may move (build with push: true to pin the exact image).`,
  );
  return { image: entry.image };
}
