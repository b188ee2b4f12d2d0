/**
 * The example stack for stack tests: a copy of examples/sigmasight/docker-compose.yml on free
 * host ports (127.0.0.1 only), build contexts made absolute, optionally with a broken variant
 * from __fixtures__/stack/ merged in. See __fixtures__/stack/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(ROOT, 'examples/sigmasight');
const VARIANTS = path.join(ROOT, '__fixtures__/stack');

export interface ExampleStack {
  file: string;
  backendPort: number;
  frontendPort: number;
}

/** A port nothing listens on right now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

type Yaml = Record<string, unknown>;

/** Mappings merge key by key; anything else (lists included) is replaced. */
export function merge(base: unknown, over: unknown): unknown {
  if (!isMapping(base) || !isMapping(over)) return over;
  const result: Yaml = { ...base };
  for (const [key, value] of Object.entries(over)) result[key] = merge(base[key], value);
  return result;
}

function isMapping(value: unknown): value is Yaml {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function exampleStack(variant?: string): Promise<ExampleStack> {
  const [backendPort, frontendPort, unpublished] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const doc = parse(readFileSync(path.join(EXAMPLE, 'docker-compose.yml'), 'utf8')) as Yaml;
  const services = doc.services as Record<string, Yaml>;
  // A named volume (labelled with the project) instead of the image's anonymous one, so the
  // teardown checks see the database's data too.
  services.postgres!.volumes = ['pgdata:/var/lib/postgresql/data'];
  doc.volumes = { pgdata: {} };
  services.backend!.build = path.join(EXAMPLE, 'backend');
  (services.frontend!.build as Yaml).context = path.join(EXAMPLE, 'frontend');
  services.backend!.ports = [`127.0.0.1:${backendPort}:8000`];
  services.frontend!.ports = [`127.0.0.1:${frontendPort}:3005`];
  (services.backend!['x-deploy'] as Yaml).health = `http://127.0.0.1:${backendPort}/health`;
  (services.frontend!['x-deploy'] as Yaml).health = `http://127.0.0.1:${frontendPort}/api/health`;
  let result: unknown = doc;
  if (variant) {
    const text = readFileSync(path.join(VARIANTS, `${variant}.yml`), 'utf8')
      .replaceAll('${BACKEND_PORT}', String(backendPort))
      .replaceAll('${FRONTEND_PORT}', String(frontendPort))
      .replaceAll('${UNPUBLISHED_PORT}', String(unpublished));
    result = merge(doc, parse(text));
  }
  const dir = mkdtempSync(path.join(tmpdir(), `deploy-action-stack-${variant ?? 'example'}-`));
  const file = path.join(dir, 'docker-compose.yml');
  writeFileSync(file, stringify(result));
  return { file, backendPort, frontendPort };
}

/** Everything docker still has with this compose project's label (must end up empty). */
export function projectResources(project: string): string[] {
  const label = ['--filter', `label=com.docker.compose.project=${project}`];
  const list = (...args: string[]) =>
    execFileSync('docker', [...args, ...label], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  return [
    ...list('ps', '-a', '-q').map((id) => `container ${id}`),
    ...list('network', 'ls', '-q').map((id) => `network ${id}`),
    ...list('volume', 'ls', '-q').map((id) => `volume ${id}`),
  ];
}
