/** The plan form's view model and parsing: shared by the person's edit page and a practitioner's suggestion page. */
import { parseForm } from '../../../web/forms.ts';
import { AppError, isAppError } from '../../../lib/app-error.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { contentSchema, planFormSchema, reviewDateFrom } from '../schema.ts';
import type { PlanContent } from '../schema.ts';
import { sections } from '../sections.ts';

/** Form values as typed or stored, by field name. */
export type Values = Record<string, unknown>;

function listOf(v: unknown): string[] {
  return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
}

/** Builds the view model of the plan form from values (stored or as typed). */
export function formSections(
  values: Values,
  declined: string[],
  errors: FieldErrors,
  audience: { shared: string[]; privateSections: string[] },
  savedNow: PlanContent | null,
  hidden: readonly string[] = [],
) {
  return sections
    .filter((s) => !hidden.includes(s.key))
    .map((s) => {
      const isPrivate = audience.privateSections.includes(s.key);
      const who = isPrivate
        ? 'Who will see this: only you. You have kept this section private.'
        : audience.shared.length
          ? `Who will see this: you, and the people you share your plan with (${audience.shared.join(', ')}).`
          : 'Who will see this: only you, until you choose to share your plan.';
      return {
        key: s.key,
        title: s.title,
        why: s.why,
        who,
        declined: declined.includes(s.key),
        declinedError: errors[`declined-${s.key}`],
        fields: s.fields.map((f) => {
          const value = values[f.name];
          const saved = savedNow?.fields[f.name];
          const typed =
            f.kind === 'text' ? (typeof value === 'string' ? value : '') : listOf(value);
          const differs =
            savedNow !== null &&
            JSON.stringify(saved ?? (f.kind === 'text' ? '' : [])) !== JSON.stringify(typed);
          const savedText =
            saved === undefined
              ? '(nothing saved)'
              : f.kind === 'choices'
                ? listOf(saved)
                    .map((v) => f.options.find((o) => o.value === v)?.text ?? v)
                    .join(', ')
                : String(saved);
          if (f.kind === 'text') {
            return {
              kind: 'text',
              name: f.name,
              label: f.label,
              hint: f.hint,
              rows: f.rows ?? 5,
              value: typed,
              error: errors[f.name],
              savedNow: differs ? savedText : null,
            };
          }
          const chosen = listOf(value);
          const items: Record<string, unknown>[] = f.options.map((o) => ({
            value: o.value,
            text: o.text,
            checked: chosen.includes(o.value),
          }));
          if (!f.multiple) {
            items.push(
              { divider: 'or' },
              { value: '', text: 'No answer', checked: chosen.length === 0 },
            );
          }
          return {
            kind: f.multiple ? 'checkboxes' : 'radios',
            name: f.name,
            label: f.label,
            hint: f.hint,
            items,
            error: errors[f.name],
            savedNow: differs ? savedText : null,
          };
        }),
      };
    });
}

/** The stored content as form values. */
export function contentAsValues(content: PlanContent): Values {
  return { ...content.fields };
}

/** The review date as the three date-input values. */
export function reviewParts(reviewBy: string | null): Values {
  if (!reviewBy) return {};
  const [y, m, d] = reviewBy.split('-');
  return {
    'reviewBy-day': String(Number(d)),
    'reviewBy-month': String(Number(m)),
    'reviewBy-year': y,
  };
}

/** The sections ticked "I'd rather not say", as typed. */
export function readDeclined(body: Values): string[] {
  return listOf(body.declined);
}

/** Who will see the plan, for the "Who will see this" line of each section. */
export function audienceOf(
  mine: {
    shares: { name: string }[];
    links: { state: string; supporterName: string }[];
    privateSections: string[];
  } | null,
) {
  return {
    shared: mine
      ? [
          ...mine.shares.map((s) => s.name),
          ...mine.links
            .filter((l) => l.state === 'waiting')
            .map((l) => `${l.supporterName}, by link`),
        ]
      : [],
    privateSections: mine
      ? mine.privateSections
      : sections.filter((s) => s.privateByDefault).map((s) => s.key),
  };
}

/**
 * Parses the person's plan form: the version opened, the review date and the answers, with
 * every field's message at once.
 * @throws AppError invalid, with a message for each field
 */
export function parsePlanForm(body: Values) {
  const form = parseForm(planFormSchema, body);
  const review = reviewDateFrom(form);
  let content: PlanContent = { fields: {}, declined: [] };
  let errors: FieldErrors = {};
  try {
    content = parseForm(contentSchema, body);
  } catch (error) {
    if (!isAppError(error) || error.kind !== 'invalid') throw error;
    errors = error.fields;
  }
  if (review.error) errors['reviewBy-day'] = review.error;
  if (Object.keys(errors).length) throw AppError.invalidFields(errors);
  return { version: form.version, content, reviewBy: review.value };
}
