/** Pages for the use-of-force register, the person's own account, reviews, dashboards and returns. */
import type { FastifyInstance, FastifyReply, FastifyRequest, LogLevel } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { AccessRule } from '../../web/access.ts';
import { actorOf, auditContextOf, checkUploadCsrf } from '../../web/server.ts';
import { errorList, parseForm } from '../../web/forms.ts';
import { AppError, isAppError } from '../../lib/app-error.ts';
import { findTextProblem, normaliseText } from '../../lib/text.ts';
import type { Actor } from '../accounts/index.ts';
import {
  avoidanceMethods,
  dimensions,
  ethnicCategories,
  harmOutcomes,
  interventionTypes,
  labelOf,
  nonStaffOptions,
  notificationOptions,
  observationLevels,
  planFollowedOptions,
  reasonCodes,
  reviewKinds,
  searchConsent,
  searchKinds,
  sexOptions,
  staffRolesInForce,
  yesNoNotStated,
  ageBands,
} from './codes.ts';
import { barChart, lineChart, stackedMonthlyChart } from './charts.ts';
import { toCsv } from './csv.ts';
import type { PeriodRange } from './dashboards.ts';
import type { ForceService } from './service.ts';
import { SUPPRESSED_TEXT, isSuppressed, showCount } from './stats.ts';
import {
  MAX_ROWS,
  accountSchema,
  characteristicsSchema,
  parseIncidentForm,
  parseObservationForm,
  parseSearchForm,
  reviewSchema,
} from './schema.ts';
import { periodOf, shiftPeriod, toLondonLocal } from './time.ts';
import type { IncidentInput } from './validate.ts';
import { checkIncident, staffLines } from './validate.ts';

const staff = ['practitioner', 'unit_manager', 'org_admin'] as const;
const recorders = ['practitioner', 'unit_manager'] as const;
const figures = [
  'unit_manager',
  'org_admin',
  'national_operator',
  'lived_experience_partner',
] as const;

/** Who may call each route in this module. */
export const forceAccessRules: AccessRule[] = [
  { method: 'GET', url: '/force', access: staff },
  { method: 'GET', url: '/force/incidents/new', access: recorders },
  { method: 'POST', url: '/force/incidents', access: recorders },
  { method: 'GET', url: '/force/incidents/:incidentId', access: staff },
  { method: 'GET', url: '/force/incidents/:incidentId/amend', access: staff },
  { method: 'POST', url: '/force/incidents/:incidentId/amend', access: staff },
  { method: 'POST', url: '/force/incidents/:incidentId/delete', access: ['org_admin'] },
  { method: 'POST', url: '/force/incidents/:incidentId/reviews/:reviewId', access: staff },
  { method: 'GET', url: '/force/incidents/:incidentId/account', access: recorders },
  { method: 'POST', url: '/force/incidents/:incidentId/account', access: recorders },
  { method: 'GET', url: '/force/reviews', access: staff },
  { method: 'GET', url: '/force/people/:personId', access: staff },
  { method: 'POST', url: '/force/people/:personId', access: staff },
  { method: 'GET', url: '/force/observations/new', access: recorders },
  { method: 'POST', url: '/force/observations', access: recorders },
  { method: 'GET', url: '/force/searches/new', access: recorders },
  { method: 'POST', url: '/force/searches', access: recorders },
  { method: 'GET', url: '/force/denominators', access: ['unit_manager', 'org_admin'] },
  { method: 'POST', url: '/force/denominators', access: ['unit_manager', 'org_admin'] },
  { method: 'GET', url: '/force/dashboards', access: figures },
  { method: 'GET', url: '/force/dashboards/data.csv', access: figures },
  { method: 'GET', url: '/force/returns', access: ['org_admin', 'national_operator'] },
  { method: 'GET', url: '/force/returns.csv', access: ['org_admin', 'national_operator'] },
  { method: 'GET', url: '/force/export.csv', access: ['org_admin'] },
  { method: 'GET', url: '/force/import', access: ['org_admin'] },
  { method: 'POST', url: '/force/import', access: ['org_admin'] },
  { method: 'GET', url: '/my-incidents', access: ['service_user'] },
  { method: 'GET', url: '/my-incidents/:incidentId', access: ['service_user'] },
  { method: 'POST', url: '/my-incidents/:incidentId/account', access: ['service_user'] },
  { method: 'POST', url: '/my-incidents/:incidentId/helper', access: ['service_user'] },
];

const items = (
  list: readonly { code: string; label: string }[],
  selected?: string | string[] | null,
) =>
  list.map((i) => ({
    value: i.code,
    text: i.label,
    checked: Array.isArray(selected) ? selected.includes(i.code) : selected === i.code,
    selected: !Array.isArray(selected) && selected === i.code,
  }));

function q(request: FastifyRequest): Record<string, string | undefined> {
  const query = request.query as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
  );
}

function rangeOf(query: Record<string, string | undefined>, now: Date): PeriodRange {
  const current = periodOf(now.toISOString());
  const valid = (p: string | undefined) => (p && /^\d{4}-(0[1-9]|1[0-2])$/.test(p) ? p : undefined);
  const to = valid(query.to) ?? current;
  let from = valid(query.from) ?? shiftPeriod(to, -11);
  if (from > to) from = to;
  if (shiftPeriod(from, 120) < to) from = shiftPeriod(to, -120);
  return { from, to };
}

/** The largest file the import page takes; larger files go through `hearth force import`. */
export const IMPORT_UPLOAD_LIMIT = 20 * 1024 * 1024;
/** How many problems the import page lists; the rest are counted. */
export const IMPORT_PROBLEMS_SHOWN = 200;
/** How many problems the download holds (it travels inside the page, so nothing is stored). */
export const IMPORT_PROBLEMS_DOWNLOADED = 10_000;

