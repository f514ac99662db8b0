/**
 * A member of staff's job title (#17, the force form): the staff list on a use-of-force record
 * fills name, job title and role from accounts. Nullable: an account without one shows its role.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('job_title', 'text').execute();
  // A staff list's Job Title travels on the invitation to the account made from it.
  await db.schema.alterTable('invitations').addColumn('job_title', 'text').execute();
}
