/**
 * Runs a query as a prepared statement that the database keeps and reuses: a named prepared
 * statement on PostgreSQL (planned once per connection; see pg-pool.ts), and the driver's cached
 * statement on SQLite (see node-sqlite-driver.ts). For the small, fixed set of queries that run
 * very often with different values, such as the dashboards' aggregates; not for queries whose
 * text varies (each distinct text stays prepared on every connection).
 */
import { CompiledQuery } from 'kysely';
import type { Compilable, InferResult, Kysely } from 'kysely';

/** The parameters of a query to run as a prepared statement the database keeps. */
export class Prepared {
  readonly values: readonly unknown[];
  constructor(values: readonly unknown[]) {
    this.values = values;
  }
}

/** Executes `query` as a prepared statement and returns its rows. */
export async function executePrepared<Q extends Compilable<unknown>>(
  db: Pick<Kysely<never>, 'executeQuery'>,
  query: Q,
): Promise<InferResult<Q>> {
  const compiled = query.compile();
  const result = await db.executeQuery(
    CompiledQuery.raw(compiled.sql, [new Prepared(compiled.parameters)]),
  );
  return result.rows as InferResult<Q>;
}
