/** The recording and correcting form: its view model, from the service's form context. */
import type { FastifyReply } from 'fastify';
import { errorList } from '../../../web/forms.ts';
import {
  ageBands,
  avoidanceMethods,
  ethnicCategories,
  harmOutcomes,
  interventionTypes,
  labelOf,
  nonStaffOptions,
  notificationOptions,
  planFollowedOptions,
  reasonCodes,
  sexOptions,
  staffRolesInForce,
  yesNoNotStated,
} from '../codes.ts';
import type { IncidentInput } from '../validate.ts';
import { staffLines } from '../validate.ts';
import { MAX_ROWS } from '../schema.ts';
import type { ForceService } from '../service.ts';
import { toLondonLocal } from '../time.ts';
import { calmDownItems } from './calm-down.ts';
import { items } from './common.ts';

/** What the form is built from. */
export type FormContext = Awaited<ReturnType<ForceService['incidents']['formContext']>>;

/** Options for one rendering of the form. */
export interface IncidentFormOptions {
  values: Record<string, unknown>;
  rows: number;
  errors?: Record<string, string>;
  amend?: { id: string; version: number };
  /** Just kept with "Save and finish later". */
  paused?: boolean;
}

/** The injuries checkboxes chosen in the input. */
export const injuriesOf = (input: IncidentInput) =>
  [
    input.injuryPerson && 'person',
    input.injuryStaff && 'staff',
    input.injuryOther && 'other',
  ].filter(Boolean) as string[];

/** The form's values from a stored record (for correcting it). */
export function valuesOf(input: IncidentInput): Record<string, unknown> {
  const local = (iso: string | null) => (iso ? toLondonLocal(iso) : '');
  const values: Record<string, unknown> = {
    personId: input.personId,
    unitId: input.unitId,
    startAt: toLondonLocal(input.startAt),
    endAt: local(input.endAt),
    place: input.place,
    reasonCode: input.reasonCode,
    reasonNarrative: input.reasonNarrative,
    howForceUsed: input.howForceUsed,
    inCarePlan: input.inCarePlan ? 'yes' : 'no',
    outcome: input.outcome,
    harm: input.harm,
    injuries: injuriesOf(input),
    avoidanceCodes: input.avoidanceCodes,
    avoidanceNarrative: input.avoidanceNarrative,
    notification: input.notification,
    nonStaff: input.nonStaff,
    nonStaffReason: input.nonStaffReason,
    policeRequestedAt: local(input.policeRequestedAt),
    policeArrivedAt: local(input.policeArrivedAt),
    bodyWornCamera: input.bodyWornCamera,
    planKnown: input.planKnown,
    planFollowed: input.planFollowed,
    planNotFollowedReason: input.planNotFollowedReason,
    accountOffered: input.accountOffered ? 'yes' : 'not_yet',
    calmDownOffered: input.calmDown?.offered ?? '',
    calmDownMethods: input.calmDown?.methods ?? [],
    othersReassured: input.calmDown?.othersReassured ?? '',
  };
  input.interventions.forEach((iv, n) => {
    values[`i${n}_id`] = iv.id;
    values[`i${n}_type`] = iv.typeCode;
    values[`i${n}_start`] = toLondonLocal(iv.startAt);
    values[`i${n}_end`] = local(iv.endAt);
    values[`i${n}_position`] = iv.positionNote;
    values[`i${n}_medication`] = iv.medication;
    values[`i${n}_staff`] = staffLines(iv.staff);
  });
  return values;
}

/** Renders the form (recording, or correcting when `amend` is given). */
export function renderIncidentForm(
  reply: FastifyReply,
  ctx: FormContext,
  options: IncidentFormOptions,
) {
  const v = options.values;
  const rows = Array.from({ length: options.rows }, (_, n) => ({
    n,
    id: v[`i${n}_id`] ?? '',
    type: v[`i${n}_type`] ?? '',
    start: v[`i${n}_start`] ?? '',
    end: v[`i${n}_end`] ?? '',
    position: v[`i${n}_position`] ?? '',
    medication: v[`i${n}_medication`] ?? '',
    staff: v[`i${n}_staff`] ?? '',
  }));
  const errors = options.errors ?? {};
  const units = ctx.units;
  return reply.page('force/views/incident-form.njk', {
    title: options.amend ? 'Correct a use-of-force record' : 'Record a use of force',
    person: ctx.person,
    snapshot: ctx.snapshot,
    characteristics: ctx.characteristics,
    plan: options.amend ? null : ctx.plan,
    amend: options.amend,
    paused: options.paused ?? false,
    values: v,
    rows,
    maxRows: MAX_ROWS,
    errors,
    errorList: Object.keys(errors).length ? errorList(errors) : [],
    unitItems: units
      .filter((u) => options.amend || ctx.personUnitIds.includes(u.id) || units.length === 1)
      .map((u) => ({ value: u.id, text: u.name, selected: v.unitId === u.id })),
    typeItems: [
      { value: '', text: 'Choose a type' },
      ...interventionTypes.map((t) => ({ value: t.code, text: `${t.label} (${t.code})` })),
    ],
    reasonItems: [
      { value: '', text: 'Choose a reason' },
      ...reasonCodes.map((r) => ({
        value: r.code,
        text: `${r.label} (${r.code})`,
        selected: v.reasonCode === r.code,
      })),
    ],
    avoidanceItems: items(avoidanceMethods, (v.avoidanceCodes as string[] | undefined) ?? []),
    harmItems: items(harmOutcomes, (v.harm as string) || 'none'),
    injuryItems: items(
      [
        { code: 'person', label: 'The person' },
        { code: 'staff', label: 'Staff' },
        { code: 'other', label: 'Someone else' },
      ],
      (v.injuries as string[] | undefined) ?? [],
    ),
    notificationItems: items(notificationOptions, v.notification as string),
    nonStaffItems: items(nonStaffOptions, (v.nonStaff as string) || 'none'),
    planFollowedItems: items(planFollowedOptions, v.planFollowed as string),
    ...calmDownItems(v),
    staffRoleHint: staffRolesInForce.map((r) => `${r.code} (${r.label.toLowerCase()})`).join(', '),
    ethnicLabels: ctx.snapshot.ethnicCodes.map((c) => labelOf(ethnicCategories, c)),
    labels: {
      sex: labelOf(sexOptions, ctx.snapshot.sex),
      ageBand: labelOf(ageBands, ctx.snapshot.ageBand),
      disability: labelOf(yesNoNotStated, ctx.snapshot.disability),
      ldAutism: labelOf(yesNoNotStated, ctx.snapshot.ldAutism),
    },
  });
}
