/**
 * Access policy for improvement plans. Guarantees: nothing crosses organisations; an
 * organisation administrator sees and changes every plan; a unit manager sees and changes their
 * own units' plans and sees the organisation's; practitioners see their units' plans and the
 * organisation's; lived-experience partners see every plan of their organisation and are the
 * only ones who co-sign, disagree or comment; an action's owner may add progress to it.
 * Every role name of the module is here.
 */
import type { Actor } from '../../lib/actor.ts';
import type { Role } from '../../lib/roles.ts';

/** Who may use each group of pages (access rules and header links read these). */
export const improvementRoles = {
  /** Reading plans. */
  view: [
    'practitioner',
    'unit_manager',
    'org_admin',
    'lived_experience_partner',
  ] as const satisfies readonly Role[],
  /** Drafting plans, adding and changing actions and goals. */
  edit: ['unit_manager', 'org_admin'] as const satisfies readonly Role[],
  /** Progress on an action (editors, and the action's owner). */
  progress: [
    'practitioner',
    'unit_manager',
    'org_admin',
    'lived_experience_partner',
  ] as const satisfies readonly Role[],
  /** Co-signing, disagreeing and commenting. */
  review: ['lived_experience_partner'] as const satisfies readonly Role[],
};

/** The roles an action's owner may hold: staff of the organisation, partners included. */
export const ownerRoles: readonly Role[] = [
  'practitioner',
  'unit_manager',
  'org_admin',
  'lived_experience_partner',
];

/** A plan as the policy needs it. */
export interface PlanScope {
  organisationId: string;
  /** Null: the whole organisation. */
  unitId: string | null;
}

/** What an actor may try to do. */
export type ImprovementAction =
  | { kind: 'view'; plan: PlanScope }
  | { kind: 'edit'; plan: PlanScope }
  | { kind: 'progress'; plan: PlanScope; ownerId: string }
  | { kind: 'review'; plan: PlanScope }
  | { kind: 'see-overdue-as-manager' }
  | { kind: 'home' };

const holds = (roles: readonly Role[], actor: Actor) => roles.includes(actor.role);

/** Decides whether an actor may take an action. Anything not named here is refused. */
export function mayImprovement(actor: Actor, action: ImprovementAction): boolean {
  if (action.kind === 'see-overdue-as-manager') return holds(improvementRoles.edit, actor);
  if (action.kind === 'home') return holds(improvementRoles.view, actor);
  const { plan } = action;
  if (plan.organisationId !== actor.organisationId) return false;
  const wholeOrganisation = holds(['org_admin', 'lived_experience_partner'], actor);
  const inUnit = plan.unitId !== null && actor.unitIds.includes(plan.unitId);
  switch (action.kind) {
    case 'view':
      return (
        holds(improvementRoles.view, actor) && (wholeOrganisation || plan.unitId === null || inUnit)
      );
    case 'edit':
      if (holds(['org_admin'], actor)) return true;
      return holds(['unit_manager'], actor) && inUnit;
    case 'progress':
      if (mayImprovement(actor, { kind: 'edit', plan })) return true;
      return actor.id === action.ownerId && mayImprovement(actor, { kind: 'view', plan });
    case 'review':
      return holds(improvementRoles.review, actor);
  }
}

/** True when an account of this role may own an action. */
export function mayOwnActions(role: Role): boolean {
  return ownerRoles.includes(role);
}
