/** Input schemas for the enquiry conversation, disclosures, referrals, the directory and reflections. */
import { z } from 'zod';

const version = z.coerce
  .number({ error: 'Open the page again and try again' })
  .int()
  .min(0)
  .max(1_000_000);

/** Optional free text, trimmed; empty becomes undefined. */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => {
      const t = v?.trim();
      return t ? t : undefined;
    });

/** Zero, one or many checkbox values. */
const manyOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.array(z.enum(values))])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** Turns day/month/year boxes into YYYY-MM-DD, null when all are empty, or 'invalid'. */
export function isoDateFromParts(day: unknown, month: unknown, year: unknown): string | null {
  const parts = [day, month, year].map((p) => (typeof p === 'string' ? p.trim() : ''));
  if (parts.every((p) => p === '')) return null;
  const [d, m, y] = parts.map(Number) as [number, number, number];
  if (![d, m, y].every(Number.isInteger) || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
    return 'invalid';
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return 'invalid';
  return date.toISOString().slice(0, 10);
}

/** Gathers `<name>[day]` style fields into `<name>` as YYYY-MM-DD (or 'invalid' / null). */
function withDates(names: string[], body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const b = body as Record<string, unknown>;
  const out: Record<string, unknown> = { ...b };
  for (const name of names) {
    out[name] = isoDateFromParts(b[`${name}[day]`], b[`${name}[month]`], b[`${name}[year]`]);
  }
  return out;
}

const dateValue = (label: string) =>
  z
    .string()
    .nullable()
    .refine((v) => v !== 'invalid', {
      message: `${label} must be a real date, like 14 7 2026`,
    });

/** The preparation checks. */
export const prepareSchema = z.object({
  version,
  checks: manyOf(['private', 'time', 'alone', 'language'] as const),
  mode: z.enum(['together', 'own_device'], { error: 'Choose how the questions will be answered' }),
});

/** Why an enquiry did not happen this time, and when to come back. */
export const notAskedSchema = z.preprocess(
  (b) => withDates(['returnOn'], b),
  z.object({
    version,
    reason: z.enum(['not_private', 'not_alone', 'no_interpreter', 'crisis', 'no_time', 'other'], {
      error: 'Choose the reason it was not the right time',
    }),
    note: optionalText(2000, 'The note'),
    returnOn: dateValue('The date to come back').refine((v) => v !== null, {
      message: 'Enter a date to come back to this, so it is not forgotten',
    }),
  }),
);

/** The person's choice after hearing why we ask. */
export const consentSchema = z.preprocess(
  (b) => withDates(['returnOn'], b),
  z
    .object({
      version,
      choice: z.enum(['now', 'not_now', 'no'], { error: 'Choose what the person would like' }),
      returnOn: dateValue('The date to come back'),
    })
    .refine((v) => v.choice !== 'not_now' || v.returnOn !== null, {
      path: ['returnOn'],
      message: 'Enter a date to come back to this, agreed with the person',
    }),
);

/** One answer, or a pause or stop. */
export const answerSchema = z.object({
  version,
  questionId: z.string().max(50),
  answer: z.enum(['yes', 'no', 'unsure', 'rather_not_say']).optional(),
  words: optionalText(4000, 'What you wrote'),
  action: z.enum(['next', 'back', 'pause', 'stop']).default('next'),
});

/** Whether to keep what was answered when stopping. */
export const stopSchema = z.object({
  version,
  keep: z.enum(['yes', 'no'], { error: 'Choose whether to keep the answers given so far' }),
});

const safetyAnswer = z
  .enum(['yes', 'no', 'unsure', 'rather_not_say', 'not_asked'])
  .default('not_asked');

/** The practitioner's response to a disclosure. Field names match `safetyQuestions` ids. */
export const respondSchema = z.object({
  version,
  'safety-ongoing': safetyAnswer,
  'safety-contact': safetyAnswer,
  'safety-others': safetyAnswer,
  'safety-danger': safetyAnswer,
  support: z.enum(['now', 'later', 'not_wanted', 'not_discussed'], {
    error: 'Choose what the person said about support',
  }),
  toldBefore: optionalText(2000, 'The note about who they have told'),
  meaning: optionalText(2000, 'The note about what it means to them'),
  notes: optionalText(4000, 'Your notes'),
});

/** Closing the conversation: check-in and follow-up. */
export const closeSchema = z.preprocess(
  (b) => withDates(['followUpOn'], b),
  z.object({
    version,
    grounding: z.enum(['used', 'offered', 'not_needed'], {
      error: 'Choose whether a grounding exercise was offered',
    }),
    feeling: optionalText(2000, 'The note about how the person feels'),
    followUpOn: dateValue('The follow-up date'),
  }),
);

/** The words the person agrees to, and who may see them. */
export const recordSchema = z.object({
  version,
  words: optionalText(4000, 'The words for the record'),
  keepAnswers: z.enum(['yes', 'no']).default('no'),
  share: z
    .union([z.string().max(120), z.array(z.string().max(120)).max(50)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  agreed: z.literal('yes', {
    error: 'Check the words with the person and tick to confirm they agree',
  }),
});

/** A follow-up conversation happened. */
export const followUpSchema = z.object({ version });

/** Offering support or making a referral. */
export const referralSchema = z.object({
  serviceId: z.string({ error: 'Choose a service' }).min(1, 'Choose a service').max(100),
  kind: z.enum(['offered', 'referred'], {
    error: 'Choose whether you gave information or made a referral',
  }),
  agreed: z.literal('yes', {
    error: 'Only go ahead when the person agrees. Tick to confirm they do',
  }),
  note: optionalText(2000, 'The note'),
});

/** A referral's new status. */
export const referralStatusSchema = z.object({
  status: z.enum(['waiting', 'accepted', 'declined', 'seen'], { error: 'Choose the new status' }),
});

const requiredText = (max: number, message: string) =>
  z.string({ error: message }).trim().min(1, message).max(max, `Use ${max} characters or fewer`);

/** One entry in the support directory. */
export const serviceSchema = z.object({
  name: requiredText(200, 'Enter the name of the service'),
  kind: z.enum(['trauma_specific', 'community'], { error: 'Choose the kind of service' }),
  offer: requiredText(2000, 'Say what the service offers'),
  forWhom: requiredText(1000, 'Say who the service is for'),
  howToRefer: requiredText(1000, 'Say how to refer'),
  selfReferral: z.enum(['yes', 'no'], { error: 'Choose whether people can refer themselves' }),
  languages: requiredText(500, 'Enter the languages the service works in'),
  contact: requiredText(500, 'Enter how to contact the service'),
  active: z.enum(['yes', 'no']).default('yes'),
});

/** Who a person shares a disclosure with. */
export const sharingSchema = z.object({
  share: z
    .union([z.string().max(120), z.array(z.string().max(120)).max(50)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

/** The person's supervision choice. */
export const supervisionSchema = z.object({
  response: z.enum(['requested', 'dismissed']),
});

/** A "What happened to you?" reflection. Field names match `reflectionQuestions` ids. */
export const reflectionSchema = z.object({
  // house: not a role (the ways to reflect in reflectionWays)
  way: z.enum(['alone', 'practitioner', 'peer']).default('alone'),
  action: z.enum(['save', 'discard'], { error: 'Choose whether to save' }),
  happened: optionalText(8000, 'Your answer'),
  affected: optionalText(8000, 'Your answer'),
  sense: optionalText(8000, 'Your answer'),
  survive: optionalText(8000, 'Your answer'),
  strengths: optionalText(8000, 'Your answer'),
  story: optionalText(8000, 'Your answer'),
});

/** Parsed reflection input. */
export type ReflectionInput = z.infer<typeof reflectionSchema>;
/** Parsed response input. */
export type RespondInput = z.infer<typeof respondSchema>;
/** Parsed inputs. */
export type PrepareInput = z.infer<typeof prepareSchema>;
/** Parsed not-asked input. */
export type NotAskedInput = z.infer<typeof notAskedSchema>;
/** Parsed consent input. */
export type ConsentInput = z.infer<typeof consentSchema>;
/** Parsed answer input. */
export type AnswerInput = z.infer<typeof answerSchema>;
/** Parsed stop input. */
export type StopInput = z.infer<typeof stopSchema>;
/** Parsed close input. */
export type CloseInput = z.infer<typeof closeSchema>;
/** Parsed record input. */
export type RecordInput = z.infer<typeof recordSchema>;
/** Parsed referral input. */
export type ReferralInput = z.infer<typeof referralSchema>;
/** Parsed service input. */
export type ServiceInput = z.infer<typeof serviceSchema>;
