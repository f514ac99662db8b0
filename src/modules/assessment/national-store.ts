/**
 * SQL for the comparison across organisations. Every statement names its organisations: one
 * organisation's own choice, or (inside acrossOrganisations, by the caller) the organisations
 * that chose to share.
 */
import type { Db } from '../../db/index.ts';
import type { AssessmentRoundsTable } from './tables.ts';

/** Creates the sharing store. */
export function createNationalStore() {
  return {
    /** An organisation's sharing choice, or undefined when it never chose (not shared). */
    findSharing(db: Db, organisationId: string) {
      return db
        .selectFrom('assessment_sharing')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst();
    },
    /** Records an organisation's choice (one row per organisation, replaced). */
    async saveSharing(
      db: Db,
      row: { organisation_id: string; shared: number; changed_by: string; changed_at: string },
    ): Promise<void> {
      await db
        .insertInto('assessment_sharing')
        .values(row)
        .onConflict((oc) =>
          oc.column('organisation_id').doUpdateSet({
            shared: row.shared,
            changed_by: row.changed_by,
            changed_at: row.changed_at,
          }),
        )
        .execute();
    },
    /** Every organisation that shares (call inside acrossOrganisations). */
    async sharingOrganisations(db: Db): Promise<string[]> {
      const rows = await db
        .selectFrom('assessment_sharing')
        .select('organisation_id')
        .where('shared', '=', 1)
        .orderBy('organisation_id')
        .execute();
      return rows.map((r) => r.organisation_id);
    },
    /** Whole-organisation rounds of the given organisations closing in a span of days (inclusive). */
    wholeOrganisationRounds(
      db: Db,
      organisationIds: readonly string[],
      from: string,
      to: string,
    ): Promise<AssessmentRoundsTable[]> {
      if (organisationIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('assessment_rounds')
        .selectAll()
        .where('organisation_id', 'in', organisationIds)
        .where('unit_id', 'is', null)
        .where('closes_on', '>=', from)
        .where('closes_on', '<=', to)
        .orderBy('organisation_id')
        .orderBy('closes_on', 'desc')
        .execute();
    },
  };
}