/** What the import page says about a file it could not take (NHS file upload wording). */
const uploadMessages = {
  missing: 'Select a CSV file to import',
  empty: 'The selected file is empty',
  notCsv: 'The selected file must be a CSV file, such as the one Hearth exports',
  notUtf8:
    'The selected file must be saved as CSV UTF-8. In a spreadsheet, use Save As and choose "CSV UTF-8 (comma delimited)"',
  tooLarge:
    'The selected file must be smaller than 20 MB. Split it into smaller files, or ask for it to be imported with the command line',
  unreadable: 'The selected file could not be uploaded. Try again',
  noRows: 'The selected file has a header row but no rows under it, so there was nothing to import',
} as const;

/** What an upload turned out to be. */
type Upload =
  | { kind: 'file'; data: Buffer }
  | { kind: 'problem'; status: 400 | 413; message: string }
  | { kind: 'refused' };

// Spreadsheet workbooks (zip, or the older compound file) and UTF-16 text start with these.
const NOT_CSV_STARTS = [
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
];
const UTF16_STARTS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/** True when the start of a file has bytes no text file has (NUL and other control codes). */
function looksBinary(data: Buffer): boolean {
  const end = Math.min(data.length, 8192);
  for (let i = 0; i < end; i++) {
    const b = data[i] ?? 0;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f)
      return true;
  }
  return false;
}

/** Turns an uploaded file into text, or says in plain words why it is not a CSV file. */
export function decodeUpload(
  data: Buffer,
): { ok: true; text: string } | { ok: false; message: string } {
  if (UTF16_STARTS.some((start) => data.subarray(0, start.length).equals(start)))
    return { ok: false, message: uploadMessages.notUtf8 };
  if (
    NOT_CSV_STARTS.some((start) => data.subarray(0, start.length).equals(start)) ||
    looksBinary(data) ||
    data.includes(0)
  )
    return { ok: false, message: uploadMessages.notCsv };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { ok: false, message: uploadMessages.notUtf8 };
  }
  if (text.trim() === '') return { ok: false, message: uploadMessages.empty };
  if (findTextProblem(text)) return { ok: false, message: uploadMessages.notCsv };
  return { ok: true, text: normaliseText(text) };
}

/** Stops reading an upload that will not be used: the rest of it is received and dropped. */
function discardRest(request: FastifyRequest): void {
  request.raw.unpipe();
  request.raw.resume();
}

/**
 * Reads the import form's upload into memory (never to disk). The CSRF token must be the first
 * field, and is checked before any of the file is read.
 */
async function readUpload(request: FastifyRequest, reply: FastifyReply): Promise<Upload> {
  // A form sent without a file is not multipart; its token was checked like any other form's.
  if (!request.isMultipart())
    return { kind: 'problem', status: 400, message: uploadMessages.missing };
  const parts = request.parts();
  let data: Buffer | undefined;
  let named = false;
  try {
    const first = await parts.next();
    const token =
      !first.done &&
      first.value.type === 'field' &&
      first.value.fieldname === '_csrf' &&
      typeof first.value.value === 'string'
        ? first.value.value
        : undefined;
    if (!checkUploadCsrf(request, reply, token)) {
      discardRest(request);
      return { kind: 'refused' };
    }
    for await (const part of parts) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || data) {
        part.file.resume();
        continue;
      }
      // Browsers send an empty part with no name when no file was chosen.
      named = part.filename !== '';
      data = await part.toBuffer();
    }
  } catch (error) {
    discardRest(request);
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      return { kind: 'problem', status: 413, message: uploadMessages.tooLarge };
    request.log.info({ code }, 'could not read an upload');
    return { kind: 'problem', status: 400, message: uploadMessages.unreadable };
  }
  if (!data || (!named && data.length === 0))
    return { kind: 'problem', status: 400, message: uploadMessages.missing };
  if (data.length === 0) return { kind: 'problem', status: 400, message: uploadMessages.empty };
  return { kind: 'file', data };
}

const wholeCount = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null);
const formatCount = (n: number) => n.toLocaleString('en-GB');

const pct = (v: number | null) => (v === null ? null : `${(v * 100).toFixed(0)}%`);
const fixed = (v: number | null, d = 1) => (v === null ? null : v.toFixed(d));

