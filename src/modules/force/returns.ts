/**
 * The annual statistics the Act asks each organisation to prepare. Guarantees: only the
 * organisation's administrator or a national operator sees them, and every count from 1 to 4 is
 * shown as "fewer than 5" (the raw count never leaves this file).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { dimensions, interventionTypes, reasonCodes } from './codes.ts';
import { toCsv } from './csv.ts';
import type { createDashboards } from './dashboards.ts';
import type { ForceDirectory } from './deps.ts';
import { isNationalOperator, mayForce, seesWholeOrganisation } from './policy.ts';
import { isSuppressed, showCount } from './stats.ts';
import type { ForceStore } from './store.ts';

/** What the returns page may choose: the year and (for a national operator) the organisation. */
export interface ReturnQuery {
  year?: string;
  organisation?: string;
}

/** Creates the annual return. */
export function createReturns(deps: {
  db: Db;
  store: ForceStore;
  directory: ForceDirectory;
  clock: () => Date;
  dashboards: ReturnType<typeof createDashboards>;
}) {
  const { db, store, directory, clock } = deps;

  /**
   * The annual statistics under the Act for one organisation: counts by type, reason, outcome
   * and characteristic group (small numbers suppressed).
   */
  /**
   * The annual statistics under the Act for one organisation: counts by type, reason, outcome
   * and characteristic group (small numbers suppressed).
   */
  async function annual(actor: Actor, organisationId: string, year: string) {
    if (!mayForce(actor, { kind: 'returns', organisationId })) throw AppError.notFound();
    const from = `${year}-01`;
    const to = `${year}-12`;
    const months = await store.monthRows(db, organisationId, '', from, to);
    const types = await store.typeRows(db, organisationId, '', from, to);
    const groups = await store.groupRows(db, organisationId, '', year);
    const facts = await store.returnFacts(db, organisationId, from, to);
    const sum = (k: keyof (typeof months)[number]) => months.reduce((s, m) => s + Number(m[k]), 0);
    const lines: { measure: string; breakdown: string; value: number }[] = [
      { measure: 'Incidents', breakdown: 'All', value: sum('incidents') },
      { measure: 'People subject to force', breakdown: 'All', value: facts.people },
      { measure: 'Interventions', breakdown: 'All', value: sum('interventions') },
      { measure: 'Prone restraint', breakdown: 'All', value: sum('prone_interventions') },
      {
        measure: 'Incidents where the person was injured',
        breakdown: 'All',
        value: sum('injuries_person'),
      },
      {
        measure: "Incidents where the person's account was offered",
        breakdown: 'All',
        value: sum('account_offered'),
      },
      {
        measure: "Incidents where the person's account was given",
        breakdown: 'All',
        value: sum('account_given'),
      },
    ];
    for (const t of interventionTypes) {
      const n = types
        .filter((r) => r.type_code === t.code)
        .reduce((s, r) => s + r.interventions, 0);
      if (n)
        lines.push({
          measure: 'Interventions by type',
          breakdown: `${t.code} ${t.label}`,
          value: n,
        });
    }
    for (const r of reasonCodes) {
      const n = facts.rows.filter((f) => f.reason_code === r.code).reduce((s, f) => s + f.n, 0);
      if (n)
        lines.push({
          measure: 'Incidents by reason',
          breakdown: `${r.code} ${r.label}`,
          value: n,
        });
    }
    for (const [code, label] of [
      ['serious_injury', 'Serious injury'],
      ['death', 'Death'],
    ] as const) {
      lines.push({
        measure: 'Death or serious injury',
        breakdown: label,
        value: facts.rows.filter((f) => f.harm === code).reduce((s, f) => s + f.n, 0),
      });
    }
    for (const code of ['police', 'security', 'other'] as const) {
      const n = facts.rows.filter((f) => f.non_staff === code).reduce((s, f) => s + f.n, 0);
      lines.push({
        measure: 'Incidents involving people who are not unit staff',
        breakdown: code,
        value: n,
      });
    }
    for (const d of dimensions) {
      for (const g of d.groups) {
        const n =
          groups.find((x) => x.dimension === d.code && x.group_code === g.code)?.incidents ?? 0;
        lines.push({
          measure: `Incidents by ${d.label.toLowerCase()}`,
          breakdown: g.label,
          value: n,
        });
      }
    }
    const names = directory.describeOrganisations
      ? await directory.describeOrganisations(db, [organisationId])
      : new Map<string, { name: string }>();
    return {
      organisationName: names.get(organisationId)?.name ?? '',
      year,
      lines: lines.map(({ value, ...l }) => ({
        ...l,
        shown: showCount(value),
        suppressed: isSuppressed(value),
      })),
    };
  }

  // Last year unless chosen; a national operator may choose any organisation.
  async function chosen(actor: Actor, query: ReturnQuery) {
    const year =
      query.year && /^\d{4}$/.test(query.year) ? query.year : String(clock().getUTCFullYear() - 1);
    const organisationId =
      isNationalOperator(actor) && query.organisation ? query.organisation : actor.organisationId;
    return { year, organisationId, ret: await annual(actor, organisationId, year) };
  }

  return {
    annual,

    /** The returns page: the statistics, and the organisations a national operator can pick. */
    async page(actor: Actor, query: ReturnQuery) {
      const { year, organisationId, ret } = await chosen(actor, query);
      const scopes = isNationalOperator(actor)
        ? (await deps.dashboards.scopes(actor)).filter((s) => s.scope.level === 'organisation')
        : [];
      return {
        ret,
        year,
        organisationId,
        orgItems: scopes.map((s) => ({
          value: s.value.slice(13),
          text: s.text,
          selected: s.value.slice(13) === organisationId,
        })),
        isAdmin: seesWholeOrganisation(actor),
      };
    },

    /** The annual return as CSV, and its year. */
    async csv(actor: Actor, query: ReturnQuery): Promise<{ year: string; csv: string }> {
      const { year, ret } = await chosen(actor, query);
      const csv = toCsv(
        ['Organisation', 'Year', 'Measure', 'Breakdown', 'Value'],
        ret.lines.map((l) => ({
          Organisation: ret.organisationName,
          Year: ret.year,
          Measure: l.measure,
          Breakdown: l.breakdown,
          Value: l.shown,
        })),
      );
      return { year, csv };
    },
  };
}
