/** SQL for partners' suggestions to the course text and each organisation's accepted words. */
import type { Db } from '../../../db/index.ts';
import type { LearningTextOverridesTable, LearningTextProposalsTable } from '../tables.ts';

/** Creates the course-wording part of the learning store. */
export function createWordingStore() {
  return {
    /** Adds a suggestion. */
    async insertTextProposal(db: Db, row: LearningTextProposalsTable): Promise<void> {
      await db.insertInto('learning_text_proposals').values(row).execute();
    },
    /** One suggestion of the organisation, or undefined. */
    async findTextProposal(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<LearningTextProposalsTable | undefined> {
      return db
        .selectFrom('learning_text_proposals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** The organisation's suggestions (one partner's only, when named), open ones first, newest first. */
    async listTextProposals(
      db: Db,
      organisationId: string,
      proposedBy?: string,
    ): Promise<LearningTextProposalsTable[]> {
      let query = db
        .selectFrom('learning_text_proposals')
        .selectAll()
        .where('organisation_id', '=', organisationId);
      if (proposedBy !== undefined) query = query.where('proposed_by', '=', proposedBy);
      const rows = await query.orderBy('proposed_at', 'desc').orderBy('id').execute();
      return [...rows.filter((r) => r.state === 'open'), ...rows.filter((r) => r.state !== 'open')];
    },
    /**
     * Records a decision on a suggestion that is still open.
     * @returns false when it was decided meanwhile (nothing changed)
     */
    async decideTextProposal(
      db: Db,
      organisationId: string,
      id: string,
      change: Pick<
        LearningTextProposalsTable,
        'state' | 'decided_by' | 'decided_at' | 'decision_reason'
      >,
    ): Promise<boolean> {
      const result = await db
        .updateTable('learning_text_proposals')
        .set(change)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('state', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** The organisation's accepted words for a section's blocks. */
    async listTextOverrides(
      db: Db,
      organisationId: string,
      sectionId: string,
    ): Promise<LearningTextOverridesTable[]> {
      return db
        .selectFrom('learning_text_overrides')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('section_id', '=', sectionId)
        .execute();
    },
    /** Sets accepted words for a block (replacing earlier ones). */
    async saveTextOverride(db: Db, row: LearningTextOverridesTable): Promise<void> {
      await db
        .deleteFrom('learning_text_overrides')
        .where('organisation_id', '=', row.organisation_id)
        .where('section_id', '=', row.section_id)
        .where('block_id', '=', row.block_id)
        .execute();
      await db.insertInto('learning_text_overrides').values(row).execute();
    },
    /** Drops a section's block changes (a whole-section change replaces them). */
    async clearTextOverrides(db: Db, organisationId: string, sectionId: string): Promise<void> {
      await db
        .deleteFrom('learning_text_overrides')
        .where('organisation_id', '=', organisationId)
        .where('section_id', '=', sectionId)
        .execute();
    },
  };
}
