/**
 * The CLI's flags in one table, and the help made from it: `deploy-action --help` for all,
 * `deploy-action build --help` for one command, docker's way. A usage mistake is one line that
 * points at the help (exit 2), never the whole text.
 */
export const CLI_COMMANDS = ['plan', 'build', 'test', 'deploy', 'rollback'] as const;
export type CliCommand = (typeof CLI_COMMANDS)[number];

const ABOUT: Record<CliCommand, string> = {
  plan: 'the order, budgets and Railway mapping; touches nothing',
  build: 'build every image in parallel, hold each to its budget',
  test: 'run the images together: health, migrations, HTTP checks',
  deploy: 'deploy to Railway in dependency order, roll back on failure',
  rollback: 'put Railway services back on their previous good deployment',
};

export interface Flag {
  name: string;
  /** A string flag's placeholder; none: a boolean flag. */
  value?: string;
  help: string;
  /** The commands it means something to; none: every command. */
  for?: CliCommand[];
  /** Given once per value, like compose's own `-f`. */
  multiple?: boolean;
  short?: string;
}

const BUILDS: CliCommand[] = ['build', 'test'];

const RAILWAY: CliCommand[] = ['plan', 'deploy', 'rollback'];

export const FLAGS: Flag[] = [
  {
    name: 'compose-file',
    value: 'FILE',
    short: 'f',
    multiple: true,
    help: "compose file, repeatable (default: compose's lookup, COMPOSE_FILE)",
  },
  {
    name: 'profiles',
    value: 'A,B',
    help: 'compose profiles to enable (default: COMPOSE_PROFILES)',
  },
  {
    name: 'builder',
    value: 'NAME',
    help: 'buildx builder, or classic for the classic builder',
    for: BUILDS,
  },
  {
    name: 'cache-from',
    value: 'SPEC',
    multiple: true,
    help: 'BuildKit cache source, repeatable; {service} is each service',
    for: BUILDS,
  },
  {
    name: 'cache-to',
    value: 'SPEC',
    multiple: true,
    help: 'BuildKit cache export, repeatable; {service} is each service',
    for: BUILDS,
  },
  { name: 'platforms', value: 'P', help: 'BuildKit platforms (default linux/amd64)', for: BUILDS },
  { name: 'provenance', value: 'V', help: 'BuildKit provenance attestation', for: BUILDS },
  { name: 'sbom', value: 'V', help: 'BuildKit SBOM attestation', for: BUILDS },
  {
    name: 'build-args',
    value: 'K=V',
    multiple: true,
    help: "repeatable; wins over the compose file's",
    for: BUILDS,
  },
  { name: 'services', value: 'A,B', help: 'a subset of services' },
  {
    name: 'budget',
    value: 'SIZE',
    help: 'default image budget, e.g. 500MB',
    for: ['plan', 'build', 'test'],
  },
  {
    name: 'image-prefix',
    value: 'PREFIX',
    help: 'tag prefix (default local); images are PREFIX/SERVICE:SHA',
    for: ['build', 'test'],
  },
  { name: 'push', help: 'push images that pass', for: ['build'] },
  { name: 'no-cache', help: 'build without the layer cache', for: ['build'] },
  {
    name: 'health-timeout',
    value: '3m',
    help: 'how long the stack may take to become healthy',
    for: ['test'],
  },
  {
    name: 'stable-time',
    value: '1s',
    help: 'how long a service without a healthcheck must run with no restart',
    for: ['test'],
  },
  {
    name: 'compose',
    value: 'auto',
    help: 'auto (v2 when it answers, else v1), v2 or v1',
    for: ['test'],
  },
  { name: 'keep-stack', help: 'leave the compose stack running', for: ['test'] },
  {
    name: 'railway-token',
    value: 'TOKEN',
    help: 'default: $RAILWAY_TOKEN (project), else $RAILWAY_API_TOKEN (account)',
    for: RAILWAY,
  },
  { name: 'railway-token-type', value: 'T', help: 'project, account or auto', for: RAILWAY },
  { name: 'railway-project', value: 'ID', help: 'the Railway project', for: RAILWAY },
  { name: 'railway-environment', value: 'NAME', help: 'the Railway environment', for: RAILWAY },
  { name: 'railway-api-url', value: 'URL', help: "Railway's GraphQL API", for: RAILWAY },
  {
    name: 'deploy-timeout',
    value: '15m',
    help: 'how long it may take',
    for: ['deploy', 'rollback'],
  },
  {
    name: 'stable-for',
    value: '30s',
    help: 'how long new deployments must stay up after the last wave (0s: off)',
    for: ['deploy'],
  },
  {
    name: 'verify-timeout',
    value: '2m',
    help: 'how long the post-deploy checks of the public URLs may take',
    for: ['deploy'],
  },
  {
    name: 'backup',
    value: 'MODE',
    help: 'Railway volume backups before a migration: auto, always, off',
    for: ['deploy'],
  },
  {
    name: 'backup-timeout',
    value: '10m',
    help: 'how long a Railway backup or restore may take',
    for: ['deploy', 'rollback'],
  },
  {
    name: 'restore-backup',
    value: 'ID',
    help: 'restore this Railway volume backup first (then redeploy the database)',
    for: ['rollback'],
  },
  {
    name: 'images',
    value: 'JSON',
    help: 'the images output of a build (--json of build)',
    for: ['test', 'deploy'],
  },
  {
    name: 'rollback-to',
    value: 'ID',
    help: 'the deployment to go back to',
    for: ['rollback'],
  },
  { name: 'dry-run', help: 'print the plan, change nothing', for: ['deploy', 'rollback'] },
  {
    name: 'sha',
    value: 'SHA',
    help: 'commit to tag and deploy (default: git rev-parse HEAD)',
    for: ['build', 'test', 'deploy'],
  },
  { name: 'json', help: 'print the outputs as JSON on stdout (progress goes to stderr)' },
  { name: 'verbose', help: 'show debug lines' },
  { name: 'help', help: 'this text' },
  { name: 'version', help: 'the version of deploy-action' },
];

