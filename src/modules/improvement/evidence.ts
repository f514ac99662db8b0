/**
 * The improvement module's figure for the self-assessment's evidence panel ("survivor
 * partnerships"): action plans drafted in the period and how many a lived-experience partner
 * co-signed. Guarantees: counts only, within one organisation; the period's last day is
 * exclusive, as in every evidence scope.
 */
import type { EvidenceFigure, EvidenceScope } from '../../lib/evidence.ts';
import type { createOverdue } from './overdue.ts';

/** What the figure counts (the assessment shows these words). */
export const improvementFigureSpecs = {
  coSigned: {
    key: 'improvement.plans-co-signed',
    title: 'Action plans co-signed by a lived-experience partner',
    kind: 'count',
    definition:
      'Of the action plans drafted in the period for this unit (self-assessment plans and restraint reduction plans; for the whole organisation, every plan), how many a lived-experience partner co-signed at least once. A plan that changed after its co-sign still counts; the note says how many are co-signed as they stand. It says nothing about how the partner was involved before signing.',
    link: '/improvement',
  },
} as const;

/** The day before a YYYY-MM-DD day (the last day of an exclusive range). */
function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Creates the improvement evidence functions. */
export function createImprovementEvidence(overdue: ReturnType<typeof createOverdue>) {
  return {
    /** The co-signed plans figure for a scope (days [from, to)). */
    async figures(scope: EvidenceScope): Promise<EvidenceFigure[]> {
      const counts = await overdue.coSignedPlans(scope.organisationId, {
        unitId: scope.unitId,
        from: scope.from,
        to: dayBefore(scope.to),
      });
      // Plans are not people: a small number points at nobody, so the count is always shown.
      const figure: EvidenceFigure = {
        ...improvementFigureSpecs.coSigned,
        numerator: counts.coSigned,
        denominator: counts.plans,
        value: counts.plans === 0 ? null : counts.coSigned,
        notEnoughData: false,
        note:
          counts.coSigned > 0
            ? `${counts.coSignedAsTheyStand} of them co-signed as they stand now (no change since).`
            : null,
      };
      return [figure];
    },
  };
}
