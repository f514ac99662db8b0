/** The shapes of a round's results, apart from the code that works them out (results.ts). */
import type { RoundComparison } from './comparison.ts';
import type { Instrument } from './instrument.ts';
import type { RespondentGroup } from './policy.ts';
import type { RoundView } from './rounds.ts';
import type { MeanInterval } from './stats.ts';

/** One statement's figures for one group. */
export interface ItemFigures {
  /** How many chose each answer: "1"…"5", "dk", "no". */
  counts: Record<string, number>;
  mean: MeanInterval;
}

/** Everything the results page, the CSV and the tests read. */
export interface RoundResults {
  round: RoundView;
  instrument: Instrument;
  /** False while the round is open: then only that fact is given. */
  ready: boolean;
  groups: { group: RespondentGroup; label: string; shown: boolean; responses: number | null }[];
  sections: {
    id: string;
    title: string;
    kind: string;
    score: Partial<Record<RespondentGroup, MeanInterval>>;
    items: {
      id: string;
      text: string;
      staffOnly: boolean;
      figures: Partial<Record<RespondentGroup, ItemFigures>>;
    }[];
  }[];
  /** Principles where staff and people are both shown, by how far staff rate above people. */
  gaps: { id: string; title: string; staff: number; people: number; gap: number }[];
  barriers: Partial<Record<RespondentGroup, { id: string; text: string; count: number }[]>>;
  comments: Partial<Record<RespondentGroup, string[]>>;
  /** The change since the previous closed round of the same unit (null when there is none). */
  comparison: RoundComparison | null;
}
