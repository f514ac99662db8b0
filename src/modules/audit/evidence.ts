/**
 * Evidence for the self-assessment from the audit trail: how many looks at and changes to
 * people's information were listed for them to see. Guarantees: one aggregate query naming the
 * organisation; for whole months it sums the monthly rollup (looks-rollup.ts, kept in step with
 * every appended event), otherwise it counts the events.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { EvidenceFigure, EvidenceScope } from '../../lib/evidence.ts';
import { countFigure, isWholeMonths } from '../../lib/evidence.ts';
import { lookShownSql } from './looks-rollup.ts';

/** What the audit figure counts (the assessment shows these words). */
export const auditFigureSpecs = {
  accessesShown: {
    key: 'audit.accesses-shown',
    title: 'Looks and changes shown to people',
    kind: 'count',
    definition:
      'The number of times in the period someone else (for a unit: its staff) looked at or changed a person’s information. Every one is listed on that person’s “Who has seen my information” page, which shows the newest 500. Whether people read the page is not recorded.',
    link: '/who-has-seen-my-information',
  },
} as const;

/** Creates the audit evidence functions. */
export function createAuditEvidence(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** The audit figures for one unit (by the acting staff member's unit) or the organisation. */
    async figures(scope: EvidenceScope): Promise<EvidenceFigure[]> {
      if (isWholeMonths(scope)) {
        let r = db
          .selectFrom('audit_looks_month')
          .select(sql<number>`coalesce(sum(looks), 0)`.as('n'))
          .where('organisation_id', '=', scope.organisationId)
          .where('period', '>=', scope.from.slice(0, 7))
          .where('period', '<', scope.to.slice(0, 7));
        if (scope.unitId !== null) r = r.where('actor_unit_id', '=', scope.unitId);
        const row = await r.executeTakeFirstOrThrow();
        return [countFigure(auditFigureSpecs.accessesShown, Number(row.n))];
      }
      let q = db
        .selectFrom('audit_events')
        .select(sql<number>`count(*)`.as('n'))
        .where('organisation_id', '=', scope.organisationId)
        .where('occurred_at', '>=', scope.from)
        .where('occurred_at', '<', scope.to)
        .where(lookShownSql);
      if (scope.unitId !== null) q = q.where('actor_unit_id', '=', scope.unitId);
      const row = await q.executeTakeFirstOrThrow();
      return [countFigure(auditFigureSpecs.accessesShown, Number(row.n))];
    },
  };
}

/** The audit evidence functions. */
export type AuditEvidence = ReturnType<typeof createAuditEvidence>;
