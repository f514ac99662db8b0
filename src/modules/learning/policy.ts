/**
 * Access policy for staff learning. Guarantees: each member of staff sees only their own
 * training record, course progress and certificate; unit managers see the grid for their own
 * units only, administrators for any unit of their organisation; only administrators define
 * courses and import records; training flags on a use of force go to managers, never to the
 * staff named.
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
  /** Defining courses and importing records. */
  administer: ['org_admin'] as const satisfies readonly Role[],
};

/** The roles whose training the unit grid follows: staff who work with people on the unit. */
export const trainedRoles: readonly Role[] = ['practitioner', 'unit_manager'];

/** What an actor may try to do. */
export type LearningAction =
  | { kind: 'own-record' }
  | { kind: 'see-grid' }
  | { kind: 'see-unit'; unitOrganisationId: string; unitId: string }
  | { kind: 'administer' }
  | { kind: 'see-force-flags' };

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
  }
}

/** True for the roles whose training the unit grid and use-of-force flags follow. */
export function isTrainedRole(role: Role): boolean {
  return trainedRoles.includes(role);
}
