/**
 * Results of a closed round, per principle and per statement, for staff, people who use the
 * service and partners side by side. Guarantees: nothing is shown while a round is open (so no
 * one can see one person's answers by watching the figures change); a group with fewer than
 * MIN_GROUP responses shows nothing, and no total across groups is ever given, so a hidden
 * group cannot be worked out by taking the others from a total; a statement rated by fewer than
 * MIN_GROUP people in a group is hidden, and left out of that group's principle score too.
 */
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { aggregatesInStep, resultsFromAggregates } from './aggregates.ts';
import { compareRounds, previousRoundOf } from './comparison.ts';
import type { AssessmentDeps } from './deps.ts';
import { dayOf, isClosed } from './deps.ts';
import type { Instrument } from './instrument.ts';
import { instrumentOfRound } from './wording.ts';
import type { RespondentGroup } from './policy.ts';
import { respondentGroups } from './policy.ts';
import type { RoundView } from './rounds.ts';
import type { Rounds } from './rounds.ts';
import type { MeanInterval } from './stats.ts';
import { meanWithInterval } from './stats.ts';

import { MIN_GROUP, groupLabels } from './groups.ts';

export { MIN_GROUP, groupLabels };

export type { ItemFigures, RoundResults } from './result-types.ts';
import type { ItemFigures, RoundResults } from './result-types.ts';

interface Parsed {
  group: RespondentGroup;
  answers: Record<string, string>;
  barriers: string[];
  comment: string | null;
}

/** Works the figures out from a round's responses (pure, so tests can feed it directly). */
export function computeResults(
  round: RoundView,
  instrument: Instrument,
  responses: readonly Parsed[],
): RoundResults {
  const byGroup = new Map<RespondentGroup, Parsed[]>(respondentGroups.map((g) => [g, []]));
  for (const r of responses) byGroup.get(r.group)?.push(r);
  const of = (g: RespondentGroup): Parsed[] => byGroup.get(g) ?? [];
  const shownGroups = respondentGroups.filter((g) => of(g).length >= MIN_GROUP);
  const groups = respondentGroups.map((g) => {
    const n = of(g).length;
    return {
      group: g,
      label: groupLabels[g],
      shown: n >= MIN_GROUP,
      responses: n >= MIN_GROUP ? n : null,
    };
  });

  const sections = instrument.sections.map((section) => {
    const score: Partial<Record<RespondentGroup, MeanInterval>> = {};
    const items = section.items.map((item) => ({
      id: item.id,
      text: item.text,
      staffOnly: item.staffOnly === true,
      figures: {} as Partial<Record<RespondentGroup, ItemFigures>>,
    }));
    for (const g of shownGroups) {
      const rs = of(g);
      const shownItems: string[] = [];
      for (const item of items) {
        const counts: Record<string, number> = {
          '1': 0,
          '2': 0,
          '3': 0,
          '4': 0,
          '5': 0,
          dk: 0,
          no: 0,
        };
        const values: number[] = [];
        for (const r of rs) {
          const a = r.answers[item.id];
          if (a === undefined || !(a in counts)) continue;
          counts[a] = (counts[a] ?? 0) + 1;
          if (/^[1-5]$/.test(a)) values.push(Number(a));
        }
        if (values.length < MIN_GROUP) continue;
        const mean = meanWithInterval(values);
        if (!mean) continue;
        item.figures[g] = { counts, mean };
        shownItems.push(item.id);
      }
      // Each person's own average over the statements shown, so one person counts once.
      const perPerson: number[] = [];
      for (const r of rs) {
        const vals = shownItems.map((id) => r.answers[id]).filter((a) => a && /^[1-5]$/.test(a));
        if (vals.length > 0) perPerson.push(vals.reduce((s, a) => s + Number(a), 0) / vals.length);
      }
      const mean = perPerson.length >= MIN_GROUP ? meanWithInterval(perPerson) : null;
      if (mean) score[g] = mean;
    }
    return { id: section.id, title: section.title, kind: section.kind, score, items };
  });

  const gaps = sections
    .flatMap((s) => {
      const { staff, people } = s.score;
      if (!staff || !people) return [];
      return [
        {
          id: s.id,
          title: s.title,
          staff: staff.mean,
          people: people.mean,
          gap: staff.mean - people.mean,
        },
      ];
    })
    .sort((a, b) => b.gap - a.gap || a.title.localeCompare(b.title));

  const barrierText = new Map(
    instrument.barrierGroups.flatMap((bg) => bg.items.map((i) => [i.id, i.text])),
  );
  const barriers: RoundResults['barriers'] = {};
  const comments: RoundResults['comments'] = {};
  for (const g of shownGroups) {
    const tally = new Map<string, number>([...barrierText.keys()].map((id) => [id, 0]));
    for (const r of of(g))
      for (const b of r.barriers) if (tally.has(b)) tally.set(b, (tally.get(b) ?? 0) + 1);
    barriers[g] = [...tally]
      .map(([id, count]) => ({ id, text: barrierText.get(id) ?? id, count }))
      .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
    comments[g] = of(g)
      .map((r) => r.comment)
      .filter((c): c is string => c !== null);
  }
  return {
    round,
    instrument,
    ready: true,
    groups,
    sections,
    gaps,
    barriers,
    comments,
    comparison: null,
  };
}

