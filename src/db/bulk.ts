/**
 * Bulk writes for imports, generators and rollups: many rows in few statements, skipping the
 * query builder (which costs more than the write itself at tens of thousands of rows).
 *
 * Guarantees: values are always bound parameters; only the caller's fixed table and column
 * names are in the SQL text. Rows must all have the same keys as the first row.
 *
 * SQLite gets one prepared single-row INSERT run once per row inside the driver (see `batchOf` in
 * node-sqlite-driver.ts). PostgreSQL gets COPY for plain inserts (see pg-pool.ts) and, for
 * upserts, COPY into a temporary table and one INSERT … SELECT … ON CONFLICT from it.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import { dialectOf } from './dialect.ts';
import { batchOf } from './node-sqlite-driver.ts';
import type { PackedRows } from './pack.ts';
import { packRows } from './pack.ts';
import { CopyIn } from './pg-pool.ts';

/** What to do when a row's key already exists. */
export interface OnConflict {
  /** The unique key columns. */
  keys: readonly string[];
  /** Columns whose new value is added to the stored value (rollup totals). */
  add?: readonly string[];
  /** Columns whose stored value is replaced by the new value. */
  replace?: readonly string[];
}

// Rows handed to the SQLite driver at once; bounds the memory the parameter lists take.
const SQLITE_ROWS_PER_BATCH = 5000;
/** The database handle bulk writes need (any Kysely instance or transaction). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any table
type BulkDb = Kysely<any>;

const NAME = /^[a-z_][a-z0-9_]*$/;

function conflictClause(table: string, conflict: OnConflict | undefined): string {
  if (!conflict) return '';
  const sets = [
    ...(conflict.add ?? []).map((c) => `${c} = ${table}.${c} + excluded.${c}`),
    ...(conflict.replace ?? []).map((c) => `${c} = excluded.${c}`),
  ];
  return sets.length
    ? ` on conflict (${conflict.keys.join(',')}) do update set ${sets.join(',')}`
    : ` on conflict (${conflict.keys.join(',')}) do nothing`;
}

function checkNames(table: string, columns: readonly string[], conflict?: OnConflict): void {
  const names = [
    table,
    ...columns,
    ...(conflict?.keys ?? []),
    ...(conflict?.add ?? []),
    ...(conflict?.replace ?? []),
  ];
  for (const name of names)
    if (!NAME.test(name)) throw new Error(`bulkInsert: unsafe name ${name}`);
}

/**
 * Inserts rows (or upserts them, with `conflict`) in as few statements as the engine allows, all
 * or none: outside a transaction it opens one.
 */
export async function bulkInsert<T extends object>(
  db: BulkDb,
  table: string,
  rows: readonly T[],
  conflict?: OnConflict,
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  checkNames(table, Object.keys(first), conflict);
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => bulkInsert(trx, table, rows, conflict));
    return;
  }
  await upsertPacked(db, table, packRows(dialectOf(db), rows), conflict);
}

/**
 * Inserts rows already laid out by `packRows` for this database's engine (for instance on an
 * import's checking thread). Must run inside a transaction.
 */
export async function insertPacked(db: BulkDb, table: string, packed: PackedRows): Promise<void> {
  await upsertPacked(db, table, packed);
}

/** Like `bulkInsert` for rows already laid out by `packRows`; must run inside a transaction. */
export async function upsertPacked(
  db: BulkDb,
  table: string,
  packed: PackedRows,
  conflict?: OnConflict,
): Promise<void> {
  if (packed.count === 0) return;
  checkNames(table, packed.columns, conflict);
  if (!db.isTransaction) throw new Error('insertPacked: must run inside a transaction');
  const onConflict = conflictClause(table, conflict);
  const list = packed.columns.join(',');

  if (dialectOf(db) === 'postgres') {
    if (!packed.copy) throw new Error('insertPacked: rows were packed for SQLite');
    if (!conflict) {
      // Plain inserts go through COPY (see pg-pool.ts), a few hundred rows to a chunk of text.
      await db.executeQuery(
        CompiledQuery.raw(`copy ${table} (${list}) from stdin`, [
          new CopyIn(packed.copy, packed.count),
        ]),
      );
      return;
    }
    // Upserts: COPY into a temporary copy of the table (dropped at commit), then one
    // INSERT … SELECT … ON CONFLICT. Like the SQLite path, a key may appear only once per call.
    const temp = `bulk_${table}`;
    await db.executeQuery(
      CompiledQuery.raw(
        `create temp table if not exists ${temp} (like ${table} including defaults) on commit drop`,
      ),
    );
    await upsertPacked(db, temp, packed);
    await db.executeQuery(
      CompiledQuery.raw(`insert into ${table} (${list}) select ${list} from ${temp}${onConflict}`),
    );
    await db.executeQuery(CompiledQuery.raw(`truncate ${temp}`));
    return;
  }

  if (!packed.values) throw new Error('insertPacked: rows were packed for PostgreSQL');
  const text = `insert into ${table} (${list}) values (${packed.columns.map(() => '?').join(',')})${onConflict}`;
  for (let i = 0; i < packed.values.length; i += SQLITE_ROWS_PER_BATCH)
    await db.executeQuery(
      CompiledQuery.raw(text, batchOf(packed.values.slice(i, i + SQLITE_ROWS_PER_BATCH))),
    );
}

/**
 * `column IN (values)` with the whole list as one parameter, however long: SQLite reads a JSON
 * array with `json_each`, PostgreSQL compares with `= any` of a text array (an index probe per
 * value). Saves splitting lookups of tens of thousands of ids into hundreds of queries.
 */
export function isIn(
  db: Pick<Kysely<never>, 'getExecutor'>,
  column: string,
  values: readonly string[],
): RawBuilder<SqlBool> {
  return dialectOf(db) === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} = any(${[...values]}::text[])`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}
