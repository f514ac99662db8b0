/**
 * A closed round's results as FHIR R4: a Bundle (type collection) holding one MeasureReport
 * (type summary) per group of people shown. Each principle is a report group whose score is the
 * group's mean on the 1 to 5 scale, with its 95% interval in two extensions; each barrier is a
 * report group with how many ticked it (numerator) out of the group's answers (denominator).
 * The round's own Questionnaire comes first (local statements marked, round-fhir.ts), and each
 * local statement shown is a report group of its own.
 * Guarantees: only what a manager sees is written, so groups under 5 and statements under 5 are
 * left out, and nothing about any one response (no answers, no comments) is ever included.
 */
import { respondentGroups } from './policy.ts';
import type { RoundResults } from './results.ts';
import {
  INCLUDES_LOCAL_EXTENSION,
  ROUND_QUESTIONNAIRE_EXTENSION,
  localStatementGroups,
  roundQuestionnaire,
  roundQuestionnaireUrl,
  sectionHasLocal,
} from './round-fhir.ts';

/** The Measure the reports are against: the self-assessment instrument's scoring. */
export function assessmentMeasureUrl(publicUrl: string, version: number): string {
  return `${publicUrl.replace(/\/$/, '')}/assessment/instrument.fhir.json#measure-v${version}`;
}
/** Codes for the instrument's sections and barriers (their stable ids). */
export const ASSESSMENT_ITEM_SYSTEM = 'https://hearth.example/fhir/CodeSystem/assessment-item';
/** Codes for the groups of people who answer. */
export const RESPONDENT_GROUP_SYSTEM =
  'https://hearth.example/fhir/CodeSystem/assessment-respondent-group';
/** Extensions carrying a score's 95% interval. */
export const CI_LOW_EXTENSION = 'https://hearth.example/fhir/StructureDefinition/ci95-low';
export const CI_HIGH_EXTENSION = 'https://hearth.example/fhir/StructureDefinition/ci95-high';

const POPULATION = 'http://terminology.hl7.org/CodeSystem/measure-population';
const round3 = (v: number) => Math.round(v * 1000) / 1000;

function population(code: string, count: number) {
  return { code: { coding: [{ system: POPULATION, code }] }, count };
}

/** The Bundle of MeasureReports for a closed round. */
export function resultsBundle(results: RoundResults, publicUrl: string) {
  const { round } = results;
  const questionnaire = roundQuestionnaire(results.instrument, round, publicUrl);
  const reports = respondentGroups.flatMap((g) => {
    const shown = results.groups.find((x) => x.group === g);
    if (!results.ready || !shown?.shown || shown.responses === null) return [];
    const n = shown.responses;
    const sectionGroups = results.sections.flatMap((s) => {
      const score = s.score[g];
      if (!score) return [];
      const extension =
        score.low === null || score.high === null
          ? []
          : [
              { url: CI_LOW_EXTENSION, valueDecimal: round3(score.low) },
              { url: CI_HIGH_EXTENSION, valueDecimal: round3(score.high) },
            ];
      return [
        {
          ...(sectionHasLocal(results, s.id)
            ? { extension: [{ url: INCLUDES_LOCAL_EXTENSION, valueBoolean: true }] }
            : {}),
          code: { coding: [{ system: ASSESSMENT_ITEM_SYSTEM, code: s.id, display: s.title }] },
          population: [population('initial-population', score.n)],
          measureScore: {
            value: round3(score.mean),
            unit: 'score (1 to 5)',
            ...(extension.length > 0 ? { extension } : {}),
          },
        },
      ];
    });
    const localGroups = localStatementGroups(results, g, {
      low: CI_LOW_EXTENSION,
      high: CI_HIGH_EXTENSION,
    });
    const barrierGroups = (results.barriers[g] ?? []).map((b) => ({
      code: { coding: [{ system: ASSESSMENT_ITEM_SYSTEM, code: b.id, display: b.text }] },
      population: [population('denominator', n), population('numerator', b.count)],
      measureScore: { value: round3(b.count / n), unit: 'proportion' },
    }));
    return [
      {
        resourceType: 'MeasureReport' as const,
        id: `${round.id}-${g}`,
        identifier: [{ system: 'https://hearth.example/fhir/assessment-round', value: round.id }],
        status: 'complete',
        type: 'summary',
        measure: assessmentMeasureUrl(publicUrl, round.instrumentVersion),
        period: { start: round.opensOn, end: round.closesOn },
        improvementNotation: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation',
              code: 'increase',
            },
          ],
        },
        extension: [
          {
            url: 'https://hearth.example/fhir/StructureDefinition/respondent-group',
            valueCoding: { system: RESPONDENT_GROUP_SYSTEM, code: g, display: shown.label },
          },
          {
            url: ROUND_QUESTIONNAIRE_EXTENSION,
            valueCanonical: roundQuestionnaireUrl(publicUrl, round.id),
          },
        ],
        group: [...sectionGroups, ...localGroups, ...barrierGroups],
      },
    ];
  });
  return {
    resourceType: 'Bundle' as const,
    type: 'collection',
    identifier: { system: 'https://hearth.example/fhir/assessment-round', value: round.id },
    entry: [
      { fullUrl: roundQuestionnaireUrl(publicUrl, round.id), resource: questionnaire },
      ...reports.map((resource) => ({
        fullUrl: `${publicUrl.replace(/\/$/, '')}/fhir/MeasureReport/${resource.id}`,
        resource,
      })),
    ],
  };
}
