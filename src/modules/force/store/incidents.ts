/** SQL for incidents, their interventions and amendments. Every statement names the organisation. */
import type { Db } from '../../../db/index.ts';
import { bulkInsert, isIn } from '../../../db/bulk.ts';
import type {
  ForceAmendmentsTable,
  ForceIncidentsTable,
  ForceInterventionsTable,
} from '../tables.ts';
import { inChunks } from './chunks.ts';

/** Statements on force_incidents, force_interventions and force_amendments. */
export const incidentStatements = {
  async insertIncidents(db: Db, rows: readonly ForceIncidentsTable[]): Promise<void> {
    await bulkInsert(db, 'force_incidents', rows);
  },
  async insertInterventions(db: Db, rows: readonly ForceInterventionsTable[]): Promise<void> {
    await bulkInsert(db, 'force_interventions', rows);
  },
  async insertAmendment(db: Db, row: ForceAmendmentsTable): Promise<void> {
    await db.insertInto('force_amendments').values(row).execute();
  },
  async findIncident(
    db: Db,
    organisationId: string,
    id: string,
  ): Promise<ForceIncidentsTable | undefined> {
    return db
      .selectFrom('force_incidents')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
  async findIncidentsByIds(
    db: Db,
    organisationId: string,
    ids: readonly string[],
  ): Promise<ForceIncidentsTable[]> {
    return inChunks(ids, (chunk) =>
      db
        .selectFrom('force_incidents')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where(isIn(db, 'id', chunk))
        .execute(),
    );
  },
  async updateIncident(db: Db, row: ForceIncidentsTable): Promise<void> {
    const { id, organisation_id, ...rest } = row;
    await db
      .updateTable('force_incidents')
      .set(rest)
      .where('organisation_id', '=', organisation_id)
      .where('id', '=', id)
      .execute();
  },
  async setAccountState(
    db: Db,
    organisationId: string,
    id: string,
    change: Partial<
      Pick<ForceIncidentsTable, 'account_status' | 'account_helper_id' | 'account_offered'>
    >,
  ): Promise<void> {
    await db
      .updateTable('force_incidents')
      .set(change)
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
  },
  async interventionsOf(
    db: Db,
    organisationId: string,
    incidentIds: readonly string[],
  ): Promise<ForceInterventionsTable[]> {
    if (incidentIds.length === 0) return [];
    const out: ForceInterventionsTable[] = [];
    for (let i = 0; i < incidentIds.length; i += 500) {
      out.push(
        ...(await db
          .selectFrom('force_interventions')
          .selectAll()
          .where('organisation_id', '=', organisationId)
          .where('incident_id', 'in', incidentIds.slice(i, i + 500))
          .orderBy('incident_id')
          .orderBy('seq')
          .execute()),
      );
    }
    return out;
  },
  async deleteChildrenOf(db: Db, organisationId: string, incidentId: string): Promise<void> {
    await db
      .deleteFrom('force_interventions')
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incidentId)
      .execute();
  },
  async deleteIncident(db: Db, organisationId: string, incidentId: string): Promise<void> {
    for (const table of [
      'force_interventions',
      'force_reviews',
      'force_amendments',
      'force_person_accounts',
      'force_learning_themes',
      'force_learning',
    ] as const) {
      await db
        .deleteFrom(table)
        .where('organisation_id', '=', organisationId)
        .where('incident_id', '=', incidentId)
        .execute();
    }
    await db
      .deleteFrom('force_incidents')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', incidentId)
      .execute();
  },
  async amendmentsOf(
    db: Db,
    organisationId: string,
    incidentId: string,
  ): Promise<ForceAmendmentsTable[]> {
    return db
      .selectFrom('force_amendments')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incidentId)
      .orderBy('version', 'desc')
      .execute();
  },
  async listIncidents(
    db: Db,
    organisationId: string,
    unitIds: readonly string[] | null,
    limit: number,
  ): Promise<ForceIncidentsTable[]> {
    let q = db
      .selectFrom('force_incidents')
      .selectAll()
      .where('organisation_id', '=', organisationId);
    if (unitIds !== null) {
      if (unitIds.length === 0) return [];
      q = q.where('unit_id', 'in', [...unitIds]);
    }
    return q.orderBy('start_at', 'desc').limit(limit).execute();
  },
  async incidentsOfPerson(
    db: Db,
    organisationId: string,
    personId: string,
  ): Promise<ForceIncidentsTable[]> {
    return db
      .selectFrom('force_incidents')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('person_id', '=', personId)
      .orderBy('start_at', 'desc')
      .execute();
  },
  async incidentsForExport(
    db: Db,
    organisationId: string,
    from: string,
    to: string,
  ): Promise<ForceIncidentsTable[]> {
    return db
      .selectFrom('force_incidents')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('period', '>=', from)
      .where('period', '<=', to)
      .orderBy('start_at')
      .orderBy('id')
      .execute();
  },
};
