/** SQL for local statements, partners' suggested wording, and each round's instrument. */
import type { Db } from '../../../db/index.ts';
import type {
  AssessmentLocalItemsTable,
  AssessmentWordingProposalsTable,
  AssessmentWordingTable,
} from '../tables.ts';

/** Creates the wording part of the assessment store. */
export function createWordingStore() {
  return {
    /** The organisation's local statements, oldest first. */
    listLocalItems(db: Db, organisationId: string): Promise<AssessmentLocalItemsTable[]> {
      return db
        .selectFrom('assessment_local_items')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('number')
        .execute();
    },
    /** Adds a local statement. */
    async insertLocalItem(db: Db, row: AssessmentLocalItemsTable): Promise<void> {
      await db.insertInto('assessment_local_items').values(row).execute();
    },
    /** The organisation's accepted wording, by item. */
    listWording(db: Db, organisationId: string): Promise<AssessmentWordingTable[]> {
      return db
        .selectFrom('assessment_wording')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .execute();
    },
    /** Sets the accepted wording of an item (replacing earlier wording). */
    async saveWording(db: Db, row: AssessmentWordingTable): Promise<void> {
      await db
        .deleteFrom('assessment_wording')
        .where('organisation_id', '=', row.organisation_id)
        .where('item_id', '=', row.item_id)
        .execute();
      await db.insertInto('assessment_wording').values(row).execute();
    },
    /** Adds a suggestion. */
    async insertWordingProposal(db: Db, row: AssessmentWordingProposalsTable): Promise<void> {
      await db.insertInto('assessment_wording_proposals').values(row).execute();
    },
    /** One suggestion of the organisation, or undefined. */
    findWordingProposal(db: Db, organisationId: string, id: string) {
      return db
        .selectFrom('assessment_wording_proposals')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** The organisation's suggestions (one partner's, when named), newest first. */
    async listWordingProposals(
      db: Db,
      organisationId: string,
      proposedBy?: string,
    ): Promise<AssessmentWordingProposalsTable[]> {
      let query = db
        .selectFrom('assessment_wording_proposals')
        .selectAll()
        .where('organisation_id', '=', organisationId);
      if (proposedBy !== undefined) query = query.where('proposed_by', '=', proposedBy);
      const rows = await query.orderBy('proposed_at', 'desc').orderBy('id').execute();
      return [...rows.filter((r) => r.state === 'open'), ...rows.filter((r) => r.state !== 'open')];
    },
    /**
     * Records a decision on a suggestion that is still open.
     * @returns false when it was decided meanwhile
     */
    async decideWordingProposal(
      db: Db,
      organisationId: string,
      id: string,
      change: Pick<
        AssessmentWordingProposalsTable,
        'state' | 'decided_by' | 'decided_at' | 'decision_reason'
      >,
    ): Promise<boolean> {
      const result = await db
        .updateTable('assessment_wording_proposals')
        .set(change)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('state', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Keeps the instrument a round opened with. */
    async insertRoundInstrument(
      db: Db,
      organisationId: string,
      roundId: string,
      instrument: string,
    ): Promise<void> {
      await db
        .insertInto('assessment_round_instruments')
        .values({ organisation_id: organisationId, round_id: roundId, instrument })
        .execute();
    },
    /** The instrument a round opened with (JSON), or undefined for rounds from before. */
    async findRoundInstrument(
      db: Db,
      organisationId: string,
      roundId: string,
    ): Promise<string | undefined> {
      const row = await db
        .selectFrom('assessment_round_instruments')
        .select('instrument')
        .where('organisation_id', '=', organisationId)
        .where('round_id', '=', roundId)
        .executeTakeFirst();
      return row?.instrument;
    },
  };
}
