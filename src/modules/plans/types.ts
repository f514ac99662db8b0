/** What the plans service needs, the limits it keeps, and the view models it returns. */
import type { Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AccountsPeople } from '../accounts/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Finding } from '../language/index.ts';
import { DAY, MINUTE } from '../../lib/clock.ts';
import type { PlansStore } from './store.ts';
import type { PlanProposalsTable } from './tables.ts';
import type { GlanceView, SectionView } from './present.ts';

/** How long emergency access lasts. */
export const EMERGENCY_ACCESS_MS = 60 * MINUTE;
/** The longest a supporter link may work. */
export const SUPPORTER_LINK_MAX_DAYS = 30;
/** Wrong codes allowed before a supporter link locks. */
export const SUPPORTER_CODE_TRIES = 5;
/** On a several-visit link: minutes of no use before the code is asked again. */
export const SUPPORTER_IDLE_MINUTES = 30;
/** How long the person's home page shows an emergency look at their plan. */
export const EMERGENCY_SHOWN_MS = 30 * DAY;

/** What the plans service needs. */
export interface PlansDeps {
  db: Db;
  store: PlansStore;
  audit: AuditLog;
  clock: Clock;
  publicUrl: string;
  accounts: Pick<
    AccountsPeople,
    | 'requirePersonVisibleTo'
    | 'unitIdsOfPerson'
    | 'describeAccounts'
    | 'describeUnits'
    | 'unitsInOrganisation'
    | 'clinicalStaffInOrganisation'
    | 'caseloadOf'
    | 'peopleInMyUnits'
  >;
  /** The language service's check with the organisation's own rules (built-in lexicon if absent). */
  checkLanguage?: (organisationId: string, text: string) => Promise<Finding[]>;
}

/** The agreement on a plan, as shown. */
export interface AgreementView {
  version: number;
  outcome: 'agreed' | 'differ';
  whoAgreed: string | null;
  personView: string | null;
  teamView: string | null;
  recordedBy: string;
  recordedAt: string;
  isCurrent: boolean;
}

/** A plan as one reader sees it. */
export interface PlanView {
  planId: string;
  personId: string;
  personName: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  reviewBy: string | null;
  reviewDue: boolean;
  sections: SectionView[];
  glance: GlanceView;
  agreement: AgreementView | null;
  access: 'owner' | 'shared' | 'emergency' | 'supporter';
  emergencyUntil: string | null;
  privateCount: number;
  /** When this view was made (for "printed on" and "saved on"). */
  openedAt: string;
}

/** A share as the person sees it. */
export interface ShareView {
  id: string;
  kind: 'unit' | 'practitioner';
  name: string;
}

/** A supporter link as the person sees it (never the token). */
export interface LinkView {
  id: string;
  supporterName: string;
  expiresAt: string;
  state: 'waiting' | 'used' | 'expired' | 'revoked' | 'locked';
  createdAt: string;
  /** 'once' or 'several' visits during the link's days. */
  visits: 'once' | 'several';
  idleMinutes: number;
}

/** A suggested change as shown to the person. */
export interface ProposalView {
  id: string;
  proposedBy: string;
  createdAt: string;
  note: string | null;
  baseVersion: number;
  status: PlanProposalsTable['status'];
  changes: { section: string; label: string; now: string; suggested: string }[];
}

/** An emergency look as shown to the person or their manager. */
export interface EmergencyView {
  id: string;
  personName: string;
  who: string;
  unit: string | null;
  reason: string;
  startedAt: string;
  expiresAt: string;
  reviewedAt: string | null;
  planId: string;
}

/** Choices from a person's plan, for the use-of-force record. */
export interface PlanChoicesForForce {
  planId: string;
  version: number;
  updatedAt: string;
  /** Plain words, for example "Face-down (prone)". */
  restraintPositionsToAvoid: string[];
  staffGenderPreference: string | null;
  medicationChoices: string | null;
  seclusionChoices: string | null;
  searchChoices: string | null;
  observationChoices: string | null;
  whatHelps: string | null;
  whatMakesWorse: string | null;
}

/** The audit action for each page of a plan a reader may open. */
export const VIEW_ACTIONS = {
  full: 'plan.view',
  glance: 'plan.view_glance',
  print: 'plan.print',
  card: 'plan.print_card',
} as const;

/** Which page of a plan a reader is opening. */
export type PlanReadKind = keyof typeof VIEW_ACTIONS;
