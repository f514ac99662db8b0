/**
 * The recording form's pages: which fields each page owns, so a page's sending replaces only its
 * own fields in the draft (an unticked box is cleared, other pages' answers are kept), and a
 * problem is shown on the page where its field is.
 */
import type { FieldErrors } from '../../lib/app-error.ts';
import type { DraftBody } from './drafts.ts';

/** The pages, in order. */
export const formPages = [1, 2, 3] as const;

/** One page's number. */
export type FormPage = (typeof formPages)[number];

/** A page's heading, also used in the review page's section titles. */
export const pageTitles: Record<FormPage, string> = {
  1: 'When, where and why',
  2: 'The force used and who was involved',
  3: 'Their choices and what happened afterwards',
};

const pageFields: Record<FormPage, readonly string[]> = {
  1: [
    'unitId',
    'startAt',
    'endAt',
    'place',
    'reasonCode',
    'reasonNarrative',
    'avoidanceCodes',
    'avoidanceNarrative',
  ],
  2: ['rows', 'howForceUsed', 'inCarePlan'],
  3: [
    'planKnown',
    'planFollowed',
    'planNotFollowedReason',
    'outcome',
    'injuries',
    'harm',
    'notification',
    'nonStaff',
    'nonStaffReason',
    'policeRequestedAt',
    'policeArrivedAt',
    'bodyWornCamera',
    'accountOffered',
    'calmDownOffered',
    'calmDownMethods',
    'othersReassured',
  ],
};

/** The page a field (or an error's key) belongs to. Interventions (`i0_type`…) are page 2. */
export function pageOfField(field: string): FormPage {
  if (/^i\d+_/.test(field)) return 2;
  for (const page of formPages) if (pageFields[page].includes(field)) return page;
  return 1;
}

/** True when a page number from a URL names a page. */
export function isFormPage(value: number): value is FormPage {
  return (formPages as readonly number[]).includes(value);
}

/**
 * The draft with one page's fields replaced by what was sent on it. Fields of other pages in the
 * sending are ignored, so a page cannot overwrite answers it does not show.
 */
export function mergePage(draft: DraftBody, page: FormPage, sent: DraftBody): DraftBody {
  const next: DraftBody = {};
  for (const [key, value] of Object.entries(draft)) {
    if (pageOfField(key) !== page || key === 'personId') next[key] = value;
  }
  for (const [key, value] of Object.entries(sent)) {
    if (key !== 'personId' && pageOfField(key) === page && fieldNamed(key)) next[key] = value;
  }
  return next;
}

/** Only the form's own field names are kept (never `_csrf`, `action` or anything made up). */
function fieldNamed(key: string): boolean {
  return (
    /^i\d{1,2}_(id|type|start|end|position|medication|staff|staffOther|staffRows|s\d{1,2}_(account|role))$/.test(
      key,
    ) || Object.values(pageFields).some((fields) => fields.includes(key))
  );
}

/** The problems that belong on one page. */
export function errorsOnPage(errors: FieldErrors, page: FormPage): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([key]) => pageOfField(key) === page));
}

/** The first page with a problem, or null when there is none. */
export function firstPageWithErrors(errors: FieldErrors): FormPage | null {
  const pages = Object.keys(errors).map(pageOfField);
  return pages.length ? (Math.min(...pages) as FormPage) : null;
}
