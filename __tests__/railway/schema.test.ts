import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildClientSchema,
  buildSchema,
  isEnumType,
  isInputObjectType,
  isObjectType,
  parse,
  validate,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import {
  DOCUMENTS,
  historyQuery,
  pollQuery,
  backupListQuery,
  backupMutation,
  snapshotQuery,
  variablesQuery,
  workflowQuery,
  waveMutation,
} from '../../src/railway/operations.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PUBLISHED = path.resolve(ROOT, '../shared/railway/schema.json');
const trimmed = buildSchema(
  readFileSync(path.join(ROOT, '__fixtures__/railway/schema.graphql'), 'utf8'),
);
const published = existsSync(PUBLISHED)
  ? buildClientSchema(
      (JSON.parse(readFileSync(PUBLISHED, 'utf8')) as { data: IntrospectionQuery }).data,
    )
  : undefined;
const withPublished = published ? it : it.skip;
const skipped = published ? '' : ' (SKIPPED: ../shared/railway/schema.json not found)';

type Field = { name: string; type: unknown; args?: readonly { name: string; type: unknown }[] };

/** Every document the action can send, batched ones at several sizes. */
const wave = waveMutation([
  { op: 'update', serviceId: 's', input: { healthcheckPath: '/health' } },
  { op: 'deploy', serviceId: 's', commitSha: 'abc' },
  { op: 'rollback', deploymentId: 'd' },
]).op;
const documents = [
  ...DOCUMENTS,
  wave,
  backupMutation(2),
  workflowQuery(2),
  backupListQuery(2),
  ...[1, 2, 5].flatMap((n) => [historyQuery(n), pollQuery(n), snapshotQuery(n), variablesQuery(n)]),
];

function problems(schema: GraphQLSchema): string[] {
  return documents.flatMap((op) =>
    validate(schema, parse(op.query)).map((e) => `${op.name}: ${e.message}`),
  );
}

describe('every GraphQL document of src/railway', () => {
  it('validates against the trimmed SDL the emulator serves', () => {
    expect(problems(trimmed)).toEqual([]);
  });

  withPublished(`validates against Railway's published schema${skipped}`, () => {
    expect(problems(published!)).toEqual([]);
  });

  it('names its operation after its kind and name (the emulator and logs rely on it)', () => {
    for (const op of documents) expect(op.query.startsWith(`${op.kind} ${op.name}`)).toBe(true);
  });
});

describe('the trimmed SDL', () => {
  withPublished(
    `has only types, fields, arguments and values of Railway's published schema${skipped}`,
    () => {
      const drift: string[] = [];
      for (const type of Object.values(trimmed.getTypeMap())) {
        if (type.name.startsWith('__')) continue;
        const real = published!.getType(type.name);
        if (!real || real.constructor !== type.constructor) {
          drift.push(`${type.name}: not a ${type.constructor.name} there`);
          continue;
        }
        if (isEnumType(type) && isEnumType(real)) {
          const values = new Set(real.getValues().map((v) => v.name));
          type
            .getValues()
            .filter((v) => !values.has(v.name))
            .forEach((v) => drift.push(`${type.name}.${v.name}`));
        }
        const hasFields = (t: unknown) => isObjectType(t) || isInputObjectType(t);
        if (hasFields(type) && hasFields(real)) {
          const fields = (real as GraphQLObjectType).getFields() as Record<string, Field>;
          for (const field of Object.values((type as GraphQLObjectType).getFields()) as Field[]) {
            const other = fields[field.name];
            if (!other) drift.push(`${type.name}.${field.name}: missing`);
            else if (String(other.type) !== String(field.type))
              drift.push(
                `${type.name}.${field.name}: ${String(field.type)} vs ${String(other.type)}`,
              );
            for (const arg of field.args ?? []) {
              const realArg = other?.args?.find((a) => a.name === arg.name);
              if (String(realArg?.type) !== String(arg.type))
                drift.push(`${type.name}.${field.name}(${arg.name})`);
            }
          }
        }
      }
      expect(drift).toEqual([]);
    },
  );
});
