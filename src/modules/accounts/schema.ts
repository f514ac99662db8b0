/** Input schemas for sign-in, invitations and accepting an invitation. */
import { z } from 'zod';
import { roles } from '../../lib/roles.ts';

const email = z
  .string({ error: 'Enter your email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address')
  .max(254, 'Enter an email address of 254 characters or fewer')
  .pipe(z.email({ error: 'Enter an email address in the right format, like name@example.nhs.uk' }));

/** The sign-in form. */
export const signInSchema = z.object({
  email,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024),
});

/** The invitation form. */
export const invitationSchema = z.object({
  email,
  displayName: z
    .string({ error: 'Enter their name' })
    .trim()
    .min(1, 'Enter the name they would like us to use')
    .max(200, 'Enter a name of 200 characters or fewer'),
  role: z.enum(roles, { error: 'Choose a role' }),
  unitId: z.string().max(100).optional(),
});

/** The form a person fills in to accept an invitation. */
export const acceptInvitationSchema = z.object({
  password: z.string({ error: 'Choose a password' }).max(1024),
  confirmPassword: z.string({ error: 'Type your password again' }).max(1024),
});

/** A member of staff's job title, as their organisation words it; blank clears it. */
export const jobTitleSchema = z.object({
  jobTitle: z
    .string()
    .trim()
    .max(150, 'Enter a job title of 150 characters or fewer')
    .optional()
    .transform((v) => (v ? v : null)),
});

/** Parsed sign-in input. */
export type SignInInput = z.infer<typeof signInSchema>;
/** Parsed invitation input. */
export type InvitationInput = z.infer<typeof invitationSchema>;
