/** Finds which SQL engine a Kysely instance talks to, for the few places that must differ. */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Dialect } from './index.ts';

/** The dialect of a Kysely instance (works inside transactions too). */
export function dialectOf(db: Pick<Kysely<never>, 'getExecutor'>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Joins a text column's values with line breaks into one value (PostgreSQL `string_agg`, SQLite
 * `group_concat`). NULL when there are no rows.
 */
export function joinedLines(
  db: Pick<Kysely<never>, 'getExecutor'>,
  column: string,
): RawBuilder<string | null> {
  return dialectOf(db) === 'postgres'
    ? sql<string | null>`string_agg(${sql.ref(column)}, E'\n')`
    : sql<string | null>`group_concat(${sql.ref(column)}, char(10))`;
}

/**
 * Locks the rows a select reads until the transaction ends. PostgreSQL runs transactions side by
 * side, so it needs `FOR UPDATE`; SQLite already serialises writers, and has no such clause.
 */
export function lockedForUpdate<Q extends { forUpdate(): Q }>(
  db: Pick<Kysely<never>, 'getExecutor'>,
  query: Q,
): Q {
  return dialectOf(db) === 'postgres' ? query.forUpdate() : query;
}
