/** SQL for the use-of-force register, through Kysely; no rules here. */
import type { Db } from '../../db/index.ts';
import { bulkInsert, isIn, upsertPacked } from '../../db/bulk.ts';
import { packRows } from '../../db/pack.ts';
import { dialectOf, joinedLines } from '../../db/dialect.ts';
import { executePrepared } from '../../db/prepared.ts';
import { sql } from 'kysely';
import type { RollupDeltas } from './rollups.ts';
import type { PackedRollups } from './rollups.ts';
import {
  ALL_ORGANISATIONS,
  ALL_UNITS,
  BUCKET_COLUMNS,
  MONTH_MEASURES,
  rollupRowsOf,
} from './rollups.ts';

export { BUCKET_COLUMNS } from './rollups.ts';
import type {
  ForceAmendmentsTable,
  ForceIncidentsTable,
  ForceInterventionsTable,
  ForceObservationsTable,
  ForcePersonAccountsTable,
  ForceReviewsTable,
  ForceSearchesTable,
  PersonCharacteristicsTable,
} from './tables.ts';

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Adds rollup rows laid out by `packRows` (insert, or add to the existing totals). */
async function applyPackedRollups(db: Db, packed: PackedRollups): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => applyPackedRollups(trx, packed));
    return;
  }
  await upsertPacked(db, 'force_rollup_month', packed.month, {
    keys: ['organisation_id', 'unit_id', 'period'],
    add: [...MONTH_MEASURES],
  });
  await upsertPacked(db, 'force_rollup_type', packed.type, {
    keys: ['organisation_id', 'unit_id', 'period', 'type_code'],
    add: ['interventions', 'duration_count', 'duration_sum', ...BUCKET_COLUMNS],
  });
  await upsertPacked(db, 'force_rollup_group', packed.group, {
    keys: ['organisation_id', 'unit_id', 'year', 'dimension', 'group_code'],
    add: ['incidents', 'people'],
  });
}

/**
 * Runs a lookup for a list of keys a thousand at a time: given tens of thousands of keys in one
 * array, PostgreSQL plans a scan of the whole table (about 0.5 s at 3 million rows) instead of
 * an index probe per key.
 */
async function inChunks<T>(
  values: readonly string[],
  run: (chunk: readonly string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 1000) out.push(...(await run(values.slice(i, i + 1000))));
  return out;
}

