/**
 * Dashboard figures, read only from the rollup tables (never by scanning incidents), so every
 * view stays fast at national scale. Guarantees: the caller's scope is checked by the access
 * policy first; counts from 1 to 4 and anything derived from them are suppressed; rates carry
 * exact 95% intervals and shares Wilson intervals.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { dimensions, interventionTypes } from './codes.ts';
import type { DashboardScope } from './policy.ts';
import {
  isLivedExperiencePartner,
  isNationalOperator,
  mayForce,
  seesExactCounts,
  seesOrganisationFigures,
} from './policy.ts';
import { ALL_ORGANISATIONS, ALL_UNITS } from './rollups.ts';
import type { ForceDirectory } from './deps.ts';
import {
  isSuppressed,
  medianFromBuckets,
  rateWithInterval,
  shareWithInterval,
  zeroReportingFlag,
} from './stats.ts';
import type { ForceStore } from './store.ts';
import { periodsBetween } from './time.ts';

/** A month range, inclusive (YYYY-MM). */
export interface PeriodRange {
  from: string;
  to: string;
}

/**
 * Who a figure is for: a page shown inside the organisation, or an export (a download or a
 * return) that can leave it. Exports are always suppressed.
 */
export type Audience = 'page' | 'export';

/** The rollup key for a scope. */
export function scopeKey(scope: DashboardScope): [string, string] {
  switch (scope.level) {
    case 'unit':
      return [scope.organisationId, scope.unitId];
    case 'organisation':
      return [scope.organisationId, ALL_UNITS];
    case 'national':
      return [ALL_ORGANISATIONS, ALL_UNITS];
  }
}

/** 404 unless the actor may see this dashboard scope. */
function check(actor: Actor, scope: DashboardScope) {
  if (!mayForce(actor, { kind: 'dashboard', scope })) throw AppError.notFound();
}

// The reference is the rate among those that do report (as in PROD-ALERT), so units that
// record nothing do not pull down the rate they are judged against.
function reportingRate(rows: readonly { interventions: number; bedDays: number }[]): number {
  const reporting = rows.filter((r) => r.interventions > 0);
  const interventions = reporting.reduce((s, r) => s + r.interventions, 0);
  const bedDays = reporting.reduce((s, r) => s + r.bedDays, 0);
  return bedDays > 0 ? (interventions / bedDays) * 1000 : 0;
}

