/**
 * What a plan is about, resolved for one actor: a self-assessment round (supplied by the
 * composition root), or a ward's or the organisation's restraint reduction plan (known here).
 * Guarantees: a subject the actor may not see resolves to null, and the caller answers 404.
 */
import type { Actor } from '../../lib/actor.ts';
import type { ImprovementDeps, MeasureChoice } from './deps.ts';
import type { PlanSubjectKind } from './tables.ts';

/** A subject as the plan pages show it. */
export interface ResolvedSubject {
  kind: PlanSubjectKind;
  id: string;
  title: string;
  unitId: string | null;
  href: string | null;
  links: { key: string; label: string }[];
  measures: MeasureChoice[];
}

/** Plain words for each kind of plan. */
export const subjectKindLabels: Record<PlanSubjectKind, string> = {
  assessment_round: 'Self-assessment action plan',
  ward_reduction: 'Restraint reduction plan',
  organisation_reduction: 'Restraint reduction plan',
};

/** Resolves a subject for an actor, or null when it does not exist or is not theirs to see. */
export async function resolveSubject(
  deps: ImprovementDeps,
  actor: Actor,
  kind: PlanSubjectKind,
  subjectId: string,
): Promise<ResolvedSubject | null> {
  switch (kind) {
    case 'assessment_round': {
      const subject = deps.subjects.assessment_round;
      if (!subject) return null;
      const d = await subject.describe(actor, subjectId).catch(() => null);
      return d ? { kind, id: subjectId, ...d } : null;
    }
    case 'ward_reduction': {
      const units = await deps.directory.unitsInOrganisation(actor.organisationId);
      const unit = units.find((u) => u.id === subjectId && (u.kind ?? 'ward') === 'ward');
      if (!unit) return null;
      return {
        kind,
        id: subjectId,
        title: `Restraint reduction plan: ${unit.name}`,
        unitId: unit.id,
        href: `/wards/${unit.id}/figures`,
        links: [],
        measures: [],
      };
    }
    case 'organisation_reduction':
      if (subjectId !== actor.organisationId) return null;
      return {
        kind,
        id: subjectId,
        title: 'Restraint reduction plan: the whole organisation',
        unitId: null,
        href: null,
        links: [],
        measures: [],
      };
  }
}
