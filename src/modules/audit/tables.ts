/** Table shapes for the append-only, hash-chained audit trail. */

/** One audit event. `hash` covers every other column and the previous event's hash. */
export interface AuditEventsTable {
  id: string;
  chain: string;
  seq: number;
  organisation_id: string | null;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_unit_id: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  subject_person_id: string | null;
  ip: string | null;
  outcome: 'success' | 'denied' | 'failure';
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** The latest event of each chain, so appends serialise on one row. */
export interface AuditHeadsTable {
  chain: string;
  seq: number;
  hash: string;
}

/**
 * Monthly counts of the looks and changes listed for people (the evidence figure "looks shown"),
 * per organisation and acting staff member's unit ('' when none). Kept in step in the same
 * transaction as the event it counts (store.append); rebuilt from the events by migration 0039
 * and by `rebuildLooksRollup`.
 */
export interface AuditLooksMonthTable {
  organisation_id: string;
  actor_unit_id: string;
  /** YYYY-MM of occurred_at. */
  period: string;
  looks: number;
}

/** The audit module's tables. */
export interface AuditTables {
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  audit_looks_month: AuditLooksMonthTable;
}
