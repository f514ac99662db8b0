/**
 * Telling "the database cannot be reached or is busy just now" apart from a fault in Hearth,
 * so pages answer 503 with a retry message instead of 500, and nobody is told their work was lost.
 */

// PostgreSQL's connection-exception class (08…) and server shutting down or starting (57P0x),
// too many connections (53300); Node's socket errors when the server goes away.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

const unavailableMessages = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Client was closed and is not queryable/i,
];

/** Answers true when another process held the database's write lock past the write deadline. */
export function isDatabaseBusy(error: unknown): boolean {
  return error instanceof Error && /database is locked/i.test(error.message);
}

/** Answers true when an error means the database is away or busy, not that the request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isDatabaseBusy(error)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (unavailableCodes.has(code) || /^08/.test(code))) return true;
  if (unavailableMessages.some((re) => re.test(error.message))) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}
