/** Input schema for an organisation's crisis number. */
import { z } from 'zod';

/** The add and change form for a crisis number. */
export const helpNumberSchema = z.object({
  label: z
    .string({ error: 'Enter who the number reaches' })
    .trim()
    .min(1, 'Enter who the number reaches, for example "Crisis team (24 hours)"')
    .max(80, 'Enter 80 characters or fewer')
    .refine((v) => !/[\r\n]/.test(v), 'Write the name on one line'),
  number: z
    .string({ error: 'Enter the number' })
    .trim()
    .min(1, 'Enter the number')
    .max(30, 'Enter 30 characters or fewer')
    .refine(
      (v) => /^\+?[\d ()-]+$/.test(v),
      'Enter the number using digits, spaces and brackets only, like 0161 496 0000',
    )
    .refine((v) => {
      const digits = v.replace(/\D/g, '').length;
      return digits >= 3 && digits <= 15;
    }, 'Enter a number with between 3 and 15 digits'),
  kind: z.enum(['phone', 'text'], { error: 'Choose whether people call or text this number' }),
  // Left empty, a new number goes last and a changed one keeps its place.
  position: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: 'Enter a whole number for the order' })
      .int('Enter a whole number for the order')
      .min(1, 'Enter a number from 1 to 99 for the order')
      .max(99, 'Enter a number from 1 to 99 for the order')
      .optional(),
  ),
});

/** A crisis number as typed. */
export type HelpNumberInput = z.infer<typeof helpNumberSchema>;
