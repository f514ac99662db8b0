/**
 * Access policy for the self-assessment. Guarantees: only an organisation administrator, or a
 * unit manager for their own units, opens, extends and closes rounds and makes codes; everyone in
 * the round's organisation (and unit, for a unit round) may answer once; results are for the
 * organisation's administrators, its lived-experience partners and the unit's managers, and only
 * once the round is closed. Every role name of the module is here.
 */
import type { Actor } from '../../lib/actor.ts';
import type { Role } from '../../lib/roles.ts';

/** Who may use each group of pages (access rules and header links read these). */
export const assessmentRoles = {
  /** Opening and running rounds, making codes. */
  manage: ['org_admin', 'unit_manager'] as const satisfies readonly Role[],
  /** Answering a round with an account. */
  answer: [
    'service_user',
    'practitioner',
    'unit_manager',
    'org_admin',
    'lived_experience_partner',
  ] as const satisfies readonly Role[],
  /** Reading a closed round's results. */
  results: [
    'org_admin',
    'unit_manager',
    'lived_experience_partner',
  ] as const satisfies readonly Role[],
  /** Turning sharing with the national comparison on or off; seeing where the organisation stands. */
  share: ['org_admin'] as const satisfies readonly Role[],
  /** The national comparison across organisations (distributions only). */
  national: ['national_operator'] as const satisfies readonly Role[],
  /** The distribution as CSV (no organisation is named in it). */
  distributionCsv: ['national_operator', 'org_admin'] as const satisfies readonly Role[],
  /** Reading the organisation's statements and suggestions (issue 12 item 1). */
  wording: ['org_admin', 'lived_experience_partner'] as const satisfies readonly Role[],
  /** Suggesting new wording for a statement. */
  suggestWording: ['lived_experience_partner'] as const satisfies readonly Role[],
  /** Adding local statements and deciding on suggested wording. */
  decideWording: ['org_admin'] as const satisfies readonly Role[],
};

/** True for the national operator, who sees the comparison across organisations. */
export function isNationalOperator(actor: Actor): boolean {
  return has(assessmentRoles.national, actor);
}

/** True for someone who may change their organisation's sharing and see where it stands. */
export function maySharePeers(actor: Actor): boolean {
  return has(assessmentRoles.share, actor);
}

/** The three groups whose answers are shown side by side. */
export const respondentGroups = ['staff', 'people', 'partners'] as const;
/** One group of people who answer. */
export type RespondentGroup = (typeof respondentGroups)[number];

/** The group an actor answers as, or null for someone who does not answer (a national operator). */
export function groupOf(actor: Actor): RespondentGroup | null {
  switch (actor.role) {
    case 'service_user':
      return 'people';
    case 'lived_experience_partner':
      return 'partners';
    case 'practitioner':
    case 'unit_manager':
    case 'org_admin':
      return 'staff';
    case 'national_operator':
      return null;
  }
}

/** What an actor may try to do. `unitId` is the round's unit (null: the whole organisation). */
export type AssessmentAction =
  | { kind: 'manage' }
  | { kind: 'manage-round'; unitId: string | null }
  | { kind: 'answer-round'; unitId: string | null }
  | { kind: 'see-results'; unitId: string | null }
  | { kind: 'whole-organisation' }
  | { kind: 'see-wording' }
  | { kind: 'suggest-wording' }
  | { kind: 'decide-wording' };

function has(list: readonly Role[], actor: Actor): boolean {
  return list.includes(actor.role);
}

/** Decides whether an actor may take an action (within their own organisation). */
export function mayAssessment(actor: Actor, action: AssessmentAction): boolean {
  const organisationWide = actor.role === 'org_admin';
  const inUnit = (unitId: string | null) => unitId !== null && actor.unitIds.includes(unitId);
  switch (action.kind) {
    case 'manage':
      return has(assessmentRoles.manage, actor);
    case 'whole-organisation':
      return organisationWide;
    case 'see-wording':
      return has(assessmentRoles.wording, actor);
    case 'suggest-wording':
      return has(assessmentRoles.suggestWording, actor);
    case 'decide-wording':
      return has(assessmentRoles.decideWording, actor);
    case 'manage-round':
      return has(assessmentRoles.manage, actor) && (organisationWide || inUnit(action.unitId));
    case 'answer-round':
      if (!has(assessmentRoles.answer, actor)) return false;
      // Partners and administrators belong to the organisation, not to one ward.
      return (
        action.unitId === null ||
        organisationWide ||
        actor.role === 'lived_experience_partner' ||
        inUnit(action.unitId)
      );
    case 'see-results':
      if (!has(assessmentRoles.results, actor)) return false;
      return actor.role !== 'unit_manager' || action.unitId === null || inUnit(action.unitId);
  }
}