/** Registers the force pages. */
export function registerForceRoutes(
  app: FastifyInstance,
  deps: { force: ForceService; clock: () => Date },
): void {
  const { force, clock } = deps;

  // Refusals here carry their own reason (a legal retention date, whose words these are).
  function refused(reply: FastifyReply, error: AppError, backHref: string) {
    reply.code(403);
    return reply.page('force/views/refused.njk', {
      title: 'This cannot be done',
      message: error.message,
      backHref,
    });
  }

  function invalid(error: unknown): error is AppError {
    return isAppError(error) && error.kind === 'invalid';
  }

  app.get('/force', async (request, reply) => {
    const actor = actorOf(request);
    const incidents = await force.listRegister(actor, 30);
    const reviews = await force.openReviews(actor, 10);
    const other = await force.listObservationsAndSearches(actor);
    return reply.page('force/views/register.njk', {
      title: 'Use of force register',
      incidents: incidents.map((i) => ({
        ...i,
        types: i.typeCodes.map((c) => labelOf(interventionTypes, c)).join('; '),
      })),
      reviews: reviews.map((r) => ({ ...r, kindLabel: labelOf(reviewKinds, r.kind) })),
      observations: other.observations.map((o) => ({
        ...o,
        levelLabel: labelOf(observationLevels, o.level),
      })),
      searches: other.searches.map((s) => ({ ...s, kindLabel: labelOf(searchKinds, s.kind) })),
      canRecord: actor.role !== 'org_admin',
      canSeeFigures: actor.role !== 'practitioner',
    });
  });

  async function renderIncidentForm(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    options: {
      personId: string;
      values: Record<string, unknown>;
      input?: IncidentInput;
      rows: number;
      errors?: Record<string, string>;
      amend?: { id: string; version: number };
    },
  ) {
    const ctx = await force.recordingContext(actor, options.personId, auditContextOf(request));
    const units = await force.recordingUnits(actor);
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
    return reply.page('force/views/incident-form.njk', {
      title: options.amend ? 'Correct a use-of-force record' : 'Record a use of force',
      person: ctx.person,
      snapshot: ctx.snapshot,
      characteristics: ctx.characteristics,
      plan: options.amend ? null : ctx.plan,
      amend: options.amend,
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
      staffRoleHint: staffRolesInForce
        .map((r) => `${r.code} (${r.label.toLowerCase()})`)
        .join(', '),
      ethnicLabels: ctx.snapshot.ethnicCodes.map((c) => labelOf(ethnicCategories, c)),
      labels: {
        sex: labelOf(sexOptions, ctx.snapshot.sex),
        ageBand: labelOf(ageBands, ctx.snapshot.ageBand),
        disability: labelOf(yesNoNotStated, ctx.snapshot.disability),
        ldAutism: labelOf(yesNoNotStated, ctx.snapshot.ldAutism),
      },
    });
  }

  app.get('/force/incidents/new', async (request, reply) => {
    const actor = actorOf(request);
    const query = q(request);
    if (!query.personId) {
      const people = await force.recordablePeople(actor);
      return reply.page('force/views/choose-person.njk', {
        title: 'Who was force used with?',
        personItems: people.map((p) => ({
          value: p.id,
          text: p.displayName,
          hint: { text: p.unitNames.join(', ') },
        })),
        errors: {},
      });
    }
    const units = await force.recordingUnits(actor);
    const now = toLondonLocal(clock());
    return renderIncidentForm(request, reply, actor, {
      personId: query.personId,
      rows: 1,
      // Sensible defaults from the unit and the moment, so a typical record is quick.
      values: {
        personId: query.personId,
        unitId: units[0]?.id,
        startAt: now,
        harm: 'none',
        nonStaff: 'none',
        accountOffered: 'yes',
        i0_staff: `${actor.displayName}, , lead`,
      },
    });
  });

  app.post('/force/incidents', async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body as Record<string, string | string[]>;
    const { input, errors, rows } = parseIncidentForm(body);
    const values = { ...body, avoidanceCodes: input.avoidanceCodes, injuries: [] as string[] };
    values.injuries = [
      input.injuryPerson && 'person',
      input.injuryStaff && 'staff',
      input.injuryOther && 'other',
    ].filter(Boolean) as string[];
    if (body.action === 'add') {
      return renderIncidentForm(request, reply, actor, {
        personId: input.personId,
        values,
        rows: Math.min(MAX_ROWS, rows + 1),
      });
    }
    try {
      if (Object.keys(errors).length) {
        // Show every problem at once, not only the times that could not be read.
        throw AppError.invalidFields({ ...checkIncident(input, clock(), false), ...errors });
      }
      const id = await force.recordIncident(actor, input, auditContextOf(request));
      return reply.redirect(`/force/incidents/${id}?saved=1`, 303);
    } catch (error) {
      if (!invalid(error)) throw error;
      reply.code(400);
      return renderIncidentForm(request, reply, actor, {
        personId: input.personId,
        values,
        rows,
        errors: { ...errors, ...error.fields },
      });
    }
  });

  function describeForPage(d: Awaited<ReturnType<ForceService['describeIncident']>>) {
    return {
      ...d,
      reasonLabel: labelOf(reasonCodes, d.incident.reason_code),
      harmLabel: labelOf(harmOutcomes, d.incident.harm),
      notificationLabel: labelOf(notificationOptions, d.incident.notification),
      nonStaffLabel: labelOf(nonStaffOptions, d.incident.non_staff),
      avoidanceLabels: d.avoidance.map((c) => labelOf(avoidanceMethods, c)),
      planFollowedLabel: labelOf(planFollowedOptions, d.incident.plan_followed),
      interventions: d.interventions.map((iv) => ({
        ...iv,
        typeLabel: labelOf(interventionTypes, iv.type_code),
        staff: iv.staffList.map((s) => ({
          ...s,
          roleLabel: labelOf(staffRolesInForce, s.role_code),
        })),
      })),
      reviews: d.reviews.map((r) => ({
        ...r,
        kindLabel: labelOf(reviewKinds, r.kind),
        overdue: !r.completed_at && r.due_at < clock().toISOString(),
      })),
      characteristicsLabels: {
        ethnicity:
          d.snapshot.ethnicCodes.map((c) => labelOf(ethnicCategories, c)).join('; ') ||
          'Not recorded',
        sex: labelOf(sexOptions, d.snapshot.sex),
        ageBand: labelOf(ageBands, d.snapshot.ageBand),
        disability: labelOf(yesNoNotStated, d.snapshot.disability),
        ldAutism: labelOf(yesNoNotStated, d.snapshot.ldAutism),
      },
    };
  }

  app.get('/force/incidents/:incidentId', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId } = request.params as { incidentId: string };
    const d = await force.viewIncident(actor, incidentId, auditContextOf(request));
    return reply.page('force/views/incident.njk', {
      title: 'Use-of-force record',
      ...describeForPage(d),
      saved: q(request).saved === '1',
      amended: q(request).amended === '1',
      canDelete: actor.role === 'org_admin',
      errors: {},
    });
  });

  async function amendValues(actor: Actor, incidentId: string) {
    const { input, incident } = await force.incidentAsInput(actor, incidentId);
    const values: Record<string, unknown> = {
      personId: input.personId,
      unitId: input.unitId,
      startAt: toLondonLocal(input.startAt),
      endAt: input.endAt ? toLondonLocal(input.endAt) : '',
      place: input.place,
      reasonCode: input.reasonCode,
      reasonNarrative: input.reasonNarrative,
      howForceUsed: input.howForceUsed,
      inCarePlan: input.inCarePlan ? 'yes' : 'no',
      outcome: input.outcome,
      harm: input.harm,
      injuries: [
        input.injuryPerson && 'person',
        input.injuryStaff && 'staff',
        input.injuryOther && 'other',
      ].filter(Boolean),
      avoidanceCodes: input.avoidanceCodes,
      avoidanceNarrative: input.avoidanceNarrative,
      notification: input.notification,
      nonStaff: input.nonStaff,
      nonStaffReason: input.nonStaffReason,
      policeRequestedAt: input.policeRequestedAt ? toLondonLocal(input.policeRequestedAt) : '',
      policeArrivedAt: input.policeArrivedAt ? toLondonLocal(input.policeArrivedAt) : '',
      bodyWornCamera: input.bodyWornCamera,
      planKnown: input.planKnown,
      planFollowed: input.planFollowed,
      planNotFollowedReason: input.planNotFollowedReason,
      accountOffered: input.accountOffered ? 'yes' : 'not_yet',
    };
    input.interventions.forEach((iv, n) => {
      values[`i${n}_id`] = iv.id;
      values[`i${n}_type`] = iv.typeCode;
      values[`i${n}_start`] = toLondonLocal(iv.startAt);
      values[`i${n}_end`] = iv.endAt ? toLondonLocal(iv.endAt) : '';
      values[`i${n}_position`] = iv.positionNote;
      values[`i${n}_medication`] = iv.medication;
      values[`i${n}_staff`] = staffLines(iv.staff);
    });
    return { values, incident, rows: input.interventions.length };
  }

  app.get('/force/incidents/:incidentId/amend', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId } = request.params as { incidentId: string };
    const { values, incident, rows } = await amendValues(actor, incidentId);
    return renderIncidentForm(request, reply, actor, {
      personId: incident.person_id,
      values,
      rows,
      amend: { id: incident.id, version: incident.version },
    });
  });

  app.post('/force/incidents/:incidentId/amend', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId } = request.params as { incidentId: string };
    const { incident } = await force.incidentAsInput(actor, incidentId);
    const body = request.body as Record<string, string | string[]>;
    const { input, errors, rows } = parseIncidentForm(body);
    const values = {
      ...body,
      avoidanceCodes: input.avoidanceCodes,
      injuries: [
        input.injuryPerson && 'person',
        input.injuryStaff && 'staff',
        input.injuryOther && 'other',
      ].filter(Boolean),
    };
    const amend = { id: incident.id, version: incident.version };
    if (body.action === 'add') {
      return renderIncidentForm(request, reply, actor, {
        personId: incident.person_id,
        values,
        rows: Math.min(MAX_ROWS, rows + 1),
        amend,
      });
    }
    try {
      if (Object.keys(errors).length) {
        // Show every problem at once, not only the times that could not be read.
        throw AppError.invalidFields({ ...checkIncident(input, clock(), false), ...errors });
      }
      const reason = typeof body.amendReason === 'string' ? body.amendReason.trim() : '';
      await force.amendIncident(actor, incidentId, input, reason, auditContextOf(request));
      return reply.redirect(`/force/incidents/${incidentId}?amended=1`, 303);
    } catch (error) {
      if (!invalid(error)) throw error;
      reply.code(400);
      return renderIncidentForm(request, reply, actor, {
        personId: incident.person_id,
        values,
        rows,
        errors: { ...errors, ...error.fields },
        amend,
      });
    }
  });

  app.post('/force/incidents/:incidentId/delete', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId } = request.params as { incidentId: string };
    try {
      await force.deleteIncident(actor, incidentId, auditContextOf(request));
    } catch (error) {
      if (isAppError(error) && error.kind === 'forbidden')
        return refused(reply, error, `/force/incidents/${incidentId}`);
      throw error;
    }
    return reply.redirect('/force', 303);
  });

  app.post('/force/incidents/:incidentId/reviews/:reviewId', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId, reviewId } = request.params as { incidentId: string; reviewId: string };
    await force.viewIncidentAccess(actor, incidentId);
    try {
      const input = parseForm(reviewSchema, request.body);
      await force.completeReview(
        actor,
        incidentId,
        reviewId,
        {
          notes: input.notes,
          supportOffered: input.supportOffered ? input.supportOffered === 'yes' : null,
        },
        auditContextOf(request),
      );
      return reply.redirect(`/force/incidents/${incidentId}#reviews`, 303);
    } catch (error) {
      if (!invalid(error)) throw error;
      reply.code(400);
      const d = await force.viewIncident(actor, incidentId, auditContextOf(request));
      return reply.page('force/views/incident.njk', {
        title: 'Use-of-force record',
        ...describeForPage(d),
        canDelete: actor.role === 'org_admin',
        reviewError: { id: reviewId, ...error.fields },
        errors: error.fields,
        errorList: errorList(
          Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [`${k}-${reviewId}`, v])),
        ),
      });
    }
  });

  async function renderHelper(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const actor = actorOf(request);
    const { incidentId } = request.params as { incidentId: string };
    const d = await force.helperIncident(actor, incidentId, auditContextOf(request));
    return reply.page('force/views/helper-account.njk', {
      title: "Writing the person's account with them",
      ...describeForPage(d),
      mayWrite: d.mayWrite,
      values: {},
      errors: {},
      ...extra,
    });
  }

  app.get('/force/incidents/:incidentId/account', async (request, reply) =>
    renderHelper(request, reply),
  );

  app.post('/force/incidents/:incidentId/account', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId } = request.params as { incidentId: string };
    await force.viewIncidentAccess(actor, incidentId, true);
    try {
      const input = parseForm(accountSchema, request.body);
      await force.writeAccount(actor, incidentId, input, auditContextOf(request));
      return reply.redirect(`/force/incidents/${incidentId}/account?saved=1`, 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'forbidden')
        return refused(reply, error, `/force/incidents/${incidentId}`);
      if (!invalid(error)) throw error;
      reply.code(400);
      return renderHelper(request, reply, {
        values: request.body,
        errors: error.fields,
        errorList: errorList(error.fields),
      });
    }
  });

  app.get('/force/reviews', async (request, reply) => {
    const actor = actorOf(request);
    const reviews = await force.openReviews(actor, 200);
    return reply.page('force/views/reviews.njk', {
      title: 'Reviews and debriefs to do',
      reviews: reviews.map((r) => ({ ...r, kindLabel: labelOf(reviewKinds, r.kind) })),
    });
  });

  async function renderCharacteristics(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const actor = actorOf(request);
    const { personId } = request.params as { personId: string };
    const { person, characteristics: c } = await force.viewCharacteristics(
      actor,
      personId,
      auditContextOf(request),
    );
    const values = {
      nhsNumber: c?.nhs_number ?? '',
      ethnicCodes: c ? (JSON.parse(c.ethnic_codes) as string[]) : [],
      sex: c?.sex,
      dateOfBirth: c?.date_of_birth ?? '',
      disability: c?.disability,
      ldAutism: c?.ld_autism,
      mentalDisorder: c?.mental_disorder ?? '',
      legalStatus: c?.legal_status ?? '',
      ...((extra.values as Record<string, unknown> | undefined) ?? {}),
    };
    return reply.page('force/views/characteristics.njk', {
      title: `About ${person.displayName}`,
      person,
      recorded: c !== null,
      values,
      ethnicItems: items(ethnicCategories, values.ethnicCodes as string[]),
      sexItems: items(sexOptions, values.sex as string),
      disabilityItems: items(yesNoNotStated, values.disability as string),
      ldItems: items(yesNoNotStated, values.ldAutism as string),
      errors: {},
      ...extra,
    });
  }

  app.get('/force/people/:personId', async (request, reply) =>
    renderCharacteristics(request, reply, { saved: q(request).saved === '1' }),
  );

  app.post('/force/people/:personId', async (request, reply) => {
    const actor = actorOf(request);
    const { personId } = request.params as { personId: string };
    await force.viewCharacteristicsAccess(actor, personId);
    try {
      const input = parseForm(characteristicsSchema, request.body);
      await force.saveCharacteristics(actor, personId, input, auditContextOf(request));
      return reply.redirect(`/force/people/${personId}?saved=1`, 303);
    } catch (error) {
      if (!invalid(error)) throw error;
      reply.code(400);
      const body = request.body as Record<string, unknown>;
      const ethnic = body.ethnicCodes;
      return renderCharacteristics(request, reply, {
        values: { ...body, ethnicCodes: Array.isArray(ethnic) ? ethnic : ethnic ? [ethnic] : [] },
        errors: error.fields,
        errorList: errorList(error.fields),
      });
    }
  });

  async function renderEpisodeForm(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: 'observation' | 'search',
    extra: Record<string, unknown> = {},
  ) {
    const actor = actorOf(request);
    const people = await force.recordablePeople(actor);
    const units = await force.recordingUnits(actor);
    const values = (extra.values as Record<string, string> | undefined) ?? {
      startAt: toLondonLocal(clock()),
      occurredAt: toLondonLocal(clock()),
    };
    return reply.page(`force/views/${kind}-form.njk`, {
      title: kind === 'observation' ? 'Record a period of observation' : 'Record a search',
      personItems: [
        { value: '', text: 'Choose a person' },
        ...people.map((p) => ({
          value: p.id,
          text: p.displayName,
          selected: values.personId === p.id,
        })),
      ],
      unitItems: units.map((u) => ({
        value: u.id,
        text: u.name,
        selected: values.unitId === u.id,
      })),
      levelItems: items(observationLevels, values.level),
      kindItems: items(searchKinds, values.kind),
      consentItems: items(searchConsent, values.consent),
      values,
      errors: {},
      ...extra,
    });
  }

  app.get('/force/observations/new', async (request, reply) =>
    renderEpisodeForm(request, reply, 'observation'),
  );
  app.get('/force/searches/new', async (request, reply) =>
    renderEpisodeForm(request, reply, 'search'),
  );

  app.post('/force/observations', async (request, reply) => {
    const actor = actorOf(request);
    try {
      await force.recordObservation(
        actor,
        parseObservationForm(request.body as Record<string, string>),
        auditContextOf(request),
      );
      return reply.redirect('/force?recorded=observation', 303);
    } catch (error) {
      if (!invalid(error)) throw error;
      reply.code(400);
      return renderEpisodeForm(request, reply, 'observation', {
        values: request.body,
        errors: error.fields,
        errorList: errorList(error.fields),
      });
    }
  });

  app.post('/force/searches', async (request, reply) => {
    const actor = actorOf(request);
    try {
      await force.recordSearch(
        actor,
        parseSearchForm(request.body as Record<string, string>),
        auditContextOf(request),
      );
      return reply.redirect('/force?recorded=search', 303);
    } catch (error) {
      if (!invalid(error)) throw error;
      reply.code(400);
      return renderEpisodeForm(request, reply, 'search', {
        values: request.body,
        errors: error.fields,
        errorList: errorList(error.fields),
      });
    }
  });

  async function renderDenominators(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const actor = actorOf(request);
    const units = await force.denominatorUnits(actor);
    const query = q(request);
    const unitId =
      query.unitId && units.some((u) => u.id === query.unitId) ? query.unitId : units[0]?.id;
    const year =
      query.year && /^\d{4}$/.test(query.year) ? query.year : String(clock().getUTCFullYear());
    const current = unitId ? await force.denominatorsFor(actor, unitId, year) : null;
    const months = Array.from(
      { length: 12 },
      (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`,
    );
    return reply.page('force/views/denominators.njk', {
      title: 'Bed days and people on the unit',
      units: units.map((u) => ({ value: u.id, text: u.name, selected: u.id === unitId })),
      unitId,
      year,
      months: months.map((p) => ({ period: p, value: current?.bedDays.get(p) ?? '' })),
      dimensions: dimensions.map((d) => ({
        code: d.code,
        label: d.label,
        groups: d.groups.map((g) => ({
          code: g.code,
          label: g.label,
          value:
            current?.population.find((r) => r.dimension === d.code && r.group_code === g.code)
              ?.people ?? '',
        })),
      })),
      errors: {},
      ...extra,
    });
  }

  app.get('/force/denominators', async (request, reply) =>
    renderDenominators(request, reply, { saved: q(request).saved === '1' }),
  );

  app.post('/force/denominators', async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body as Record<string, string>;
    const unitId = String(body.unitId ?? '');
    const year = String(body.year ?? '');
    const errors: Record<string, string> = {};
    if (!/^\d{4}$/.test(year)) errors.year = 'Enter a year like 2026';
    const bedDays: { unitId: string; period: string; occupiedBedDays: number }[] = [];
    const population: {
      unitId: string;
      year: string;
      dimension: string;
      groupCode: string;
      people: number;
    }[] = [];
    const whole = (key: string): number | null => {
      const raw = String(body[key] ?? '').trim();
      if (raw === '') return null;
      if (!/^\d{1,7}$/.test(raw)) {
        errors[key] = 'Enter a whole number, or leave it blank';
        return null;
      }
      return Number(raw);
    };
    for (let m = 1; m <= 12; m++) {
      const period = `${year}-${String(m).padStart(2, '0')}`;
      const n = whole(`bd_${period}`);
      if (n !== null) bedDays.push({ unitId, period, occupiedBedDays: n });
    }
    for (const d of dimensions) {
      for (const g of d.groups) {
        const n = whole(`pop_${d.code}_${g.code}`);
        if (n !== null)
          population.push({ unitId, year, dimension: d.code, groupCode: g.code, people: n });
      }
    }
    if (Object.keys(errors).length) {
      reply.code(400);
      return renderDenominators(request, reply, { errors, errorList: errorList(errors) });
    }
    await force.saveBedDays(actor, actor.organisationId, bedDays, auditContextOf(request));
    await force.savePopulation(actor, actor.organisationId, population, auditContextOf(request));
    return reply.redirect(
      `/force/denominators?unitId=${encodeURIComponent(unitId)}&year=${year}&saved=1`,
      303,
    );
  });

  async function dashboardData(request: FastifyRequest) {
    const actor = actorOf(request);
    const query = q(request);
    const scopes = await force.dashboardScopes(actor);
    const scope = force.resolveScope(actor, query.scope, scopes[0]?.scope);
    const range = rangeOf(query, clock());
    const year = query.year && /^\d{4}$/.test(query.year) ? query.year : range.to.slice(0, 4);
    return { actor, query, scopes, scope, range, year };
  }

  app.get('/force/dashboards', async (request, reply) => {
    const { actor, scopes, scope, range, year } = await dashboardData(request);
    const trend = await force.dashboardTrend(actor, scope, range);
    const monthly = await force.dashboardMonthly(actor, scope, range);
    const duration = await force.dashboardDuration(actor, scope, range);
    const disparity = await force.dashboardDisparity(actor, scope, year);
    const zero = await force.dashboardZeroFlags(actor, scope, range);
    const scopeValue =
      scopes.find((s) => JSON.stringify(s.scope) === JSON.stringify(scope))?.value ?? '';
    const scopeText = scopes.find((s) => s.value === scopeValue)?.text ?? '';
    const qs = `scope=${encodeURIComponent(scopeValue)}&from=${range.from}&to=${range.to}&year=${year}`;
    const shown = (n: number) => (isSuppressed(n) ? null : n);
    return reply.page('force/views/dashboard.njk', {
      title: 'Use of force: figures',
      scopeItems: scopes.map((s) => ({
        value: s.value,
        text: s.text,
        selected: s.value === scopeValue,
      })),
      scopeText,
      range,
      year,
      qs,
      trend: {
        periods: trend.periods,
        series: trend.series.map((s) => ({ ...s, shown: s.counts.map(showCount) })),
        svg: stackedMonthlyChart(
          trend.periods,
          trend.series.map((s) => ({ label: s.label, values: s.counts.map(shown) })),
        ),
      },
      monthly: {
        ...monthly,
        months: monthly.months.map((m) => ({
          ...m,
          interventionsShown: showCount(m.interventions),
          proneShown: showCount(m.prone),
          rateShown:
            m.rate.rate === null
              ? (m.rate.note ?? '')
              : `${m.rate.rate.toFixed(1)} (${(m.rate.lower ?? 0).toFixed(1)} to ${(m.rate.upper ?? 0).toFixed(1)})`,
        })),
        rateSvg: lineChart(
          trend.periods,
          'Per 1,000 bed days',
          monthly.months.map((m) => (m.rate.rate === null ? null : Number(m.rate.rate.toFixed(2)))),
        ),
        proneSvg: lineChart(
          trend.periods,
          'Prone restraints',
          monthly.months.map((m) => shown(m.prone)),
        ),
        totalShown: {
          incidents: showCount(monthly.total.incidents),
          interventions: showCount(monthly.total.interventions),
          prone: showCount(monthly.total.prone),
          rate:
            monthly.rate.rate === null
              ? (monthly.rate.note ?? '')
              : `${monthly.rate.rate.toFixed(1)} (95% CI ${(monthly.rate.lower ?? 0).toFixed(1)} to ${(monthly.rate.upper ?? 0).toFixed(1)})`,
          offered: monthly.accountOffered.suppressed
            ? SUPPRESSED_TEXT
            : (pct(monthly.accountOffered.share) ?? 'no incidents'),
          given: monthly.accountGiven.suppressed
            ? SUPPRESSED_TEXT
            : (pct(monthly.accountGiven.share) ?? 'no incidents'),
          plan: monthly.planFollowed.suppressed
            ? SUPPRESSED_TEXT
            : (pct(monthly.planFollowed.share) ?? 'no records with a plan'),
        },
      },
      duration: {
        rows: duration.map((d) => ({
          ...d,
          interventionsShown: showCount(d.interventions),
          meanShown: d.suppressed ? SUPPRESSED_TEXT : (fixed(d.mean) ?? ''),
          medianShown: d.suppressed ? SUPPRESSED_TEXT : (fixed(d.median) ?? ''),
        })),
        svg: barChart(
          duration.map((d) => d.label),
          'Median minutes',
          duration.map((d) => (d.median === null ? null : Number(d.median.toFixed(1)))),
          80 + duration.length * 28,
        ),
      },
      disparity: disparity.map((d) => ({
        ...d,
        groups: d.groups.map((g) => ({
          ...g,
          incidentsShown: showCount(g.incidents),
          rateShown: g.rate.rate === null ? (g.rate.note ?? '') : g.rate.rate.toFixed(1),
          ciShown:
            g.rate.rate === null
              ? ''
              : `${(g.rate.lower ?? 0).toFixed(1)} to ${(g.rate.upper ?? 0).toFixed(1)}`,
        })),
        svg: barChart(
          d.groups.map((g) => g.label),
          'Per 100 people',
          d.groups.map((g) => (g.rate.rate === null ? null : Number(g.rate.rate.toFixed(2)))),
          80 + d.groups.length * 28,
        ),
      })),
      zero: {
        ...zero,
        rows: zero.rows.map((r) => ({
          ...r,
          interventionsShown: showCount(r.interventions),
          expectedShown: r.expected.toFixed(0),
        })),
      },
    });
  });

  app.get('/force/dashboards/data.csv', async (request, reply) => {
    const { actor, query, scope, range, year } = await dashboardData(request);
    const view = query.view ?? 'trend';
    let csv: string;
    if (view === 'monthly') {
      const m = await force.dashboardMonthly(actor, scope, range);
      csv = toCsv(
        [
          'Month',
          'Interventions',
          'Prone restraints',
          'Occupied bed days',
          'Rate per 1000 bed days',
          'Lower 95%',
          'Upper 95%',
        ],
        m.months.map((r) => ({
          Month: r.period,
          Interventions: showCount(r.interventions),
          'Prone restraints': showCount(r.prone),
          'Occupied bed days': r.bedDays,
          'Rate per 1000 bed days': fixed(r.rate.rate, 2) ?? r.rate.note ?? '',
          'Lower 95%': fixed(r.rate.lower, 2),
          'Upper 95%': fixed(r.rate.upper, 2),
        })),
      );
    } else if (view === 'duration') {
      const d = await force.dashboardDuration(actor, scope, range);
      csv = toCsv(
        ['Type code', 'Type', 'Interventions', 'Mean minutes', 'Median minutes'],
        d.map((r) => ({
          'Type code': r.code,
          Type: r.label,
          Interventions: showCount(r.interventions),
          'Mean minutes': r.suppressed ? SUPPRESSED_TEXT : fixed(r.mean),
          'Median minutes': r.suppressed ? SUPPRESSED_TEXT : fixed(r.median),
        })),
      );
    } else if (view === 'disparity') {
      const d = await force.dashboardDisparity(actor, scope, year);
      csv = toCsv(
        [
          'Year',
          'Characteristic',
          'Group',
          'Incidents',
          'People',
          'Rate per 100 people',
          'Lower 95%',
          'Upper 95%',
        ],
        d.flatMap((dim) =>
          dim.groups.map((g) => ({
            Year: year,
            Characteristic: dim.label,
            Group: g.label,
            Incidents: showCount(g.incidents),
            People: g.people,
            'Rate per 100 people': fixed(g.rate.rate, 2) ?? g.rate.note ?? '',
            'Lower 95%': fixed(g.rate.lower, 2),
            'Upper 95%': fixed(g.rate.upper, 2),
          })),
        ),
      );
    } else if (view === 'zero') {
      const z = await force.dashboardZeroFlags(actor, scope, range);
      csv = toCsv(
        ['Name', 'Interventions', 'Occupied bed days', 'Expected at reference rate', 'Flagged'],
        z.rows.map((r) => ({
          Name: r.name,
          Interventions: showCount(r.interventions),
          'Occupied bed days': r.bedDays,
          'Expected at reference rate': r.expected.toFixed(1),
          Flagged: r.flagged ? 'yes' : 'no',
        })),
      );
    } else {
      const t = await force.dashboardTrend(actor, scope, range);
      csv = toCsv(
        ['Month', ...t.series.map((s) => `${s.code} ${s.label}`)],
        t.periods.map((p, n) =>
          Object.fromEntries([
            ['Month', p],
            ...t.series.map((s) => [`${s.code} ${s.label}`, showCount(s.counts[n] ?? 0)]),
          ]),
        ),
      );
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="use-of-force-${view}.csv"`)
      .send(csv);
  });

  async function returnData(request: FastifyRequest) {
    const actor = actorOf(request);
    const query = q(request);
    const year =
      query.year && /^\d{4}$/.test(query.year) ? query.year : String(clock().getUTCFullYear() - 1);
    const organisationId =
      actor.role === 'national_operator' && query.organisation
        ? query.organisation
        : actor.organisationId;
    return {
      actor,
      year,
      organisationId,
      ret: await force.annualReturn(actor, organisationId, year),
    };
  }

  app.get('/force/returns', async (request, reply) => {
    const { actor, year, organisationId, ret } = await returnData(request);
    const scopes =
      actor.role === 'national_operator'
        ? (await force.dashboardScopes(actor)).filter((s) => s.scope.level === 'organisation')
        : [];
    return reply.page('force/views/returns.njk', {
      title: 'Annual use-of-force statistics',
      ret,
      year,
      organisationId,
      orgItems: scopes.map((s) => ({
        value: s.value.slice(13),
        text: s.text,
        selected: s.value.slice(13) === organisationId,
      })),
      isAdmin: actor.role === 'org_admin',
    });
  });

  app.get('/force/returns.csv', async (request, reply) => {
    const { ret, year } = await returnData(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="use-of-force-statistics-${year}.csv"`)
      .send(force.returnCsv(ret));
  });

  app.get('/force/export.csv', async (request, reply) => {
    const actor = actorOf(request);
    const query = q(request);
    const range = rangeOf({ from: query.from ?? '2000-01', to: query.to }, clock());
    const shape = query.shape === 'incidents' || query.shape === 'types' ? query.shape : 'combined';
    const csv = await force.exportCsv(actor, range, shape, auditContextOf(request));
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="use-of-force-mhsds-${shape}.csv"`)
      .send(csv);
  });

  function renderImport(reply: FastifyReply, extra: Record<string, unknown> = {}) {
    return reply.page('force/views/import.njk', {
      title: 'Import use-of-force records',
      errors: {},
      ...extra,
    });
  }

  function uploadProblem(reply: FastifyReply, status: number, message: string) {
    reply.code(status);
    return renderImport(reply, {
      errors: { file: message },
      errorList: errorList({ file: message }),
    });
  }

  app.get('/force/import', async (request, reply) => {
    const query = q(request);
    const counts = {
      rows: wholeCount(query.rows),
      created: wholeCount(query.created),
      updated: wholeCount(query.updated),
      unchanged: wholeCount(query.unchanged),
    };
    const shown = query.imported === '1' && Object.values(counts).every((n) => n !== null);
    const imported = shown
      ? {
          rows: formatCount(counts.rows ?? 0),
          oneRow: counts.rows === 1,
          created: formatCount(counts.created ?? 0),
          updated: formatCount(counts.updated ?? 0),
          anyUpdated: (counts.updated ?? 0) > 0,
          unchanged: formatCount(counts.unchanged ?? 0),
        }
      : null;
    return renderImport(reply, imported ? { imported, title: 'Import complete' } : {});
  });

  // Multipart bodies are parsed only in this scope, for this one route: every other route keeps
  // the strict form parser, and a multipart body sent to them is refused (415).
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: IMPORT_UPLOAD_LIMIT,
        files: 1,
        fields: 2,
        parts: 3,
        fieldNameSize: 100,
        fieldSize: 1024,
        headerPairs: 20,
      },
      throwFileSizeLimit: true,
    });

    // The multipart parser traces its options, request headers (and so cookies) among them.
    const level = scope.log.level;
    const options = {
      config: { csrfFromUpload: true },
      logLevel: level === 'trace' ? ('debug' as const) : (level as LogLevel),
    };
    scope.post('/force/import', options, async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request, reply);
      if (upload.kind === 'refused') return reply;
      if (upload.kind === 'problem') return uploadProblem(reply, upload.status, upload.message);
      const decoded = decodeUpload(upload.data);
      if (!decoded.ok) return uploadProblem(reply, 400, decoded.message);
      const result = await force.importCsv(actor, decoded.text, auditContextOf(request));
      if (result.ok && result.rows === 0) return uploadProblem(reply, 400, uploadMessages.noRows);
      if (result.ok) {
        const { rows, created, updated, unchanged } = result;
        return reply.redirect(
          `/force/import?imported=1&rows=${rows}&created=${created}&updated=${updated}&unchanged=${unchanged}`,
          303,
        );
      }
      const total = result.problems.length;
      const download = result.problems.slice(0, IMPORT_PROBLEMS_DOWNLOADED);
      const message = `Nothing was imported. Correct the ${total === 1 ? 'problem' : `${formatCount(total)} problems`} listed, then select the file again`;
      reply.code(400);
      return renderImport(reply, {
        errors: { file: message },
        problems: {
          total: formatCount(total),
          one: total === 1,
          where:
            result.rows === 0
              ? 'in the file'
              : `in its ${formatCount(result.rows)} ${result.rows === 1 ? 'row' : 'rows'}`,
          list: result.problems
            .slice(0, IMPORT_PROBLEMS_SHOWN)
            .map((p) => ({ text: `Line ${p.line}: ${p.reason}` })),
          more: total > IMPORT_PROBLEMS_SHOWN ? formatCount(total - IMPORT_PROBLEMS_SHOWN) : null,
          shown: formatCount(Math.min(total, IMPORT_PROBLEMS_SHOWN)),
          // Built from the problems alone (line numbers and reasons), inside the page, so the
          // upload is never kept to serve it later.
          downloadHref:
            total > IMPORT_PROBLEMS_SHOWN
              ? `data:text/csv;charset=utf-8;base64,${Buffer.from(
                  toCsv(
                    ['Line', 'Problem'],
                    download.map((p) => ({ Line: p.line, Problem: p.reason })),
                  ),
                ).toString('base64')}`
              : null,
          downloadCount: formatCount(download.length),
          downloadPartial: total > download.length,
        },
      });
    });
  });

  app.get('/my-incidents', async (request, reply) => {
    const actor = actorOf(request);
    const incidents = await force.myIncidents(actor);
    return reply.page('force/views/my-incidents.njk', {
      title: 'Times force was used with you',
      incidents,
    });
  });

  async function renderMine(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const actor = actorOf(request);
    const { incidentId } = request.params as { incidentId: string };
    const d = await force.myIncident(actor, incidentId);
    return reply.page('force/views/my-incident.njk', {
      title: 'What happened, and your account',
      ...describeForPage(d),
      helperItems: [
        { value: '', text: 'No one – I will write it myself' },
        ...d.helpers.map((h) => ({
          value: h.id,
          text: h.displayName,
          selected: d.incident.account_helper_id === h.id,
        })),
      ],
      saved: q(request).saved === '1',
      values: {},
      errors: {},
      ...extra,
    });
  }

  app.get('/my-incidents/:incidentId', async (request, reply) => renderMine(request, reply));

  app.post('/my-incidents/:incidentId/account', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId } = request.params as { incidentId: string };
    await force.myIncident(actor, incidentId);
    try {
      const input = parseForm(accountSchema, request.body);
      await force.writeAccount(actor, incidentId, input, auditContextOf(request));
      return reply.redirect(`/my-incidents/${incidentId}?saved=1`, 303);
    } catch (error) {
      if (!invalid(error)) throw error;
      reply.code(400);
      return renderMine(request, reply, {
        values: request.body,
        errors: error.fields,
        errorList: errorList(error.fields),
      });
    }
  });

  app.post('/my-incidents/:incidentId/helper', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId } = request.params as { incidentId: string };
    await force.myIncident(actor, incidentId);
    const body = request.body as Record<string, unknown>;
    const helperId = typeof body.helperId === 'string' && body.helperId ? body.helperId : null;
    try {
      await force.chooseHelper(actor, incidentId, helperId, auditContextOf(request));
      return reply.redirect(`/my-incidents/${incidentId}?saved=1`, 303);
    } catch (error) {
      if (!invalid(error)) throw error;
      reply.code(400);
      return renderMine(request, reply, {
        errors: error.fields,
        errorList: errorList(error.fields),
      });
    }
  });
}
