/**
 * The monthly rollup of shift reports, as the force register keeps its own: one row per
 * organisation, ward and month. Guarantees: every save of a shift report adds its delta in the
 * same transaction (a change subtracts the old counts and adds the new), so the figures and the
 * organisation chart read a handful of rows however many reports there are; `rebuildRollup`
 * works the rows out afresh from the reports and must give the same answer.
 */
import type { Db } from '../../db/index.ts';
import { createScreenStore } from './screen-store.ts';
import type { RollupDelta } from './screen-store.ts';
import { ORGANISATION_ROW } from './tables.ts';
import type { WardShiftRollupTable } from './tables.ts';

const store = createScreenStore();

/** The counts a report holds, as the rollup sees them. */
export interface RolledReport {
  counts: Record<string, number>;
  conflict_total: number;
  containment_total: number;
}

/** What a report adds (sign 1) or takes away (sign -1). */
export function deltaOf(report: RolledReport, sign: 1 | -1): RollupDelta {
  const items: Record<string, number> = {};
  for (const [code, n] of Object.entries(report.counts)) if (n) items[code] = sign * n;
  return {
    reports: sign,
    conflict: sign * report.conflict_total,
    containment: sign * report.containment_total,
    items,
  };
}

/** Adds two deltas together (an edit: the old counts taken away, the new ones added). */
function plus(a: RollupDelta, b: RollupDelta): RollupDelta {
  const items = { ...a.items };
  for (const [code, n] of Object.entries(b.items)) items[code] = (items[code] ?? 0) + n;
  return {
    reports: a.reports + b.reports,
    conflict: a.conflict + b.conflict,
    containment: a.containment + b.containment,
    items: Object.fromEntries(Object.entries(items).filter(([, n]) => n !== 0)),
  };
}

/**
 * Keeps the rollup in step with one save, inside the save's transaction: `before` is the
 * report as it was (null for a first report), `after` as it is now.
 */
export async function rollShiftReport(
  trx: Db,
  where: { organisationId: string; unitId: string; date: string },
  before: RolledReport | null,
  after: RolledReport,
): Promise<void> {
  const delta = before ? plus(deltaOf(before, -1), deltaOf(after, 1)) : deltaOf(after, 1);
  await store.applyRollup(trx, where.organisationId, where.unitId, where.date.slice(0, 7), delta);
}

/** Adds reports to a set of rollup rows in memory (the rebuild, demo data and the benchmark). */
export function accumulate(
  into: Map<string, WardShiftRollupTable>,
  organisationId: string,
  report: RolledReport & { unit_id: string; shift_date: string },
): void {
  const month = report.shift_date.slice(0, 7);
  const rowOf = (unitId: string) => {
    const key = `${unitId}|${month}`;
    let row = into.get(key);
    const fresh = !row;
    if (!row) {
      row = {
        organisation_id: organisationId,
        unit_id: unitId,
        month,
        reports: 0,
        conflict: 0,
        containment: 0,
        items: '{}',
        wards: 0,
      };
      into.set(key, row);
    }
    row.reports += 1;
    row.conflict += report.conflict_total;
    row.containment += report.containment_total;
    return { row, fresh };
  };
  const { row, fresh } = rowOf(report.unit_id);
  const items = JSON.parse(row.items) as Record<string, number>;
  for (const [code, n] of Object.entries(report.counts))
    if (n) items[code] = (items[code] ?? 0) + n;
  row.items = JSON.stringify(items);
  // The organisation's row, as the save path keeps it: totals, and the wards that reported.
  if (report.unit_id !== ORGANISATION_ROW) rowOf(ORGANISATION_ROW).row.wards += fresh ? 1 : 0;
}

/** Works out an organisation's rollup afresh from its shift reports (reads in pages). */
export async function recomputeRollup(
  db: Db,
  organisationId: string,
): Promise<WardShiftRollupTable[]> {
  const rows = new Map<string, WardShiftRollupTable>();
  let after = '';
  for (;;) {
    const page = await store.reportPage(db, organisationId, after, 5000);
    for (const r of page)
      accumulate(rows, organisationId, {
        unit_id: r.unit_id,
        shift_date: r.shift_date,
        counts: JSON.parse(r.counts) as Record<string, number>,
        conflict_total: Number(r.conflict_total),
        containment_total: Number(r.containment_total),
      });
    if (page.length < 5000) break;
    after = (page.at(-1) as { id: string }).id;
  }
  return [...rows.values()].sort((a, b) =>
    a.unit_id === b.unit_id ? a.month.localeCompare(b.month) : a.unit_id.localeCompare(b.unit_id),
  );
}

/** Replaces an organisation's rollup with a fresh recomputation, in one transaction. */
export async function rebuildRollup(db: Db, organisationId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await recomputeRollup(trx, organisationId);
    await store.replaceRollup(trx, organisationId, rows);
    // Ward months written (the organisation's own rows follow from them).
    return rows.filter((r) => r.unit_id !== ORGANISATION_ROW).length;
  });
}

/** A ward's reports, conflict and containment per month (YYYY-MM), read from the rollup. */
export async function wardMonthlyTotals(
  db: Db,
  organisationId: string,
  unitId: string,
  from: string,
  to: string,
) {
  const rows = await store.wardMonths(db, organisationId, unitId, from, to);
  return rows.map((r) => ({
    period: r.month,
    reports: Number(r.reports),
    conflict: Number(r.conflict),
    containment: Number(r.containment),
  }));
}

/** Every ward's months added together, read from the organisation's own rollup rows. */
export function organisationMonthlyTotals(
  db: Db,
  organisationId: string,
  from: string,
  to: string,
) {
  return store.organisationMonths(db, organisationId, from, to);
}

/** An organisation's rollup rows as stored, in ward and month order. */
export async function storedRollup(db: Db, organisationId: string) {
  return store.allRollup(db, organisationId);
}
