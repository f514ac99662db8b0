/**
 * Access policy for staff learning. Guarantees: each member of staff sees only their own
 * training record, course progress and certificate; unit managers see the grid for their own
 * units only, administrators for any unit of their organisation; only administrators define
 * courses and import records; training flags on a use of force go to managers, never to the
 * staff named; a journal entry is read only by its writer and the one supervisor they share it
 * with, and changed only by its writer; managers see supervision, support and wellbeing as
 * counts only.
 */
import type { Actor } from '../accounts/index.ts';
import type { Role } from '../../lib/roles.ts';

/** Who may use each group of learning pages (access rules and header links read these). */
export const learningRoles = {
  /** Their own training record and the built-in course. */
  learner: [
    'practitioner',
    'unit_manager',
    'org_admin',
    'lived_experience_partner',
  ] as const satisfies readonly Role[],
  /** The unit grid and the records export. */
  grid: ['unit_manager', 'org_admin'] as const satisfies readonly Role[],
  /** Defining courses and importing records, and the staff support directory. */
  administer: ['org_admin'] as const satisfies readonly Role[],
  /** A private journal, supervision records, support offers and the wellbeing check-in. */
  reflect: [
    'practitioner',
    'unit_manager',
    'org_admin',
    'lived_experience_partner',
  ] as const satisfies readonly Role[],
  /** Suggesting changes to the course text (issue 13 item 5); administrators decide. */
  suggest: ['lived_experience_partner'] as const satisfies readonly Role[],
};

/** Who a staff member may name as a supervisor (and so share a journal entry with). */
export const supervisorRoles: readonly Role[] = ['practitioner', 'unit_manager', 'org_admin'];

/** The roles whose training the unit grid follows: staff who work with people on the unit. */
export const trainedRoles: readonly Role[] = ['practitioner', 'unit_manager'];

/** What an actor may try to do. */
export type LearningAction =
  | { kind: 'own-record' }
  | { kind: 'see-grid' }
  | { kind: 'see-unit'; unitOrganisationId: string; unitId: string }
  | { kind: 'administer' }
  | { kind: 'suggest' }
  | { kind: 'see-force-flags' }
  | { kind: 'reflect' }
  | { kind: 'read-entry'; organisationId: string; writerId: string; sharedWith: string | null }
  | { kind: 'change-entry'; organisationId: string; writerId: string };

const has = (list: readonly Role[], actor: Actor) => list.includes(actor.role);

/** Decides whether an actor may take an action. Anything not named here is refused. */
export function mayLearning(actor: Actor, action: LearningAction): boolean {
  switch (action.kind) {
    case 'own-record':
      return has(learningRoles.learner, actor);
    case 'see-grid':
    case 'see-force-flags':
      return has(learningRoles.grid, actor);
    case 'see-unit':
      if (action.unitOrganisationId !== actor.organisationId) return false;
      if (has(learningRoles.administer, actor)) return true;
      return has(learningRoles.grid, actor) && actor.unitIds.includes(action.unitId);
    case 'administer':
      return has(learningRoles.administer, actor);
    case 'suggest':
      return has(learningRoles.suggest, actor);
    case 'reflect':
      return has(learningRoles.reflect, actor);
    // A journal entry is its writer's alone; a supervisor reads only the entry shared with them.
    // Being a manager or an administrator gives no way in.
    case 'read-entry':
      return (
        has(learningRoles.reflect, actor) &&
        action.organisationId === actor.organisationId &&
        (action.writerId === actor.id || action.sharedWith === actor.id)
      );
    case 'change-entry':
      return (
        has(learningRoles.reflect, actor) &&
        action.organisationId === actor.organisationId &&
        action.writerId === actor.id
      );
  }
}

/** True for the roles a staff member may name as their supervisor. */
export function maySupervise(role: Role): boolean {
  return supervisorRoles.includes(role);
}

/** True for the roles whose training the unit grid and use-of-force flags follow. */
export function isTrainedRole(role: Role): boolean {
  return trainedRoles.includes(role);
}
