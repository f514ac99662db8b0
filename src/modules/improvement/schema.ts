/** Input schemas for improvement plans: drafting, actions, progress, goals and partners' reviews. */
import { z } from 'zod';

/** The longest "what" of an action or title of a goal. */
export const MAX_SHORT = 300;
/** The longest progress note or partner's words. */
export const MAX_LONG = 2000;

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const optional = (v: unknown) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : trimmed(v);

/** A real calendar day, typed as YYYY-MM-DD. */
const day = (what: string) =>
  z
    .string({ error: `Enter ${what}, like 2027-03-31` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what}, like 2027-03-31`)
    .refine(
      (v) =>
        !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) &&
        new Date(`${v}T12:00:00Z`).toISOString().startsWith(v),
      'Enter a real date, like 2027-03-31',
    );

const text = (what: string, max: number) =>
  z.preprocess(
    trimmed,
    z
      .string({ error: `Enter ${what}` })
      .min(1, `Enter ${what}`)
      .max(max, `Keep ${what} to ${max.toLocaleString('en-GB')} characters or fewer`),
  );

/** Drafting a plan for a subject. */
export const draftPlanSchema = z.object({
  subjectKind: z.enum(['assessment_round', 'ward_reduction', 'organisation_reduction'], {
    error: 'Choose what the plan is about',
  }),
  subjectId: z.string({ error: 'Choose what the plan is about' }).trim().min(1).max(100),
});

/** One action, as typed. */
export const actionSchema = z.object({
  what: text('what will be done', MAX_SHORT),
  ownerId: z
    .string({ error: 'Choose who owns this action' })
    .trim()
    .min(1, 'Choose who owns this action'),
  dueOn: day('the day it is due'),
  linkKey: z.preprocess(optional, z.string().max(100).optional()),
  measure: z.preprocess(optional, z.string().max(200).optional()),
  status: z.preprocess(optional, z.enum(['open', 'done']).optional()),
});
/** An action as typed. */
export type ActionInput = z.infer<typeof actionSchema>;

/** A progress note. */
export const progressSchema = z.object({
  onDate: day('the day of this progress'),
  note: text('what has happened', MAX_LONG),
});
/** A progress note as typed. */
export type ProgressInput = z.infer<typeof progressSchema>;

const goalFields = {
  title: text('the goal', MAX_SHORT),
  measure: z.enum(['force_rate', 'prone', 'none'], { error: 'Choose how the goal is measured' }),
  target: z.preprocess(
    optional,
    z
      .string()
      .regex(/^\d{1,5}(\.\d{1,2})?$/, 'Enter the target as a number, like 4 or 3.5')
      .transform(Number)
      .optional(),
  ),
  targetOn: day('the day the goal should be reached by'),
};
const targetNeeded = {
  path: ['target'],
  message: 'Enter the monthly figure the goal aims for, like 0 or 3.5',
};

/** A goal of a reduction plan. */
export const goalSchema = z
  .object(goalFields)
  .refine((g) => g.measure === 'none' || g.target !== undefined, targetNeeded);
/** A goal as typed. */
export type GoalInput = z.infer<typeof goalSchema>;

/** A change to a goal: the same fields, where it stands, and the version the editor saw. */
export const goalChangeSchema = z
  .object({
    ...goalFields,
    status: z.enum(['open', 'met', 'retired'], { error: 'Choose where the goal stands' }),
    version: z.coerce
      .number({ error: 'Open the goal again and make your change' })
      .int()
      .min(1, 'Open the goal again and make your change'),
  })
  .refine((g) => g.measure === 'none' || g.target !== undefined, targetNeeded);
/** A goal change as typed. */
export type GoalChangeInput = z.infer<typeof goalChangeSchema>;

/** What a partner says: a co-sign, a disagreement or a comment, about the plan, an action or a goal. */
export const reviewSchema = z
  .object({
    about: z
      .string({ error: 'Choose what you are responding to' })
      .regex(/^(plan|(action|goal):[\w-]{1,64})$/, 'Choose what you are responding to'),
    kind: z.enum(['cosign', 'disagree', 'comment'], {
      error: 'Choose whether you co-sign, disagree or comment',
    }),
    text: z.preprocess(
      optional,
      z
        .string()
        .max(MAX_LONG, `Keep your words to ${MAX_LONG.toLocaleString('en-GB')} characters or fewer`)
        .optional(),
    ),
  })
  .refine((r) => r.kind === 'cosign' || r.text !== undefined, {
    path: ['text'],
    message: 'Say in your own words what you disagree with or would add',
  });
/** A partner's review as typed. */
export type ReviewInput = z.infer<typeof reviewSchema>;
