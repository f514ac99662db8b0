/** Random identifiers and secret tokens. Tokens are 256-bit and only their hash is stored. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A new random record id. Ids are not secrets; access is always checked. */
export function newId(): string {
  return randomUUID();
}

/** A new 256-bit secret token, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex: what the database keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
