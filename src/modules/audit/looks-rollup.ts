/**
 * The monthly rollup behind the "looks shown" evidence figure. Guarantees: an event is counted
 * in the same transaction that appends it (the audit trail only appends, so counts only grow);
 * the rollup equals a count of the events themselves (tested on both engines); a rebuild
 * replaces an organisation's counts from its events, for rows written around the app.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { AuditEventsTable } from './tables.ts';

/**
 * The rule for a look shown, as SQL over audit_events (with the organisation named by the
 * caller): a successful event about a person, made by someone else or by nobody signed in.
 * `countsAsLookShown` is the same rule for one event in hand; the rollup test holds them equal.
 */
export const lookShownSql = sql<boolean>`subject_person_id is not null and outcome = 'success'
  and (actor_id is null or actor_id <> subject_person_id)`;

/** True when an event is a look or change someone else made, listed for the person it is about. */
export function countsAsLookShown(e: AuditEventsTable): boolean {
  return (
    e.organisation_id !== null &&
    e.subject_person_id !== null &&
    e.outcome === 'success' &&
    (e.actor_id === null || e.actor_id !== e.subject_person_id)
  );
}

/** Adds one event to its month's count, inside the transaction appending it. */
export async function countLook(trx: Db, e: AuditEventsTable): Promise<void> {
  if (!countsAsLookShown(e) || e.organisation_id === null) return;
  await trx
    .insertInto('audit_looks_month')
    .values({
      organisation_id: e.organisation_id,
      actor_unit_id: e.actor_unit_id ?? '',
      period: e.occurred_at.slice(0, 7),
      looks: 1,
    })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'actor_unit_id', 'period'])
        .doUpdateSet({ looks: sql`audit_looks_month.looks + 1` }),
    )
    .execute();
}

/** The SQL that counts an organisation's looks per unit and month from the events. */
export function looksFromEvents(organisationId: string) {
  return sql`select organisation_id, coalesce(actor_unit_id, '') as actor_unit_id,
      substr(occurred_at, 1, 7) as period, count(*) as looks
    from audit_events
    where organisation_id = ${organisationId} and ${lookShownSql}
    group by organisation_id, coalesce(actor_unit_id, ''), substr(occurred_at, 1, 7)`;
}

/** Replaces an organisation's monthly counts with counts from its events (one transaction). */
export async function rebuildLooksRollup(db: Db, organisationId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('audit_looks_month')
      .where('organisation_id', '=', organisationId)
      .execute();
    await sql`insert into audit_looks_month (organisation_id, actor_unit_id, period, looks)
      ${looksFromEvents(organisationId)}`.execute(trx);
  });
}
