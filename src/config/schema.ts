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

/**
 * A mapping keyed by names the user chooses, as a Map. zod's own record drops a `__proto__`
 * key, and a service may be called that: here every own key is kept, in file order.
 */
function namedEntries<T extends z.ZodType>(value: T, what: string) {
  return z.unknown().transform((input, ctx) => {
    if (!input || typeof input !== 'object' || Array.isArray(input)) {
      ctx.addIssue({ code: 'custom', message: expected(what)({ input }), input });
      return z.NEVER;
    }
    const pairs = new Map<string, z.output<T>>();
    for (const [key, item] of Object.entries(input)) {
      const result = value.safeParse(item, { reportInput: true });
      if (result.success) pairs.set(key, result.data);
      else
        result.error.issues.forEach((issue) =>
          ctx.addIssue({ ...issue, path: [key, ...issue.path] }),
        );
    }
    return pairs;
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

const healthUrl = z
  .url({
    protocol: /^https?$/,
    error: expected('an http:// or https:// URL'),
  })
  // Health URLs are printed in logs and the summary: no credentials in them.
  .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), {
    error: 'expected a URL without credentials (user:password@), got one with them',
  });

const flag = (what: string) => z.boolean({ error: expected(`true or false (${what})`) });
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Per service; each key is explained in the README's x-deploy reference. */
const railwayService = strictMapping({
  service: text('a Railway service name or id'),
  healthcheck: z
    .string({ error: expected('a path starting with /, like /health') })
    .regex(/^\/[^\s]*$/, { error: expected('a path starting with /, like /health') })
    .optional(),
  'healthcheck-timeout': durationSchema.optional(),
  migrate: flag('false: do not run x-deploy.migrate as the pre-deploy command').optional(),
  'deploy-image': flag('deploy the compose image of an image-only service').optional(),
  backup: flag('back this service up before a migrating deploy').optional(),
  url: z.url({ protocol: /^https?$/, error: expected('an http:// or https:// URL') }).optional(),
  expect: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]), {
      error: expected('a mapping of JSON field to the value it must have'),
    })
    .optional(),
  public: flag('make a Railway domain in previews').optional(),
  requires: z
    .array(
      z
        .string({ error: expected('a variable name') })
        .regex(VARIABLE, { error: expected('a variable name like DATABASE_URL') }),
      { error: expected('a list of variable names') },
    )
    .optional(),
});

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
          z.array(z.string()),
          namedEntries(
            z.union([z.string(), z.number(), z.boolean(), z.null()], {
              error: expected('a build arg value (a string, a number or a boolean)'),
            }),
            'build args as a list or a mapping',
          ),
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
    namedEntries(
      z.looseObject({
        condition: z
          .enum(conditions, { error: expected(`one of ${conditions.join(', ')}`) })
          .optional(),
      }),
      'a mapping of service name to condition',
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
    services: namedEntries(serviceSchema, 'a mapping of services'),
    secrets: z.record(z.string(), topSecretSchema).optional(),
    'x-deploy': fileDeploySchema.optional(),
  },
  {
    // The whole file as one string is likely not a compose file (a token file?): not echoed.
    error: (issue) =>
      `expected a mapping with a services key, got ${typeof issue.input === 'string' ? 'a line of text' : describeValue(issue.input)}`,
  },
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
