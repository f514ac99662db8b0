/**
 * A small cache of evidence figures, so a whole-organisation panel (which counts distinct people
 * over a year of records) is worked out once per change rather than on every page view.
 * Guarantees: an entry is keyed by organisation, unit, period and the organisation's data
 * version (the audit chain head, which every audited write moves in its own transaction), so a
 * figure is never served after a change it does not include; the version is read before the
 * figures, so a write that lands in between makes the entry unreachable rather than stale.
 * Records written around the app (straight SQL, a bulk load) move no version: entries also
 * expire after MAX_AGE_MS so such a change shows within that time.
 */
import type { EvidenceFigure } from '../../lib/evidence.ts';

/** How many panels are kept (least recently used dropped first). */
export const KEPT_PANELS = 200;

/** The longest an entry is used, for changes made around the app. */
export const MAX_AGE_MS = 5 * 60_000;

/** What identifies one panel's figures. */
export interface EvidenceCacheKey {
  organisationId: string;
  unitId: string | null;
  from: string;
  to: string;
  version: string;
}

/** Creates an empty evidence cache (one per service, so tests never share one). */
export function createEvidenceCache(now: () => number = Date.now) {
  const entries = new Map<string, { at: number; figures: readonly EvidenceFigure[] }>();
  const keyOf = (k: EvidenceCacheKey) =>
    JSON.stringify([k.organisationId, k.unitId, k.from, k.to, k.version]);

  return {
    /** The figures kept under a key, or null when none are (or they are too old). */
    find(key: EvidenceCacheKey): readonly EvidenceFigure[] | null {
      const id = keyOf(key);
      const entry = entries.get(id);
      if (!entry) return null;
      entries.delete(id);
      if (now() - entry.at > MAX_AGE_MS) return null;
      entries.set(id, entry);
      return entry.figures;
    },

    /** Keeps figures under a key, dropping the least recently used entry when full. */
    keep(key: EvidenceCacheKey, figures: readonly EvidenceFigure[]): void {
      const id = keyOf(key);
      entries.delete(id);
      entries.set(id, { at: now(), figures });
      while (entries.size > KEPT_PANELS) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },

    /** How many entries are kept (for tests). */
    size(): number {
      return entries.size;
    },
  };
}

/** The evidence cache. */
export type EvidenceCache = ReturnType<typeof createEvidenceCache>;
