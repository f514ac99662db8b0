/** SQL for the audit trail. Appends only: there is no update or delete here by design. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { lockedForUpdate } from '../../db/dialect.ts';
import type { AuditEventsTable } from './tables.ts';
import { GENESIS_HASH } from './chain.ts';
import { countLook } from './looks-rollup.ts';

/** Creates the audit store over a database (or a transaction). */
export function createAuditStore() {
  return {
    /** Locks and returns a chain's head, creating it at genesis when new. */
    async lockHead(trx: Db, chain: string): Promise<{ seq: number; hash: string }> {
      await trx
        .insertInto('audit_heads')
        .values({ chain, seq: 0, hash: GENESIS_HASH })
        .onConflict((oc) => oc.column('chain').doNothing())
        .execute();
      // The head row is locked so that concurrent writers keep one chain order.
      const head = await lockedForUpdate(
        trx,
        trx.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', chain),
      ).executeTakeFirstOrThrow();
      return { seq: Number(head.seq), hash: head.hash };
    },

    async append(trx: Db, event: AuditEventsTable): Promise<void> {
      await trx.insertInto('audit_events').values(event).execute();
      // The evidence rollup moves with the event, in the same transaction: never stale.
      await countLook(trx, event);
      await trx
        .updateTable('audit_heads')
        .set({ seq: event.seq, hash: event.hash })
        .where('chain', '=', event.chain)
        .execute();
    },

    async listChains(db: Db): Promise<{ chain: string; seq: number; hash: string }[]> {
      const rows = await db.selectFrom('audit_heads').selectAll().orderBy('chain').execute();
      return rows.map((r) => ({ chain: r.chain, seq: Number(r.seq), hash: r.hash }));
    },

    async pageOfChain(
      db: Db,
      chain: string,
      afterSeq: number,
      limit: number,
    ): Promise<AuditEventsTable[]> {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('chain', '=', chain)
        .where('seq', '>', afterSeq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    },

    /** Events about a person by anyone else, newest first. */
    async accessesToPerson(
      db: Db,
      organisationId: string,
      personId: string,
      limit: number,
    ): Promise<AuditEventsTable[]> {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('subject_person_id', '=', personId)
        .where((eb) => eb.or([eb('actor_id', 'is', null), eb('actor_id', '!=', personId)]))
        .where('outcome', '=', 'success')
        .orderBy('occurred_at', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    },

    async countEvents(db: Db): Promise<number> {
      const row = await db
        .selectFrom('audit_events')
        .select(sql<string | number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

/** The audit store's functions. */
export type AuditStore = ReturnType<typeof createAuditStore>;
