/**
 * Evidence for the self-assessment: figures from the use-of-force register for one unit (or the
 * organisation) and a span of whole months. Guarantees: reads the monthly and yearly rollups
 * (force_rollup_month, force_evidence_month, force_rollup_group), or for a span that is not
 * whole months two aggregate queries over the records (never a load of rows); every statement
 * names the organisation; a figure whose denominator is below EVIDENCE_MIN_DENOMINATOR has no
 * value.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { EvidenceFigure, EvidenceScope } from '../../lib/evidence.ts';
import { EVIDENCE_MIN_DENOMINATOR, isWholeMonths, ratioFigure } from '../../lib/evidence.ts';
import { describeVariation, uChart } from '../../lib/spc.ts';
import { DEBRIEF_KINDS, dimensions } from './codes.ts';
import { ALL_UNITS } from './rollups.ts';
import { poissonInterval } from './stats.ts';
import { evidenceMonthStatements } from './store/evidence-month.ts';
import type { ForceStore } from './store.ts';
import { periodsBetween, shiftPeriod } from './time.ts';

const dashboards = '/force/dashboards';

export { DEBRIEF_KINDS };

/** The characteristics whose disparity flags the assessment shows (the issue names these four). */
export const EVIDENCE_DIMENSIONS = ['ethnicity', 'sex', 'age_band', 'disability'] as const;

/** What each force figure counts (the assessment shows these words). */
export const forceFigureSpecs = {
  rate: {
    key: 'force.rate',
    title: 'Uses of force per 1,000 occupied bed days',
    kind: 'per1000',
    definition:
      'Restrictive interventions recorded in the register (each restraint, seclusion, segregation or rapid tranquillisation counts once) per 1,000 occupied bed days entered for the same whole months. The note says what the monthly chart (a u-chart) shows about change.',
    link: dashboards,
  },
  prone: {
    key: 'force.prone',
    title: 'Prone (face-down) restraint',
    kind: 'share',
    definition:
      'Of the restrictive interventions recorded in the period, the share that were prone (face-down) physical restraint.',
    link: dashboards,
  },
  planShown: {
    key: 'force.plan-shown',
    title: 'Plan choices known to staff',
    kind: 'share',
    definition:
      'Of the incidents in the period involving someone with a plan, the share where staff recorded that they knew the person’s choices in it. Incidents with people who have no plan are not counted.',
    link: dashboards,
  },
  accountOffered: {
    key: 'force.account-offered',
    title: 'Offered the chance to give their own account',
    kind: 'share',
    definition:
      'Of the incidents in the period, the share where the person was offered the chance to say, in their own words, what happened.',
    link: dashboards,
  },
  debriefs: {
    key: 'force.debriefs-on-time',
    title: 'Debriefs on time',
    kind: 'share',
    definition:
      'Of the debriefs (with the person, and with staff) due in the period, the share marked done by their due time. A debrief still open is counted as not on time.',
    link: '/force/reviews',
  },
  reviews: {
    key: 'force.reviews-on-time',
    title: 'Reviews on time',
    kind: 'share',
    definition:
      'Of the other reviews due in the period (formal post-incident reviews, seclusion and segregation reviews, checks after rapid tranquillisation), the share marked done by their due time.',
    link: '/force/reviews',
  },
} as const;

/** The definition of a disparity flag figure for one characteristic. */
function disparitySpec(code: string, label: string) {
  return {
    key: `force.disparity.${code}`,
    title: `Groups flagged by ${label.toLowerCase()}`,
    kind: 'count' as const,
    definition: `In the register's yearly figures for the year the period ends in, the number of groups (by ${label.toLowerCase()}) whose rate of incidents per 100 people is higher than the unit's overall rate by more than chance (the lower end of the group's 95% interval is above the overall rate), out of the groups with people recorded. Groups are only as good as what was recorded about people.`,
    link: dashboards,
  };
}

/**
 * Recounts force_evidence_month for one organisation from its incidents and reviews, for rows
 * written straight into the tables (bench seeding, test fixtures); the register's own writes
 * keep it in step themselves.
 */
export async function rebuildForceEvidence(db: Db, organisationId: string): Promise<void> {
  await evidenceMonthStatements.recountEvidenceForOrganisation(db, organisationId, null);
}

