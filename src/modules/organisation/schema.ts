/** Input schemas for the set-up forms: a unit, and a member of staff's role and units. */
import { z } from 'zod';
import { roles } from '../accounts/index.ts';

const name = z
  .string({ error: 'Enter a name for the unit' })
  .trim()
  .min(1, 'Enter a name for the unit')
  .max(120, 'Enter a name of 120 characters or fewer');

const bedCount = z
  .string()
  .trim()
  .max(4, 'Enter the number of beds, like 18, or leave it blank')
  .regex(/^\d*$/, 'Enter the number of beds as a whole number, like 18, or leave it blank')
  .optional()
  .transform((v) => (v ? Number(v) : null));

/** The new-unit form. */
export const unitSchema = z.object({
  name,
  kind: z.enum(['ward', 'team'], { error: 'Choose whether it is a ward or a community team' }),
  bedCount,
});

/** The change-unit form (the kind stays as it was made). */
export const unitChangeSchema = z.object({ name, bedCount });

/** A member of staff's role and units. */
export const staffChangeSchema = z.object({
  role: z.enum(roles, { error: 'Choose a role' }),
  unitIds: z
    .union([z.string().max(100), z.array(z.string().max(100)).max(200)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '')),
  /**
   * Shown beside their name on records of force; blank clears it (their role shows instead),
   * and a form without the field leaves it as it was.
   */
  jobTitle: z
    .string()
    .trim()
    .max(150, 'Enter a job title of 150 characters or fewer')
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null)),
});

/** Parsed new-unit input. */
export type UnitInput = z.infer<typeof unitSchema>;
/** Parsed change-unit input. */
export type UnitChangeInput = z.infer<typeof unitChangeSchema>;
/** Parsed staff change. */
export type StaffChangeInput = z.infer<typeof staffChangeSchema>;
