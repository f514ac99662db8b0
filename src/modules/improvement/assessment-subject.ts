/**
 * A self-assessment round as a plan's subject. The composition root hands in the assessment
 * module's results functions (by shape, so this module imports none of its insides). Principles
 * are what an action serves; principle scores, statements and the evidence figures from the
 * records are its measures; a later closed round of the same unit shows each measure then and now
 * (an evidence figure over each round's own evidence period, "not enough data" as in the panel).
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

/** One evidence figure as the round's evidence panel gives it. */
export interface EvidenceFigureShape {
  key: string;
  title: string;
  kind: 'share' | 'per1000' | 'days' | 'count';
  value: number | null;
  notEnoughData: boolean;
  /** The value in words, as the panel shows it. */
  text: string;
}

/** The assessment evidence function this subject needs (figures beside each principle). */
export interface AssessmentEvidenceLookup {
  forRound(
    actor: Actor,
    roundId: string,
  ): Promise<{ from: string; to: string; list: { figures: EvidenceFigureShape[] }[] }>;
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

/** A round's evidence figures by key (each figure once, though it may sit under two principles). */
async function figuresOf(evidence: AssessmentEvidenceLookup, actor: Actor, roundId: string) {
  const e = await evidence.forRound(actor, roundId);
  const byKey = new Map<string, EvidenceFigureShape>();
  for (const panel of e.list) for (const f of panel.figures) byKey.set(f.key, f);
  return { period: `${e.from} until ${e.to}`, byKey };
}

const unitWords = {
  share: (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(Math.round(d * 100))} percentage points`,
  per1000: (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} per 1,000 bed days`,
  days: (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d)} days`,
  count: (d: number) => `${d >= 0 ? '+' : '−'}${Math.abs(d)}`,
} as const;

/** Words for an evidence figure then and now; no change is given when either side is too small. */
export function describeFigureChange(
  then: EvidenceFigureShape | undefined,
  now: EvidenceFigureShape | undefined,
  periods: { then: string; now: string },
): MeasureChange {
  const say = (f: EvidenceFigureShape | undefined, period: string) =>
    `${f ? f.text : 'Not counted'} (records from ${period})`;
  const usable = (f: EvidenceFigureShape | undefined) =>
    f !== undefined && !f.notEnoughData && f.value !== null;
  const change =
    usable(then) && usable(now) && then && now && then.value !== null && now.value !== null
      ? unitWords[now.kind](now.value - then.value)
      : 'Cannot compare: not enough data in one of the periods';
  return { then: say(then, periods.then), now: say(now, periods.now), change };
}

/**
 * Makes the self-assessment round subject over the assessment results functions (and, when
 * given, its evidence functions, so the records' figures can be measures too).
 */
export function assessmentRoundSubject(
  results: AssessmentResultsLookup,
  evidence?: AssessmentEvidenceLookup,
): PlanSubject {
  return {
    async describe(actor, roundId) {
      const r = await results.forRound(actor, roundId);
      if (!r.ready) return null;
      const figures = evidence ? (await figuresOf(evidence, actor, roundId)).byKey : new Map();
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
          ...[...figures.values()].map((f: EvidenceFigureShape) => ({
            kind: 'evidence',
            key: f.key,
            label: `From the records: ${f.title}`,
          })),
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
      const wantsFigures = evidence !== undefined && measures.some((m) => m.kind === 'evidence');
      const [figuresHere, figuresThere] = wantsFigures
        ? await Promise.all([
            figuresOf(evidence, actor, roundId),
            figuresOf(evidence, actor, later.id),
          ])
        : [null, null];
      const changes = new Map<string, MeasureChange>();
      for (const m of measures)
        changes.set(
          `${m.kind}:${m.key}`,
          m.kind === 'evidence'
            ? describeFigureChange(figuresHere?.byKey.get(m.key), figuresThere?.byKey.get(m.key), {
                then: figuresHere?.period ?? '',
                now: figuresThere?.period ?? '',
              })
            : describeChange(valuesIn(here, m.kind, m.key), valuesIn(there, m.kind, m.key)),
        );
      return { title: later.title, changes };
    },
  };
}
