/** Input schemas for sign-in beyond passwords: provider settings and second-step codes. */
import { z } from 'zod';

/** The organisation's provider settings form. */
export const providerSettingsSchema = z.object({
  issuer: z
    .string({ error: 'Enter the provider address' })
    .trim()
    .min(1, 'Enter the provider address')
    .max(500, 'Enter an address of 500 characters or fewer'),
  clientId: z
    .string({ error: 'Enter the client ID' })
    .trim()
    .min(1, 'Enter the client ID')
    .max(500, 'Enter a client ID of 500 characters or fewer'),
  clientSecret: z.string({ error: 'Enter the client secret' }).trim().max(2000).optional(),
});

/** Parsed provider settings. */
export type ProviderSettingsInput = z.infer<typeof providerSettingsSchema>;

/** A six-digit authenticator-app code, or a recovery code. */
export const codeSchema = z.object({
  code: z
    .string({ error: 'Enter the code' })
    .transform((v) => v.replace(/[\s-]/g, '').toLowerCase())
    .pipe(z.string().min(1, 'Enter the code').max(40, 'Enter the code as it is shown')),
});

/** The browser's answer from a passkey (JSON made by @simplewebauthn/browser). */
const passkeyResponse = (message: string) =>
  z.string({ error: message }).min(1, message).max(20_000, message);

/** Adding a passkey: a name of the person's choosing (optional) and the browser's answer. */
export const addPasskeySchema = z.object({
  name: z
    .string()
    .trim()
    .max(60, 'Enter a name of 60 characters or fewer')
    .optional()
    .transform((v) => v || 'Passkey'),
  response: passkeyResponse('Your passkey was not added. Please try again.'),
});

/** Using a passkey: the browser's answer. */
export const usePasskeySchema = z.object({
  passkey: passkeyResponse('Your passkey was not used. Please try again.'),
});

/** Removing a passkey: its credential id. */
export const removePasskeySchema = z.object({
  passkey: z.string({ error: 'Choose a passkey' }).regex(/^[\w-]{1,1400}$/, 'Choose a passkey'),
});
