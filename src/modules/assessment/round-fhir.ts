/**
 * A round's own wording in FHIR, for `hearth assessment export --format fhir`: the round's
 * Questionnaire (the shared statements plus the organisation's local ones, with its accepted
 * rewording) and a MeasureReport group per local statement. Guarantees: a receiver can tell a
 * local statement from a shared one without knowing Hearth's id shapes (its own linkId namespace,
 * a code in the local-statement system and an extension), a reworded shared statement keeps its
 * shared linkId and says so with the shared words beside it, and a local statement's figure is
 * given only where the results page shows it (a group of at least 5, and at least 5 ratings).
 */
import { instrumentQuestionnaire } from './fhir.ts';
import type { QuestionnaireResource } from './fhir.ts';
import type { Instrument } from './instrument.ts';
import { loadInstrument } from './instrument.ts';
import type { RespondentGroup } from './policy.ts';
import type { RoundResults } from './result-types.ts';
import { isLocalItem } from './wording.ts';

/** The code system for an organisation's local statements (codes are their linkIds). */
export const LOCAL_ITEM_SYSTEM = 'https://hearth.example/fhir/CodeSystem/assessment-local-item';
/** Marks a local statement (on a Questionnaire item, or a MeasureReport group). */
export const LOCAL_STATEMENT_EXTENSION =
  'https://hearth.example/fhir/StructureDefinition/local-statement';
/** On a shared statement the organisation reworded: the shared words it replaced. */
export const SHARED_WORDING_EXTENSION =
  'https://hearth.example/fhir/StructureDefinition/shared-wording';
/** On a local statement's report group: the principle it sits under. */
export const PRINCIPLE_EXTENSION = 'https://hearth.example/fhir/StructureDefinition/principle';
/** On a principle's report group: its score also counts the organisation's local statements. */
export const INCLUDES_LOCAL_EXTENSION =
  'https://hearth.example/fhir/StructureDefinition/includes-local-statements';
/** On each MeasureReport: the round's Questionnaire, whose linkIds its group codes use. */
export const ROUND_QUESTIONNAIRE_EXTENSION =
  'https://hearth.example/fhir/StructureDefinition/round-questionnaire';

/** The linkId (and code) of a statement in a round's Questionnaire. */
export function roundLinkId(itemId: string): string {
  return isLocalItem(itemId) ? `local-${itemId}` : itemId;
}

const base = (publicUrl: string) => publicUrl.replace(/\/$/, '');

/** Where the round's Questionnaire lives in the export Bundle (its fullUrl and canonical url). */
export function roundQuestionnaireUrl(publicUrl: string, roundId: string): string {
  return `${base(publicUrl)}/fhir/Questionnaire/round-${roundId}`;
}

interface QuestionnaireItem {
  linkId: string;
  text?: string;
  type: string;
  item?: QuestionnaireItem[];
  code?: { system: string; code: string; display?: string }[];
  extension?: Record<string, unknown>[];
  [key: string]: unknown;
}

/** The round's own Questionnaire: what this round asked, in the words it asked it. */
export function roundQuestionnaire(
  instrument: Instrument,
  round: { id: string; title: string; instrumentVersion: number },
  publicUrl: string,
): QuestionnaireResource {
  const shared = new Map(
    loadInstrument(round.instrumentVersion).sections.flatMap((s) =>
      s.items.map((i) => [i.id, i.text] as const),
    ),
  );
  const national = instrumentQuestionnaire(instrument, publicUrl);
  const mark = (item: QuestionnaireItem): QuestionnaireItem => {
    if (isLocalItem(item.linkId)) {
      const linkId = roundLinkId(item.linkId);
      return {
        ...item,
        linkId,
        code: [{ system: LOCAL_ITEM_SYSTEM, code: linkId, display: item.text ?? '' }],
        extension: [
          ...(item.extension ?? []),
          { url: LOCAL_STATEMENT_EXTENSION, valueBoolean: true },
        ],
      };
    }
    const sharedText = shared.get(item.linkId);
    if (sharedText !== undefined && sharedText !== item.text) {
      return {
        ...item,
        extension: [
          ...(item.extension ?? []),
          { url: SHARED_WORDING_EXTENSION, valueString: sharedText },
        ],
      };
    }
    return item.item ? { ...item, item: item.item.map(mark) } : item;
  };
  return {
    ...national,
    id: `round-${round.id}`,
    url: roundQuestionnaireUrl(publicUrl, round.id),
    name: 'HearthTraumaInformedSelfAssessmentRound',
    title: `${instrument.title}: ${round.title}`,
    derivedFrom: [`${national.url as string}|${String(instrument.version)}`],
    description:
      'The statements one self-assessment round asked: the shared statements (some perhaps reworded by the organisation, with the shared words in an extension) and the organisation’s own local statements, marked local.',
    item: (national.item as QuestionnaireItem[]).map(mark),
  };
}

const POPULATION = 'http://terminology.hl7.org/CodeSystem/measure-population';
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * One report group per local statement a group of people rated, where the results page shows
 * its figure (so at least 5 ratings in a shown group); none otherwise.
 */
export function localStatementGroups(
  results: RoundResults,
  group: RespondentGroup,
  interval: { low: string; high: string },
) {
  return results.sections.flatMap((s) =>
    s.items.flatMap((item) => {
      const fig = item.figures[group];
      if (!isLocalItem(item.id) || !fig) return [];
      const { mean } = fig;
      const linkId = roundLinkId(item.id);
      return [
        {
          extension: [
            { url: LOCAL_STATEMENT_EXTENSION, valueBoolean: true },
            {
              url: PRINCIPLE_EXTENSION,
              valueCoding: {
                system: 'https://hearth.example/fhir/CodeSystem/assessment-item',
                code: s.id,
                display: s.title,
              },
            },
          ],
          code: { coding: [{ system: LOCAL_ITEM_SYSTEM, code: linkId, display: item.text }] },
          population: [
            {
              code: { coding: [{ system: POPULATION, code: 'initial-population' }] },
              count: mean.n,
            },
          ],
          measureScore: {
            value: round3(mean.mean),
            unit: 'score (1 to 5)',
            ...(mean.low === null || mean.high === null
              ? {}
              : {
                  extension: [
                    { url: interval.low, valueDecimal: round3(mean.low) },
                    { url: interval.high, valueDecimal: round3(mean.high) },
                  ],
                }),
          },
        },
      ];
    }),
  );
}

/** True when a section's score counts one of the organisation's local statements. */
export function sectionHasLocal(results: RoundResults, sectionId: string): boolean {
  return (
    results.sections.find((s) => s.id === sectionId)?.items.some((i) => isLocalItem(i.id)) ?? false
  );
}
