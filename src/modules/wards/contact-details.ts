/**
 * Finds contact details in a discharge message, so a staff member looks before it goes on a
 * wall: email addresses and UK phone numbers in their common forms (07700 900123,
 * 07700900123, +44 7700 900123, (020) 7946 0000, 0161-496-0000). A match only holds the
 * message for a check; it never changes or blocks the words.
 */

// An address: something@something.tld, with dots, pluses and dashes allowed either side.
const EMAIL = /[A-Za-z0-9._%+-]+\s*@\s*[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

// A UK number: +44 or 0, then 9 or 10 more digits, with spaces, dashes, dots or brackets between.
const UK_PHONE = /(?:\+\s*44\s*\(?0?\)?|\(?0)(?:[\s.\-()]*\d){9,10}(?!\d)/;

/** Why a message should be held for a check, or null when it holds no contact details. */
export function contactDetailsIn(text: string): string | null {
  const email = EMAIL.test(text);
  const phone = UK_PHONE.test(text);
  if (email && phone) return 'It seems to include an email address and a phone number.';
  if (email) return 'It seems to include an email address.';
  if (phone) return 'It seems to include a phone number.';
  return null;
}
