/**
 * Shift reports: once per shift a member of the ward's staff counts conflict and containment on
 * the ward. Guarantees: only the ward's own staff record (404 otherwise); one report per ward
 * per shift, where a second is a change that keeps the earlier counts as history; no report for
 * a shift that has not started; every write is audited in its own transaction, all or nothing.
 */
import { AppError } from '../../lib/app-error.ts';
import { isUniqueViolation } from './store.ts';
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { rollShiftReport } from './rollup.ts';
import type { WardsDeps } from './deps.ts';
import { findWard } from './find-ward.ts';
import { shiftItems } from './items.ts';
import { mayWards } from './policy.ts';
import type { ShiftReportInput } from './schema.ts';
import { currentShift, hasStarted, londonText, recentShifts, shiftLabels } from './shifts.ts';
import type { Shift } from './shifts.ts';

const totals = (counts: Record<string, number>) => ({
  conflict_total: shiftItems
    .filter((i) => i.group === 'conflict')
    .reduce((s, i) => s + (counts[i.code] ?? 0), 0),
  containment_total: shiftItems
    .filter((i) => i.group === 'containment')
    .reduce((s, i) => s + (counts[i.code] ?? 0), 0),
});

/** The counts above zero, in words ("none" when the shift was quiet). */
function summarise(counts: Record<string, number>): string {
  const said = shiftItems
    .filter((i) => (counts[i.code] ?? 0) > 0)
    .map((i) => `${i.label}: ${counts[i.code]}`);
  return said.length ? said.join('; ') : 'none';
}

const parseCounts = (json: string): Record<string, number> =>
  JSON.parse(json) as Record<string, number>;

/** Creates the shift-report capability. */
export function createShiftReports(deps: WardsDeps) {
  const { db, store, audit, clock, directory } = deps;

  /** The ward, if the actor may record for it; 404 otherwise. */
  async function wardFor(actor: Actor, unitId: string) {
    if (!mayWards(actor, { kind: 'record', organisationId: actor.organisationId, unitId }))
      throw AppError.notFound();
    const ward = await findWard(directory, actor, unitId);
    if (!ward) throw AppError.notFound();
    return { id: ward.id, name: ward.name };
  }

  return {
    /** The ward, or 404 when the actor may not record for it (checked before any form). */
    wardFor,

    /** The form for one shift (the current one unless chosen), with its report and history. */
    async form(actor: Actor, unitId: string, chosen: { date?: string; shift?: string }) {
      const ward = await wardFor(actor, unitId);
      const now = clock();
      const current = currentShift(now);
      const valid =
        chosen.date &&
        /^\d{4}-\d{2}-\d{2}$/.test(chosen.date) &&
        (chosen.shift === 'early' || chosen.shift === 'late' || chosen.shift === 'night') &&
        hasStarted(chosen.date, chosen.shift, now);
      const date = valid ? (chosen.date as string) : current.date;
      const shift = valid ? (chosen.shift as Shift) : current.shift;
      const report = await store.findReport(db, actor.organisationId, ward.id, date, shift);
      const history = report ? await store.listVersions(db, actor.organisationId, report.id) : [];
      const reported = new Set(
        (
          await store.reportedShifts(
            db,
            actor.organisationId,
            ward.id,
            recentShifts(now, 2).at(-1)?.date ?? date,
            current.date,
          )
        ).map((r) => `${r.shift_date}|${r.shift}`),
      );
      return {
        ward,
        date,
        shift,
        shiftLabel: shiftLabels[shift],
        counts: report ? parseCounts(report.counts) : null,
        report: report
          ? {
              version: report.version,
              recordedAt: londonText(report.recorded_at),
              recordedBy: report.recorded_by_name,
            }
          : null,
        history: history.map((h) => ({
          version: h.version,
          recordedAt: londonText(h.recorded_at),
          recordedBy: h.recorded_by_name,
          counted: summarise(parseCounts(h.counts)),
        })),
        // The last two days' shifts, so a missed one is a tap away.
        recent: recentShifts(now, 2).map((s) => ({
          ...s,
          label: shiftLabels[s.shift],
          reported: reported.has(`${s.date}|${s.shift}`),
        })),
      };
    },

    /** Saves a shift's counts: the first report, or a change that keeps the earlier version. */
    async save(actor: Actor, unitId: string, input: ShiftReportInput, ctx: AuditContext) {
      const ward = await wardFor(actor, unitId);
      if (!hasStarted(input.date, input.shift, clock()))
        throw AppError.invalid(
          'shift',
          'This shift has not started yet. You can report it once it has begun.',
        );
      try {
        return await saveIn(actor, ward.id, input, ctx);
      } catch (error) {
        // Two first reports for one shift at the same moment: the unique index keeps one.
        if (isUniqueViolation(error))
          throw AppError.conflict(
            'Someone else reported this shift just now. Their counts are shown; save again to change them.',
          );
        throw error;
      }
    },
  };

  async function saveIn(actor: Actor, wardId: string, input: ShiftReportInput, ctx: AuditContext) {
    const now = toIso(clock());
    const counts = JSON.stringify(input.counts);
    return audit.audited(db, ctx, async (trx, record) => {
      const old = await store.findReport(
        trx,
        actor.organisationId,
        wardId,
        input.date,
        input.shift,
      );
      const where = { organisationId: actor.organisationId, unitId: wardId, date: input.date };
      const common = {
        counts,
        ...totals(input.counts),
        recorded_by: actor.id,
        recorded_by_name: actor.displayName,
        recorded_at: now,
      };
      if (!old) {
        const id = newId();
        await store.insertReport(trx, {
          id,
          organisation_id: actor.organisationId,
          unit_id: wardId,
          shift_date: input.date,
          shift: input.shift,
          version: 1,
          ...common,
        });
        // The monthly rollup moves in the same transaction, so the figures never disagree.
        await rollShiftReport(trx, where, null, { counts: input.counts, ...totals(input.counts) });
        await record({
          organisationId: actor.organisationId,
          action: 'wards.shift_report',
          recordType: 'ward_shift_report',
          recordId: id,
        });
        return { id, version: 1 };
      }
      await store.insertVersion(trx, {
        organisation_id: actor.organisationId,
        report_id: old.id,
        version: old.version,
        counts: old.counts,
        recorded_by: old.recorded_by,
        recorded_by_name: old.recorded_by_name,
        recorded_at: old.recorded_at,
      });
      const moved = await store.updateReport(trx, actor.organisationId, old.id, old.version, {
        ...common,
        version: old.version + 1,
      });
      if (!moved)
        throw AppError.conflict(
          'Someone else changed this shift’s report just now. Look at their counts and save again if needed.',
        );
      await rollShiftReport(
        trx,
        where,
        { ...old, counts: parseCounts(old.counts) },
        { counts: input.counts, ...totals(input.counts) },
      );
      await record({
        organisationId: actor.organisationId,
        action: 'wards.shift_report_change',
        recordType: 'ward_shift_report',
        recordId: old.id,
      });
      return { id: old.id, version: old.version + 1 };
    });
  }
}