/** Creates the force evidence functions. */
export function createForceEvidence(deps: { db: Db; store: ForceStore }) {
  const { db, store } = deps;

  async function rollupFigures(org: string, unit: string, fromP: string, toP: string) {
    const rows = await store.monthRows(db, org, unit, fromP, toP);
    const periods = periodsBetween(fromP, toP);
    const byPeriod = new Map(rows.map((r) => [r.period, r]));
    const sum = (k: keyof (typeof rows)[number]) => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0);
    const interventions = sum('interventions');
    const bedDays = sum('bed_days');
    const chart = uChart(
      periods.map((p) => byPeriod.get(p)?.interventions ?? null),
      periods.map((p) => byPeriod.get(p)?.bed_days ?? 0),
      { better: 'down', per: 1000 },
    );
    const s = forceFigureSpecs;
    return [
      ratioFigure(s.rate, interventions, bedDays, describeVariation(chart.latest)),
      ratioFigure(s.prone, sum('prone_interventions'), interventions),
      ratioFigure(s.accountOffered, sum('account_offered'), sum('incidents')),
    ];
  }

  // Whole UTC months (every scope the assessment makes) read force_evidence_month: a few rows
  // per month instead of every incident and review of the year.
  async function recordFigures(scope: EvidenceScope) {
    if (!isWholeMonths(scope)) return recordFiguresFromRecords(scope);
    const t = await store.evidenceMonthTotals(
      db,
      scope.organisationId,
      scope.unitId ?? ALL_UNITS,
      scope.from.slice(0, 7),
      shiftPeriod(scope.to.slice(0, 7), -1),
    );
    const s = forceFigureSpecs;
    return [
      ratioFigure(s.planShown, t.planKnownYes, t.withPlan),
      ratioFigure(s.debriefs, t.debriefsOnTime, t.debriefsDue),
      ratioFigure(s.reviews, t.reviewsOnTime, t.reviewsDue),
    ];
  }

  // Counted from the incidents and reviews themselves: for a scope that is not whole months,
  // and the check that the monthly counts agree with the register (the tests compare them).
  async function recordFiguresFromRecords(scope: EvidenceScope) {
    const { organisationId, unitId, from, to } = scope;
    let incidents = db
      .selectFrom('force_incidents')
      .select([
        sql<number>`sum(case when plan_known <> 'no_plan' then 1 else 0 end)`.as('withPlan'),
        sql<number>`sum(case when plan_known = 'yes' then 1 else 0 end)`.as('known'),
      ])
      .where('organisation_id', '=', organisationId)
      .where('start_at', '>=', from)
      .where('start_at', '<', to);
    if (unitId !== null) incidents = incidents.where('unit_id', '=', unitId);
    // Grouped by kind (a handful of rows), then split into debriefs and reviews here.
    let reviews = db
      .selectFrom('force_reviews')
      .select([
        'kind',
        sql<number>`count(*)`.as('due'),
        sql<number>`sum(case when completed_at is not null and completed_at <= due_at then 1 else 0 end)`.as(
          'onTime',
        ),
      ])
      .where('organisation_id', '=', organisationId)
      .where('due_at', '>=', from)
      .where('due_at', '<', to)
      .groupBy('kind');
    if (unitId !== null) reviews = reviews.where('unit_id', '=', unitId);
    const [i, r] = await Promise.all([incidents.executeTakeFirstOrThrow(), reviews.execute()]);
    const isDebrief = (kind: string) => (DEBRIEF_KINDS as readonly string[]).includes(kind);
    const part = (debrief: boolean) =>
      r
        .filter((x) => isDebrief(x.kind) === debrief)
        .reduce(
          (t, x) => ({ due: t.due + Number(x.due ?? 0), onTime: t.onTime + Number(x.onTime ?? 0) }),
          { due: 0, onTime: 0 },
        );
    const s = forceFigureSpecs;
    return [
      ratioFigure(s.planShown, Number(i.known ?? 0), Number(i.withPlan ?? 0)),
      ratioFigure(s.debriefs, part(true).onTime, part(true).due),
      ratioFigure(s.reviews, part(false).onTime, part(false).due),
    ];
  }

  async function disparityFigures(org: string, unit: string, year: string) {
    const rows = await store.groupRows(db, org, unit, year);
    return EVIDENCE_DIMENSIONS.map((code): EvidenceFigure => {
      const d = dimensions.find((x) => x.code === code);
      const label = d?.label ?? code;
      const mine = rows.filter((x) => x.dimension === code);
      const incidents = mine.reduce((s, x) => s + x.incidents, 0);
      const people = mine.reduce((s, x) => s + x.people, 0);
      const overall = people > 0 ? (incidents / people) * 100 : 0;
      const withPeople = mine.filter((x) => x.people > 0);
      const flagged = withPeople.filter(
        (x) => (poissonInterval(x.incidents).lower / x.people) * 100 > overall,
      );
      const notEnoughData = people < EVIDENCE_MIN_DENOMINATOR;
      const names = flagged.map(
        (x) => d?.groups.find((g) => g.code === x.group_code)?.label ?? x.group_code,
      );
      return {
        ...disparitySpec(code, label),
        numerator: flagged.length,
        denominator: withPeople.length,
        value: notEnoughData ? null : flagged.length,
        notEnoughData,
        note: notEnoughData || names.length === 0 ? null : `Flagged: ${names.join(', ')}.`,
      };
    });
  }

  return {
    /** The plan, debrief and review figures counted from the records (never the monthly counts). */
    recordFiguresFromRecords,
    /**
     * The force figures. Rollups are monthly, so the months counted are those from the month of
     * `from` to the month before `to` (scopes made by the assessment are whole months).
     */
    async figures(scope: EvidenceScope): Promise<EvidenceFigure[]> {
      const unit = scope.unitId ?? ALL_UNITS;
      const fromP = scope.from.slice(0, 7);
      const toP = shiftPeriod(scope.to.slice(0, 7), scope.to.endsWith('-01') ? -1 : 0);
      const [rollup, records, disparity] = await Promise.all([
        rollupFigures(scope.organisationId, unit, fromP, toP),
        recordFigures(scope),
        disparityFigures(scope.organisationId, unit, toP.slice(0, 4)),
      ]);
      return [...rollup, ...records, ...disparity];
    },
  };
}

/** The force evidence functions. */
export type ForceEvidence = ReturnType<typeof createForceEvidence>;
