/**
 * The audit hash chain. Guarantees: each event's hash is SHA-256 over a fixed, canonical list of
 * its fields and the previous event's hash, so changing, removing or reordering any stored event
 * breaks every hash after it. The genesis `prev_hash` is 64 zeros.
 */
import { createHash } from 'node:crypto';
import type { AuditEventsTable } from './tables.ts';

/** The previous hash of a chain's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that the hash covers (everything but the hash itself). */
export type HashedEvent = Omit<AuditEventsTable, 'hash'>;

/** Computes an event's hash from its fields, including prev_hash. */
export function hashEvent(event: HashedEvent): string {
  const canonical = JSON.stringify([
    event.id,
    event.chain,
    Number(event.seq),
    event.organisation_id,
    event.occurred_at,
    event.actor_id,
    event.actor_role,
    event.actor_unit_id,
    event.action,
    event.record_type,
    event.record_id,
    event.subject_person_id,
    event.ip,
    event.outcome,
    event.detail,
    event.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
