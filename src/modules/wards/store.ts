/** SQL for ward shift reports. Every statement names the organisation. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { WardShiftReportVersionsTable, WardShiftReportsTable } from './tables.ts';
import { createSafewardsStore } from './safewards-store.ts';

/** True for a unique-index violation on SQLite or PostgreSQL (a second first report for a shift). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === '23505' ||
    (typeof e?.message === 'string' && e.message.includes('UNIQUE constraint failed'))
  );
}

/** Creates the wards store. */
export function createWardsStore() {
  return {
    // Safewards: interventions, fidelity checks, mutual help meetings, "about me".
    ...createSafewardsStore(),
    /** The report for one ward and shift, if there is one. */
    findReport(db: Db, organisationId: string, unitId: string, date: string, shift: string) {
      return db
        .selectFrom('ward_shift_reports')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('shift_date', '=', date)
        .where('shift', '=', shift as WardShiftReportsTable['shift'])
        .executeTakeFirst();
    },
    /** Adds a first report for a shift. */
    async insertReport(db: Db, row: WardShiftReportsTable): Promise<void> {
      await db.insertInto('ward_shift_reports').values(row).execute();
    },
    /** Replaces a report's counts, only if it is still at `version` (false when it moved on). */
    async updateReport(
      db: Db,
      organisationId: string,
      id: string,
      version: number,
      change: Pick<
        WardShiftReportsTable,
        | 'counts'
        | 'conflict_total'
        | 'containment_total'
        | 'version'
        | 'recorded_by'
        | 'recorded_by_name'
        | 'recorded_at'
      >,
    ): Promise<boolean> {
      const result = await db
        .updateTable('ward_shift_reports')
        .set(change)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Adds many first reports at once (demo data and benchmarks). */
    async insertReports(db: Db, rows: readonly WardShiftReportsTable[]): Promise<void> {
      if (rows.length)
        await db
          .insertInto('ward_shift_reports')
          .values([...rows])
          .execute();
    },
    /** Keeps an earlier version of a report. */
    async insertVersion(db: Db, row: WardShiftReportVersionsTable): Promise<void> {
      await db.insertInto('ward_shift_report_versions').values(row).execute();
    },
    /** A report's earlier versions, newest first. */
    listVersions(db: Db, organisationId: string, reportId: string) {
      return db
        .selectFrom('ward_shift_report_versions')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('report_id', '=', reportId)
        .orderBy('version', 'desc')
        .execute();
    },
    /** Which shifts of a ward have a report between two dates (inclusive). */
    reportedShifts(db: Db, organisationId: string, unitId: string, from: string, to: string) {
      return db
        .selectFrom('ward_shift_reports')
        .select(['shift_date', 'shift'])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('shift_date', '>=', from)
        .where('shift_date', '<=', to)
        .execute();
    },
    /** Reports, conflict and containment per month (YYYY-MM) between two dates. */
    async monthlyTotals(db: Db, organisationId: string, unitId: string, from: string, to: string) {
      const period = sql<string>`substr(shift_date, 1, 7)`;
      const rows = await db
        .selectFrom('ward_shift_reports')
        .select([
          period.as('period'),
          sql<number>`count(*)`.as('reports'),
          sql<number>`sum(conflict_total)`.as('conflict'),
          sql<number>`sum(containment_total)`.as('containment'),
        ])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('shift_date', '>=', from)
        .where('shift_date', '<=', to)
        .groupBy(period)
        .execute();
      return rows.map((r) => ({
        period: r.period,
        reports: Number(r.reports),
        conflict: Number(r.conflict),
        containment: Number(r.containment),
      }));
    },
  };
}

/** The wards store's functions. */
export type WardsStore = ReturnType<typeof createWardsStore>;
