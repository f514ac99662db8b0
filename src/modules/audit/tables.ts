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

/** The audit module's tables. */
export interface AuditTables {
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
}
