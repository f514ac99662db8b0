/**
 * The data generation: one number, in the database, that every committed change to Hearth's
 * records moves on (triggers from migration 0042 on every table but those below). A page built
 * only from records can be kept and served again while the number stands still
 * (src/web/kept-pages.ts); any worker, command-line import or administrator's SQL that changes a
 * record moves it, in the same transaction as the change, so a kept page never outlives the
 * records it shows.
 */
import { CompiledQuery } from 'kysely';
import type { Kysely } from 'kysely';
import { Prepared } from './prepared.ts';

/** The generation's table: one row. */
export interface DataGenerationTables {
  data_generation: { id: number; generation: number | string | bigint };
}

/**
 * Tables whose changes do not move the generation: they change on reads and sign-ins (the
 * audit trail and its rollup, sessions, sign-in steps and throttles, form tokens), so counting
 * them would end every kept page at every page view. A page that shows any of them must not be
 * kept. Kysely's own tables and the generation itself are left out too.
 */
export const GENERATION_EXEMPT_TABLES: readonly string[] = [
  'audit_events',
  'audit_heads',
  'audit_looks_month',
  'sessions',
  'sign_in_steps',
  'sign_in_throttle',
  'form_submissions',
  'data_generation',
  'data_generation_pending',
  'kysely_migration',
  'kysely_migration_lock',
];

/** Read on every kept page, so run as a prepared statement kept with its connection. */
const readGeneration = 'select generation from data_generation where id = 1';

/**
 * The current generation as text, or null when it cannot be told (no generation row), in which
 * case nothing may be kept. Read it before the records a kept page is built from: a change that
 * commits in between then only makes the page kept under an older number, never a newer one.
 */
export async function readDataGeneration(
  db: Pick<Kysely<never>, 'executeQuery'>,
): Promise<string | null> {
  const { rows } = await db.executeQuery<{ generation: number | string | bigint | null }>(
    CompiledQuery.raw(readGeneration, [new Prepared([])]),
  );
  const value = rows[0]?.generation;
  return value === undefined || value === null ? null : String(value);
}
