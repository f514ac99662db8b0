/**
 * Made-up rounds and responses for the demo, the benchmark and tests: written straight to the
 * store (no audit events: nobody answered). Ratings are drawn around a chosen level per group and
 * principle from a seeded generator, so the same call always gives the same figures.
 */
import type { Db } from '../../db/index.ts';
import { newId } from '../../lib/tokens.ts';
import type { Instrument } from './instrument.ts';
import { barrierIdsOf, loadInstrument } from './instrument.ts';
import type { RespondentGroup } from './policy.ts';
import type { AssessmentStore } from './store.ts';
import type { AssessmentResponsesTable } from './tables.ts';

/** A small seeded random number generator (the same seed, the same numbers). */
export function seededRandom(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

/** How one group answers: a level (1 to 5) per section id, and a default for the rest. */
export interface GroupLean {
  group: RespondentGroup;
  count: number;
  level: number;
  bySection?: Record<string, number>;
  /** Barrier ids this group ticks more often than chance. */
  barriers?: readonly string[];
}

/** One response drawn around the group's levels: some statements skipped, a few "don't know". */
export function syntheticAnswers(
  instrument: Instrument,
  lean: GroupLean,
  rand: () => number,
): { answers: Record<string, string>; barriers: string[] } {
  const answers: Record<string, string> = {};
  for (const section of instrument.sections) {
    const level = lean.bySection?.[section.id] ?? lean.level;
    for (const item of section.items) {
      if (item.staffOnly && lean.group !== 'staff') continue;
      const r = rand();
      if (r < 0.05) continue;
      if (r < 0.08) {
        answers[item.id] = 'dk';
        continue;
      }
      const drawn = Math.round(level + (rand() + rand() + rand() - 1.5) * 1.4);
      answers[item.id] = String(Math.min(5, Math.max(1, drawn)));
    }
  }
  const favoured = new Set(lean.barriers ?? []);
  const barriers = barrierIdsOf(instrument).filter(
    (id) => rand() < (favoured.has(id) ? 0.6 : 0.12),
  );
  return { answers, barriers };
}

/** A round to write, with its responses drawn from each group's lean. */
export interface SyntheticRound {
  organisationId: string;
  unitId: string | null;
  title: string;
  opensOn: string;
  closesOn: string;
  /** When set, the round was closed early at this instant. */
  closedAt?: string | null;
  createdBy: string;
  groups: readonly GroupLean[];
  seed: number;
}

/** Writes a round and its responses; returns the round's id. */
export async function writeSyntheticRound(
  db: Db,
  store: AssessmentStore,
  round: SyntheticRound,
): Promise<string> {
  const instrument = loadInstrument();
  const rand = seededRandom(round.seed);
  const id = newId();
  await store.insertRound(db, {
    id,
    organisation_id: round.organisationId,
    unit_id: round.unitId,
    instrument_version: instrument.version,
    title: round.title,
    opens_on: round.opensOn,
    closes_on: round.closesOn,
    closed_at: round.closedAt ?? null,
    created_by: round.createdBy,
    created_at: `${round.opensOn}T09:00:00.000Z`,
  });
  const rows: AssessmentResponsesTable[] = [];
  for (const lean of round.groups) {
    for (let n = 0; n < lean.count; n++) {
      const { answers, barriers } = syntheticAnswers(instrument, lean, rand);
      rows.push({
        organisation_id: round.organisationId,
        round_id: id,
        id: newId(),
        respondent_group: lean.group,
        answers: JSON.stringify(answers),
        barriers: JSON.stringify(barriers),
        comment: null,
      });
    }
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // In slices, so one statement stays under the databases' limits on bound values.
  for (let i = 0; i < rows.length; i += 100) {
    await store.insertResponses(db, rows.slice(i, i + 100));
  }
  return id;
}
