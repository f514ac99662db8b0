/**
 * Access policy for asking about trauma. Guarantees: deny by default; nothing crosses an
 * organisation; only a practitioner in the person's care can lead a conversation, and only the
 * practitioner who leads it can continue it; a recorded disclosure is seen only by the person
 * and, while it is not withdrawn, by the practitioner who asked and anyone the person chose to
 * share it with, and staff must still be in the person's care; once withdrawn, no member of
 * staff sees it; reflections belong to the person alone; managers see counts, never content.
 * Anything the caller may not see is answered with 404 by the service.
 */
import type { Actor } from '../../lib/actor.ts';
import type { Role } from '../../lib/roles.ts';
import type { EnquiryMode, EnquiryStage, EnquiryState } from './tables.ts';

/** Who may reach each group of enquiry pages: the access rules and header links use these lists. */
export const enquiryRoles = {
  /** Practitioners lead conversations. */
  lead: ['practitioner'],
  /** The questions can be answered by the practitioner or, on their own device, the person. */
  leadOrPerson: ['practitioner', 'service_user'],
  /** The person asked: their own records, reflections and the thank-you page. */
  person: ['service_user'],
  /** The overview of asking about trauma and the support directory. */
  staff: ['practitioner', 'unit_manager', 'org_admin'],
  /** Those who keep the support directory and see rates (counts only). */
  managers: ['unit_manager', 'org_admin'],
  /** Who may open a disclosure page (the record-level check is `view-disclosure`). */
  disclosureReaders: ['service_user', 'practitioner', 'unit_manager'],
  /** The staff guide to "What happened to you?". */
  guide: ['practitioner', 'unit_manager', 'org_admin', 'lived_experience_partner'],
} as const satisfies Record<string, readonly Role[]>;

/** Whether an actor leads conversations (a caseload, next steps, the practitioner's home panel). */
export function leadsConversations(actor: { role: Role }): boolean {
  return actor.role === 'practitioner';
}

/** Whether an account is a person receiving care (the people conversations are with). */
export function isPersonInCare(account: { role: Role }): boolean {
  return account.role === 'service_user';
}

/** Whether an actor sees requests for reflective space from the practitioners in their units. */
export function seesReflectiveSpaceRequests(actor: { role: Role }): boolean {
  return actor.role === 'unit_manager';
}

/** Whether an actor's rates cover every unit of the organisation, not only their own units. */
export function seesEveryUnitsRates(actor: { role: Role }): boolean {
  return actor.role === 'org_admin';
}

/** Whether a person may choose this member of staff to share a disclosure with. */
export function mayReceiveShare(account: { role: Role }): boolean {
  return account.role === 'practitioner' || account.role === 'unit_manager';
}

/** Whether an account's rates are counted per practitioner. */
export function isPractitioner(account: { role: Role }): boolean {
  return leadsConversations(account);
}

/** The facts about an enquiry the policy needs. */
export interface EnquiryFacts {
  organisationId: string;
  personId: string;
  practitionerId: string;
  mode: EnquiryMode;
  stage: EnquiryStage;
  state: EnquiryState;
}

/** The facts about a disclosure the policy needs. */
export interface DisclosureFacts {
  organisationId: string;
  personId: string;
  practitionerId: string;
  status: 'active' | 'withdrawn';
  shares: { unitId: string | null; accountId: string | null }[];
}

/** What an actor may try to do. */
export type EnquiryAction =
  | { kind: 'start'; personVisible: boolean }
  | { kind: 'lead'; enquiry: EnquiryFacts; personVisible: boolean }
  | { kind: 'answer'; enquiry: EnquiryFacts; personVisible: boolean }
  | { kind: 'view-disclosure'; disclosure: DisclosureFacts; personVisible: boolean }
  | { kind: 'manage-disclosure'; disclosure: DisclosureFacts }
  | { kind: 'view-rates' }
  | { kind: 'view-directory' }
  | { kind: 'manage-directory' }
  | { kind: 'own-reflection'; reflection: { organisationId: string; personId: string } }
  | { kind: 'view-guide' };

/** Decides whether an actor may take an action. Anything not named here is refused. */
export function mayEnquiry(actor: Actor, action: EnquiryAction): boolean {
  switch (action.kind) {
    case 'start':
      return leadsConversations(actor) && action.personVisible;
    case 'lead':
      return (
        action.enquiry.organisationId === actor.organisationId &&
        leadsConversations(actor) &&
        action.personVisible &&
        action.enquiry.practitionerId === actor.id
      );
    case 'answer': {
      const e = action.enquiry;
      if (e.organisationId !== actor.organisationId) return false;
      if (actor.id === e.personId) {
        return e.state !== 'done' && e.mode === 'own_device' && e.stage === 'ask';
      }
      return mayEnquiry(actor, { kind: 'lead', enquiry: e, personVisible: action.personVisible });
    }
    case 'view-disclosure': {
      const d = action.disclosure;
      if (d.organisationId !== actor.organisationId) return false;
      if (actor.id === d.personId) return true;
      // A withdrawn disclosure is hidden from every member of staff at once.
      if (d.status !== 'active' || !action.personVisible) return false;
      if (!mayReceiveShare(actor)) return false;
      if (actor.id === d.practitionerId) return true;
      return d.shares.some(
        (s) => s.accountId === actor.id || (s.unitId !== null && actor.unitIds.includes(s.unitId)),
      );
    }
    case 'manage-disclosure':
      return (
        action.disclosure.organisationId === actor.organisationId &&
        actor.id === action.disclosure.personId
      );
    case 'view-rates':
      return hasRole(actor, enquiryRoles.managers);
    case 'view-directory':
      return hasRole(actor, enquiryRoles.staff);
    case 'manage-directory':
      return hasRole(actor, enquiryRoles.managers);
    case 'own-reflection':
      return (
        action.reflection.organisationId === actor.organisationId &&
        action.reflection.personId === actor.id
      );
    case 'view-guide':
      return hasRole(actor, enquiryRoles.guide);
  }
}

function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  return roles.includes(actor.role);
}
