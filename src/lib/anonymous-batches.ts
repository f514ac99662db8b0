/**
 * Writing answers that must not be joined to the person who gave them (the self-assessment's
 * responses, the staff wellbeing check-in). Guarantees, together with the tables' shape:
 * - the answers row carries no account id and no time, only a random key and a coarse period;
 * - who has answered is a separate table, written in the same transaction, that says nothing
 *   about what they answered;
 * - each new row is written together with a random batch of up to MIX_BATCH of its group's
 *   other rows, deleted and written again in key order, so neither the table's physical order,
 *   the writing transaction (PostgreSQL's xmin) nor a row id singles the new row out. On SQLite
 *   the answers table is WITHOUT ROWID, so rows sit in key order, not the order they came.
 * The tables are named by the caller; every statement filters on the `scope` columns, which
 * must include `organisation_id` (the tenancy guard checks this).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { newId } from './tokens.ts';

/**
 * How many of a group's other rows are rewritten, in key order, with each new one. The new
 * row then shares its place and its writing transaction with up to this many others.
 */
export const MIX_BATCH = 50;

/** A new random key for an anonymous row: random, so its order says nothing about time. */
export function newAnonymousKey(): string {
  return newId();
}

/** Column name → value; `organisation_id` must be among them. */
export type Scope = Readonly<Record<string, string>> & { organisation_id: string };

/**
 * Adds `row` (which must carry the scope's columns and an `id`) to `table`, then deletes and
 * writes again a random batch of the scope's other rows, all in key order.
 */
export async function insertMixed(
  // The table is named by the caller, so its row type is the caller's to check.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  table: string,
  scope: Scope,
  row: Record<string, unknown> & { id: string },
): Promise<void> {
  const others = (await db
    .selectFrom(table)
    .selectAll()
    .where((eb) => eb.and(Object.entries(scope).map(([c, v]) => eb(c, '=', v))))
    .orderBy(sql`random()`)
    .limit(MIX_BATCH)
    .execute()) as (Record<string, unknown> & { id: string })[];
  if (others.length > 0) {
    await db
      .deleteFrom(table)
      .where((eb) => eb.and(Object.entries(scope).map(([c, v]) => eb(c, '=', v))))
      .where(
        'id',
        'in',
        others.map((o) => o.id),
      )
      .execute();
  }
  const batch = [...others, row].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await db.insertInto(table).values(batch).execute();
}

/**
 * Records that an account has answered in a group; false when it already had (the database
 * decides between two tabs sending at once). `row` is the has-answered table's whole row.
 */
export async function markAnsweredOnce(
  // As above: the caller names the table and checks the row.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  table: string,
  row: Record<string, string> & { organisation_id: string; account_id: string },
): Promise<boolean> {
  const result = await db
    .insertInto(table)
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}
