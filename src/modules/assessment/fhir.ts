/**
 * The instrument as a FHIR R4 Questionnaire, so other systems can read exactly what was asked.
 * Sections become groups; each statement is a choice with the seven answers; the barriers are
 * one multiple-choice question per group; the comment is optional free text.
 */
import type { Instrument } from './instrument.ts';
import { ratingLabels, ratingValues } from './instrument.ts';

/** The code system for the answers (Hearth's own). */
export const RATING_SYSTEM = 'https://hearth.example/fhir/CodeSystem/assessment-rating';
/** The extension that marks a statement only staff are asked. */
export const STAFF_ONLY_EXTENSION = 'https://hearth.example/fhir/StructureDefinition/staff-only';

/** A FHIR R4 Questionnaire (the fields Hearth writes). */
export interface QuestionnaireResource {
  resourceType: 'Questionnaire';
  [key: string]: unknown;
}

/** Builds the Questionnaire for an instrument version. */
export function instrumentQuestionnaire(
  instrument: Instrument,
  publicUrl: string,
): QuestionnaireResource {
  const answerOption = ratingValues.map((code) => ({
    valueCoding: { system: RATING_SYSTEM, code, display: ratingLabels[code] },
  }));
  return {
    resourceType: 'Questionnaire',
    id: `hearth-assessment-v${instrument.version}`,
    url: `${publicUrl.replace(/\/$/, '')}/assessment/instrument.fhir.json`,
    version: String(instrument.version),
    name: 'HearthTraumaInformedSelfAssessment',
    title: instrument.title,
    status: 'active',
    subjectType: ['Organization'],
    description:
      'Statements about a service, rated alike by staff, people who use the service and lived-experience partners, under the ten principles of trauma-informed approaches.',
    item: [
      ...instrument.sections.map((section) => ({
        linkId: section.id,
        text: section.title,
        type: 'group',
        item: section.items.map((statement) => ({
          linkId: statement.id,
          text: statement.text,
          type: 'choice',
          required: false,
          answerOption,
          ...(statement.staffOnly
            ? { extension: [{ url: STAFF_ONLY_EXTENSION, valueBoolean: true }] }
            : {}),
        })),
      })),
      {
        linkId: 'barriers',
        text: 'What gets in the way here?',
        type: 'group',
        item: instrument.barrierGroups.map((group) => ({
          linkId: group.id,
          text: group.title,
          type: 'choice',
          required: false,
          repeats: true,
          answerOption: group.items.map((b) => ({
            valueCoding: {
              system: `${RATING_SYSTEM.replace(/rating$/, 'barrier')}`,
              code: b.id,
              display: b.text,
            },
          })),
        })),
      },
      {
        linkId: 'comment',
        text: 'Anything else you would like to say?',
        type: 'text',
        required: false,
      },
    ],
  };
}
