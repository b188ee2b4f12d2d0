/**
 * The pushed digest of a tag, so a deploy runs exactly the image that was built: first the
 * local engine's RepoDigests (set by `docker push`), else the registry's manifest digest
 * (`Docker-Content-Digest` of the distribution API's manifest endpoint), with docker's own
 * credentials from `~/.docker/config.json`. Sources: the OCI distribution spec ("Pulling
 * manifests", "Docker-Content-Digest"), docker's token auth ("Token Authentication
 * Specification": a 401 names the realm in `WWW-Authenticate`).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { errorMessage } from '../errors.js';
import type { Exec } from './exec.js';
import { digestFor } from './images.js';

export type Resolved = { digest: string } | { missing: string };
export type ResolveDigest = (tag: string) => Promise<Resolved>;

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
].join(', ');

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

export interface DigestDeps {
  exec: Exec;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
}

export function digestResolver(deps: DigestDeps): ResolveDigest {
  return async (tag) => {
    const local = await localDigest(deps.exec, tag);
    if (local) return { digest: local };
    try {
      return await registryDigest(tag, deps);
    } catch (error) {
      return { missing: `the registry could not be asked (${errorMessage(error)})` };
    }
  };
}

async function localDigest(exec: Exec, tag: string): Promise<string | undefined> {
  try {
    const { stdout } = await exec('docker', [
      'image',
      'inspect',
      '--format',
      '{{json .RepoDigests}}',
      tag,
    ]);
    return digestFor(tag, (JSON.parse(stdout.trim() || '[]') as string[] | null) ?? []);
  } catch {
    return undefined; // not on this engine (or no engine): the registry may still know it
  }
}

export interface Reference {
  /** As docker names it (`docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
  registry: string;
  repository: string;
  tag: string;
}

/** Splits `host/repo:tag` the way docker does (no dot, colon or localhost: Docker Hub). */
export function parseReference(ref: string): Reference | undefined {
  const match = /^(?:([^/]+)\/)?([^:@]+(?:\/[^:@]+)*)(?::([\w][\w.-]{0,127}))?$/.exec(ref);
  if (!match) return undefined;
  const [, first, , tag] = match;
  let rest = match[2]!;
  let registry = 'docker.io';
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost'))
    registry = first;
  else if (first) rest = `${first}/${rest}`;
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`;
  return { registry, repository: rest, tag: tag ?? 'latest' };
}

async function registryDigest(tag: string, deps: DigestDeps): Promise<Resolved> {
  const ref = parseReference(tag);
  if (!ref) return { missing: `"${tag}" is not an image reference` };
  // The CLI's default prefix outside GitHub: images that were never meant for a registry.
  if (ref.registry === 'docker.io' && ref.repository.startsWith('local/'))
    return { missing: `${tag} is a local tag (image-prefix "local"), not in any registry` };
  const doFetch = deps.fetch ?? globalThis.fetch;
  const host = ref.registry === 'docker.io' ? 'registry-1.docker.io' : ref.registry;
  const scheme = LOOPBACK.test(host) ? 'http' : 'https';
  const url = `${scheme}://${host}/v2/${ref.repository}/manifests/${ref.tag}`;
  const basic = credentials(ref.registry, deps.env ?? process.env);
  const ask = (authorization?: string) =>
    doFetch(url, {
      method: 'HEAD',
      headers: { accept: ACCEPT, ...(authorization ? { authorization } : {}) },
      signal: AbortSignal.timeout(30_000),
    });
  let response = await ask(basic && `Basic ${basic}`);
  const challenge = response.headers.get('www-authenticate');
  if (response.status === 401 && challenge?.startsWith('Bearer ')) {
    const token = await bearer(challenge, basic, doFetch);
    if (token) response = await ask(`Bearer ${token}`);
  }
  const digest = response.headers.get('docker-content-digest');
  if (response.ok && digest && /^sha256:[0-9a-f]{64}$/.test(digest)) {
    const name = tag.replace(/:[^:/]+$/, '');
    return { digest: `${name}@${digest}` };
  }
  if (response.status === 404) return { missing: `${ref.registry} has no ${tag}` };
  if (response.status === 401 || response.status === 403)
    return { missing: `${ref.registry} refused to show ${tag} (HTTP ${response.status})` };
  return { missing: `${ref.registry} answered HTTP ${response.status} for ${tag}` };
}

/** `auth` of docker's config for this registry (base64 user:password), if any. */
function credentials(registry: string, env: NodeJS.ProcessEnv): string | undefined {
  const dir = env.DOCKER_CONFIG || path.join(homedir(), '.docker');
  try {
    const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as {
      auths?: Record<string, { auth?: string }>;
    };
    const keys =
      registry === 'docker.io'
        ? ['https://index.docker.io/v1/', 'docker.io', 'index.docker.io']
        : [registry, `https://${registry}`, `http://${registry}`];
    return keys.map((k) => config.auths?.[k]?.auth).find(Boolean);
  } catch {
    return undefined;
  }
}

async function bearer(challenge: string, basic: string | undefined, doFetch: typeof fetch) {
  const params = Object.fromEntries(
    [...challenge.slice(7).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
  if (!params.realm) return undefined;
  const url = new URL(params.realm);
  for (const key of ['service', 'scope']) if (params[key]) url.searchParams.set(key, params[key]);
  const response = await doFetch(url, {
    headers: basic ? { authorization: `Basic ${basic}` } : {},
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) return undefined;
  const body = (await response.json()) as { token?: string; access_token?: string };
  return body.token ?? body.access_token;
}