export function parseOptions(): Record<
  string,
  { type: 'string' | 'boolean'; multiple?: boolean; short?: string }
> {
  return Object.fromEntries(
    FLAGS.map((f) => [
      f.name,
      {
        type: f.value ? ('string' as const) : ('boolean' as const),
        ...(f.multiple ? { multiple: true } : {}),
        ...(f.short ? { short: f.short } : {}),
      },
    ]),
  );
}

function flagLines(flags: Flag[], withCommands: boolean): string[] {
  const left = (f: Flag) =>
    `${f.short ? `-${f.short}, ` : ''}--${f.name}${f.value ? ` ${f.value}` : ''}`;
  const width = Math.max(...flags.map((f) => left(f).length)) + 2;
  return flags.map((f) => {
    const only = withCommands && f.for ? `${f.for.join(', ')}: ` : '';
    return `  ${left(f).padEnd(width)}${only}${f.help}`;
  });
}

export function usage(command?: CliCommand): string {
  if (command) {
    const flags = FLAGS.filter((f) => !f.for || f.for.includes(command));
    return [
      `Usage: deploy-action ${command} [options]`,
      '',
      `${ABOUT[command][0]!.toUpperCase()}${ABOUT[command].slice(1)}.`,
      '',
      'Options:',
      ...flagLines(flags, false),
    ].join('\n');
  }
  return [
    `Usage: deploy-action <${CLI_COMMANDS.join('|')}> [options]`,
    '',
    ...CLI_COMMANDS.map((c) => `  ${c.padEnd(11)}${ABOUT[c]}`),
    '',
    "Options (the action's inputs; 'deploy-action COMMAND --help' for one command's):",
    ...flagLines(FLAGS, true),
    '',
    'Exit codes: 0 done, 1 the work failed, 2 a usage mistake.',
  ].join('\n');
}

/** The one line of a usage mistake: what was wrong, and where the help is. */
export function usageMistake(message: string, command?: CliCommand): string {
  const help = `deploy-action${command ? ` ${command}` : ''} --help`;
  const said = message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return `error: ${said}; see '${help}'`;
}
