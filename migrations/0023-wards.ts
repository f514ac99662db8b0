/**
 * Wards: one conflict and containment report per ward per shift, with earlier versions kept when
 * a report is changed.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ward_shift_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('shift_date', 'text', (c) => c.notNull())
    .addColumn('shift', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('conflict_total', 'integer', (c) => c.notNull())
    .addColumn('containment_total', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  // One report per ward per shift; the figures read a ward's months in date order.
  await db.schema
    .createIndex('ward_shift_reports_shift')
    .on('ward_shift_reports')
    .columns(['organisation_id', 'unit_id', 'shift_date', 'shift'])
    .unique()
    .execute();
  await db.schema
    .createTable('ward_shift_report_versions')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ward_shift_report_versions_pk', [
      'organisation_id',
      'report_id',
      'version',
    ])
    .execute();
}
