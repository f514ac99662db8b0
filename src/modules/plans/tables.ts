/** Table shapes for My plan: plans, their versions, shares, supporter links, proposals, agreements and emergency access. */

/** One person's plan. The content lives in plan_versions; this row points at the current one. */
export interface PlansTable {
  id: string;
  organisation_id: string;
  person_id: string;
  current_version: number;
  /** The date (YYYY-MM-DD) the person wants to look at the plan again, or null. */
  review_by: string | null;
  /** JSON array of section keys kept private from everyone the plan is shared with. */
  private_sections: string;
  created_at: string;
  updated_at: string;
}

/** Every save of a plan. `content` is JSON (see PlanContent). */
export interface PlanVersionsTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  version: number;
  content: string;
  author_id: string;
  note: string | null;
  created_at: string;
}

/** Consent to share: a unit of the organisation, or a named member of staff. */
export interface PlanSharesTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  kind: 'unit' | 'practitioner';
  unit_id: string | null;
  account_id: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** A link for a supporter outside the service. Only hashes of the token and code are kept. */
export interface PlanSupporterLinksTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  supporter_name: string;
  token_hash: string;
  code_hash: string;
  failed_attempts: number;
  expires_at: string;
  revoked_at: string | null;
  used_at: string | null;
  created_at: string;
  /** 'once': the code opens the plan one time; 'several': visits until the link ends. */
  visits: SupporterLinkVisits;
  /** With several visits: minutes of no use after which the code is asked again. */
  idle_minutes: number;
}

/** How many times a supporter link opens the plan. */
export type SupporterLinkVisits = 'once' | 'several';

/** An open visit by a supporter on a several-visit link. Only the cookie token's hash is kept. */
export interface PlanSupporterVisitsTable {
  id: string;
  organisation_id: string;
  link_id: string;
  token_hash: string;
  last_seen_at: string;
  created_at: string;
}

/** A change a practitioner suggests; only the person accepts or declines it. */
export interface PlanProposalsTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  base_version: number;
  /** JSON object: field name → suggested value. */
  changes: string;
  note: string | null;
  proposed_by: string;
  status: 'open' | 'accepted' | 'declined';
  decided_at: string | null;
  created_at: string;
}

/** Whether the person and the team agree with a version, and both views when they differ. */
export interface PlanAgreementsTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  /** 1, 2, 3… within the plan, so the latest is clear even when two are recorded at once. */
  seq: number;
  version: number;
  outcome: 'agreed' | 'differ';
  who_agreed: string | null;
  person_view: string | null;
  team_view: string | null;
  recorded_by: string;
  created_at: string;
}

/** A clinician opening a plan not shared with them: reason, time box and manager review. */
export interface PlanEmergencyAccessTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  person_id: string;
  actor_id: string;
  actor_unit_id: string | null;
  /** JSON array of the person's unit ids at the time: their managers review it. */
  review_unit_ids: string;
  reason: string;
  started_at: string;
  expires_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

/** The plans module's tables. */
export interface PlansTables {
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  plan_shares: PlanSharesTable;
  plan_supporter_links: PlanSupporterLinksTable;
  plan_supporter_visits: PlanSupporterVisitsTable;
  plan_proposals: PlanProposalsTable;
  plan_agreements: PlanAgreementsTable;
  plan_emergency_access: PlanEmergencyAccessTable;
}
