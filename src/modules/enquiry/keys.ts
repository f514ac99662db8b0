/**
 * The encryption key: checking that the configured key opens this database, and re-encrypting
 * every value made with an older key under the current one after a rotation. Each
 * organisation's values are re-encrypted in one transaction with an audit event (counts only,
 * never content), so a failure part-way leaves that organisation's values exactly as they were,
 * each still readable under the key it had; running the rotation again finishes the job.
 */
import type { Db } from '../../db/index.ts';
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

  /** Re-encrypts one organisation's values made with an older key, inside `trx`. */
  async function rotateOrganisation(trx: Db, organisationId: string): Promise<RotationCounts> {
    const counts = { reencrypted: 0, alreadyCurrent: 0 };
    for (const target of encryptedColumns) {
      let after = '';
      for (;;) {
        const page = await store.pageOfEncrypted(trx, organisationId, target, after, 500);
        if (page.length === 0) break;
        for (const row of page) {
          after = row.id;
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
      }
    }
    return counts;
  }

  return {
    /** Checks the configured key against the database's key check (call at start-up). */
    check: ctx.ready,

    /**
     * Re-encrypts every value made with an older key under the current key (CLI use), one
     * organisation per transaction, each with its audit event.
     * @returns how many values were re-encrypted, and how many already used the current key
     */
    async rotate(auditCtx: AuditContext = commandLine): Promise<RotationCounts> {
      await ctx.ready();
      const total = { reencrypted: 0, alreadyCurrent: 0 };
      for (const organisationId of await store.listOrganisationIds(db)) {
        const counts = await audit.audited(db, auditCtx, async (trx, write) => {
          const done = await rotateOrganisation(trx, organisationId);
          if (done.reencrypted > 0) {
            await write({
              organisationId,
              action: 'enquiry.key_rotate',
              recordType: 'encryption_key',
              recordId: box.currentKeyId,
              detail: { ...done },
            });
          }
          return done;
        });
        total.reencrypted += counts.reencrypted;
        total.alreadyCurrent += counts.alreadyCurrent;
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
