/**
 * Access policy for the wards module. Guarantees: only staff of a ward (practitioners and its
 * unit manager) record its shift reports; only its unit manager and the organisation's
 * administrator see its figures; nothing crosses organisations.
 */
import type { Actor } from '../../lib/actor.ts';
import type { Role } from '../../lib/roles.ts';

/** Who may use each group of ward pages (access rules and header links read these). */
export const wardsRoles = {
  record: ['practitioner', 'unit_manager'] as const satisfies readonly Role[],
  figures: ['unit_manager', 'org_admin'] as const satisfies readonly Role[],
  list: ['practitioner', 'unit_manager', 'org_admin'] as const satisfies readonly Role[],
  // Safewards: the ward's manager records what is in place and checks fidelity; staff log
  // mutual help meetings; staff and people on a ward may write an "about me".
  manage: ['unit_manager'] as const satisfies readonly Role[],
  safewards: ['unit_manager', 'org_admin'] as const satisfies readonly Role[],
  aboutMe: ['practitioner', 'unit_manager', 'service_user'] as const satisfies readonly Role[],
};

/** What an actor may try to do on a ward. */
export type WardsAction =
  | { kind: 'record'; organisationId: string; unitId: string }
  | { kind: 'figures'; organisationId: string; unitId: string }
  | { kind: 'manage'; organisationId: string; unitId: string }
  | { kind: 'safewards'; organisationId: string; unitId: string };

const holds = (roles: readonly Role[], actor: Actor) => roles.includes(actor.role);

/** Decides whether an actor may take an action. Anything not named here is refused. */
export function mayWards(actor: Actor, action: WardsAction): boolean {
  if (action.organisationId !== actor.organisationId) return false;
  switch (action.kind) {
    case 'record':
      return holds(wardsRoles.record, actor) && actor.unitIds.includes(action.unitId);
    case 'figures':
      if (holds(['org_admin'], actor)) return true;
      return holds(['unit_manager'], actor) && actor.unitIds.includes(action.unitId);
    case 'manage':
      return holds(wardsRoles.manage, actor) && actor.unitIds.includes(action.unitId);
    case 'safewards':
      if (holds(['org_admin'], actor)) return true;
      return holds(wardsRoles.manage, actor) && actor.unitIds.includes(action.unitId);
  }
}

/** Whether someone may write an "about me", and whether it counts as staff's or a person's. */
export function aboutMeAuthor(actor: Actor): 'staff' | 'person' | null {
  if (!holds(wardsRoles.aboutMe, actor)) return null;
  return holds(['service_user'], actor) ? 'person' : 'staff';
}

// --- Ward screen (issue 14) ---

/** Who may use the ward screen's pages: expectations, discharge messages, tokens, the org chart. */
export const wardScreenRoles = {
  /** Read a ward's expectations and print the poster: its staff and everyone on the ward. */
  expectationsRead: [
    'practitioner',
    'unit_manager',
    'service_user',
  ] as const satisfies readonly Role[],
  /** Publish a new version of the expectations: the ward's staff. */
  expectationsEdit: ['practitioner', 'unit_manager'] as const satisfies readonly Role[],
  /** Write and withdraw one's own discharge message: a person on the ward. */
  writeMessage: ['service_user'] as const satisfies readonly Role[],
  /** Check discharge messages: the ward's staff. */
  checkMessages: ['practitioner', 'unit_manager'] as const satisfies readonly Role[],
  /** Create and revoke display tokens: the ward's manager. */
  tokens: ['unit_manager'] as const satisfies readonly Role[],
  /** The chart of every ward: the organisation's administrator. */
  organisationChart: ['org_admin'] as const satisfies readonly Role[],
};

/** What an actor may try on the ward screen's side of a ward. */
export type WardScreenAction = { kind: keyof typeof wardScreenRoles; unitId?: string };

/** Decides a ward screen action: the role, and for ward actions, that the ward is the actor's. */
export function mayWardScreen(actor: Actor, action: WardScreenAction): boolean {
  if (!holds(wardScreenRoles[action.kind], actor)) return false;
  if (action.kind === 'organisationChart') return true;
  return action.unitId !== undefined && actor.unitIds.includes(action.unitId);
}
