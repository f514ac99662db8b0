/**
 * Organisation set-up (#18): a ward's bed count, offered as a guide when bed days are entered,
 * and the time a unit was closed. A closed unit keeps its row, so its history, memberships,
 * shares and figures still name it; it only leaves the lists people choose from.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('bed_count', 'integer').execute();
  await db.schema.alterTable('units').addColumn('closed_at', 'text').execute();
}
