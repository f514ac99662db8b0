/**
 * Adapts node:sqlite's DatabaseSync to the small database interface Kysely's SqliteDialect
 * expects, so Hearth needs no native add-on for its embedded default.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Wraps a DatabaseSync for Kysely's SqliteDialect. */
export function adaptNodeSqlite(db: DatabaseSync): SqliteDatabase {
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const statement = db.prepare(sql);
      const reader = statement.columns().length > 0;
      return {
        reader,
        all: (parameters: readonly unknown[]) =>
          statement.all(...(parameters as SQLInputValue[])) as unknown[],
        run: (parameters: readonly unknown[]) => {
          const result = statement.run(...(parameters as SQLInputValue[]));
          return {
            changes: Number(result.changes),
            lastInsertRowid: Number(result.lastInsertRowid),
          };
        },
        iterate: (parameters: readonly unknown[]) =>
          statement.iterate(...(parameters as SQLInputValue[])) as IterableIterator<unknown>,
      };
    },
  };
}
