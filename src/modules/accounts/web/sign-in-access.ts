/** Who may call the sign-in routes beyond passwords (kept apart so the accounts table stays short). */
import type { AccessRule } from '../../../web/access.ts';
import { accountsRoles, signInSettingsRoles } from '../policy.ts';

/** Access rules for organisation sign-in, second steps, passkeys and sessions. */
export const signInAccessRules: AccessRule[] = [
  { method: 'GET', url: '/sign-in/organisation', access: 'public' },
  { method: 'GET', url: '/sign-in/organisation/start', access: 'public' },
  { method: 'GET', url: '/sign-in/organisation/callback', access: 'public' },
  { method: 'GET', url: '/organisation/sign-in', access: signInSettingsRoles },
  { method: 'POST', url: '/organisation/sign-in', access: signInSettingsRoles },
  { method: 'POST', url: '/organisation/sign-in/remove', access: signInSettingsRoles },
  { method: 'GET', url: '/sign-in/code', access: 'public' },
  { method: 'POST', url: '/sign-in/code', access: 'public' },
  { method: 'GET', url: '/sign-in/set-up', access: 'public' },
  { method: 'POST', url: '/sign-in/set-up', access: 'public' },
  { method: 'GET', url: '/account/sign-in', access: 'signed-in' },
  { method: 'GET', url: '/account/sign-in/authenticator', access: 'signed-in' },
  { method: 'POST', url: '/account/sign-in/authenticator', access: 'signed-in' },
  { method: 'POST', url: '/account/sign-in/recovery-codes', access: 'signed-in' },
  { method: 'POST', url: '/account/sign-in/sign-out-others', access: 'signed-in' },
  { method: 'GET', url: '/account/sign-in/passkeys/new', access: accountsRoles.home },
  { method: 'POST', url: '/account/sign-in/passkeys', access: accountsRoles.home },
  { method: 'POST', url: '/account/sign-in/passkeys/remove', access: accountsRoles.home },
  { method: 'POST', url: '/sign-in/code/passkey', access: 'public' },
  { method: 'GET', url: '/sign-in/passkey', access: 'public' },
  { method: 'POST', url: '/sign-in/passkey', access: 'public' },
];
