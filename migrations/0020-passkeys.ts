/**
 * Passkeys in use: the name a person gives each passkey (so they can tell them apart on "Your
 * sign-in") and whether the passkey is backed up or synced by its provider. Challenges are not
 * stored here: each is kept on a sign-in step (sign_in_steps.challenge), used once and expiring.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('passkeys')
    .addColumn('name', 'text', (c) => c.notNull().defaultTo('Passkey'))
    .execute();
  await db.schema
    .alterTable('passkeys')
    .addColumn('backed_up', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