/** The results as CSV rows (a header, then one row per principle or statement and group shown). */
export function resultsCsvRows(results: RoundResults): string[][] {
  const rows: string[][] = [
    [
      'level',
      'section',
      'item',
      'group',
      'n',
      'mean',
      'ci95_low',
      'ci95_high',
      'strongly_disagree',
      'disagree',
      'neither',
      'agree',
      'strongly_agree',
      'dont_know',
      'rather_not_say',
    ],
  ];
  if (!results.ready) return rows;
  const f = (v: number | null) => (v === null ? '' : v.toFixed(2));
  for (const s of results.sections) {
    for (const g of respondentGroups) {
      const score = s.score[g];
      if (score)
        rows.push([
          'principle',
          s.id,
          '',
          g,
          String(score.n),
          f(score.mean),
          f(score.low),
          f(score.high),
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ]);
    }
    for (const item of s.items) {
      for (const g of respondentGroups) {
        const fig = item.figures[g];
        if (!fig) continue;
        const c = fig.counts;
        rows.push([
          'item',
          s.id,
          item.id,
          g,
          String(fig.mean.n),
          f(fig.mean.mean),
          f(fig.mean.low),
          f(fig.mean.high),
          ...['1', '2', '3', '4', '5', 'dk', 'no'].map((k) => String(c[k] ?? 0)),
        ]);
      }
    }
  }
  return rows;
}

/** Creates the results capability. */
export function createResults(deps: AssessmentDeps, rounds: Rounds) {
  const { db, store } = deps;

  async function responsesOf(organisationId: string, roundId: string): Promise<Parsed[]> {
    const rows = await store.listResponses(db, organisationId, roundId);
    return rows.flatMap((r) =>
      (respondentGroups as readonly string[]).includes(r.respondent_group)
        ? [
            {
              group: r.respondent_group as RespondentGroup,
              answers: JSON.parse(r.answers) as Record<string, string>,
              barriers: JSON.parse(r.barriers) as string[],
              comment: r.comment,
            },
          ]
        : [],
    );
  }

  // A closed round's figures come from its aggregate counts (aggregates.ts), read afresh each
  // time, so a first read is as quick as any other (bench/README.md has the timings). The raw
  // responses are parsed only when the counts are not in step or cannot give the figures.
  async function closedResults(organisationId: string, round: RoundView): Promise<RoundResults> {
    const instrument = await instrumentOfRound(db, store, organisationId, {
      id: round.id,
      version: round.instrumentVersion,
    });
    const counts = await store.aggregateCounts(db, organisationId, round.id);
    if (await aggregatesInStep(counts, () => store.hasResponses(db, organisationId, round.id))) {
      const comments = await store.comments(db, organisationId, round.id);
      const fromCounts = resultsFromAggregates(
        round,
        instrument,
        counts,
        comments.flatMap((c) =>
          c.comment === null ? [] : [{ group: c.respondent_group, comment: c.comment }],
        ),
      );
      if (fromCounts) return fromCounts;
    }
    return computeResults(round, instrument, await responsesOf(organisationId, round.id));
  }

  /** Works out a round's results and, when there is one, the change since the previous round. */
  async function build(
    organisationId: string,
    round: RoundView,
    viewOf: (roundId: string) => Promise<RoundView>,
  ): Promise<RoundResults> {
    const instrument = await instrumentOfRound(db, store, organisationId, {
      id: round.id,
      version: round.instrumentVersion,
    });
    if (!round.closed) {
      return {
        round,
        instrument,
        ready: false,
        groups: [],
        sections: [],
        gaps: [],
        barriers: {},
        comments: {},
        comparison: null,
      };
    }
    const current = await closedResults(organisationId, round);
    const all = await store.listRounds(db, organisationId);
    const row = all.find((r) => r.id === round.id);
    const today = dayOf(deps.clock());
    const previous = row ? previousRoundOf(row, all, (r) => isClosed(r, today)) : null;
    if (!previous) return current;
    const earlier = await closedResults(organisationId, await viewOf(previous.id));
    return { ...current, comparison: compareRounds(earlier, current) };
  }

  return {
    /** A round's results for someone who may read them (404 otherwise). */
    async forRound(actor: Actor, roundId: string): Promise<RoundResults> {
      const round = await rounds.findForResults(actor, roundId);
      return build(actor.organisationId, round, (id) => rounds.findForResults(actor, id));
    },

    /**
     * A round's results for the command line (no one signed in): exactly what a manager sees,
     * small groups hidden alike.
     * @throws Error when there is no such round
     */
    async forCommandLine(roundId: string): Promise<RoundResults> {
      const { organisationId, round } = await rounds.findForCommandLine(roundId);
      return build(
        organisationId,
        round,
        async (id) => (await rounds.findForCommandLine(id)).round,
      );
    },

    /** The closed rounds the actor may read results of. */
    async closedRounds(actor: Actor): Promise<RoundView[]> {
      const all = await store.listRounds(db, actor.organisationId);
      const views: RoundView[] = [];
      for (const r of all) {
        try {
          const v = await rounds.findForResults(actor, r.id);
          if (v.closed) views.push(v);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
        }
      }
      return views;
    },
  };
}

/** The results functions. */
export type Results = ReturnType<typeof createResults>;
