/**
 * The counts each response adds to its round's aggregates (aggregates.ts says what each kind
 * holds). Kept apart from the reading side so the store can count without importing results.
 */
import type { Instrument } from './instrument.ts';
import { ratingValues } from './instrument.ts';
import { respondentGroups } from './policy.ts';

/** One aggregate row, less its organisation and round. */
export interface AggregateCount {
  group: string;
  kind: 'responses' | 'rating' | 'barrier' | 'person';
  /** Statement id, barrier id, principle id, or '' for `responses`. */
  key: string;
  /** The answer for `rating`; the rated statement ids, comma-separated, for `person`; else ''. */
  bucket: string;
  n: number;
  /** `person` only: the sum of each person's rating total (0 otherwise). */
  total: number;
  /** `person` only: the sum of the squares of each person's rating total (0 otherwise). */
  totalSquares: number;
}

/** A response as the aggregates read it. */
export interface AggregatedResponse {
  group: string;
  answers: Record<string, string>;
  barriers: readonly string[];
}

const ratingSet = new Set<string>(ratingValues);
const numeric = /^[1-5]$/;

/** The counts some responses add (pure; one row per distinct key, so one upsert takes them). */
export function aggregateDeltas(
  instrument: Instrument,
  responses: readonly AggregatedResponse[],
): AggregateCount[] {
  const barrierIds = new Set(instrument.barrierGroups.flatMap((bg) => bg.items.map((i) => i.id)));
  const out = new Map<string, AggregateCount>();
  const add = (
    group: string,
    kind: AggregateCount['kind'],
    key: string,
    bucket: string,
    total = 0,
  ) => {
    const id = `${group}\u0000${kind}\u0000${key}\u0000${bucket}`;
    const row = out.get(id) ?? { group, kind, key, bucket, n: 0, total: 0, totalSquares: 0 };
    row.n += 1;
    row.total += total;
    row.totalSquares += total * total;
    out.set(id, row);
  };
  for (const r of responses) {
    if (!(respondentGroups as readonly string[]).includes(r.group)) continue;
    add(r.group, 'responses', '', '');
    for (const section of instrument.sections) {
      const rated: string[] = [];
      let total = 0;
      for (const item of section.items) {
        const a = r.answers[item.id];
        if (a === undefined || !ratingSet.has(a)) continue;
        add(r.group, 'rating', item.id, a);
        if (numeric.test(a)) {
          rated.push(item.id);
          total += Number(a);
        }
      }
      if (rated.length > 0) add(r.group, 'person', section.id, rated.join(','), total);
    }
    for (const b of r.barriers) if (barrierIds.has(b)) add(r.group, 'barrier', b, '');
  }
  return [...out.values()];
}
