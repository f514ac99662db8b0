/**
 * The encryption key: checking that the configured key opens this database, and re-encrypting
 * every value made with an older key under the current one after a rotation. Values are
 * re-encrypted in short batches (about 50 ms each, src/db/batches.ts), each one transaction with
 * an audit event (counts only, never content), so web requests never wait long for the write
 * lock. A failure part-way leaves every value readable: those done under the new key, the rest
 * exactly as they were under the key they had; running the rotation again finishes the job.
 */
import type { Db } from '../../db/index.ts';
import { pauseBetweenBatches, startBatch } from '../../db/batches.ts';
import type { AuditContext } from '../audit/index.ts';
import type { EnquiryContext } from './context.ts';
import { KEY_CHECK_CONTEXT, KEY_CHECK_ID } from './key-check.ts';
import { encryptedColumns } from './store.ts';

/** How many values one rotation re-encrypted, and how many already used the current key. */
export interface RotationCounts {
  reencrypted: number;
  alreadyCurrent: number;
}

/** The audit context of a rotation run from the command line: no signed-in person. */
const commandLine: AuditContext = { actor: null, ip: null };

/** Creates the keys capability. */
export function createKeys(ctx: EnquiryContext) {
  const { db, store, audit, box } = ctx;
  // Other modules' encrypted columns (the staff journal) rotate with the disclosures.
  const columns = [...encryptedColumns, ...(ctx.moreEncryptedColumns ?? [])];

  /** Where a rotation has got to in one organisation: the column, and the last id read. */
  interface Cursor {
    column: number;
    after: string;
  }

  /**
   * Re-encrypts one organisation's values made with an older key, inside `trx`, from `cursor`
   * on, until the batch's time is up.
   * @returns the counts, and whether every column has been read to its end
   */
  async function rotateBatch(
    trx: Db,
    organisationId: string,
    cursor: Cursor,
    batchMs: number | undefined,
  ): Promise<RotationCounts & { finished: boolean }> {
    const counts = { reencrypted: 0, alreadyCurrent: 0 };
    const batch = startBatch(batchMs);
    while (cursor.column < columns.length) {
      const target = columns[cursor.column];
      if (!target) break;
      const page = await store.pageOfEncrypted(trx, organisationId, target, cursor.after, 100);
      if (page.length === 0) {
        cursor.column++;
        cursor.after = '';
        continue;
      }
      for (const row of page) {
        cursor.after = row.id;
        if (box.keyIdOf(row.value) === box.currentKeyId) {
          counts.alreadyCurrent++;
          continue;
        }
        const context = `${target.table}.${target.column}:${row.id}`;
        const fresh = box.encrypt(box.decrypt(row.value, context), context);
        const written = await store.writeEncrypted(
          trx,
          organisationId,
          target,
          row.id,
          row.value,
          fresh,
        );
        if (written) counts.reencrypted++;
      }
      if (batch.over()) return { ...counts, finished: false };
    }
    return { ...counts, finished: true };
  }

  return {
    /** Checks the configured key against the database's key check (call at start-up). */
    check: ctx.ready,

    /**
     * Re-encrypts every value made with an older key under the current key (CLI use), in short
     * batches, each one transaction with its audit event. `batchMs` sets a batch's length
     * (default BATCH_MS, about 50 ms).
     * @returns how many values were re-encrypted, and how many already used the current key
     */
    async rotate(
      auditCtx: AuditContext = commandLine,
      options: { batchMs?: number } = {},
    ): Promise<RotationCounts> {
      await ctx.ready();
      const total = { reencrypted: 0, alreadyCurrent: 0 };
      for (const organisationId of await store.listOrganisationIds(db)) {
        const cursor: Cursor = { column: 0, after: '' };
        for (let finished = false; !finished;) {
          // A batch that fails rolls back alone (its cursor too); the batches before it stay.
          const start = { ...cursor };
          const counts = await audit
            .audited(db, auditCtx, async (trx, write) => {
              const done = await rotateBatch(trx, organisationId, cursor, options.batchMs);
              if (done.reencrypted > 0) {
                await write({
                  organisationId,
                  action: 'enquiry.key_rotate',
                  recordType: 'encryption_key',
                  recordId: box.currentKeyId,
                  detail: { reencrypted: done.reencrypted, alreadyCurrent: done.alreadyCurrent },
                });
              }
              return done;
            })
            .catch((error: unknown) => {
              Object.assign(cursor, start);
              throw error;
            });
          total.reencrypted += counts.reencrypted;
          total.alreadyCurrent += counts.alreadyCurrent;
          finished = counts.finished;
          if (!finished) await pauseBetweenBatches();
        }
      }
      // The key check moves last, so a rotation that stops part-way still starts with either key.
      const check = await store.readKeyCheck(db, KEY_CHECK_ID);
      if (check && check.key_id !== box.currentKeyId) {
        await audit.audited(db, auditCtx, async (trx, write) => {
          await store.replaceKeyCheck(trx, {
            ...check,
            key_id: box.currentKeyId,
            value: box.encrypt(box.decrypt(check.value, KEY_CHECK_CONTEXT), KEY_CHECK_CONTEXT),
          });
          await write({
            organisationId: null,
            action: 'enquiry.key_rotate',
            recordType: 'encryption_key_check',
            recordId: box.currentKeyId,
          });
        });
        total.reencrypted++;
      }
      return total;
    },
  };
}
