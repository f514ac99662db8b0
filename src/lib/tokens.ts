/** Random identifiers and secret tokens. Tokens are 256-bit and only their hash is stored. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** A new random record id. Ids are not secrets; access is always checked. */
export function newId(): string {
  return randomUUID();
}

// Random bytes for time-ordered ids, drawn 4 KiB at a time: asking the system for 16 bytes per
// id took longer than the rest of making a record's rows during a bulk import.
let pool = new Uint8Array(0);
let used = 0;
function sixteenRandomBytes(): Uint8Array {
  if (used + 16 > pool.length) {
    pool = randomBytes(4096);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

/**
 * A new time-ordered record id (UUID version 7: the creation time in milliseconds, then random
 * bits), for high-volume records such as the use-of-force register. New rows then sort after
 * existing ones, so each is added at the end of the id index instead of at a random place in
 * it. The id shows when the record was created, which these records already say themselves.
 */
export function newTimeOrderedId(): string {
  return uuidv7({ random: sixteenRandomBytes() });
}

/** A new 256-bit secret token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex: what the database keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
