/**
 * A user's repository for the workflow runs: a git repository with a small compose stack and
 * the templates copied by hand into .github/workflows, plus the events GitHub would send it.
 * The images are tiny (debian:bookworm-slim and one RUN) so a run takes seconds.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Mapping } from './files.js';

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

export interface ServiceSpec {
  name: string;
  dependsOn?: string[];
  railway?: boolean;
}

/** Stops at once on TERM (a plain `sleep` as PID 1 would make every teardown wait 10 s). */
const CMD = `CMD ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]`;

export function composeFile(services: ServiceSpec[], project = 'prj-sigmasight'): string {
  const lines = [
    'x-deploy:',
    '  budget: 200MB',
    `  railway: { project: ${project}, environment: production }`,
    'services:',
  ];
  for (const s of services) {
    lines.push(`  ${s.name}:`, `    build: ./${s.name}`);
    lines.push(
      '    healthcheck: { test: ["CMD", "test", "-f", "/ready"], interval: 1s, retries: 20 }',
    );
    if (s.dependsOn?.length) {
      lines.push('    depends_on:');
      for (const d of s.dependsOn) lines.push(`      ${d}: { condition: service_healthy }`);
    }
    if (s.railway) lines.push(`    x-deploy: { railway: { service: ${s.name} } }`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the stack into `dir` (compose file and one Dockerfile per service). */
export function writeStack(dir: string, services: ServiceSpec[], marker = 'v1'): void {
  writeFileSync(path.join(dir, 'docker-compose.yml'), composeFile(services));
  for (const s of services) {
    mkdirSync(path.join(dir, s.name), { recursive: true });
    const dockerfile = `FROM debian:bookworm-slim\nRUN echo ${s.name}-${marker} > /ready\n${CMD}\n`;
    writeFileSync(path.join(dir, s.name, 'Dockerfile'), dockerfile);
  }
}

/** A git repository with `main` at the stack and the templates in .github/workflows. */
export function makeRepository(
  dir: string,
  templates: string | undefined,
  services: ServiceSpec[],
) {
  mkdirSync(path.join(dir, '.github/workflows'), { recursive: true });
  const files = templates ? readdirSync(templates) : [];
  for (const file of files.filter((f) => f.endsWith('.yml'))) {
    cpSync(path.join(templates!, file), path.join(dir, '.github/workflows', file));
  }
  writeStack(dir, services);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'stack');
  return { dir, main: git(dir, 'rev-parse', 'HEAD') };
}

/** A commit on a branch that changes one service's image; returns its sha. */
export function commitChange(dir: string, branch: string, service: string, marker: string) {
  git(dir, 'checkout', '-q', '-B', branch, 'main');
  const file = path.join(dir, service, 'Dockerfile');
  writeFileSync(
    file,
    `FROM debian:bookworm-slim\nRUN echo ${service}-${marker} > /ready\n${CMD}\n`,
  );
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', marker);
  const sha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', 'main');
  return sha;
}

export function repositoryPayload(fullName: string): Mapping {
  const [owner, name] = fullName.split('/');
  return { full_name: fullName, name, owner: { login: owner }, default_branch: 'main' };
}

export function pullRequestPayload(
  fullName: string,
  number: number,
  head: { sha: string; ref: string },
  fork: boolean,
): Mapping {
  const headRepo = fork ? `someone/${fullName.split('/')[1]}` : fullName;
  return {
    action: 'synchronize',
    number,
    repository: repositoryPayload(fullName),
    pull_request: {
      number,
      head: { ...head, repo: { full_name: headRepo, fork } },
      base: { ref: 'main', repo: { full_name: fullName } },
    },
  };
}
