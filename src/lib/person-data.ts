/**
 * The shapes every module uses for people's rights over their data: which person, what a
 * deletion or retention sweep removed, and a digest that proves what was removed without
 * keeping it. They live below the modules so each module can offer its part without importing
 * the rights module (which imports them).
 */
import { createHash } from 'node:crypto';

/** One person within one organisation. */
export interface PersonRef {
  organisationId: string;
  personId: string;
}

/** What a deletion removed: rows per table and a SHA-256 over the removed rows (null if none). */
export interface Removal {
  counts: Record<string, number>;
  digest: string | null;
}

/** What a retention sweep found (dry run) or removed for one kind of record. */
export interface SweepResult extends Removal {
  category: string;
}

/** Instants (ISO) before which each kind of record is past its period. */
export type RetentionCutoffs = Record<string, string>;

/**
 * A SHA-256 over rows in a fixed order, so the audit trail can hold proof of what was removed
 * (a copy kept elsewhere can be checked against it) while holding none of the content.
 */
export function digestOf(rows: readonly unknown[]): string | null {
  if (rows.length === 0) return null;
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

/** Adds up a list of per-table row lists into a removal. */
export function removalOf(tables: Record<string, readonly unknown[]>): Removal {
  const counts: Record<string, number> = {};
  const all: unknown[] = [];
  for (const [table, rows] of Object.entries(tables)) {
    if (rows.length === 0) continue;
    counts[table] = rows.length;
    all.push([table, rows]);
  }
  return { counts, digest: digestOf(all) };
}

/** The number of rows a removal counted, across its tables. */
export function totalRows(removal: Removal): number {
  return Object.values(removal.counts).reduce((a, b) => a + b, 0);
}
