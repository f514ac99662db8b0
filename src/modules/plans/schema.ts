/** Input schemas for My plan: the plan form, sharing, supporter links, proposals, agreement and emergency access. */
import { z } from 'zod';
import { MAX_TEXT, allFields, sectionKeys, sections } from './sections.ts';

/** What one version of a plan holds: answers by field name, and the sections the person would rather not answer. */
export interface PlanContent {
  fields: Record<string, string | string[]>;
  declined: string[];
}

/** An empty plan. */
export function emptyContent(): PlanContent {
  return { fields: {}, declined: [] };
}

const asList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''));

function textField(label: string) {
  return z
    .string({ error: `Give one answer for "${label}"` })
    .max(MAX_TEXT, {
      error: (issue) =>
        `Your answer to "${label}" is ${typeof issue.input === 'string' ? issue.input.length.toLocaleString('en-GB') : 'more than 20,000'} characters long. Hearth keeps up to 20,000 characters for each answer. Please shorten it, or move some of it to another section.`,
    })
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? '' : v));
}

function choiceField(label: string, values: string[], multiple: boolean) {
  const list = asList.pipe(
    z.array(
      z.enum(values as [string, ...string[]], { error: `Choose from the list for "${label}"` }),
    ),
  );
  if (multiple) return list;
  return list.pipe(z.array(z.string()).max(1, `Choose one answer for "${label}"`));
}

const contentShape: Record<string, z.ZodType> = {};
for (const field of allFields) {
  contentShape[field.name] =
    field.kind === 'text'
      ? textField(field.label)
      : choiceField(
          field.label,
          field.options.map((o) => o.value),
          field.multiple,
        );
}

/** The answers part of the plan form (also used for proposals). */
export const contentSchema = z
  .object({
    ...contentShape,
    declined: asList.pipe(
      z.array(z.enum(sectionKeys as [string, ...string[]], { error: 'Choose from the list' })),
    ),
  })
  .transform((raw): PlanContent => {
    const values = raw as Record<string, string | string[]>;
    const fields: Record<string, string | string[]> = {};
    for (const field of allFields) {
      const value = values[field.name];
      if (field.kind === 'text') {
        if (typeof value === 'string' && value !== '') fields[field.name] = value;
      } else if (Array.isArray(value) && value.length > 0) {
        fields[field.name] = field.multiple ? value : value.slice(0, 1);
      }
    }
    const declined = sectionKeys.filter((k) => (values.declined as string[]).includes(k));
    return { fields, declined };
  });

const reviewDatePart = z
  .string()
  .max(10)
  .optional()
  .transform((v) => (v ?? '').trim());

/** The whole plan form: answers, the version the person opened, and a review date. */
export const planFormSchema = z.object({
  version: z.coerce
    .number({ error: 'Please open the plan again before saving' })
    .int()
    .min(0)
    .max(1_000_000),
  'reviewBy-day': reviewDatePart,
  'reviewBy-month': reviewDatePart,
  'reviewBy-year': reviewDatePart,
});

/** Parsed plan form (without the answers). */
export type PlanFormInput = z.infer<typeof planFormSchema>;

/** Reads day, month and year boxes into YYYY-MM-DD, or null when all are empty. */
export function reviewDateFrom(input: PlanFormInput): { value: string | null; error?: string } {
  const day = input['reviewBy-day'];
  const month = input['reviewBy-month'];
  const year = input['reviewBy-year'];
  if (!day && !month && !year) return { value: null };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { value: null, error: 'Enter a review date as day, month and year, like 27 3 2027' };
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { value: null, error: 'Enter a real date for the review, like 27 3 2027' };
  }
  return { value: date.toISOString().slice(0, 10) };
}

/** The sharing form: units, named staff, and sections kept private. */
export const sharingSchema = z.object({
  unitIds: asList.pipe(z.array(z.string().max(100)).max(200)),
  accountIds: asList.pipe(z.array(z.string().max(100)).max(500)),
  privateSections: asList.pipe(
    z.array(z.enum(sectionKeys as [string, ...string[]], { error: 'Choose from the list' })),
  ),
});

/** Parsed sharing form. */
export type SharingInput = z.infer<typeof sharingSchema>;

/** A new supporter link. */
export const supporterLinkSchema = z.object({
  supporterName: z
    .string({ error: 'Enter the name of the person you are sharing with' })
    .trim()
    .min(1, 'Enter the name of the person you are sharing with')
    .max(100, 'Enter a name of 100 characters or fewer'),
  days: z.coerce
    .number({ error: 'Enter how many days the link should work, from 1 to 30' })
    .int('Enter a whole number of days, from 1 to 30')
    .min(1, 'The link needs to work for at least 1 day')
    .max(30, 'A link can work for 30 days at most. Enter a number from 1 to 30'),
  // Skipped, the link works once, as links always did.
  visits: z.enum(['once', 'several']).default('once'),
});

/** Parsed supporter link form. */
export type SupporterLinkInput = z.infer<typeof supporterLinkSchema>;

/** The one-time code a supporter types. */
export const supporterCodeSchema = z.object({
  code: z
    .string({ error: 'Enter the 6-digit code' })
    .transform((v) => v.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code you were given, like 123456')),
});

/** A practitioner's note with a suggested change. */
export const proposalNoteSchema = z.object({
  note: z
    .string()
    .max(2000, 'Keep your note to 2,000 characters or fewer')
    .optional()
    .transform((v) => (v ?? '').trim()),
});

/** Recording whether person and team agree. */
export const agreementSchema = z
  .object({
    outcome: z.enum(['agreed', 'differ'], {
      error: 'Choose whether you agree, or see some things differently',
    }),
    whoAgreed: z
      .string()
      .max(500, 'Keep this to 500 characters or fewer')
      .optional()
      .transform((v) => (v ?? '').trim()),
    personView: textField("The person's view"),
    teamView: textField("The team's view"),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'agreed' && v.whoAgreed === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['whoAgreed'],
        message: 'Name who agreed, for example "Sam Taylor and Jo Bennett (named nurse)"',
      });
    }
    if (v.outcome === 'differ' && v.personView.trim() === '' && v.teamView.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['personView'],
        message: 'Write down at least one view, so that both can be seen side by side',
      });
    }
  });

/** Parsed agreement form. */
export type AgreementInput = z.infer<typeof agreementSchema>;

/** Asking for emergency access. */
export const emergencyAccessSchema = z.object({
  personId: z
    .string({ error: 'Choose the person whose plan you need' })
    .min(1, 'Choose the person whose plan you need')
    .max(100),
  reason: z
    .string({ error: 'Give the reason you need to open this plan now' })
    .trim()
    .min(
      10,
      'Give the reason you need to open this plan now, in at least 10 characters. The person will see it.',
    )
    .max(1000, 'Keep the reason to 1,000 characters or fewer'),
});

/** Parsed emergency access form. */
export type EmergencyAccessInput = z.infer<typeof emergencyAccessSchema>;

/** Section titles by key. */
export const sectionTitles: Record<string, string> = Object.fromEntries(
  sections.map((s) => [s.key, s.title]),
);
