/** SQL for the conversations in which a practitioner heard a disclosure. */
import type { Db } from '../../../db/index.ts';
import { compiledOnce } from '../../../db/compiled.ts';

/** The statement, built once (compiled.ts): the learning panel runs it on every home page. */
const disclosedSince = compiledOnce(
  (db: Db, v: { organisationId: string; accountId: string; sinceIso: string }) =>
    db
      .selectFrom('enquiries')
      .select(['id', 'unit_id', 'created_at'])
      .where('organisation_id', '=', v.organisationId)
      .where('practitioner_id', '=', v.accountId)
      .where('disclosed', '=', 1)
      .where('created_at', '>=', v.sinceIso)
      .orderBy('created_at', 'desc'),
);

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
  const rows = await disclosedSince(db, { organisationId, accountId, sinceIso });
  return rows.map((r) => ({ id: r.id, unitId: r.unit_id, at: r.created_at }));
}
