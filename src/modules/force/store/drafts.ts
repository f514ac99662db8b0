/**
 * SQL for records being written (drafts), the release of a record for the person to read, and
 * the organisation's advocacy contacts. Every statement names the organisation.
 */
import type { Db } from '../../../db/index.ts';
import { compiledOnce } from '../../../db/compiled.ts';
import type { ForceDraftsTable, ForceSettingsTable } from '../tables.ts';

/** One author's drafts last changed before a time: built once (compiled.ts), for the home page. */
const staleDraftsOf = compiledOnce(
  (db: Db, v: { organisationId: string; before: string; createdBy: string }) =>
    db
      .selectFrom('force_drafts')
      .selectAll()
      .where('organisation_id', '=', v.organisationId)
      .where('updated_at', '<', v.before)
      .where('created_by', '=', v.createdBy)
      .orderBy('updated_at')
      .limit(50),
);

/** Statements on drafts, the person's view of a record, and the organisation's settings. */
export const draftStatements = {
  async findDraft(
    db: Db,
    organisationId: string,
    id: string,
  ): Promise<ForceDraftsTable | undefined> {
    return db
      .selectFrom('force_drafts')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
  async insertDraft(db: Db, row: ForceDraftsTable): Promise<void> {
    await db.insertInto('force_drafts').values(row).execute();
  },
  async updateDraft(
    db: Db,
    organisationId: string,
    id: string,
    change: Pick<ForceDraftsTable, 'updated_at' | 'step' | 'body' | 'unit_id'>,
  ): Promise<void> {
    await db
      .updateTable('force_drafts')
      .set(change)
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
  },
  /** @returns how many drafts were removed (0 when another sending removed it first) */
  async deleteDraft(db: Db, organisationId: string, id: string): Promise<number> {
    const result = await db
      .deleteFrom('force_drafts')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  },
  /** Drafts last changed before `before`, by one author or on some units (null: all units). */
  async staleDrafts(
    db: Db,
    organisationId: string,
    before: string,
    filter: { createdBy?: string; unitIds?: readonly string[] | null },
  ): Promise<ForceDraftsTable[]> {
    if (filter.createdBy && filter.unitIds === undefined) {
      // The home page's drafts panel: one author, every unit.
      return staleDraftsOf(db, { organisationId, before, createdBy: filter.createdBy });
    }
    let q = db
      .selectFrom('force_drafts')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('updated_at', '<', before);
    if (filter.createdBy) q = q.where('created_by', '=', filter.createdBy);
    if (filter.unitIds) {
      if (filter.unitIds.length === 0) return [];
      q = q.where('unit_id', 'in', [...filter.unitIds]);
    }
    return q.orderBy('updated_at').limit(50).execute();
  },
  /** Whose records these are: the person and the member of staff who recorded each. */
  async incidentOwners(
    db: Db,
    organisationId: string,
    ids: readonly string[],
  ): Promise<{ id: string; person_id: string; recorded_by: string | null }[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('force_incidents')
      .select(['id', 'person_id', 'recorded_by'])
      .where('organisation_id', '=', organisationId)
      .where('id', 'in', [...new Set(ids)])
      .execute();
  },
  async setPersonViewRelease(
    db: Db,
    organisationId: string,
    id: string,
    releasedAt: string,
    releasedBy: string,
  ): Promise<void> {
    await db
      .updateTable('force_incidents')
      .set({ person_view_released_at: releasedAt, person_view_released_by: releasedBy })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
  },
  async findSettings(db: Db, organisationId: string): Promise<ForceSettingsTable | undefined> {
    return db
      .selectFrom('force_settings')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
  },
  async saveSettings(db: Db, row: ForceSettingsTable): Promise<void> {
    const { organisation_id, ...rest } = row;
    const updated = await db
      .updateTable('force_settings')
      .set(rest)
      .where('organisation_id', '=', organisation_id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      await db.insertInto('force_settings').values(row).execute();
  },
};