/** Creates the dashboard figures (raw: page.ts in dashboard-page.ts suppresses them for show). */
export function createDashboards(deps: { db: Db; store: ForceStore; directory: ForceDirectory }) {
  const { db, store, directory } = deps;

  async function referenceRate(range: PeriodRange): Promise<number> {
    return reportingRate(await store.totalsBelow(db, null, range.from, range.to));
  }

  /** Whether this view shows exact counts: only a page for someone who may see the records. */
  const exactFor = (actor: Actor, scope: DashboardScope, audience: Audience) =>
    audience === 'page' && seesExactCounts(actor, scope);

  const dashboards = {
    /** True when the actor's page for this scope shows exact counts (the rule is in policy.ts). */
    exactFor,

    /** The scopes an actor may choose between, with names. */
    async scopes(actor: Actor): Promise<{ value: string; text: string; scope: DashboardScope }[]> {
      const out: { value: string; text: string; scope: DashboardScope }[] = [];
      if (isNationalOperator(actor)) {
        out.push({ value: 'national', text: 'All organisations', scope: { level: 'national' } });
        const orgIds = await store.organisationsWithFigures(db);
        const names = directory.describeOrganisations
          ? await directory.describeOrganisations(db, orgIds)
          : new Map<string, { name: string }>();
        const orgs = orgIds
          .map((id) => ({ id, name: names.get(id)?.name ?? `Organisation ${id.slice(0, 8)}` }))
          .sort((a, b) => a.name.localeCompare(b.name));
        for (const o of orgs)
          out.push({
            value: `organisation:${o.id}`,
            text: o.name,
            scope: { level: 'organisation', organisationId: o.id },
          });
        return out;
      }
      if (seesOrganisationFigures(actor)) {
        out.push({
          value: 'organisation',
          text: 'Whole organisation',
          scope: { level: 'organisation', organisationId: actor.organisationId },
        });
      }
      for (const u of await directory.unitsOf(actor)) {
        const scope: DashboardScope = {
          level: 'unit',
          organisationId: actor.organisationId,
          unitId: u.id,
        };
        if (mayForce(actor, { kind: 'dashboard', scope }))
          out.push({ value: `unit:${u.id}`, text: u.name, scope });
      }
      if (isLivedExperiencePartner(actor) && out.length === 1) {
        // Partners belong to no unit; they may look at any unit of their own organisation.
        const ids = (await store.totalsBelow(db, actor.organisationId, '0000-00', '9999-99')).map(
          (t) => t.scopeId,
        );
        const names = await directory.describeUnits(db, ids, actor.organisationId);
        for (const id of ids) {
          out.push({
            value: `unit:${id}`,
            text: names.get(id)?.name ?? 'Unit',
            scope: { level: 'unit', organisationId: actor.organisationId, unitId: id },
          });
        }
      }
      return out;
    },

    /** Turns a scope parameter into a scope the actor may see, or 404. */
    resolveScope(
      actor: Actor,
      value: string | undefined,
      fallback: DashboardScope | undefined,
    ): DashboardScope {
      let scope: DashboardScope | undefined = fallback;
      if (value === 'national') scope = { level: 'national' };
      else if (value === 'organisation')
        scope = { level: 'organisation', organisationId: actor.organisationId };
      else if (value?.startsWith('organisation:'))
        scope = { level: 'organisation', organisationId: value.slice(13) };
      else if (value?.startsWith('unit:'))
        scope = { level: 'unit', organisationId: actor.organisationId, unitId: value.slice(5) };
      if (!scope) throw AppError.notFound();
      check(actor, scope);
      return scope;
    },

    /** Monthly interventions by type. */
    async trend(actor: Actor, scope: DashboardScope, range: PeriodRange) {
      check(actor, scope);
      const [org, unit] = scopeKey(scope);
      const rows = await store.typeRows(db, org, unit, range.from, range.to);
      const periods = periodsBetween(range.from, range.to);
      const present = new Set(rows.map((r) => r.type_code));
      const series = interventionTypes
        .filter((t) => present.has(t.code))
        .map((t) => ({
          code: t.code,
          label: t.label,
          counts: periods.map(
            (p) => rows.find((r) => r.period === p && r.type_code === t.code)?.interventions ?? 0,
          ),
        }));
      return { periods, series };
    },

    /** Monthly rates per 1,000 occupied bed days, prone counts, and the person's-account and plan shares. */
    async monthly(
      actor: Actor,
      scope: DashboardScope,
      range: PeriodRange,
      audience: Audience = 'export',
    ) {
      check(actor, scope);
      const exact = exactFor(actor, scope, audience);
      const [org, unit] = scopeKey(scope);
      const rows = await store.monthRows(db, org, unit, range.from, range.to);
      const periods = periodsBetween(range.from, range.to);
      const byPeriod = new Map(rows.map((r) => [r.period, r]));
      const months = periods.map((p) => {
        const r = byPeriod.get(p);
        const interventions = r?.interventions ?? 0;
        return {
          period: p,
          incidents: r?.incidents ?? 0,
          interventions,
          prone: r?.prone_interventions ?? 0,
          bedDays: r?.bed_days ?? 0,
          rate: rateWithInterval(interventions, r?.bed_days ?? 0, 1000, exact),
        };
      });
      const total = rows.reduce(
        (s, r) => ({
          incidents: s.incidents + r.incidents,
          interventions: s.interventions + r.interventions,
          prone: s.prone + r.prone_interventions,
          bedDays: s.bedDays + r.bed_days,
          offered: s.offered + r.account_offered,
          given: s.given + r.account_given,
          planApplicable: s.planApplicable + r.plan_applicable,
          planFollowed: s.planFollowed + r.plan_followed,
          injuries: s.injuries + r.injuries_person,
        }),
        {
          incidents: 0,
          interventions: 0,
          prone: 0,
          bedDays: 0,
          offered: 0,
          given: 0,
          planApplicable: 0,
          planFollowed: 0,
          injuries: 0,
        },
      );
      return {
        months,
        total,
        rate: rateWithInterval(total.interventions, total.bedDays, 1000, exact),
        accountOffered: shareWithInterval(total.offered, total.incidents, exact),
        accountGiven: shareWithInterval(total.given, total.incidents, exact),
        planFollowed: shareWithInterval(total.planFollowed, total.planApplicable, exact),
        exact,
      };
    },

    /** Mean and median minutes per intervention type. */
    async duration(
      actor: Actor,
      scope: DashboardScope,
      range: PeriodRange,
      audience: Audience = 'export',
    ) {
      check(actor, scope);
      const exact = exactFor(actor, scope, audience);
      const [org, unit] = scopeKey(scope);
      const types = await store.typeTotals(db, org, unit, range.from, range.to);
      return interventionTypes
        .map((t) => {
          const mine = types.filter((r) => r.type_code === t.code);
          const count = mine.reduce((s, r) => s + r.duration_count, 0);
          const sum = mine.reduce((s, r) => s + r.duration_sum, 0);
          const interventions = mine.reduce((s, r) => s + r.interventions, 0);
          const hist = new Map<number, number>();
          for (const r of mine)
            r.buckets.forEach((n, b) => n && hist.set(b, (hist.get(b) ?? 0) + n));
          const suppressed = !exact && isSuppressed(count);
          return {
            code: t.code,
            label: t.label,
            interventions,
            withDuration: count,
            suppressed,
            mean: !suppressed && count > 0 ? sum / count : null,
            median: !suppressed && count > 0 ? medianFromBuckets(hist) : null,
          };
        })
        .filter((r) => r.interventions > 0);
    },

    /** Incidents per 100 people on the unit, by characteristic group, for one year. */
    async disparity(
      actor: Actor,
      scope: DashboardScope,
      year: string,
      audience: Audience = 'export',
    ) {
      check(actor, scope);
      const exact = exactFor(actor, scope, audience);
      const [org, unit] = scopeKey(scope);
      const rows = await store.groupRows(db, org, unit, year);
      return dimensions.map((d) => {
        const groups = d.groups.map((g) => {
          const r = rows.find((x) => x.dimension === d.code && x.group_code === g.code);
          const incidents = r?.incidents ?? 0;
          const people = r?.people ?? 0;
          return {
            code: g.code,
            label: g.label,
            incidents,
            people,
            rate: rateWithInterval(incidents, people, 100, exact),
          };
        });
        const incidents = groups.reduce((s, g) => s + g.incidents, 0);
        const people = groups.reduce((s, g) => s + g.people, 0);
        return {
          code: d.code,
          label: d.label,
          groups,
          overall: rateWithInterval(incidents, people, 100, exact),
        };
      });
    },

    /** Units (or organisations) that report nothing although their size says they should. */
    async zeroFlags(actor: Actor, scope: DashboardScope, range: PeriodRange) {
      check(actor, scope);
      if (scope.level === 'unit') {
        const reference = await referenceRate(range);
        const rows = await store.monthRows(
          db,
          scope.organisationId,
          scope.unitId,
          range.from,
          range.to,
        );
        const interventions = rows.reduce((s, r) => s + r.interventions, 0);
        const bedDays = rows.reduce((s, r) => s + r.bed_days, 0);
        const names = await directory.describeUnits(db, [scope.unitId], scope.organisationId);
        return {
          referenceRate: reference,
          rows: [
            {
              id: scope.unitId,
              name: names.get(scope.unitId)?.name ?? 'This unit',
              interventions,
              bedDays,
              ...zeroReportingFlag(interventions, bedDays, reference),
            },
          ],
        };
      }
      const below = await store.totalsBelow(
        db,
        scope.level === 'national' ? null : scope.organisationId,
        range.from,
        range.to,
      );
      const reference = reportingRate(below);
      const ids = below.map((b) => b.scopeId);
      const names =
        scope.level === 'national'
          ? directory.describeOrganisations
            ? await directory.describeOrganisations(db, ids)
            : new Map<string, { name: string }>()
          : await directory.describeUnits(db, ids, scope.organisationId);
      return {
        referenceRate: reference,
        rows: below
          .map((b) => ({
            id: b.scopeId,
            name: names.get(b.scopeId)?.name ?? b.scopeId.slice(0, 8),
            interventions: b.interventions,
            bedDays: b.bedDays,
            ...zeroReportingFlag(b.interventions, b.bedDays, reference),
          }))
          .sort((a, b) => Number(b.flagged) - Number(a.flagged) || a.name.localeCompare(b.name)),
      };
    },
  };
  return dashboards;
}
