/**
 * SQL for what follows an incident and what is kept about the person: reviews, the person's own
 * account, characteristics, observations and searches. Every statement names the organisation.
 */
import type { Db } from '../../../db/index.ts';
import { bulkInsert } from '../../../db/bulk.ts';
import type {
  ForceObservationsTable,
  ForcePersonAccountsTable,
  ForceReviewsTable,
  ForceSearchesTable,
  PersonCharacteristicsTable,
} from '../tables.ts';

/** Statements on reviews, person accounts, characteristics, observations and searches. */
export const peopleStatements = {
  async insertReviews(db: Db, rows: readonly ForceReviewsTable[]): Promise<void> {
    await bulkInsert(db, 'force_reviews', rows);
  },
  async reviewsOf(
    db: Db,
    organisationId: string,
    incidentId: string,
  ): Promise<ForceReviewsTable[]> {
    return db
      .selectFrom('force_reviews')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incidentId)
      .orderBy('due_at')
      .execute();
  },
  async findReview(
    db: Db,
    organisationId: string,
    incidentId: string,
    id: string,
  ): Promise<ForceReviewsTable | undefined> {
    return db
      .selectFrom('force_reviews')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incidentId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
  async completeReview(
    db: Db,
    organisationId: string,
    id: string,
    change: Pick<ForceReviewsTable, 'completed_at' | 'completed_by' | 'notes' | 'support_offered'>,
  ): Promise<void> {
    await db
      .updateTable('force_reviews')
      .set(change)
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
  },
  async openReviews(
    db: Db,
    organisationId: string,
    unitIds: readonly string[] | null,
    limit: number,
  ): Promise<ForceReviewsTable[]> {
    let q = db
      .selectFrom('force_reviews')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('completed_at', 'is', null);
    if (unitIds !== null) {
      if (unitIds.length === 0) return [];
      q = q.where('unit_id', 'in', [...unitIds]);
    }
    return q.orderBy('due_at').limit(limit).execute();
  },
  async insertPersonAccount(db: Db, row: ForcePersonAccountsTable): Promise<void> {
    await db.insertInto('force_person_accounts').values(row).execute();
  },
  async personAccountsOf(
    db: Db,
    organisationId: string,
    incidentId: string,
  ): Promise<ForcePersonAccountsTable[]> {
    return db
      .selectFrom('force_person_accounts')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incidentId)
      .orderBy('version', 'desc')
      .execute();
  },
  async findCharacteristics(
    db: Db,
    organisationId: string,
    personIds: readonly string[],
  ): Promise<PersonCharacteristicsTable[]> {
    if (personIds.length === 0) return [];
    return db
      .selectFrom('person_characteristics')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('person_id', 'in', [...personIds])
      .execute();
  },
  async saveCharacteristics(db: Db, rows: readonly PersonCharacteristicsTable[]): Promise<void> {
    await bulkInsert(db, 'person_characteristics', rows, {
      keys: ['person_id'],
      replace: [
        'nhs_number',
        'ethnic_codes',
        'sex',
        'date_of_birth',
        'disability',
        'ld_autism',
        'mental_disorder',
        'legal_status',
        'updated_at',
        'updated_by',
      ],
    });
  },
  async insertObservation(db: Db, row: ForceObservationsTable): Promise<void> {
    await db.insertInto('force_observations').values(row).execute();
  },
  async insertSearch(db: Db, row: ForceSearchesTable): Promise<void> {
    await db.insertInto('force_searches').values(row).execute();
  },
  async listObservations(
    db: Db,
    organisationId: string,
    unitIds: readonly string[],
    limit: number,
  ) {
    if (unitIds.length === 0) return [];
    return db
      .selectFrom('force_observations')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('unit_id', 'in', [...unitIds])
      .orderBy('start_at', 'desc')
      .limit(limit)
      .execute();
  },
  async listSearches(db: Db, organisationId: string, unitIds: readonly string[], limit: number) {
    if (unitIds.length === 0) return [];
    return db
      .selectFrom('force_searches')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('unit_id', 'in', [...unitIds])
      .orderBy('occurred_at', 'desc')
      .limit(limit)
      .execute();
  },
};
