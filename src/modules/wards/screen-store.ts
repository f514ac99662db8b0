/**
 * SQL for the ward screen's tables: the monthly shift-report rollup, clear mutual expectations,
 * discharge messages and display tokens. Every statement names the organisation.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type {
  DischargeMessageStatus,
  WardDischargeMessagesTable,
  WardDisplayTokensTable,
  WardExpectationsTable,
  WardShiftRollupTable,
} from './tables.ts';
import { ORGANISATION_ROW } from './tables.ts';

/** What one report adds to (or, negative, takes from) its ward's month. */
export interface RollupDelta {
  reports: number;
  conflict: number;
  containment: number;
  items: Record<string, number>;
}

// Items that come back to zero are left out, so the stored JSON matches a fresh recomputation.
const addItems = (into: Record<string, number>, delta: Record<string, number>) => {
  const out = { ...into };
  for (const [code, n] of Object.entries(delta)) out[code] = (out[code] ?? 0) + n;
  return Object.fromEntries(Object.entries(out).filter(([, n]) => n !== 0));
};

/** Creates the ward screen store. */
export function createScreenStore() {
  return {
    /**
     * Adds a delta to a ward's month. The upsert first takes the row's lock (PostgreSQL), so the
     * item totals read next cannot be changed by another save before this one commits.
     */
    async applyRollup(
      db: Db,
      organisationId: string,
      unitId: string,
      month: string,
      delta: RollupDelta,
    ): Promise<void> {
      const upsert = (unit: string, wards: number) =>
        db
          .insertInto('ward_shift_rollup')
          .values({
            organisation_id: organisationId,
            unit_id: unit,
            month,
            reports: delta.reports,
            conflict: delta.conflict,
            containment: delta.containment,
            items: '{}',
            wards,
          })
          .onConflict((oc) =>
            oc.columns(['organisation_id', 'unit_id', 'month']).doUpdateSet({
              reports: sql`ward_shift_rollup.reports + ${delta.reports}`,
              conflict: sql`ward_shift_rollup.conflict + ${delta.conflict}`,
              containment: sql`ward_shift_rollup.containment + ${delta.containment}`,
              wards: sql`ward_shift_rollup.wards + ${wards}`,
            }),
          )
          .execute();
      await upsert(unitId, 0);
      const row = await db
        .selectFrom('ward_shift_rollup')
        .select(['items', 'reports'])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('month', '=', month)
        .executeTakeFirstOrThrow();
      const items = addItems(JSON.parse(row.items) as Record<string, number>, delta.items);
      await db
        .updateTable('ward_shift_rollup')
        .set({ items: JSON.stringify(items) })
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('month', '=', month)
        .execute();
      // The organisation's row: the same delta, and one more ward when this is the ward's first
      // report of the month (a ward's month row is never removed, so it is counted once).
      await upsert(ORGANISATION_ROW, delta.reports === 1 && Number(row.reports) === 1 ? 1 : 0);
    },
    /** A ward's months between two months (YYYY-MM, inclusive). */
    wardMonths(db: Db, organisationId: string, unitId: string, from: string, to: string) {
      return db
        .selectFrom('ward_shift_rollup')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('month', '>=', from)
        .where('month', '<=', to)
        .orderBy('month')
        .execute();
    },
    /** Every ward's months added together, between two months (YYYY-MM, inclusive). */
    async organisationMonths(db: Db, organisationId: string, from: string, to: string) {
      // The organisation's own rows: one a month, whatever the number of wards.
      const rows = await db
        .selectFrom('ward_shift_rollup')
        .select(['month', 'reports', 'conflict', 'containment', 'wards'])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', ORGANISATION_ROW)
        .where('month', '>=', from)
        .where('month', '<=', to)
        .orderBy('month')
        .execute();
      return rows.map((r) => ({
        month: r.month,
        reports: Number(r.reports),
        conflict: Number(r.conflict),
        containment: Number(r.containment),
        wards: Number(r.wards),
      }));
    },
    /** Every rollup row of an organisation (to compare with a fresh recomputation). */
    allRollup(db: Db, organisationId: string) {
      return db
        .selectFrom('ward_shift_rollup')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('unit_id')
        .orderBy('month')
        .execute();
    },
    /** Replaces an organisation's rollup with rows worked out afresh. */
    async replaceRollup(
      db: Db,
      organisationId: string,
      rows: readonly WardShiftRollupTable[],
    ): Promise<void> {
      await db
        .deleteFrom('ward_shift_rollup')
        .where('organisation_id', '=', organisationId)
        .execute();
      for (let n = 0; n < rows.length; n += 500)
        await db
          .insertInto('ward_shift_rollup')
          .values(rows.slice(n, n + 500))
          .execute();
    },
    /** One ward's shift reports, a page at a time in id order (for the rebuild). */
    reportPage(db: Db, organisationId: string, after: string, limit: number) {
      return db
        .selectFrom('ward_shift_reports')
        .select(['id', 'unit_id', 'shift_date', 'counts', 'conflict_total', 'containment_total'])
        .where('organisation_id', '=', organisationId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(limit)
        .execute();
    },

    /** The current (highest) version of a ward's expectations, if any. */
    currentExpectations(db: Db, organisationId: string, unitId: string) {
      return db
        .selectFrom('ward_expectations')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
    /** Every version of a ward's expectations, newest first. */
    listExpectations(db: Db, organisationId: string, unitId: string) {
      return db
        .selectFrom('ward_expectations')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .orderBy('version', 'desc')
        .execute();
    },
    /** Adds a version (the unique index refuses two of the same number). */
    async insertExpectations(db: Db, row: WardExpectationsTable): Promise<void> {
      await db.insertInto('ward_expectations').values(row).execute();
    },

    /** Adds a discharge message. */
    async insertMessage(db: Db, row: WardDischargeMessagesTable): Promise<void> {
      await db.insertInto('ward_discharge_messages').values(row).execute();
    },
    /** One message of the organisation, if there is one. */
    findMessage(db: Db, organisationId: string, id: string) {
      return db
        .selectFrom('ward_discharge_messages')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** A ward's messages in one state, newest first. */
    wardMessages(db: Db, organisationId: string, unitId: string, status: DischargeMessageStatus) {
      return db
        .selectFrom('ward_discharge_messages')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('status', '=', status)
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute();
    },
    /** The messages one person wrote, newest first. */
    messagesBy(db: Db, organisationId: string, writerId: string) {
      return db
        .selectFrom('ward_discharge_messages')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('writer_id', '=', writerId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** Moves a message on from the state it was in (false if it had moved already). */
    async moveMessage(
      db: Db,
      organisationId: string,
      id: string,
      from: readonly DischargeMessageStatus[],
      change: Partial<
        Pick<
          WardDischargeMessagesTable,
          'status' | 'decline_reason' | 'decided_by' | 'decided_at' | 'withdrawn_at'
        >
      >,
    ): Promise<boolean> {
      const result = await db
        .updateTable('ward_discharge_messages')
        .set(change)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('status', 'in', [...from])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Adds a display token (its hash). */
    async insertToken(db: Db, row: WardDisplayTokensTable): Promise<void> {
      await db.insertInto('ward_display_tokens').values(row).execute();
    },
    /** A ward's display tokens, newest first. */
    wardTokens(db: Db, organisationId: string, unitId: string) {
      return db
        .selectFrom('ward_display_tokens')
        .select(['id', 'label', 'created_at', 'revoked_at'])
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** Revokes a ward's token (false if it is not that ward's or was revoked already). */
    async revokeToken(
      db: Db,
      organisationId: string,
      unitId: string,
      id: string,
      by: string,
      at: string,
    ): Promise<boolean> {
      const result = await db
        .updateTable('ward_display_tokens')
        .set({ revoked_at: at, revoked_by: by })
        .where('organisation_id', '=', organisationId)
        .where('unit_id', '=', unitId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /**
     * The token row for a hash. The screen has no signed-in organisation yet, so this one
     * lookup runs inside acrossOrganisations (the caller says so).
     */
    tokenByHash(db: Db, tokenHash: string) {
      return db
        .selectFrom('ward_display_tokens')
        .select(['id', 'organisation_id', 'unit_id', 'revoked_at'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
    },
  };
}

/** The ward screen store's functions. */
export type ScreenStore = ReturnType<typeof createScreenStore>;
