/** SQL for the conversations in which a practitioner heard a disclosure. */
import type { Db } from '../../../db/index.ts';

/** A conversation where something was disclosed: no content, only when and where. */
export interface DisclosureHeard {
  id: string;
  unitId: string | null;
  at: string;
}

/**
 * The conversations this practitioner led, started at or after `sinceIso`, in which the person
 * told them about hard experiences, newest first. For support offered to the staff member.
 */
export async function listDisclosuresHeard(
  db: Db,
  organisationId: string,
  accountId: string,
  sinceIso: string,
): Promise<DisclosureHeard[]> {
  const rows = await db
    .selectFrom('enquiries')
    .select(['id', 'unit_id', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('practitioner_id', '=', accountId)
    .where('disclosed', '=', 1)
    .where('created_at', '>=', sinceIso)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, unitId: r.unit_id, at: r.created_at }));
}
