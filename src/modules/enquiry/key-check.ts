/**
 * The key check: a known text encrypted when the database was first started, so a wrong or
 * lost key stops start-up with a clear message instead of leaving records silently unreadable.
 */
import type { Db } from '../../db/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import type { CryptoBox } from '../../lib/crypto-box.ts';
import { DecryptError } from '../../lib/crypto-box.ts';
import type { EnquiryStore } from './store.ts';

/** The text every key check encrypts. */
export const KEY_CHECK_TEXT = 'hearth-encryption-key-check';
/** The key check's row id (one per database). */
export const KEY_CHECK_ID = 'main';
/** The encryption context of the key check's value. */
export const KEY_CHECK_CONTEXT = `encryption_key_checks.value:${KEY_CHECK_ID}`;

/** The message shown when the configured key is not the database's key. */
export function keyMismatchMessage(keyHint: string): string {
  return (
    'The encryption key does not match the one this database was set up with, so recorded ' +
    'disclosures could not be read. Hearth has not started, and nothing has been changed. ' +
    `Set HEARTH_ENCRYPTION_KEY to the original key (${keyHint}). If you are part-way through ` +
    'a key rotation, list the previous key in HEARTH_ENCRYPTION_KEYS_OLD. See docs/enquiry.md.'
  );
}

/**
 * Creates the once-per-process key check every operation waits for.
 * @returns a function that resolves when the configured key opens the database's key check
 */
export function createKeyCheck(deps: {
  db: Db;
  store: EnquiryStore;
  box: CryptoBox;
  clock: Clock;
  keyHint: string;
}): () => Promise<void> {
  const { db, store, box } = deps;
  let keyChecked: Promise<void> | null = null;

  async function checkKey(): Promise<void> {
    let row = await store.readKeyCheck(db, KEY_CHECK_ID);
    if (!row) {
      await store.insertKeyCheck(db, {
        id: KEY_CHECK_ID,
        key_id: box.currentKeyId,
        value: box.encrypt(KEY_CHECK_TEXT, KEY_CHECK_CONTEXT),
        created_at: toIso(deps.clock()),
      });
      row = await store.readKeyCheck(db, KEY_CHECK_ID);
    }
    try {
      if (!row || box.decrypt(row.value, KEY_CHECK_CONTEXT) !== KEY_CHECK_TEXT) {
        throw new DecryptError('');
      }
    } catch (error) {
      if (error instanceof DecryptError) throw new Error(keyMismatchMessage(deps.keyHint));
      throw error;
    }
  }

  return () => {
    keyChecked ??= checkKey().catch((error: unknown) => {
      keyChecked = null;
      throw error;
    });
    return keyChecked;
  };
}
