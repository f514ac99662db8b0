/**
 * The organisation-wide ward chart: conflict and containment per shift reported, every ward
 * added together by month, read from the monthly rollup (so the page costs the same whether
 * the wards hold a year of reports or ten). For the organisation's administrator only.
 */
import { AppError } from '../../lib/app-error.ts';
import type { Actor } from '../../lib/actor.ts';
import { describeVariation, uChart } from '../../lib/spc.ts';
import { VARIATION_TITLE, drawSpcChart } from '../../lib/spc-chart.ts';
import type { WardsDeps } from './deps.ts';
import { mayWardScreen } from './policy.ts';
import { organisationMonthlyTotals } from './rollup.ts';
import { londonWallClock } from './shifts.ts';

const valid = (p: string | undefined) => (p && /^\d{4}-(0[1-9]|1[0-2])$/.test(p) ? p : undefined);

/** The month `n` months after `period` (YYYY-MM). */
export function monthPlus(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** Creates the organisation chart capability. */
export function createOrganisationFigures(deps: Pick<WardsDeps, 'db' | 'clock'>) {
  const { db, clock } = deps;
  return {
    /** The organisation chart's data (404 for anyone but the organisation's administrator). */
    async page(actor: Actor, query: { from?: string; to?: string; change?: string }) {
      if (!mayWardScreen(actor, { kind: 'organisationChart' })) throw AppError.notFound();
      const to = valid(query.to) ?? londonWallClock(clock()).date.slice(0, 7);
      let from = valid(query.from) ?? monthPlus(to, -11);
      if (from > to) from = to;
      if (monthPlus(from, 120) < to) from = monthPlus(to, -120);
      const periods: string[] = [];
      for (let p = from; p <= to; p = monthPlus(p, 1)) periods.push(p);
      const rows = new Map(
        (await organisationMonthlyTotals(db, actor.organisationId, from, to)).map((r) => [
          r.month,
          r,
        ]),
      );
      const months = periods.map((period) => {
        const r = rows.get(period);
        const reports = r?.reports ?? 0;
        const per = (n: number) => (reports > 0 ? (n / reports).toFixed(2) : '');
        return {
          period,
          wards: r?.wards ?? 0,
          reports,
          conflict: r?.conflict ?? 0,
          containment: r?.containment ?? 0,
          conflictPerShift: per(r?.conflict ?? 0),
          containmentPerShift: per(r?.containment ?? 0),
        };
      });
      const at = query.change ? periods.indexOf(query.change) : -1;
      const options = { better: 'down' as const, per: 1, phaseStarts: at > 0 ? [at] : [] };
      const exposure = months.map((m) => m.reports);
      const chartOf = (counts: number[], label: string) => {
        const chart = uChart(
          counts.map((n, i) => ((months[i]?.reports ?? 0) > 0 ? n : null)),
          exposure,
          options,
        );
        const judged = chart.points.some((p) => p.mean !== null);
        return {
          title: chart.latest && judged ? VARIATION_TITLE[chart.latest] : null,
          text: describeVariation(judged ? chart.latest : null),
          svg: judged ? drawSpcChart(periods, label, chart) : null,
        };
      };
      return {
        range: { from, to },
        change: at > 0 ? periods[at] : null,
        months,
        conflictChart: chartOf(
          months.map((m) => m.conflict),
          'Per shift',
        ),
        containmentChart: chartOf(
          months.map((m) => m.containment),
          'Per shift',
        ),
      };
    },
  };
}
