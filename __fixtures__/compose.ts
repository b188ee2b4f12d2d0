/** Compose files written into a temp folder, with Dockerfiles where builds need them. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function composeDir(compose: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-action-config-'));
  writeFileSync(path.join(dir, 'docker-compose.yml'), compose);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A Dockerfile for every build context used by the config tests. */
export const DOCKERFILES = {
  'backend/Dockerfile': 'FROM debian:bookworm-slim\n',
  'frontend/Dockerfile': 'FROM debian:bookworm-slim\n',
  'frontend/web.Dockerfile': 'FROM debian:bookworm-slim\n',
};
