/** The recording form's pages and its review page: view models from the service's drafts. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorList } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
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
import type { FormPage } from '../form-pages.ts';
import { pageOfField, pageTitles } from '../form-pages.ts';
import { MAX_ROWS, MAX_STAFF_ROWS, staffRowsOf } from '../schema.ts';
import type { StaffMember } from '../schema.ts';
import type { ForceService } from '../service.ts';
import type { ForceWebDeps } from './common.ts';
import { calmDownItems } from './calm-down.ts';
import { items } from './common.ts';
import type { FormContext } from './incident-form.ts';

type Values = Record<string, string | string[] | undefined>;

/** What a page is drawn from. */
export interface PageData {
  context: FormContext;
  staff: StaffMember[];
  values: Values;
}

/** Options for one rendering of a page. */
export interface PageOptions {
  draftId: string | null;
  errors?: FieldErrors;
  paused?: boolean;
  /** Opened with "Change" from the review page: Continue goes back there. */
  fromReview?: boolean;
}

const one = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** Where a page of a draft lives (the first page of a new record posts to /force/incidents). */
export function pageHref(draftId: string | null, page: FormPage | 'review'): string {
  if (!draftId) return '/force/incidents';
  return `/force/incidents/drafts/${draftId}/${page === 'review' ? 'review' : `page-${page}`}`;
}

/** Sends the organisation's own language rules to the live checker on this page. */
export async function withLanguageOptions(request: FastifyRequest, deps: ForceWebDeps) {
  const actor = request.actor;
  if (!deps.language || !actor) return;
  const languageOptions = await deps.language.browserOptionsFor(actor.organisationId);
  if (languageOptions) request.pageLocals = { ...request.pageLocals, languageOptions };
}

/** The person's details shown at the top of every page, to check it is the right person. */
function personModel(context: FormContext) {
  return {
    person: context.person,
    characteristics: context.characteristics,
    plan: context.plan,
    ethnicLabels: context.snapshot.ethnicCodes.map((c) => labelOf(ethnicCategories, c)),
    labels: {
      sex: labelOf(sexOptions, context.snapshot.sex),
      ageBand: labelOf(ageBands, context.snapshot.ageBand),
      disability: labelOf(yesNoNotStated, context.snapshot.disability),
      ldAutism: labelOf(yesNoNotStated, context.snapshot.ldAutism),
    },
  };
}

/** The intervention rows of page 2, each with its staff rows. */
function interventionRows(values: Values, staff: StaffMember[]) {
  const count = Math.min(MAX_ROWS, Math.max(1, Number(one(values.rows)) || 1));
  return Array.from({ length: count }, (_, n) => {
    const v = (name: string) => one(values[`i${n}_${name}`]);
    const staffRows = Array.from({ length: staffRowsOf(values, n) }, (_, m) => ({
      m,
      accountItems: [
        { value: '', text: 'Choose a member of staff' },
        ...staff.map((s) => ({
          value: s.id,
          text: `${s.displayName}, ${s.jobTitle}`,
          selected: v(`s${m}_account`) === s.id,
        })),
      ],
      roleItems: [
        { value: '', text: 'Choose their role' },
        ...staffRolesInForce.map((r) => ({
          value: r.code,
          text: r.label,
          selected: v(`s${m}_role`) === r.code,
        })),
      ],
    }));
    return {
      n,
      id: v('id'),
      start: v('start'),
      end: v('end'),
      position: v('position'),
      medication: v('medication'),
      staffOther: [v('staff'), v('staffOther')].filter(Boolean).join('\n'),
      staffRows,
      moreStaff: staffRows.length < MAX_STAFF_ROWS,
      typeItems: [
        { value: '', text: 'Choose a type' },
        ...interventionTypes.map((t) => ({
          value: t.code,
          text: `${t.label} (${t.code})`,
          selected: v('type') === t.code,
        })),
      ],
    };
  });
}

/** Renders one page of the recording form. */
export function renderRecordPage(
  reply: FastifyReply,
  page: FormPage,
  data: PageData,
  options: PageOptions,
) {
  const { context, values } = data;
  const errors = options.errors ?? {};
  const units = context.units;
  return reply.page(`force/views/record-page-${page}.njk`, {
    title: `Record a use of force: ${pageTitles[page]} (page ${page} of 3)`,
    heading: pageTitles[page],
    page,
    action: pageHref(options.draftId, page),
    draftId: options.draftId,
    fromReview: options.fromReview ?? false,
    paused: options.paused ?? false,
    ...personModel(context),
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, one(v)])),
    errors,
    errorList: Object.keys(errors).length ? errorList(errors) : [],
    unitItems: units
      .filter((u) => context.personUnitIds.includes(u.id) || units.length === 1)
      .map((u) => ({ value: u.id, text: u.name, selected: one(values.unitId) === u.id })),
    reasonItems: [
      { value: '', text: 'Choose a reason' },
      ...reasonCodes.map((r) => ({
        value: r.code,
        text: `${r.label} (${r.code})`,
        selected: one(values.reasonCode) === r.code,
      })),
    ],
    avoidanceItems: items(avoidanceMethods, many(values.avoidanceCodes)),
    rows: page === 2 ? interventionRows(values, data.staff) : [],
    maxRows: MAX_ROWS,
    staffListEmpty: data.staff.length === 0,
    harmItems: items(harmOutcomes, one(values.harm) || 'none'),
    injuryItems: items(
      [
        { code: 'person', label: 'The person' },
        { code: 'staff', label: 'Staff' },
        { code: 'other', label: 'Someone else' },
      ],
      many(values.injuries),
    ),
    notificationItems: items(notificationOptions, one(values.notification)),
    nonStaffItems: items(nonStaffOptions, one(values.nonStaff) || 'none'),
    planFollowedItems: items(planFollowedOptions, one(values.planFollowed)),
    ...calmDownItems(values),
  });
}

/** The review page's data, from the service. */
export type ReviewData = Awaited<ReturnType<ForceService['recording']['review']>>;

/** The texts staff wrote in their own words, which the language checker reads again. */
export const narrativeFields = [
  ['reasonNarrative', 'What was happening'],
  ['avoidanceNarrative', 'Anything else tried'],
  ['howForceUsed', 'How force was used'],
  ['planNotFollowedReason', 'Why their choices were not followed'],
  ['outcome', 'Outcome for the person'],
] as const;

/** Each error's link goes to its field on the page where it is. */
export function reviewErrorList(draftId: string, errors: FieldErrors) {
  return Object.entries(errors).map(([field, text]) => ({
    text,
    href: `${pageHref(draftId, pageOfField(field))}?from=review#${field}`,
  }));
}
