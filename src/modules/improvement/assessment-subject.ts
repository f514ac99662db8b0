/**
 * A self-assessment round as a plan's subject. The composition root hands in the assessment
 * module's results functions (by shape, so this module imports none of its insides). Principles
 * are what an action serves; principle scores and statements are its measures; a later closed
 * round of the same unit shows each measure then and now.
 */
import type { Actor } from '../../lib/actor.ts';
import type { MeasureChange, PlanSubject } from './deps.ts';

interface Mean {
  mean: number;
}
type Group = 'staff' | 'people' | 'partners';

/** The parts of a round's results this module reads. */
export interface RoundResultsShape {
  round: { id: string; title: string; unitId: string | null; closesOn: string };
  ready: boolean;
  sections: {
    id: string;
    title: string;
    kind: string;
    score: Partial<Record<Group, Mean>>;
    items: { id: string; text: string; figures: Partial<Record<Group, { mean: Mean }>> }[];
  }[];
}

/** The assessment results functions this subject needs. */
export interface AssessmentResultsLookup {
  forRound(actor: Actor, roundId: string): Promise<RoundResultsShape>;
  closedRounds(
    actor: Actor,
  ): Promise<{ id: string; title: string; unitId: string | null; closesOn: string }[]>;
}

const groupWords: [Group, string][] = [
  ['people', 'people who use the service'],
  ['staff', 'staff'],
];

/** A measure's mean per group in one round's results. */
function valuesIn(results: RoundResultsShape, kind: string, key: string) {
  const out: Partial<Record<Group, number>> = {};
  for (const s of results.sections) {
    if (kind === 'principle' && s.id === key)
      for (const [g] of groupWords) if (s.score[g]) out[g] = s.score[g].mean;
    if (kind === 'statement')
      for (const item of s.items)
        if (item.id === key)
          for (const [g] of groupWords) if (item.figures[g]) out[g] = item.figures[g].mean.mean;
  }
  return out;
}

/** Words for a measure then and now, per group ("not shown" when a group had too few answers). */
export function describeChange(
  then: Partial<Record<Group, number>>,
  now: Partial<Record<Group, number>>,
): MeasureChange {
  const say = (v: Partial<Record<Group, number>>) =>
    groupWords
      .map(([g, w]) => `${w} ${v[g] === undefined ? 'not shown' : (v[g] as number).toFixed(2)}`)
      .join('; ');
  const change = groupWords
    .flatMap(([g, w]) => {
      const a = then[g];
      const b = now[g];
      if (a === undefined || b === undefined) return [];
      const d = b - a;
      return [`${w} ${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(2)}`];
    })
    .join('; ');
  return { then: say(then), now: say(now), change: change || 'Cannot compare: too few answers' };
}

/** Makes the self-assessment round subject over the assessment results functions. */
export function assessmentRoundSubject(results: AssessmentResultsLookup): PlanSubject {
  return {
    async describe(actor, roundId) {
      const r = await results.forRound(actor, roundId);
      if (!r.ready) return null;
      const principles = r.sections.filter((s) => s.kind === 'principle');
      return {
        title: `Action plan: ${r.round.title}`,
        unitId: r.round.unitId,
        href: `/assessment/rounds/${r.round.id}/results`,
        links: principles.map((s) => ({ key: `principle:${s.id}`, label: s.title })),
        measures: [
          ...r.sections.map((s) => ({
            kind: 'principle',
            key: s.id,
            label: `Score for ${s.title}`,
          })),
          ...r.sections.flatMap((s) =>
            s.items.map((i) => ({ kind: 'statement', key: i.id, label: `Rating of "${i.text}"` })),
          ),
        ],
      };
    },
    async compare(actor, roundId, measures) {
      const here = await results.forRound(actor, roundId);
      const later = (await results.closedRounds(actor))
        .filter(
          (r) =>
            r.id !== roundId && r.unitId === here.round.unitId && r.closesOn > here.round.closesOn,
        )
        .sort((a, b) => b.closesOn.localeCompare(a.closesOn))[0];
      if (!later) return null;
      const there = await results.forRound(actor, later.id);
      const changes = new Map<string, MeasureChange>();
      for (const m of measures)
        changes.set(
          `${m.kind}:${m.key}`,
          describeChange(valuesIn(here, m.kind, m.key), valuesIn(there, m.kind, m.key)),
        );
      return { title: later.title, changes };
    },
  };
}
