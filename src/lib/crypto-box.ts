/**
 * Field encryption for sensitive text (trauma disclosures, draft answers, practitioners' notes).
 * Guarantees: AES-256-GCM with a fresh random 96-bit IV for every value; the GCM tag makes any
 * change to a stored value fail loudly rather than decrypt to something else; associated data
 * binds each value to its table, column and row, so a value copied into another row or column
 * will not decrypt; every value names the key it was made with, so old keys can be kept for
 * reading while a rotation re-encrypts under the new one. Keys never leave this module's
 * callers' memory and are never logged.
 *
 * Stored form: `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A 256-bit key and the short id stored beside every value made with it. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** The key new values are made with, and older keys kept only for reading. */
export interface KeyRing {
  current: EncryptionKey;
  old: EncryptionKey[];
}

/** What the key settings look like in configuration. */
export interface KeySettings {
  env: 'development' | 'test' | 'production';
  dataDir: string;
  /** base64 of 32 bytes, or null to use (or make) `<dataDir>/encryption.key` outside production. */
  encryptionKey: string | null;
  /** base64 keys kept for reading values made before a rotation. */
  encryptionKeysOld: string[];
}

/** Raised when a value cannot be decrypted: wrong key, unknown key, or tampered data. */
export class DecryptError extends Error {
  override readonly name = 'DecryptError';
}

const VERSION = 'v1';

/** Parses a base64 key, naming the setting when it is not 32 bytes. */
export function parseKey(base64: string, setting: string): EncryptionKey {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) {
    throw new Error(
      `${setting} must be 32 random bytes written in base64 (44 characters). ` +
        `Make one with: openssl rand -base64 32`,
    );
  }
  const key = Buffer.from(trimmed, 'base64');
  return { id: keyIdOf(key), key };
}

/** A key's short id: the first 8 hex characters of its SHA-256 (not secret, not reversible). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Makes a new random key, in base64. */
export function generateKeyBase64(): string {
  return randomBytes(32).toString('base64');
}

/** Where the embedded default keeps its key. */
export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, 'encryption.key');
}

/**
 * Builds the key ring from configuration. Outside production, when no key is set, the key is
 * read from `<dataDir>/encryption.key`, made there (readable only by this user) on first start.
 * @throws Error when production has no key, or a key is malformed
 */
export function loadKeyRing(settings: KeySettings): KeyRing {
  let current: EncryptionKey;
  if (settings.encryptionKey) {
    current = parseKey(settings.encryptionKey, 'HEARTH_ENCRYPTION_KEY');
  } else if (settings.env === 'production') {
    throw new Error(
      'HEARTH_ENCRYPTION_KEY must be set when NODE_ENV=production (32 random bytes in base64; ' +
        'make one with: openssl rand -base64 32). Keep a copy somewhere safe: without it, ' +
        'recorded disclosures cannot be read.',
    );
  } else {
    current = parseKey(readOrCreateKeyFile(keyFilePath(settings.dataDir)), 'encryption.key');
  }
  const old = settings.encryptionKeysOld.map((k, i) =>
    parseKey(k, `HEARTH_ENCRYPTION_KEYS_OLD (key ${i + 1})`),
  );
  return { current, old: old.filter((k) => k.id !== current.id) };
}

function readOrCreateKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = generateKeyBase64();
  try {
    // 'wx' fails if another process made the file first; then use theirs.
    fs.writeFileSync(file, key + '\n', { flag: 'wx', mode: 0o600 });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8');
    throw error;
  }
}

/** Encrypts and decrypts text bound to where it is stored. */
export interface CryptoBox {
  /** The id of the key new values are made with. */
  readonly currentKeyId: string;
  /**
   * Encrypts text. `context` names where the value lives (for example
   * `enquiries.answers:<rowId>`); the same context must be given to decrypt it.
   */
  encrypt(plaintext: string, context: string): string;
  /** Decrypts a stored value. @throws DecryptError when the key or context is wrong. */
  decrypt(stored: string, context: string): string;
  /** The key id a stored value names, or null when it is not in this format. */
  keyIdOf(stored: string): string | null;
}

/** Creates a box over a key ring. */
export function createCryptoBox(ring: KeyRing): CryptoBox {
  const byId = new Map<string, Buffer>();
  for (const k of ring.old) byId.set(k.id, k.key);
  byId.set(ring.current.id, ring.current.key);

  return {
    currentKeyId: ring.current.id,

    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        ring.current.id,
        iv.toString('base64'),
        tag.toString('base64'),
        ciphertext.toString('base64'),
      ].join(':');
    },

    decrypt(stored, context) {
      const parts = stored.split(':');
      if (parts.length !== 5 || parts[0] !== VERSION) {
        throw new DecryptError('The stored value is not in a format Hearth can read.');
      }
      const [, keyId, iv, tag, ciphertext] = parts as [string, string, string, string, string];
      const key = byId.get(keyId);
      if (!key) {
        throw new DecryptError(
          `The stored value was made with key ${keyId}, which is not configured.`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new DecryptError('The stored value could not be decrypted with its key.');
      }
    },

    keyIdOf(stored) {
      const parts = stored.split(':');
      return parts.length === 5 && parts[0] === VERSION ? (parts[1] ?? null) : null;
    },
  };
}
