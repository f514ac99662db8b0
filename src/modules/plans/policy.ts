/**
 * Access policy for plans. Guarantees: deny by default; nobody sees a plan outside their own
 * organisation; the person always sees their own plan; staff see it only while the person
 * shares it with them (a unit they work in, or them by name), checked on every request, or
 * for a short time after giving a reason for emergency access. Being on a caseload alone is
 * not enough. Anything else is answered as if the plan did not exist.
 */
import type { Actor } from '../accounts/index.ts';
import type { PlanEmergencyAccessTable, PlanSharesTable, PlansTable } from './tables.ts';

/** Why an actor may read a plan. */
export type PlanAccess =
  | { kind: 'owner' }
  | { kind: 'shared'; via: 'unit' | 'name'; unitId: string | null }
  | { kind: 'emergency'; grant: PlanEmergencyAccessTable };

/** Roles that may be given a plan or ask for emergency access. */
export const clinicalRoles = ['practitioner', 'unit_manager'] as const;

/** True for roles that may see plans shared with them. */
export function isClinical(actor: Actor): boolean {
  return (clinicalRoles as readonly string[]).includes(actor.role);
}

/**
 * Decides whether an actor may read a plan, and why.
 * @param shares - the plan's shares (revoked ones are ignored)
 * @param grants - the actor's emergency grants for this plan
 */
export function planAccessFor(
  actor: Actor,
  plan: PlansTable,
  shares: PlanSharesTable[],
  grants: PlanEmergencyAccessTable[],
  now: Date,
): PlanAccess | null {
  if (plan.organisation_id !== actor.organisationId) return null;
  if (actor.role === 'service_user') return actor.id === plan.person_id ? { kind: 'owner' } : null;
  if (!isClinical(actor)) return null;
  const active = shares.filter((s) => s.revoked_at === null && s.plan_id === plan.id);
  const byName = active.find((s) => s.kind === 'practitioner' && s.account_id === actor.id);
  if (byName) return { kind: 'shared', via: 'name', unitId: null };
  const byUnit = active.find(
    (s) => s.kind === 'unit' && s.unit_id !== null && actor.unitIds.includes(s.unit_id),
  );
  if (byUnit) return { kind: 'shared', via: 'unit', unitId: byUnit.unit_id };
  const grant = grants.find(
    (g) => g.actor_id === actor.id && g.plan_id === plan.id && new Date(g.expires_at) > now,
  );
  if (grant) return { kind: 'emergency', grant };
  return null;
}

/** True when the access lets someone suggest changes or record agreement (sharing, not emergency). */
export function mayWorkOnPlan(access: PlanAccess | null): boolean {
  return access?.kind === 'shared';
}

/** True for the person whose plan it is (only people using services have a plan of their own). */
export function isPlanOwnerRole(who: Pick<Actor, 'role'>): boolean {
  return who.role === 'service_user';
}

/** True for roles that may suggest a change to a shared plan (practitioners, not managers). */
export function mayProposeChanges(actor: Actor): boolean {
  return actor.role === 'practitioner';
}

/** True for roles that review emergency looks at plans (unit managers). */
export function reviewsEmergencyAccess(actor: Actor): boolean {
  return actor.role === 'unit_manager';
}

/** Role lists for the plans pages' access rules and header links, so web.ts names no role. */
export const planRoles = {
  person: ['service_user'],
  clinicians: clinicalRoles,
  proposers: ['practitioner'],
  reviewers: ['unit_manager'],
  fhir: ['service_user', ...clinicalRoles],
} as const;
