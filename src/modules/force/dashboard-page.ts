/**
 * The dashboards as pages and downloads. Guarantees: no count from 1 to 4, nor anything derived
 * from one, leaves this file for a wider audience or in a download: every figure is shown through
 * `showCount` or as "fewer than 5", and charts draw a suppressed count as a labelled gap. Only
 * the page of someone who may already open the records underneath (policy.ts seesExactCounts)
 * shows exact counts. Every caller (page, download, CLI) gets the same rule from here.
 */
import type { Actor } from '../accounts/index.ts';
import { describeVariation, uChart } from '../../lib/spc.ts';
import type { SpcChart, SpcRule } from '../../lib/spc.ts';
import { VARIATION_TITLE } from '../../lib/spc-chart.ts';
import { barChart, emptyReason, lineChart, spcLineChart, stackedMonthlyChart } from './charts.ts';
import { toCsv } from './csv.ts';
import type { PeriodRange, createDashboards } from './dashboards.ts';
import { SUPPRESSED_TEXT, isSuppressed, showCount } from './stats.ts';
import type { Rate } from './stats.ts';
import { periodOf, shiftPeriod } from './time.ts';

/** What the page's query may choose: scope, months and year. */
export interface DashboardQuery {
  scope?: string;
  from?: string;
  to?: string;
  year?: string;
  /** A month from which the chart's limits are worked out afresh (a change such as Safewards). */
  change?: string;
}

const RULE_WORDS: Record<SpcRule, string> = {
  outside: 'outside the limits',
  run: '7 or more in a row on one side of the mean',
  trend: '6 or more in a row rising or falling',
  'two-of-three': '2 of 3 in a row near a limit',
};

/**
 * The monthly rate as a u-chart (fewer uses of force is better). Months not shown stay gaps and
 * never feed the mean or limits, so the chart tells no more than the table beside it.
 */
function rateControlChart(
  months: readonly { period: string; interventions: number; bedDays: number; shown: boolean }[],
  change: string | undefined,
): { chart: SpcChart; change: string | null } {
  const at = change ? months.findIndex((m) => m.period === change) : -1;
  const chart = uChart(
    months.map((m) => (m.shown ? m.interventions : null)),
    months.map((m) => m.bedDays),
    { better: 'down', per: 1000, phaseStarts: at > 0 ? [at] : [] },
  );
  return { chart, change: at > 0 ? (months[at]?.period ?? null) : null };
}

/** A month's signal in words: what it shows and which rules say so. */
function signalText(point: SpcChart['points'][number] | undefined): string {
  if (!point?.variation) return '';
  if (point.variation === 'common cause') return 'Common cause';
  const rules = [...new Set(point.signals.map((s) => RULE_WORDS[s.rule]))].join('; ');
  return `${VARIATION_TITLE[point.variation]} (${rules})`;
}

/** The month range asked for: the twelve months to `to` unless chosen, at most ten years. */
export function rangeOf(query: { from?: string; to?: string }, now: Date): PeriodRange {
  const current = periodOf(now.toISOString());
  const valid = (p: string | undefined) => (p && /^\d{4}-(0[1-9]|1[0-2])$/.test(p) ? p : undefined);
  const to = valid(query.to) ?? current;
  let from = valid(query.from) ?? shiftPeriod(to, -11);
  if (from > to) from = to;
  if (shiftPeriod(from, 120) < to) from = shiftPeriod(to, -120);
  return { from, to };
}

const pct = (v: number | null) => (v === null ? null : `${(v * 100).toFixed(0)}%`);
const fixed = (v: number | null, d = 1) => (v === null ? null : v.toFixed(d));
/** A count for a chart: a gap where it is suppressed. */
const charted = (n: number) => (isSuppressed(n) ? null : n);
const rateText = (r: Rate, ci: string) =>
  r.rate === null
    ? (r.note ?? '')
    : `${r.rate.toFixed(1)} (${ci}${(r.lower ?? 0).toFixed(1)} to ${(r.upper ?? 0).toFixed(1)})`;
const shareText = (s: { suppressed: boolean; share: number | null }, none: string) =>
  s.suppressed ? SUPPRESSED_TEXT : (pct(s.share) ?? none);

/** The dashboard download views. */
export type DashboardView = 'trend' | 'monthly' | 'duration' | 'disparity' | 'zero';

