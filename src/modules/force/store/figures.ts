/**
 * SQL for the figures: rollups, denominators and the facts behind the annual return. National
 * reads span organisations by design (they are counts, never records about a person).
 */
import type { Db } from '../../../db/index.ts';
import { bulkInsert, upsertPacked } from '../../../db/bulk.ts';
import { packRows } from '../../../db/pack.ts';
import { dialectOf } from '../../../db/dialect.ts';
import { executePrepared } from '../../../db/prepared.ts';
import type { PackedRollups, RollupDeltas } from '../rollups.ts';
import {
  ALL_ORGANISATIONS,
  ALL_UNITS,
  BUCKET_COLUMNS,
  MONTH_MEASURES,
  rollupRowsOf,
} from '../rollups.ts';
import { num } from './chunks.ts';

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

/** Statements on the rollup and denominator tables. */
export const figureStatements = {
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
};
