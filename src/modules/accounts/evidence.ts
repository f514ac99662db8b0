/**
 * Evidence for the self-assessment from accounts: who the people who use the service are on a
 * unit (so the plans figures have a denominator) and how many lived-experience partners the
 * organisation has. Guarantees: counts and ids only; every statement names the organisation.
 */
import type { Db } from '../../db/index.ts';
import type { EvidenceFigure, EvidenceScope, PeopleInScope } from '../../lib/evidence.ts';
import { countFigure } from '../../lib/evidence.ts';
import { evidenceRoles } from './policy.ts';

/** What the accounts figure counts (the assessment shows these words). */
export const accountsFigureSpecs = {
  partners: {
    key: 'accounts.partners',
    title: 'Lived-experience partners with an account',
    kind: 'count',
    definition:
      'The number of lived-experience partners with an active Hearth account in the organisation today. Partners belong to the whole organisation, not to one unit. It says nothing about how often they are asked or paid, which Hearth does not record.',
    link: '/people',
  },
} as const;

/** Creates the accounts evidence functions. */
export function createAccountsEvidence(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** The active people who use the service on a unit (ids), or in the organisation (count only). */
    async peopleInScope(scope: EvidenceScope): Promise<PeopleInScope> {
      if (scope.unitId === null) {
        const row = await db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('organisation_id', '=', scope.organisationId)
          .where('role', '=', evidenceRoles.people)
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow();
        return { ids: null, count: Number(row.n) };
      }
      const rows = await db
        .selectFrom('unit_memberships as m')
        .innerJoin('accounts as a', (j) =>
          j.onRef('a.id', '=', 'm.account_id').onRef('a.organisation_id', '=', 'm.organisation_id'),
        )
        .select('a.id')
        .where('m.organisation_id', '=', scope.organisationId)
        .where('a.organisation_id', '=', scope.organisationId)
        .where('m.unit_id', '=', scope.unitId)
        .where('a.role', '=', evidenceRoles.people)
        .where('a.status', '=', 'active')
        .execute();
      return { ids: rows.map((r) => r.id), count: rows.length };
    },

    /** The accounts figures (the organisation's partners, whatever the unit). */
    async figures(scope: EvidenceScope): Promise<EvidenceFigure[]> {
      const row = await db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organisation_id', '=', scope.organisationId)
        .where('role', '=', evidenceRoles.partners)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      return [countFigure(accountsFigureSpecs.partners, Number(row.n))];
    },
  };
}

/** The accounts evidence functions. */
export type AccountsEvidence = ReturnType<typeof createAccountsEvidence>;
