/** The review page: everything typed, page by page, with "Change" links and wording suggestions. */
import type { FastifyReply } from 'fastify';
import type { Finding } from '../../language/index.ts';
import { checkText } from '../../language/index.ts';
import {
  avoidanceMethods,
  harmOutcomes,
  interventionTypes,
  labelOf,
  nonStaffOptions,
  notificationOptions,
  planFollowedOptions,
  reasonCodes,
  staffRolesInForce,
} from '../codes.ts';
import type { FormPage } from '../form-pages.ts';
import { calmDownRows } from './calm-down.ts';
import { pageOfField, pageTitles } from '../form-pages.ts';
import type { ForceWebDeps } from './common.ts';
import type { ReviewData } from './record-pages.ts';
import { narrativeFields, pageHref, reviewErrorList } from './record-pages.ts';

/** One row of the summary list: a date row carries an ISO time the view formats. */
interface Row {
  field: string;
  key: string;
  text?: string;
  time?: string | null;
  until?: string | null;
  lines?: string[];
  findings?: Finding[];
}

const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'Yes' : 'No');

/** The rows of each page's section. */
function sectionsOf(data: ReviewData, findings: Map<string, Finding[]>) {
  const { input, context } = data;
  const unit = context.units.find((u) => u.id === input.unitId);
  const page1: Row[] = [
    { field: 'unitId', key: 'Unit', text: unit?.name ?? '' },
    { field: 'startAt', key: 'Started', time: input.startAt || null },
    { field: 'endAt', key: 'Ended', time: input.endAt, text: 'From the interventions' },
    { field: 'place', key: 'Where on the unit', text: input.place },
    { field: 'reasonCode', key: 'Main reason', text: labelOf(reasonCodes, input.reasonCode) },
    {
      field: 'avoidanceCodes',
      key: 'What was tried first',
      lines: input.avoidanceCodes.map((c) => labelOf(avoidanceMethods, c)),
    },
  ];
  const page2: Row[] = input.interventions.map((iv, n) => ({
    field: `i${n}_type`,
    key: `Intervention ${n + 1}`,
    lines: [
      labelOf(interventionTypes, iv.typeCode),
      ...iv.staff.map(
        (s) => `${s.name}, ${s.jobTitle}: ${labelOf(staffRolesInForce, s.roleCode).toLowerCase()}`,
      ),
      ...(iv.positionNote ? [`Position or hold: ${iv.positionNote}`] : []),
      ...(iv.medication ? [`Medication: ${iv.medication}`] : []),
    ],
    time: iv.startAt || null,
    until: iv.endAt,
  }));
  page2.push({
    field: 'inCarePlan',
    key: 'Part of their care plan',
    text: yesNo(input.inCarePlan),
  });
  const page3: Row[] = [];
  if (context.plan) {
    page3.push(
      {
        field: 'planKnown',
        key: 'Staff knew their choices',
        text: input.planKnown === 'yes' ? 'Yes' : input.planKnown === 'no' ? 'No' : '',
      },
      {
        field: 'planFollowed',
        key: 'Their choices were followed',
        text: input.planFollowed ? labelOf(planFollowedOptions, input.planFollowed) : '',
      },
    );
  }
  const injured = [
    input.injuryPerson && 'The person',
    input.injuryStaff && 'Staff',
    input.injuryOther && 'Someone else',
  ].filter((x): x is string => Boolean(x));
  page3.push(
    {
      field: 'injuries',
      key: 'Injuries',
      text: injured.length ? injured.join(', ') : 'No one was injured',
    },
    { field: 'harm', key: 'Death or serious injury', text: labelOf(harmOutcomes, input.harm) },
    {
      field: 'notification',
      key: 'People in their care plan told',
      text: labelOf(notificationOptions, input.notification),
    },
    { field: 'nonStaff', key: 'Others involved', text: labelOf(nonStaffOptions, input.nonStaff) },
  );
  if (input.nonStaff !== 'none')
    page3.push({
      field: 'nonStaffReason',
      key: 'Why they were involved',
      text: input.nonStaffReason,
    });
  page3.push(...calmDownRows(input.calmDown));
  page3.push({
    field: 'accountOffered',
    key: 'Told they can give their account',
    text: input.accountOffered ? 'Yes' : 'Not yet',
  });
  // The narratives go where they were typed, each with what the checker noticed.
  for (const [field, key] of narrativeFields) {
    const text = input[field];
    if (!text && field !== 'reasonNarrative' && field !== 'howForceUsed' && field !== 'outcome')
      continue;
    const rows = { 1: page1, 2: page2, 3: page3 }[pageOfField(field)];
    rows.push({ field, key, text, findings: findings.get(field) ?? [] });
  }
  return ([1, 2, 3] as const).map((page: FormPage) => ({
    page,
    title: pageTitles[page],
    rows: { 1: page1, 2: page2, 3: page3 }[page],
  }));
}

/**
 * Renders the review page. Suggestions use the organisation's own rules when the language
 * service is given (checkForOrganisation), else the built-in list.
 */
export async function renderReview(
  reply: FastifyReply,
  deps: ForceWebDeps,
  draftId: string,
  data: ReviewData,
  organisationId: string,
) {
  const findings = new Map<string, Finding[]>();
  for (const [field] of narrativeFields) {
    const text = data.input[field];
    if (!text) continue;
    findings.set(
      field,
      deps.language
        ? await deps.language.checkForOrganisation(organisationId, text)
        : checkText(text),
    );
  }
  const sections = sectionsOf(data, findings).map((s) => ({
    ...s,
    rows: s.rows.map((r) => ({
      ...r,
      href: `${pageHref(draftId, s.page)}?from=review#${r.field}`,
    })),
  }));
  const errors = data.errors;
  return reply.page('force/views/record-review.njk', {
    title: 'Check the record before you save it',
    person: data.context.person,
    draftId,
    sections,
    suggestions: [...findings.values()].some((f) => f.length > 0),
    errors,
    errorList: reviewErrorList(draftId, errors),
  });
}
