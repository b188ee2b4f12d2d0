/**
 * Image facts from the engine: size and digests from `docker image inspect`, layers from
 * `docker history`, or the same answers from the Engine API on the socket the CLI would use
 * (./api.ts). Parsers are pure and tested against recorded output.
 */
import { apiOrCli, imagePath, type EngineApi } from './api.js';
import type { Exec } from './exec.js';

export interface ImageInfo {
  id: string;
  /** Bytes, as `docker image inspect` reports Size (uncompressed, what `docker images` shows). */
  size: number;
  repoDigests: string[];
  /** `os/arch` or `os/arch/variant`, as the image's config says (`linux/amd64`). */
  platform?: string;
}

export interface Layer {
  /** The Dockerfile instruction that made the layer, e.g. `RUN apt-get install -y python3`. */
  instruction: string;
  size: number;
}

export function parseInspect(json: string): ImageInfo {
  const parsed: unknown = JSON.parse(json);
  return inspectInfo(Array.isArray(parsed) ? parsed[0] : parsed);
}

/** The object `docker image inspect` prints and `GET /images/{ref}/json` answers. */
export function inspectInfo(answer: unknown): ImageInfo {
  const image = answer as Record<string, unknown> | undefined;
  if (typeof image?.Id !== 'string' || typeof image.Size !== 'number') {
    const shown = JSON.stringify(answer) ?? String(answer);
    throw new Error(`docker image inspect gave no Id and Size: ${shown.slice(0, 200)}`);
  }
  const digests = Array.isArray(image.RepoDigests) ? image.RepoDigests.map(String) : [];
  const { Os, Architecture, Variant } = image;
  const platform =
    typeof Os === 'string' && typeof Architecture === 'string' && Os && Architecture
      ? [Os, Architecture, ...(typeof Variant === 'string' && Variant ? [Variant] : [])].join('/')
      : undefined;
  return {
    id: image.Id,
    size: image.Size,
    repoDigests: digests,
    ...(platform ? { platform } : {}),
  };
}

/** `docker history --no-trunc --human=false --format '{{json .}}'`, newest layer first. */
export function parseHistory(output: string): Layer[] {
  return historyRows(
    output
      .split('\n')
      .filter((line) => line.trim())
      .map((line): unknown => JSON.parse(line)),
  );
}

/**
 * The classic builder records `/bin/sh -c #(nop)  CMD [...]` for metadata and `/bin/sh -c cmd`
 * for RUN, with `|N ARG=v` in front when build args are set; BuildKit records `RUN /bin/sh -c
 * cmd # buildkit` and `COPY . /app # buildkit`. All become the instruction as written.
 */
export function toInstruction(createdBy: string): string {
  let text = createdBy.trim().replace(/\s*# buildkit$/, '');
  text = text.replace(/^(RUN )?\|\d+(?:\s+\S+=\S*)*\s+/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s+(.*)$/s.exec(text);
  if (nop) return nop[1]!.trim().replace(/^(COPY|ADD) (file|dir|multi):[0-9a-f]+/, '$1 $2');
  const run = /^(?:RUN )?\/bin\/sh -c (.*)$/s.exec(text);
  if (run) return `RUN ${run[1]!.trim()}`;
  return text || '(base image)';
}

/** `GET /images/{ref}/json`: the object `docker image inspect` prints. */
const viaApi = (ref: string) => {
  const at = imagePath(ref, 'json');
  return at ? (api: EngineApi) => api.get<unknown>(at).then(inspectInfo) : undefined;
};

export async function inspectImage(exec: Exec, ref: string): Promise<ImageInfo> {
  return apiOrCli(exec.engine?.api(), viaApi(ref), async () => {
    const { stdout } = await exec('docker', ['image', 'inspect', '--format', '{{json .}}', ref]);
    return parseInspect(stdout);
  });
}

/** Several images: on the socket one request each; else one `docker image inspect` for all. */
export async function inspectImages(exec: Exec, refs: string[]): Promise<ImageInfo[]> {
  if (refs.length === 0) return [];
  const api = exec.engine?.api();
  const each = refs.map(viaApi);
  const all = each.every((f) => f !== undefined)
    ? (a: EngineApi) => Promise.all(each.map((f) => f!(a)))
    : undefined;
  return apiOrCli(api, all, async () => {
    const args = ['image', 'inspect', '--format', '{{json .}}', ...refs];
    const { stdout } = await exec('docker', args);
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(parseInspect);
  });
}

/** The rows of `docker history` or of `GET /images/{ref}/history` (Size a string or a number). */
export function historyRows(rows: unknown): Layer[] {
  if (!Array.isArray(rows)) throw new Error('the image history is not a list');
  return rows.map((row: { CreatedBy?: unknown; Size?: unknown }) => ({
    instruction: toInstruction(typeof row.CreatedBy === 'string' ? row.CreatedBy : ''),
    size: Number(row.Size) || 0,
  }));
}

export async function imageHistory(exec: Exec, ref: string): Promise<Layer[]> {
  const at = imagePath(ref, 'history');
  const api = at ? (a: EngineApi) => a.get<unknown>(at).then(historyRows) : undefined;
  return apiOrCli(exec.engine?.api(), api, async () => {
    const { stdout } = await exec('docker', [
      'history',
      '--no-trunc',
      '--human=false',
      '--format',
      '{{json .}}',
      ref,
    ]);
    return parseHistory(stdout);
  });
}

/** The `repo@sha256:...` of a pushed tag, from RepoDigests (which lists every repo the id has). */
export function digestFor(tag: string, repoDigests: string[]): string | undefined {
  const repo = tag.replace(/:[^:/]+$/, '');
  return repoDigests.find((d) => d.startsWith(`${repo}@`));
}
