/** SQL for the organisation's retention periods. Every statement filters on organisation_id. */
import type { Db } from '../../db/index.ts';
import type { RetentionSettingsTable } from './tables.ts';

/** Creates the rights store. */
export function createRightsStore() {
  return {
    /** The periods an organisation has set (kinds it has not set are absent). */
    async listSettings(db: Db, organisationId: string): Promise<RetentionSettingsTable[]> {
      const rows = await db
        .selectFrom('retention_settings')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .execute();
      return rows.map((r) => ({ ...r, months: Number(r.months) }));
    },

    /** Sets one period, replacing any earlier one. */
    async saveSetting(db: Db, row: RetentionSettingsTable): Promise<void> {
      await db
        .insertInto('retention_settings')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['organisation_id', 'category']).doUpdateSet({
            months: row.months,
            updated_at: row.updated_at,
            updated_by: row.updated_by,
          }),
        )
        .execute();
    },
  };
}

/** The rights store's functions. */
export type RightsStore = ReturnType<typeof createRightsStore>;
