import { describe, expect, it } from '@jest/globals';
import {
  compareSnapshots,
  describeSnapshot,
  parseSnapshot,
  type Snapshot,
} from '../../src/backup/snapshot.js';
import { restoreErrors } from '../../src/backup/restore.js';

// What psql -A -t -F '\t' printed for the example schema (recorded against postgres:15).
const SOURCE = [
  'count\tpublic.alembic_version\t1',
  'count\tpublic.portfolios\t40',
  'count\tpublic."odd name"\t0',
  'count\tpublic.users\t2000',
  'revision\tpublic.alembic_version\t0001_core_tables',
].join('\n');

function snapshot(counts: Record<string, number>, revisions: Record<string, string | null> = {}) {
  return { counts: new Map(Object.entries(counts)), revisions: new Map(Object.entries(revisions)) };
}

describe('snapshots of a database', () => {
  it('reads the counts and revisions of the one query', () => {
    const read = parseSnapshot(`${SOURCE}\n`);
    expect(Object.fromEntries(read.counts)).toEqual({
      'public.alembic_version': 1,
      'public.portfolios': 40,
      'public."odd name"': 0,
      'public.users': 2000,
    });
    expect(Object.fromEntries(read.revisions)).toEqual({
      'public.alembic_version': '0001_core_tables',
    });
    expect(describeSnapshot(read)).toBe('4 tables, 2,041 rows, alembic revision 0001_core_tables');
  });

  it('an empty alembic_version has no revision', () => {
    const read = parseSnapshot(
      'count\tpublic.alembic_version\t0\nrevision\tpublic.alembic_version\t',
    );
    expect(read.revisions.get('public.alembic_version')).toBeNull();
    expect(describeSnapshot(read)).toBe('1 table, 0 rows, alembic revision (none)');
  });

  it('refuses output it does not understand rather than comparing nothing', () => {
    expect(() => parseSnapshot('psql: warning: something')).toThrow(/unexpected line/);
  });
});

describe('comparing the restore with the source', () => {
  const source: Snapshot = parseSnapshot(SOURCE);

  it('finds nothing when every count and the revision match', () => {
    expect(compareSnapshots(source, parseSnapshot(SOURCE))).toEqual([]);
  });

  it.each<[string, Snapshot, string[]]>([
    [
      'a table with fewer rows',
      snapshot(
        {
          'public.alembic_version': 1,
          'public.portfolios': 40,
          'public."odd name"': 0,
          'public.users': 1,
        },
        { 'public.alembic_version': '0001_core_tables' },
      ),
      ['public.users has 1 row in the restore, 2000 in the source'],
    ],
    [
      'a missing table and another revision',
      snapshot(
        { 'public.alembic_version': 1, 'public."odd name"': 0, 'public.users': 2000 },
        { 'public.alembic_version': '0002_more' },
      ),
      [
        'public.portfolios is missing from the restore (40 rows)',
        'public.alembic_version holds revision 0002_more in the restore, ' +
          '0001_core_tables in the source',
      ],
    ],
    [
      'an empty restore',
      snapshot({}),
      [
        'public.alembic_version is missing from the restore (1 row)',
        'public.portfolios is missing from the restore (40 rows)',
        'public."odd name" is missing from the restore (0 rows)',
        'public.users is missing from the restore (2000 rows)',
      ],
    ],
  ])('names %s', (_what, restored, messages) => {
    expect(compareSnapshots(source, restored).map((m) => m.message)).toEqual(messages);
  });
});

describe("pg_restore's errors", () => {
  it('keeps the reasons and cuts a failed COPY to its table, never a DETAIL line', () => {
    const stderr = [
      'pg_restore: error: could not read from input file: end of file',
      'pg_restore: error: COPY failed for table "users": ' +
        'ERROR:  invalid input syntax for type integer: "alice@example.com"',
      'DETAIL:  Key (email)=(alice@example.com) already exists.',
      'CONTEXT:  COPY users, line 1',
      'pg_restore: warning: errors ignored on restore: 2',
    ].join('\n');
    expect(restoreErrors(stderr)).toEqual([
      'could not read from input file: end of file',
      'COPY failed for table "users"',
    ]);
  });
});
