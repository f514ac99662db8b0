/** Input schemas for courses and training records. */
import { z } from 'zod';
import { topicLetters } from './topics.ts';
import { readDay } from './grid.ts';

const oneLine = (v: string) => !/[\r\n]/.test(v);

/** The form that adds a course. */
export const courseSchema = z.object({
  name: z
    .string({ error: 'Enter the name of the course' })
    .trim()
    .min(1, 'Enter the name of the course')
    .max(120, 'Enter 120 characters or fewer')
    .refine(oneLine, 'Write the name on one line'),
  provider: z
    .string({ error: 'Enter who runs the course' })
    .trim()
    .min(1, 'Enter who runs the course')
    .max(120, 'Enter 120 characters or fewer')
    .refine(oneLine, 'Write the provider on one line'),
  topics: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(
        z.enum(topicLetters as unknown as [string, ...string[]], {
          error: 'Choose topics from the list',
        }),
      )
      .min(1, 'Choose at least one topic the course covers'),
  ),
  refresherMonths: z.coerce
    .number({ error: 'Enter a whole number of months' })
    .int('Enter a whole number of months')
    .min(1, 'Enter a number of months from 1 to 120')
    .max(120, 'Enter a number of months from 1 to 120'),
});

/** A course as typed. */
export type CourseInput = z.infer<typeof courseSchema>;

/** The form a member of staff uses to add one of their own completions. */
export const ownRecordSchema = z.object({
  courseId: z.string({ error: 'Choose the course' }).trim().min(1, 'Choose the course'),
  completedOn: z
    .string({ error: 'Enter the day you finished it' })
    .trim()
    .transform((v, ctx) => {
      const day = readDay(v);
      if (day === null) {
        ctx.addIssue({ code: 'custom', message: 'Enter a real date, like 14/03/2026' });
        return z.NEVER;
      }
      return day;
    }),
  evidence: z
    .string()
    .trim()
    .max(500, 'Enter 500 characters or fewer')
    .optional()
    .transform((v) => (v ? v : null)),
});

/** A completion as typed. */
export type OwnRecordInput = z.infer<typeof ownRecordSchema>;

/** The form that imports a staff record file. */
export const importSchema = z.object({
  csv: z
    .string({ error: 'Paste the rows of your staff record file' })
    .min(1, 'Paste the rows of your staff record file')
    .max(1_000_000, 'The file is over 1 MB. Split it and import it in parts'),
});
