/**
 * The parts of a compose file the action reads, as zod schemas. Compose's own keys are
 * checked only as far as we use them (compose validates the rest); our `x-deploy` blocks are
 * strict, so a typo there is an error instead of a budget silently not applied.
 */
import { z } from 'zod';
import { describeValue } from './describe.js';
import { DURATION_EXPECTED, SIZE_EXPECTED, parseDuration, parseSize } from './units.js';

/** An error function that says what was expected and what the file had instead. */
const expected = (what: string) => (issue: { input?: unknown }) =>
  `expected ${what}, got ${describeValue(issue.input)}`;

/** A strict mapping whose unknown keys are named, with the keys that are allowed. */
function strictMapping<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}; expected one of ${allowed}`
        : `expected a mapping, got ${describeValue(issue.input)}`,
  });
}

const text = (what: string) =>
  z.string({ error: expected(what) }).min(1, { error: expected(what) });

function parsed<T>(parse: (text: string) => T | undefined, what: string) {
  return z.unknown().transform((value, ctx) => {
    const result = typeof value === 'string' ? parse(value) : undefined;
    if (result === undefined) {
      ctx.addIssue({ code: 'custom', message: expected(what)({ input: value }), input: value });
      return z.NEVER;
    }
    return result;
  });
}

export const sizeSchema = parsed(parseSize, SIZE_EXPECTED);
export const durationSchema = parsed(parseDuration, DURATION_EXPECTED);

const COMMAND = 'a command as a string or a list of strings';
const command = z.union(
  [text('a command'), z.array(text('a command')).min(1, { error: expected(COMMAND) })],
  {
    error: expected(COMMAND),
  },
);

const healthUrl = z.url({
  protocol: /^https?$/,
  error: expected('an http:// or https:// URL'),
});

const railwayService = strictMapping({ service: text('a Railway service name or id') });

export const serviceDeploySchema = strictMapping({
  budget: sizeSchema.optional(),
  migrate: command.optional(),
  health: healthUrl.optional(),
  railway: railwayService.optional(),
});

export const fileDeploySchema = strictMapping({
  budget: sizeSchema.optional(),
  railway: strictMapping({
    project: text('a Railway project id').optional(),
    environment: text('a Railway environment name or id').optional(),
  }).optional(),
});

const strings = (what: string) => z.array(z.string(), { error: expected(what) }).optional();
const keyed = (what: string) =>
  z
    .union(
      [z.record(z.string(), z.union([z.string(), z.number(), z.null()])), z.array(z.string())],
      {
        error: expected(what),
      },
    )
    .optional();

const buildSchema = z.union(
  [
    text('a build context path'),
    z.looseObject({
      context: text('a build context path').optional(),
      dockerfile: text('a Dockerfile path').optional(),
      args: z
        .union([
          z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
          z.array(z.string()),
        ])
        .optional(),
      target: text('a build stage name').optional(),
      dockerfile_inline: text('a Dockerfile text').optional(),
      tags: strings('a list of image tags'),
      cache_from: strings('a list of cache sources'),
      cache_to: strings('a list of cache destinations'),
      platforms: strings('a list of platforms like linux/amd64'),
      ssh: z.union([z.array(z.string()), z.record(z.string(), z.string())]).optional(),
      labels: keyed('a mapping or a list of labels'),
      additional_contexts: keyed('a mapping or a list of name=path'),
      extra_hosts: keyed('a mapping or a list of host=ip'),
      network: text('a network name').optional(),
      shm_size: z.union([z.string(), z.number()]).optional(),
      ulimits: z
        .record(
          z.string(),
          z.union([z.number(), z.looseObject({ soft: z.number(), hard: z.number() })]),
        )
        .optional(),
      no_cache: z.boolean({ error: expected('true or false') }).optional(),
      pull: z.boolean({ error: expected('true or false') }).optional(),
      secrets: z
        .array(z.union([z.string(), z.looseObject({ source: text('a secret name') })]), {
          error: expected('a list of secret names'),
        })
        .optional(),
    }),
  ],
  { error: expected('a build context path or a mapping with context and dockerfile') },
);

const conditions = [
  'service_started',
  'service_healthy',
  'service_completed_successfully',
] as const;

const dependsOnSchema = z.union(
  [
    z.array(text('a service name')),
    z.record(
      z.string(),
      z.looseObject({
        condition: z
          .enum(conditions, { error: expected(`one of ${conditions.join(', ')}`) })
          .optional(),
      }),
    ),
  ],
  { error: expected('a list of service names or a mapping of service name to condition') },
);

export const serviceSchema = z.looseObject(
  {
    build: buildSchema.optional(),
    image: text('an image reference').optional(),
    profiles: z
      .array(text('a profile name'), { error: expected('a list of profile names') })
      .optional(),
    depends_on: dependsOnSchema.optional(),
    healthcheck: z
      .looseObject({ disable: z.boolean().optional() }, { error: expected('a mapping') })
      .optional(),
    'x-deploy': serviceDeploySchema.optional(),
  },
  { error: expected('a mapping of compose keys (build, image, depends_on, ...)') },
);

const topSecretSchema = z.looseObject({
  file: z.string().optional(),
  environment: z.string().optional(),
});

export const composeSchema = z.looseObject(
  {
    services: z.record(z.string(), serviceSchema, { error: expected('a mapping of services') }),
    secrets: z.record(z.string(), topSecretSchema).optional(),
    'x-deploy': fileDeploySchema.optional(),
  },
  { error: expected('a mapping with a services key') },
);

/** One file of several: an override or an included file may have no services of its own. */
export const layerSchema = composeSchema.partial({ services: true });

export type ComposeFile = z.infer<typeof composeSchema>;
export type ComposeService = z.infer<typeof serviceSchema>;

/** Top-level keys of the Compose Specification; anything else (bar x-*) is likely a typo. */
export const COMPOSE_TOP_LEVEL_KEYS = [
  'version',
  'name',
  'services',
  'networks',
  'volumes',
  'configs',
  'secrets',
  'include',
  'models',
];
