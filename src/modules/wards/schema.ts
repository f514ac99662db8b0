/** Input schema for a ward shift report: the shift, and a whole number from 0 to 99 per item. */
import { z } from 'zod';
import { shiftItems } from './items.ts';
import { shifts } from './shifts.ts';

const COUNT_ERROR = 'Enter a whole number from 0 to 99, or leave it empty for none';

// Empty means none: every item may be skipped, and a quiet shift is quick to report.
const count = z.preprocess(
  (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? 0 : v),
  z
    .string({ error: COUNT_ERROR })
    .trim()
    .regex(/^\d{1,2}$/, COUNT_ERROR)
    .transform(Number)
    .or(z.number().int(COUNT_ERROR).min(0, COUNT_ERROR).max(99, COUNT_ERROR)),
);

/** The shift report form. */
export const shiftReportSchema = z.object({
  date: z
    .string({ error: 'Enter the date the shift started' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date the shift started, like 2026-12-04')
    .refine(
      (v) =>
        !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) &&
        new Date(`${v}T12:00:00Z`).toISOString().startsWith(v),
      'Enter a real date, like 2026-12-04',
    ),
  shift: z.enum(shifts, { error: 'Choose the shift' }),
  ...Object.fromEntries(shiftItems.map((i) => [i.code, count])),
});

/** A shift report as typed: the shift and every item's count. */
export interface ShiftReportInput {
  date: string;
  shift: (typeof shifts)[number];
  counts: Record<string, number>;
}

/** Parses form fields into a report (throws zod errors, keyed by field, for handleForm). */
export function toShiftReport(parsed: z.infer<typeof shiftReportSchema>): ShiftReportInput {
  const fields = parsed as unknown as Record<string, unknown>;
  return {
    date: parsed.date,
    shift: parsed.shift,
    counts: Object.fromEntries(shiftItems.map((i) => [i.code, Number(fields[i.code] ?? 0)])),
  };
}