/** Creates the force store. */
export function createForceStore() {
  return {
    async insertIncidents(db: Db, rows: readonly ForceIncidentsTable[]): Promise<void> {
      await bulkInsert(db, 'force_incidents', rows);
    },
    async insertInterventions(db: Db, rows: readonly ForceInterventionsTable[]): Promise<void> {
      await bulkInsert(db, 'force_interventions', rows);
    },
    async insertReviews(db: Db, rows: readonly ForceReviewsTable[]): Promise<void> {
      await bulkInsert(db, 'force_reviews', rows);
    },
    async insertAmendment(db: Db, row: ForceAmendmentsTable): Promise<void> {
      await db.insertInto('force_amendments').values(row).execute();
    },
    async insertPersonAccount(db: Db, row: ForcePersonAccountsTable): Promise<void> {
      await db.insertInto('force_person_accounts').values(row).execute();
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
    /**
     * All of the organisation's local ids, of incidents and of interventions, and the people it
     * holds characteristics for: each read from an index alone, in one pass. A large import
     * checks its ids against these, then looks up only the ones found. (Probing the index for
     * each of 50,000 ids took about half a second on PostgreSQL, about 7 µs each; reading the
     * largest organisation's keys takes a few milliseconds.)
     */
    async organisationKeys(db: Db, organisationId: string) {
      // Each list comes back as one newline-joined text value: turning a hundred thousand result
      // rows into objects cost Node more (about 0.3 s) than reading them cost the database.
      // Local ids cannot contain a line break (the import allows letters, digits, - . : _ only).
      const joined = (table: string, column: string) => {
        const all = joinedLines(db, column);
        return sql<{
          keys: string | null;
        }>`select ${all} as keys from ${sql.table(table)} where organisation_id = ${organisationId}`
          .execute(db)
          .then((r) => new Set(r.rows[0]?.keys ? r.rows[0].keys.split('\n') : []));
      };
      const [incidents, interventions, people] = await Promise.all([
        joined('force_incidents', 'local_id'),
        joined('force_interventions', 'local_id'),
        joined('person_characteristics', 'person_id'),
      ]);
      return { incidents, interventions, people };
    },
    /** The record ids of the organisation's incidents with these local (provider) ids. */
    async incidentIdsByLocalId(
      db: Db,
      organisationId: string,
      localIds: readonly string[],
    ): Promise<Map<string, string>> {
      const rows = await inChunks(localIds, (chunk) =>
        db
          .selectFrom('force_incidents')
          .select(['local_id', 'id'])
          .where('organisation_id', '=', organisationId)
          .where(isIn(db, 'local_id', chunk))
          .execute(),
      );
      return new Map(rows.map((r) => [r.local_id, r.id]));
    },
    /** The incident (record id) of each of the organisation's interventions with these local ids. */
    async incidentsOfInterventions(
      db: Db,
      organisationId: string,
      localIds: readonly string[],
    ): Promise<Map<string, string>> {
      const rows = await inChunks(localIds, (chunk) =>
        db
          .selectFrom('force_interventions')
          .select(['local_id', 'incident_id'])
          .where('organisation_id', '=', organisationId)
          .where(isIn(db, 'local_id', chunk))
          .execute(),
      );
      return new Map(rows.map((r) => [r.local_id, r.incident_id]));
    },
    /** Which of these people have characteristics recorded in the organisation. */
    async peopleWithCharacteristics(
      db: Db,
      organisationId: string,
      personIds: readonly string[],
    ): Promise<Set<string>> {
      const rows = await inChunks(personIds, (chunk) =>
        db
          .selectFrom('person_characteristics')
          .select('person_id')
          .where('organisation_id', '=', organisationId)
          .where(isIn(db, 'person_id', chunk))
          .execute(),
      );
      return new Set(rows.map((r) => r.person_id));
    },
    async returnFacts(db: Db, organisationId: string, from: string, to: string) {
      const rows = await db
        .selectFrom('force_incidents')
        .select((eb) => [
          'reason_code',
          'harm',
          'non_staff',
          eb.fn.countAll<string | number>().as('n'),
        ])
        .where('organisation_id', '=', organisationId)
        .where('period', '>=', from)
        .where('period', '<=', to)
        .groupBy(['reason_code', 'harm', 'non_staff'])
        .execute();
      const people = await db
        .selectFrom('force_incidents')
        .select((eb) => eb.fn.count<string | number>('person_id').distinct().as('n'))
        .where('organisation_id', '=', organisationId)
        .where('period', '>=', from)
        .where('period', '<=', to)
        .executeTakeFirst();
      return {
        rows: rows.map((r) => ({
          reason_code: r.reason_code,
          harm: r.harm,
          non_staff: r.non_staff,
          n: num(r.n),
        })),
        people: num(people?.n),
      };
    },
    async findIncidentOwner(db: Db, id: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('force_incidents')
        .select('organisation_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.organisation_id;
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
      incidentIds: readonly string[],
    ): Promise<ForceInterventionsTable[]> {
      if (incidentIds.length === 0) return [];
      const out: ForceInterventionsTable[] = [];
      for (let i = 0; i < incidentIds.length; i += 500) {
        out.push(
          ...(await db
            .selectFrom('force_interventions')
            .selectAll()
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
    async amendmentsOf(db: Db, incidentId: string): Promise<ForceAmendmentsTable[]> {
      return db
        .selectFrom('force_amendments')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('version', 'desc')
        .execute();
    },
    async personAccountsOf(db: Db, incidentId: string): Promise<ForcePersonAccountsTable[]> {
      return db
        .selectFrom('force_person_accounts')
        .selectAll()
        .where('incident_id', '=', incidentId)
        .orderBy('version', 'desc')
        .execute();
    },
    async reviewsOf(db: Db, incidentId: string): Promise<ForceReviewsTable[]> {
      return db
        .selectFrom('force_reviews')
        .selectAll()
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
      id: string,
      change: Pick<
        ForceReviewsTable,
        'completed_at' | 'completed_by' | 'notes' | 'support_offered'
      >,
    ): Promise<void> {
      await db.updateTable('force_reviews').set(change).where('id', '=', id).execute();
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
    async findBedDays(
      db: Db,
      organisationId: string,
      unitId: string,
      periods: readonly string[],
    ): Promise<Map<string, number>> {
      if (periods.length === 0) return new Map();
      const rows = await db
        .selectFrom('force_bed_days')
        .select(['period', 'occupied_bed_days'])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('period', 'in', [...periods])
        .execute();
      return new Map(rows.map((r) => [r.period, num(r.occupied_bed_days)]));
    },
    async saveBedDays(
      db: Db,
      rows: readonly {
        organisation_id: string;
        unit_id: string;
        period: string;
        occupied_bed_days: number;
        updated_at: string;
      }[],
    ): Promise<void> {
      await bulkInsert(db, 'force_bed_days', rows, {
        keys: ['organisation_id', 'unit_id', 'period'],
        replace: ['occupied_bed_days', 'updated_at'],
      });
    },
    async findPopulation(db: Db, organisationId: string, unitId: string, year: string) {
      return db
        .selectFrom('force_population')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('year', '=', year)
        .execute();
    },
    async savePopulation(
      db: Db,
      rows: readonly {
        organisation_id: string;
        unit_id: string;
        year: string;
        dimension: string;
        group_code: string;
        people: number;
      }[],
    ): Promise<void> {
      await bulkInsert(db, 'force_population', rows, {
        keys: ['organisation_id', 'unit_id', 'year', 'dimension', 'group_code'],
        replace: ['people'],
      });
    },

    /** Adds deltas to the rollup tables (insert, or add to the existing totals). */
    async applyDeltas(db: Db, deltas: RollupDeltas): Promise<void> {
      const rows = rollupRowsOf(deltas);
      await applyPackedRollups(db, {
        month: packRows(dialectOf(db), rows.month),
        type: packRows(dialectOf(db), rows.type),
        group: packRows(dialectOf(db), rows.group),
      });
    },
    /** Adds rollup rows laid out by `packRows` (for instance on the import's checking thread). */
    applyPackedRollups,

    /** Monthly totals for one scope. */
    async monthRows(db: Db, organisationId: string, unitId: string, from: string, to: string) {
      const rows = await executePrepared(
        db,
        db
          .selectFrom('force_rollup_month')
          .selectAll()
          .where('organisation_id', '=', organisationId)
          .where('unit_id', '=', unitId)
          .where('period', '>=', from)
          .where('period', '<=', to)
          .orderBy('period'),
      );
      return rows.map((r) => ({
        period: r.period,
        incidents: num(r.incidents),
        interventions: num(r.interventions),
        prone_interventions: num(r.prone_interventions),
        injuries_person: num(r.injuries_person),
        account_offered: num(r.account_offered),
        account_given: num(r.account_given),
        plan_applicable: num(r.plan_applicable),
        plan_followed: num(r.plan_followed),
        bed_days: num(r.bed_days),
      }));
    },
    /** Monthly interventions per type for one scope. */
    async typeRows(db: Db, organisationId: string, unitId: string, from: string, to: string) {
      const rows = await executePrepared(
        db,
        db
          .selectFrom('force_rollup_type')
          .select(['period', 'type_code', 'interventions'])
          .where('organisation_id', '=', organisationId)
          .where('unit_id', '=', unitId)
          .where('period', '>=', from)
          .where('period', '<=', to),
      );
      return rows.map((r) => ({
        period: r.period,
        type_code: r.type_code,
        interventions: num(r.interventions),
      }));
    },
    /** Totals per type over a range for one scope, with the duration histogram summed. */
    async typeTotals(db: Db, organisationId: string, unitId: string, from: string, to: string) {
      const rows = await executePrepared(
        db,
        db
          .selectFrom('force_rollup_type')
          .select((eb) => [
            'type_code',
            eb.fn.sum<string | number>('interventions').as('interventions'),
            eb.fn.sum<string | number>('duration_count').as('duration_count'),
            eb.fn.sum<string | number>('duration_sum').as('duration_sum'),
            ...BUCKET_COLUMNS.map((c) => eb.fn.sum<string | number>(c).as(c)),
          ])
          .where('organisation_id', '=', organisationId)
          .where('unit_id', '=', unitId)
          .where('period', '>=', from)
          .where('period', '<=', to)
          .groupBy('type_code'),
      );
      return rows.map((r) => {
        const row = r as unknown as Record<string, unknown>;
        return {
          type_code: r.type_code,
          interventions: num(r.interventions),
          duration_count: num(r.duration_count),
          duration_sum: num(r.duration_sum),
          buckets: BUCKET_COLUMNS.map((c) => num(row[c])),
        };
      });
    },
    /** Incidents and people per group in a year, for one scope. */
    async groupRows(db: Db, organisationId: string, unitId: string, year: string) {
      const rows = await executePrepared(
        db,
        db
          .selectFrom('force_rollup_group')
          .select(['dimension', 'group_code', 'incidents', 'people'])
          .where('organisation_id', '=', organisationId)
          .where('unit_id', '=', unitId)
          .where('year', '=', year),
      );
      return rows.map((r) => ({ ...r, incidents: num(r.incidents), people: num(r.people) }));
    },
    /** Totals per unit of an organisation, or per organisation (national), over a range. */
    async totalsBelow(db: Db, organisationId: string | null, from: string, to: string) {
      const q =
        organisationId === null
          ? db
              .selectFrom('force_rollup_month')
              .select((eb) => [
                'organisation_id as scope_id',
                eb.fn.sum<string | number>('interventions').as('interventions'),
                eb.fn.sum<string | number>('bed_days').as('bed_days'),
              ])
              .where('unit_id', '=', ALL_UNITS)
              .where('period', '>=', from)
              .where('period', '<=', to)
              .where('organisation_id', '<>', ALL_ORGANISATIONS)
              .groupBy('organisation_id')
          : db
              .selectFrom('force_rollup_month')
              .select((eb) => [
                'unit_id as scope_id',
                eb.fn.sum<string | number>('interventions').as('interventions'),
                eb.fn.sum<string | number>('bed_days').as('bed_days'),
              ])
              .where('organisation_id', '=', organisationId)
              .where('unit_id', '<>', ALL_UNITS)
              .where('period', '>=', from)
              .where('period', '<=', to)
              .groupBy('unit_id');
      const rows = await executePrepared(db, q);
      return rows.map((r) => ({
        scopeId: r.scope_id,
        interventions: num(r.interventions),
        bedDays: num(r.bed_days),
      }));
    },
    /** Organisations that have any figures (for the national operator's list). */
    async organisationsWithFigures(db: Db): Promise<string[]> {
      const rows = await db
        .selectFrom('force_rollup_month')
        .select('organisation_id')
        .distinct()
        .where('unit_id', '=', ALL_UNITS)
        .where('organisation_id', '<>', ALL_ORGANISATIONS)
        .execute();
      return rows.map((r) => r.organisation_id);
    },
  };
}

/** The force store's functions. */
export type ForceStore = ReturnType<typeof createForceStore>;
