/** Shared by the force store's files. */

/** A count from the database (PostgreSQL returns sums and counts as text). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Runs a lookup for a list of keys a thousand at a time: given tens of thousands of keys in one
 * array, PostgreSQL plans a scan of the whole table (about 0.5 s at 3 million rows) instead of
 * an index probe per key.
 */
export async function inChunks<T>(
  values: readonly string[],
  run: (chunk: readonly string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 1000) out.push(...(await run(values.slice(i, i + 1000))));
  return out;
}
