/**
 * Access policy for asking about trauma. Guarantees: deny by default; nothing crosses an
 * organisation; only a practitioner in the person's care can lead a conversation, and only the
 * practitioner who leads it can continue it; a recorded disclosure is seen only by the person
 * and, while it is not withdrawn, by the practitioner who asked and anyone the person chose to
 * share it with, and staff must still be in the person's care; once withdrawn, no member of
 * staff sees it; reflections belong to the person alone; managers see counts, never content.
 * Anything the caller may not see is answered with 404 by the service.
 */
import type { Actor } from '../accounts/index.ts';
import type { EnquiryMode, EnquiryStage, EnquiryState } from './tables.ts';

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
      return actor.role === 'practitioner' && action.personVisible;
    case 'lead':
      return (
        action.enquiry.organisationId === actor.organisationId &&
        actor.role === 'practitioner' &&
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
      if (actor.role !== 'practitioner' && actor.role !== 'unit_manager') return false;
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
      return actor.role === 'unit_manager' || actor.role === 'org_admin';
    case 'view-directory':
      return ['practitioner', 'unit_manager', 'org_admin'].includes(actor.role);
    case 'manage-directory':
      return actor.role === 'unit_manager' || actor.role === 'org_admin';
    case 'own-reflection':
      return (
        action.reflection.organisationId === actor.organisationId &&
        action.reflection.personId === actor.id
      );
    case 'view-guide':
      return ['practitioner', 'unit_manager', 'org_admin', 'lived_experience_partner'].includes(
        actor.role,
      );
  }
}
