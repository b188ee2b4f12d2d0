/**
 * What the restore drill compares: every user table's exact row count and the revision in each
 * `alembic_version` table, read by ONE query that returns names and numbers only, never a row
 * of data. Tables that belong to an extension are left out: pg_dump does not dump them as data.
 */

export interface Snapshot {
  /** `schema.table` (quoted as PostgreSQL quotes identifiers) -> exact row count. */
  counts: Map<string, number>;
  /** `schema.alembic_version` -> its revision(s), comma separated; null when it is empty. */
  revisions: Map<string, string | null>;
}

// query_to_xml runs a count per table inside one statement, so one round trip reads them all.
const TABLES = `
WITH t AS (
  SELECT n.nspname AS s, c.relname AS r
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p')
    AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.objid = c.oid AND d.deptype = 'e')
)`;

export const SNAPSHOT_SQL = `${TABLES}
SELECT 'count', format('%I.%I', s, r), (xpath('/row/c/text()', query_to_xml(
  format('SELECT count(*) AS c FROM %I.%I', s, r), false, true, '')))[1]::text FROM t
UNION ALL
SELECT 'revision', format('%I.%I', s, r), (xpath('/row/v/text()', query_to_xml(
  format('SELECT string_agg(version_num::text, %L ORDER BY version_num) AS v FROM %I.%I',
    ',', s, r), false, true, '')))[1]::text FROM t WHERE r = 'alembic_version'
ORDER BY 1, 2`;

/** psql flags that print the query's rows as `kind<TAB>table<TAB>value` lines. */
export const SNAPSHOT_PSQL_ARGS = ['-X', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1'];

export function parseSnapshot(output: string): Snapshot {
  const snapshot: Snapshot = { counts: new Map(), revisions: new Map() };
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    const [kind, table, value = ''] = line.split('\t');
    if (kind === 'count' && table) snapshot.counts.set(table, Number(value));
    else if (kind === 'revision' && table) snapshot.revisions.set(table, value || null);
    else throw new Error(`unexpected line in the table counts: ${line.slice(0, 80)}`);
  }
  return snapshot;
}

export interface Mismatch {
  table: string;
  message: string;
}

/** What the restore lacks compared with the source; empty when the restore is faithful. */
export function compareSnapshots(source: Snapshot, restored: Snapshot): Mismatch[] {
  const found: Mismatch[] = [];
  for (const [table, count] of source.counts) {
    const got = restored.counts.get(table);
    if (got === undefined)
      found.push({ table, message: `${table} is missing from the restore (${rows(count)})` });
    else if (got !== count)
      found.push({
        table,
        message: `${table} has ${rows(got)} in the restore, ${count} in the source`,
      });
  }
  for (const [table, revision] of source.revisions) {
    const got = restored.revisions.get(table);
    if (restored.counts.has(table) && got !== revision) {
      found.push({
        table,
        message:
          `${table} holds revision ${got ?? '(none)'} in the restore, ` +
          `${revision ?? '(none)'} in the source`,
      });
    }
  }
  return found;
}

function rows(count: number): string {
  return `${count} row${count === 1 ? '' : 's'}`;
}

/** `3 tables, 2,003 rows, alembic revision 0001_core_tables`, for the log and the summary. */
export function describeSnapshot(snapshot: Snapshot): string {
  const total = [...snapshot.counts.values()].reduce((a, b) => a + b, 0);
  const revisions = [...snapshot.revisions.values()].map((r) => r ?? '(none)');
  return (
    `${snapshot.counts.size} table${snapshot.counts.size === 1 ? '' : 's'}, ` +
    `${total.toLocaleString('en-US')} rows` +
    (revisions.length ? `, alembic revision ${revisions.join(' / ')}` : ', no alembic_version')
  );
}
