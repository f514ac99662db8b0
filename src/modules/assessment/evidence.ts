/**
 * Evidence from the records beside each principle: figures that other modules count from their
 * own tables (through functions given in AssessmentDeps, so this module reads no other module's
 * tables), gathered for the round's unit over the 12 whole months before the month the round
 * opened. Guarantees: only someone who may see the round's results sees its evidence (404
 * otherwise); figures are counts, never a person's records; a figure with a denominator below
 * EVIDENCE_MIN_DENOMINATOR says "not enough data"; the CSV download is audited.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { EvidenceFigure, EvidenceScope } from '../../lib/evidence.ts';
import { EVIDENCE_MIN_DENOMINATOR, monthStartBefore } from '../../lib/evidence.ts';
import type { AssessmentDeps } from './deps.ts';
import { instrumentOfRound } from './wording.ts';
import type { RoundView, Rounds } from './rounds.ts';

/** How many whole months before the round's opening month the evidence covers. */
export const EVIDENCE_MONTHS = 12;

const mapSchema = z.record(
  z.string(),
  z.object({ figures: z.array(z.string()), note: z.string().optional() }).strict(),
);

/** The principle → figure keys map, as stored. */
export type EvidenceMap = z.infer<typeof mapSchema>;

/** Reads and checks the evidence map (instrument/evidence-map.yaml). */
export function loadEvidenceMap(): EvidenceMap {
  const file = path.join(import.meta.dirname, 'instrument', 'evidence-map.yaml');
  return mapSchema.parse(parse(readFileSync(file, 'utf8')));
}

/** A figure with the words the page shows for its value. */
export type ShownFigure = EvidenceFigure & { text: string };

/** The value of a figure in words: "40% (20 of 50)", "3.2 per 1,000 bed days (16 in 5,000)". */
export function figureText(f: EvidenceFigure): string {
  if (f.notEnoughData) {
    return `Not enough data: fewer than ${EVIDENCE_MIN_DENOMINATOR} to count from`;
  }
  if (f.value === null) return 'None to count';
  const n = (x: number) => x.toLocaleString('en-GB');
  switch (f.kind) {
    case 'share':
      return `${Math.round(f.value * 100)}% (${n(f.numerator)} of ${n(f.denominator ?? 0)})`;
    case 'per1000':
      return `${f.value.toFixed(1)} per 1,000 bed days (${n(f.numerator)} in ${n(f.denominator ?? 0)})`;
    case 'days':
      return `${n(f.value)} days (from ${n(f.denominator ?? 0)} closed)`;
    case 'count':
      return f.denominator === null ? n(f.value) : `${n(f.value)} of ${n(f.denominator)}`;
  }
}

/** The evidence for one principle. */
export interface EvidencePanel {
  principleId: string;
  title: string;
  figures: ShownFigure[];
  note: string | null;
}

/** Everything the results page and the CSV show as evidence. */
export interface RoundEvidence {
  round: RoundView;
  /** Days counted: [from, to). */
  from: string;
  to: string;
  minDenominator: number;
  /** By principle id, in the instrument's order. */
  panels: Record<string, EvidencePanel>;
  list: EvidencePanel[];
}

/** The days the evidence covers for a round: the 12 whole months before its opening month. */
export function evidencePeriod(opensOn: string): { from: string; to: string } {
  return { from: monthStartBefore(opensOn, EVIDENCE_MONTHS), to: monthStartBefore(opensOn, 0) };
}

/** Creates the evidence capability. */
export function createEvidence(deps: AssessmentDeps, rounds: Rounds) {
  const map = loadEvidenceMap();

  async function gather(round: RoundView, organisationId: string): Promise<RoundEvidence> {
    const { from, to } = evidencePeriod(round.opensOn);
    const scope: EvidenceScope = { organisationId, unitId: round.unitId, from, to };
    const sources = deps.evidence;
    const figures = new Map<string, EvidenceFigure>();
    if (sources) {
      // Worked out on every view, never kept: each module reads rollups kept in step with its
      // records in the same transaction as each write, so a figure is never behind a change.
      const people = await sources.peopleInScope(scope);
      const found = (await Promise.all(sources.sources.map((f) => f(scope, people)))).flat();
      for (const f of found) figures.set(f.key, f);
    }
    const instrument = await instrumentOfRound(deps.db, deps.store, organisationId, {
      id: round.id,
      version: round.instrumentVersion,
    });
    const list = instrument.sections
      .filter((s) => s.kind === 'principle')
      .map((s) => {
        const entry = map[s.id];
        return {
          principleId: s.id,
          title: s.title,
          figures: (entry?.figures ?? []).flatMap((k) => {
            const f = figures.get(k);
            return f ? [{ ...f, text: figureText(f) }] : [];
          }),
          note: entry?.note ?? null,
        };
      });
    return {
      round,
      from,
      to,
      minDenominator: EVIDENCE_MIN_DENOMINATOR,
      panels: Object.fromEntries(list.map((p) => [p.principleId, p])),
      list,
    };
  }

  async function forRound(actor: Actor, roundId: string): Promise<RoundEvidence> {
    const round = await rounds.findForResults(actor, roundId);
    return gather(round, actor.organisationId);
  }

  return {
    /** The evidence beside each principle of a round (404 unless the actor may see its results). */
    forRound,

    /** The evidence as CSV rows, for a download (audited: figures leave Hearth). */
    async csvRows(actor: Actor, roundId: string, ctx: AuditContext): Promise<string[][]> {
      const evidence = await forRound(actor, roundId);
      await deps.audit.audited(deps.db, ctx, async (_trx, record) => {
        await record({
          organisationId: actor.organisationId,
          action: 'assessment.evidence_download',
          recordType: 'assessment_round',
          recordId: roundId,
        });
      });
      return evidenceCsvRows(evidence);
    },
  };
}

/** The evidence as CSV rows: one per principle and figure, value empty when not enough data. */
export function evidenceCsvRows(evidence: RoundEvidence): string[][] {
  const rows: string[][] = [
    [
      'principle',
      'figure_key',
      'figure',
      'numerator',
      'denominator',
      'value',
      'not_enough_data',
      'from',
      'to_exclusive',
      'definition',
      'source',
    ],
  ];
  for (const panel of evidence.list) {
    for (const f of panel.figures) {
      rows.push([
        panel.principleId,
        f.key,
        f.title,
        f.notEnoughData ? '' : String(f.numerator),
        f.notEnoughData || f.denominator === null ? '' : String(f.denominator),
        f.value === null ? '' : String(Math.round(f.value * 10000) / 10000),
        f.notEnoughData ? 'yes' : 'no',
        evidence.from,
        evidence.to,
        f.definition,
        f.link,
      ]);
    }
  }
  return rows;
}

/** The evidence functions. */
export type Evidence = ReturnType<typeof createEvidence>;
