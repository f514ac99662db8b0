/**
 * Adapts node:sqlite's DatabaseSync to the small database interface Kysely's SqliteDialect
 * expects, so Hearth needs no native add-on for its embedded default.
 *
 * Prepared statements are cached by their SQL text: compiling a statement costs more than
 * running it for most of Hearth's queries, and bulk writes repeat the same text thousands of
 * times. The cache is small and evicts the least recently used statement.
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { Prepared } from './prepared.ts';

const CACHED_STATEMENTS = 200;

const BATCH = Symbol('hearth.sqlite.batch');

/**
 * Marks a list of parameter rows so that one prepared statement runs once per row, in the
 * transaction that is open. SQLite runs a one-row INSERT repeated thousands of times faster than
 * multi-row INSERTs (measured about 1.7 times for the register's wide rows), and repeating it
 * here avoids a round trip through the query builder for every row.
 */
export function batchOf(rows: readonly (readonly unknown[])[]): unknown[] {
  return Object.assign([...rows], { [BATCH]: true });
}

/** Takes the values out of a `Prepared` marker: every SQLite statement is cached anyway. */
function valuesOf(parameters: readonly unknown[]): SQLInputValue[] {
  const only = parameters.length === 1 ? parameters[0] : undefined;
  return (only instanceof Prepared ? only.values : parameters) as SQLInputValue[];
}

function isBatch(parameters: readonly unknown[]): parameters is readonly SQLInputValue[][] {
  return (parameters as { [BATCH]?: boolean })[BATCH] === true;
}

/** Wraps a DatabaseSync for Kysely's SqliteDialect. */
export function adaptNodeSqlite(db: DatabaseSync): SqliteDatabase {
  const cache = new Map<string, { statement: StatementSync; reader: boolean }>();
  function statementFor(sql: string) {
    let entry = cache.get(sql);
    if (entry) {
      // Move to the back: Map keeps insertion order, so the front is least recently used.
      cache.delete(sql);
    } else {
      const statement = db.prepare(sql);
      entry = { statement, reader: statement.columns().length > 0 };
      if (cache.size >= CACHED_STATEMENTS) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    cache.set(sql, entry);
    return entry;
  }
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      const { statement, reader } = statementFor(sql);
      return {
        reader,
        all: (parameters: readonly unknown[]) =>
          statement.all(...valuesOf(parameters)) as unknown[],
        run: (parameters: readonly unknown[]) => {
          if (isBatch(parameters)) {
            let changes = 0;
            for (const row of parameters) changes += Number(statement.run(...row).changes);
            return { changes, lastInsertRowid: 0 };
          }
          const result = statement.run(...valuesOf(parameters));
          return {
            changes: Number(result.changes),
            lastInsertRowid: Number(result.lastInsertRowid),
          };
        },
        iterate: (parameters: readonly unknown[]) =>
          statement.iterate(...valuesOf(parameters)) as IterableIterator<unknown>,
      };
    },
  };
}
