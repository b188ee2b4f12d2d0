/**
 * A Docker engine with docker-compose v1, reduced to what `command: test` runs: images (local,
 * pullable or not), classic builds, `compose up` starting one running container per service
 * (or failing with compose's words), inspect, and removal. Commands it does not know fail the
 * test loudly, so a new docker call is never answered by accident.
 */
import { writeFileSync } from 'node:fs';
import { CommandError, type Exec } from '../../src/docker/exec.js';

export interface FakeDockerOptions {
  /** Images already on the machine. */
  local?: string[];
  /** Images a `docker pull` gets; any other pull fails with `pullError`. */
  registry?: string[];
  pullError?: string;
  /** `compose up` fails with this stderr after creating the containers (state `created`). */
  upError?: string;
  /** `docker network ls` fails (only the teardown lists networks). */
  networkListingError?: string;
}

export interface FakeContainer {
  id: string;
  service: string;
  status: 'created' | 'running';
  image: string;
}

export function fakeDocker(options: FakeDockerOptions = {}) {
  const engine = {
    images: new Set(options.local ?? []),
    containers: [] as FakeContainer[],
    networks: [] as string[],
    volumes: [] as string[],
    pulls: [] as string[],
    builds: [] as string[],
    /** Images of services as compose started them (from the override). */
    ups: [] as string[][],
  };
  const fail = (args: string[], stderr: string, code = 1) => {
    throw new CommandError(args, code, stderr, '');
  };
  const ok = (stdout = '') => ({ stdout, stderr: '' });

  const docker = (args: string[]) => {
    const [what, verb] = args;
    if (what === 'version') return ok('20.10.24\n');
    if (what === 'buildx' || what === 'compose') return fail(['docker', ...args], 'unknown');
    // No event stream: the readiness wait polls alone, as when `docker events` breaks.
    if (what === 'events') return fail(['docker', ...args], 'unknown');
    if (what === 'image' && verb === 'inspect') {
      const ref = args.at(-1)!;
      if (!engine.images.has(ref)) return fail(['docker', ...args], `Error: No such image: ${ref}`);
      if (args[3] === '{{.Id}}') return ok('sha256:1\n');
      return ok(JSON.stringify({ Id: 'sha256:1', Size: 1000, RepoDigests: [] }));
    }
    if (what === 'pull') {
      const ref = args[1]!;
      if (!(options.registry ?? []).includes(ref)) {
        const said =
          options.pullError ?? `Error response from daemon: manifest for ${ref} not found`;
        return fail(['docker', ...args], said);
      }
      engine.pulls.push(ref);
      engine.images.add(ref);
      return ok();
    }
    if (what === 'build') {
      const tag = args[args.indexOf('--tag') + 1]!;
      writeFileSync(args[args.indexOf('--iidfile') + 1]!, 'sha256:1');
      engine.builds.push(tag);
      engine.images.add(tag);
      return ok('Step 1/1 : FROM scratch\n');
    }
    if (what === 'history')
      return ok('{"CreatedBy":"/bin/sh -c #(nop)  CMD [\\"x\\"]","Size":0}\n');
    if (what === 'ps') return ok(engine.containers.map((c) => `${c.id}\n`).join(''));
    if (what === 'network' && verb === 'ls' && options.networkListingError)
      return fail(['docker', ...args], options.networkListingError);
    if (what === 'inspect') return ok(JSON.stringify(args.slice(1).map(inspected)));
    if (what === 'logs') return ok();
    if (verb === 'ls')
      return ok((what === 'network' ? engine.networks : engine.volumes).join('\n'));
    if (what === 'rm') {
      engine.containers = engine.containers.filter((c) => !args.includes(c.id));
      return ok();
    }
    if (verb === 'rm') {
      engine.networks = engine.networks.filter((id) => !(what === 'network' && args.includes(id)));
      engine.volumes = engine.volumes.filter((id) => !(what === 'volume' && args.includes(id)));
      return ok();
    }
    throw new Error(`the fake docker does not know: docker ${args.join(' ')}`);
  };

  const inspected = (id: string) => {
    const c = engine.containers.find((x) => x.id === id)!;
    return {
      Id: c.id,
      Name: `/proj_${c.service}_1`,
      Config: { Labels: { 'com.docker.compose.service': c.service }, Image: c.image },
      State: {
        Status: c.status,
        ExitCode: 0,
        StartedAt: c.status === 'running' ? '2020-01-01T00:00:00Z' : '0001-01-01T00:00:00Z',
      },
      NetworkSettings: { Ports: {} },
    };
  };

  const compose = (args: string[]) => {
    if (args[0] === 'version') return ok('1.29.2\n');
    const sub = args.findIndex((a) => a === 'up' || a === 'down');
    if (args[sub] === 'down') {
      Object.assign(engine, { containers: [], networks: [], volumes: [] });
      return ok();
    }
    if (args[sub] !== 'up') throw new Error(`the fake docker-compose does not know: ${args}`);
    const services = args.slice(sub + 3);
    engine.ups.push(services);
    engine.networks = ['net1'];
    const status = options.upError ? 'created' : 'running';
    for (const service of services)
      engine.containers.push({ id: `c-${service}`, service, status, image: '?' });
    if (options.upError) fail(['docker-compose', ...args], options.upError);
    return ok();
  };

  const exec: Exec = async (command, args) => {
    if (command === 'docker-compose') return compose(args);
    if (command === 'docker') return docker(args);
    throw new Error(`the fake docker cannot run ${command}`);
  };
  return { engine, exec };
}