/** Creates the dashboard page and downloads, with small numbers suppressed. */
export function createDashboardPages(
  dashboards: ReturnType<typeof createDashboards>,
  clock: () => Date,
) {
  async function chosen(actor: Actor, query: DashboardQuery) {
    const scopes = await dashboards.scopes(actor);
    const scope = dashboards.resolveScope(actor, query.scope, scopes[0]?.scope);
    const range = rangeOf(query, clock());
    const year = query.year && /^\d{4}$/.test(query.year) ? query.year : range.to.slice(0, 4);
    return { scopes, scope, range, year };
  }

  return {
    /** Every dashboard view for the chosen scope, ready to show (small numbers suppressed). */
    async page(actor: Actor, query: DashboardQuery) {
      const { scopes, scope, range, year } = await chosen(actor, query);
      const exact = dashboards.exactFor(actor, scope, 'page');
      const show = (n: number) => (exact ? String(n) : showCount(n));
      const chart = (n: number) => (exact ? n : charted(n));
      const gap = (n: number) => !exact && isSuppressed(n);
      const trend = await dashboards.trend(actor, scope, range);
      const monthly = await dashboards.monthly(actor, scope, range, 'page');
      const duration = await dashboards.duration(actor, scope, range, 'page');
      const disparity = await dashboards.disparity(actor, scope, year, 'page');
      const zero = await dashboards.zeroFlags(actor, scope, range);
      const trendGaps = trend.periods.map((_, n) =>
        trend.series.some((s) => gap(s.counts[n] ?? 0)),
      );
      const rateGaps = monthly.months.map((m) => m.rate.suppressed);
      const proneGaps = monthly.months.map((m) => gap(m.prone));
      const rates = monthly.months.map((m) =>
        m.rate.rate === null ? null : Number(m.rate.rate.toFixed(2)),
      );
      const control = rateControlChart(
        monthly.months.map((m) => ({
          period: m.period,
          interventions: m.interventions,
          bedDays: m.bedDays,
          shown: !m.rate.suppressed,
        })),
        query.change,
      );
      const judged = control.chart.points.some((p) => p.mean !== null);
      const scopeValue =
        scopes.find((s) => JSON.stringify(s.scope) === JSON.stringify(scope))?.value ?? '';
      return {
        scopeItems: scopes.map((s) => ({
          value: s.value,
          text: s.text,
          selected: s.value === scopeValue,
        })),
        scopeText: scopes.find((s) => s.value === scopeValue)?.text ?? '',
        exact,
        range,
        year,
        qs: `scope=${encodeURIComponent(scopeValue)}&from=${range.from}&to=${range.to}&year=${year}`,
        trend: {
          periods: trend.periods,
          series: trend.series.map((s) => ({
            code: s.code,
            label: s.label,
            shown: s.counts.map(show),
          })),
          empty: emptyReason(
            trend.series.flatMap((s) => s.counts.map(chart)),
            trendGaps,
          ),
          svg: stackedMonthlyChart(
            trend.periods,
            trend.series.map((s) => ({ label: s.label, values: s.counts.map(chart) })),
            trendGaps,
          ),
        },
        monthly: {
          spc: {
            title: control.chart.latest ? VARIATION_TITLE[control.chart.latest] : null,
            variation: control.chart.latest,
            text: describeVariation(judged ? control.chart.latest : null),
            provisional: control.chart.provisional,
            change: control.change,
          },
          months: monthly.months.map((m, n) => ({
            signalShown: signalText(control.chart.points[n]),
            period: m.period,
            bedDays: m.bedDays,
            interventionsShown: show(m.interventions),
            proneShown: show(m.prone),
            rateShown: rateText(m.rate, ''),
          })),
          rateEmpty: emptyReason(
            rates,
            rateGaps,
            monthly.months.every((m) => m.bedDays === 0)
              ? 'no occupied bed days have been entered for these months.'
              : null,
          ),
          rateSvg: judged
            ? spcLineChart(trend.periods, 'Per 1,000 bed days', control.chart, rateGaps)
            : lineChart(trend.periods, 'Per 1,000 bed days', rates, rateGaps),
          proneEmpty: emptyReason(
            monthly.months.map((m) => chart(m.prone)),
            proneGaps,
          ),
          proneSvg: lineChart(
            trend.periods,
            'Prone restraints',
            monthly.months.map((m) => chart(m.prone)),
            proneGaps,
          ),
          totalShown: {
            incidents: show(monthly.total.incidents),
            interventions: show(monthly.total.interventions),
            prone: show(monthly.total.prone),
            bedDays: monthly.total.bedDays,
            rate: rateText(monthly.rate, '95% CI '),
            offered: shareText(monthly.accountOffered, 'no incidents'),
            given: shareText(monthly.accountGiven, 'no incidents'),
            plan: shareText(monthly.planFollowed, 'no records with a plan'),
          },
        },
        duration: {
          rows: duration.map((d) => ({
            code: d.code,
            label: d.label,
            suppressed: d.suppressed,
            interventionsShown: show(d.interventions),
            meanShown: d.suppressed ? SUPPRESSED_TEXT : (fixed(d.mean) ?? ''),
            medianShown: d.suppressed ? SUPPRESSED_TEXT : (fixed(d.median) ?? ''),
          })),
          empty: emptyReason(
            duration.map((d) => d.median),
            duration.map((d) => d.suppressed),
          ),
          svg: barChart(
            duration.map((d) => d.label),
            'Median minutes',
            duration.map((d) => (d.median === null ? null : Number(d.median.toFixed(1)))),
            80 + duration.length * 28,
          ),
        },
        disparity: disparity.map((d) => ({
          code: d.code,
          label: d.label,
          groups: d.groups.map((g) => ({
            code: g.code,
            label: g.label,
            people: g.people,
            incidentsShown: show(g.incidents),
            rateShown: g.rate.rate === null ? (g.rate.note ?? '') : g.rate.rate.toFixed(1),
            ciShown:
              g.rate.rate === null
                ? ''
                : `${(g.rate.lower ?? 0).toFixed(1)} to ${(g.rate.upper ?? 0).toFixed(1)}`,
          })),
          empty: emptyReason(
            d.groups.map((g) => g.rate.rate),
            d.groups.map((g) => g.rate.suppressed),
            d.groups.every((g) => g.people === 0)
              ? 'the number of people on the unit in each group has not been entered for this year.'
              : null,
          ),
          svg: barChart(
            d.groups.map((g) => g.label),
            'Per 100 people',
            d.groups.map((g) => (g.rate.rate === null ? null : Number(g.rate.rate.toFixed(2)))),
            80 + d.groups.length * 28,
          ),
        })),
        zero: {
          referenceRate: zero.referenceRate,
          rows: zero.rows.map((r) => ({
            id: r.id,
            name: r.name,
            bedDays: r.bedDays,
            flagged: r.flagged,
            interventionsShown: show(r.interventions),
            expectedShown: r.expected.toFixed(0),
          })),
        },
      };
    },

    /** One dashboard view as CSV (small numbers suppressed), and the view it turned out to be. */
    async csv(
      actor: Actor,
      query: DashboardQuery & { view?: string },
    ): Promise<{ view: string; csv: string }> {
      const { scope, range, year } = await chosen(actor, query);
      const view = query.view ?? 'trend';
      if (view === 'monthly') {
        const m = await dashboards.monthly(actor, scope, range);
        return {
          view,
          csv: toCsv(
            [
              'Month',
              'Interventions',
              'Prone restraints',
              'Occupied bed days',
              'Rate per 1000 bed days',
              'Lower 95%',
              'Upper 95%',
            ],
            m.months.map((r) => ({
              Month: r.period,
              Interventions: showCount(r.interventions),
              'Prone restraints': showCount(r.prone),
              'Occupied bed days': r.bedDays,
              'Rate per 1000 bed days': fixed(r.rate.rate, 2) ?? r.rate.note ?? '',
              'Lower 95%': fixed(r.rate.lower, 2),
              'Upper 95%': fixed(r.rate.upper, 2),
            })),
          ),
        };
      }
      if (view === 'duration') {
        const d = await dashboards.duration(actor, scope, range);
        return {
          view,
          csv: toCsv(
            ['Type code', 'Type', 'Interventions', 'Mean minutes', 'Median minutes'],
            d.map((r) => ({
              'Type code': r.code,
              Type: r.label,
              Interventions: showCount(r.interventions),
              'Mean minutes': r.suppressed ? SUPPRESSED_TEXT : fixed(r.mean),
              'Median minutes': r.suppressed ? SUPPRESSED_TEXT : fixed(r.median),
            })),
          ),
        };
      }
      if (view === 'disparity') {
        const d = await dashboards.disparity(actor, scope, year);
        return {
          view,
          csv: toCsv(
            [
              'Year',
              'Characteristic',
              'Group',
              'Incidents',
              'People',
              'Rate per 100 people',
              'Lower 95%',
              'Upper 95%',
            ],
            d.flatMap((dim) =>
              dim.groups.map((g) => ({
                Year: year,
                Characteristic: dim.label,
                Group: g.label,
                Incidents: showCount(g.incidents),
                People: g.people,
                'Rate per 100 people': fixed(g.rate.rate, 2) ?? g.rate.note ?? '',
                'Lower 95%': fixed(g.rate.lower, 2),
                'Upper 95%': fixed(g.rate.upper, 2),
              })),
            ),
          ),
        };
      }
      if (view === 'zero') {
        const z = await dashboards.zeroFlags(actor, scope, range);
        return {
          view,
          csv: toCsv(
            ['Name', 'Interventions', 'Occupied bed days', 'Expected at reference rate', 'Flagged'],
            z.rows.map((r) => ({
              Name: r.name,
              Interventions: showCount(r.interventions),
              'Occupied bed days': r.bedDays,
              'Expected at reference rate': r.expected.toFixed(1),
              Flagged: r.flagged ? 'yes' : 'no',
            })),
          ),
        };
      }
      const t = await dashboards.trend(actor, scope, range);
      return {
        view,
        csv: toCsv(
          ['Month', ...t.series.map((s) => `${s.code} ${s.label}`)],
          t.periods.map((p, n) =>
            Object.fromEntries([
              ['Month', p],
              ...t.series.map((s) => [`${s.code} ${s.label}`, showCount(s.counts[n] ?? 0)]),
            ]),
          ),
        ),
      };
    },
  };
}
