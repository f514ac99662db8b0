/**
 * A ward's conflict and containment figures for its manager: shifts not yet reported, counts
 * per month, rates per shift and per 1,000 occupied bed days (bed days and uses of force come
 * from the force register), and SPC charts that tell real change from the usual ups and downs.
 */
import { AppError } from '../../lib/app-error.ts';
import type { Actor } from '../../lib/actor.ts';
import { describeVariation, uChart } from '../../lib/spc.ts';
import type { SpcChart } from '../../lib/spc.ts';
import { VARIATION_TITLE, drawSpcChart } from '../../lib/spc-chart.ts';
import type { WardsDeps } from './deps.ts';
import { findWard } from './find-ward.ts';
import { learningThemesOf } from './force-practice.ts';
import { mayWards } from './policy.ts';
import { wardMonthlyTotals } from './rollup.ts';
import { addDays, londonWallClock, recentShifts, shiftLabels } from './shifts.ts';

/** How many days back the missing-shift list looks. */
export const MISSING_DAYS = 14;

/** Months from `from` to `to` (YYYY-MM), inclusive. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  while (out.length < 121) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > to) break;
    out.push(p);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

function shiftMonth(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

const valid = (p: string | undefined) => (p && /^\d{4}-(0[1-9]|1[0-2])$/.test(p) ? p : undefined);

/** Creates the ward-figures capability. */
export function createWardFigures(deps: WardsDeps) {
  const { db, store, clock, directory, forceFigures } = deps;

  async function wardFor(actor: Actor, unitId: string) {
    if (!mayWards(actor, { kind: 'figures', organisationId: actor.organisationId, unitId }))
      throw AppError.notFound();
    const ward = await findWard(directory, actor, unitId);
    if (!ward) throw AppError.notFound();
    return { id: ward.id, name: ward.name };
  }

  async function forceMonths(actor: Actor, unitId: string, from: string, to: string) {
    try {
      const { months } = await forceFigures.monthly(
        actor,
        { level: 'unit', organisationId: actor.organisationId, unitId },
        { from, to },
        'page',
      );
      return new Map(months.map((m) => [m.period, m]));
    } catch {
      // Bed days are the register's; without access to them the rates per shift still stand.
      return new Map<
        string,
        { interventions: number; bedDays: number; rate: { suppressed: boolean } }
      >();
    }
  }

  function chartOf(periods: string[], label: string, chart: SpcChart) {
    const judged = chart.points.some((p) => p.mean !== null);
    return {
      title: chart.latest && judged ? VARIATION_TITLE[chart.latest] : null,
      text: describeVariation(judged ? chart.latest : null),
      svg: judged ? drawSpcChart(periods, label, chart) : null,
    };
  }

  return {
    /** The ward's figures page (404 unless the actor may see this ward's figures). */
    async page(
      actor: Actor,
      unitId: string,
      query: { from?: string; to?: string; change?: string },
    ) {
      const ward = await wardFor(actor, unitId);
      const now = clock();
      const today = londonWallClock(now).date;
      const to = valid(query.to) ?? today.slice(0, 7);
      let from = valid(query.from) ?? shiftMonth(to, -11);
      if (from > to) from = to;
      if (shiftMonth(from, 120) < to) from = shiftMonth(to, -120);
      const periods = monthsBetween(from, to);
      const totals = new Map(
        // Read from the monthly rollup: a few rows however many reports there are.
        (await wardMonthlyTotals(db, actor.organisationId, unitId, from, to)).map((r) => [
          r.period,
          r,
        ]),
      );
      const force = await forceMonths(actor, unitId, from, to);
      const months = periods.map((period) => {
        const t = totals.get(period);
        const f = force.get(period);
        const bedDays = f?.bedDays ?? 0;
        const reports = t?.reports ?? 0;
        const per = (n: number, d: number, scale: number) =>
          d > 0 ? ((n / d) * scale).toFixed(1) : '';
        return {
          period,
          reports,
          conflict: t?.conflict ?? 0,
          containment: t?.containment ?? 0,
          conflictPerShift: per(t?.conflict ?? 0, reports, 1),
          containmentPerShift: per(t?.containment ?? 0, reports, 1),
          bedDays,
          conflictPerBedDays: per(t?.conflict ?? 0, bedDays, 1000),
          containmentPerBedDays: per(t?.containment ?? 0, bedDays, 1000),
          usesOfForce: f ? (f.rate.suppressed ? 'fewer than 5' : String(f.interventions)) : '',
        };
      });
      // Per 1,000 bed days where the register has them; otherwise per shift reported.
      const byBedDays = months.some((m) => m.bedDays > 0);
      const exposure = months.map((m) => (byBedDays ? m.bedDays : m.reports));
      const unit = byBedDays ? 'Per 1,000 bed days' : 'Per shift';
      const scale = byBedDays ? 1000 : 1;
      const at = query.change ? periods.indexOf(query.change) : -1;
      const options = { better: 'down' as const, per: scale, phaseStarts: at > 0 ? [at] : [] };
      const counted = (n: number, i: number) => ((months[i]?.reports ?? 0) > 0 ? n : null);
      const conflict = uChart(
        months.map((m, i) => counted(m.conflict, i)),
        exposure,
        options,
      );
      const containment = uChart(
        months.map((m, i) => counted(m.containment, i)),
        exposure,
        options,
      );
      const reported = new Set(
        (
          await store.reportedShifts(
            db,
            actor.organisationId,
            unitId,
            addDays(today, -MISSING_DAYS),
            today,
          )
        ).map((r) => `${r.shift_date}|${r.shift}`),
      );
      const missing = recentShifts(now, MISSING_DAYS)
        .filter((s) => !reported.has(`${s.date}|${s.shift}`))
        .map((s) => ({ ...s, label: shiftLabels[s.shift] }));
      return {
        ward,
        range: { from, to },
        change: at > 0 ? periods[at] : null,
        unit,
        months,
        missing,
        missingDays: MISSING_DAYS,
        conflictChart: chartOf(periods, unit, conflict),
        containmentChart: chartOf(periods, unit, containment),
        learningThemes: await learningThemesOf(deps, actor, unitId),
      };
    },
  };
}
