/** Finds which SQL engine a Kysely instance talks to, for the few places that must differ. */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';
import type { Dialect } from './index.ts';

/** The dialect of a Kysely instance (works inside transactions too). */
export function dialectOf(db: Pick<Kysely<never>, 'getExecutor'>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
