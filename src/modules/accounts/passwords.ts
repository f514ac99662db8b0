/**
 * Passwords. Guarantees: only argon2id hashes are stored (OWASP minimum: 19 MiB, 2 passes,
 * 1 lane), compared in constant time; a password is refused when it is short or common,
 * with a message that helps rather than scolds.
 */
import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { dictionary } from '@zxcvbn-ts/language-common';

const argon2Async = promisify(argon2);

const PARAMS = { memory: 19456, passes: 2, parallelism: 1, tagLength: 32 } as const;

/** The shortest password Hearth accepts. */
export const MIN_PASSWORD_LENGTH = 12;
/** The longest password Hearth accepts (long passphrases are welcome). */
export const MAX_PASSWORD_LENGTH = 256;

const commonPasswords = new Set(
  (dictionary['passwords-common'] as unknown as string[]).map((p) => p.toLowerCase()),
);

/** Hashes a password as a PHC string: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const nonce = randomBytes(16);
  const tag = await argon2Async('argon2id', { message: password, nonce, ...PARAMS });
  return `$argon2id$v=19$m=${PARAMS.memory},t=${PARAMS.passes},p=${PARAMS.parallelism}$${nonce.toString('base64url')}$${tag.toString('base64url')}`;
}

/** Checks a password against a stored PHC string. Malformed hashes never match. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(encoded);
  if (!match) return false;
  const [, m, t, p, salt, hash] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = Buffer.from(hash, 'base64url');
  const actual = await argon2Async('argon2id', {
    message: password,
    nonce: Buffer.from(salt, 'base64url'),
    memory: Number(m),
    passes: Number(t),
    parallelism: Number(p),
    tagLength: expected.length,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A stand-in hash verified when no account matches, so both paths take the same time. */
export const dummyHashPromise = hashPassword(randomBytes(18).toString('base64'));

/**
 * Says what is wrong with a new password, or undefined when it is acceptable.
 * Common passwords are refused even with digits or symbols added at the end.
 */
export function checkPasswordPolicy(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words together work well.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Choose a password of ${MAX_PASSWORD_LENGTH} characters or fewer`;
  }
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (commonPasswords.has(lower) || (stem.length >= 4 && commonPasswords.has(stem))) {
    return 'This password is one that many people use, so it is easy to guess. Try a few unrelated words together.';
  }
  if (/^(.)\1+$/u.test(password)) {
    return 'This password repeats one character, so it is easy to guess. Try a few unrelated words together.';
  }
  return undefined;
}
