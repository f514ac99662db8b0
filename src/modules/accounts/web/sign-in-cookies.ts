/** Cookies and redirects the sign-in pages share. */
import type { Config } from '../../../config.ts';

/** Keeps `next` to a path on this site, so sign-in cannot be used to send someone elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-/?=&%.]*$/.test(next) ? next : '/';
}

/** The cookie holding a sign-in part-way through: `__Host-` in production, like the session's. */
export function stepCookieName(config: Config): string {
  return config.env === 'production' ? '__Host-hearth_step' : 'hearth_step';
}

/** The cookie holding a passkey being added by a signed-in person. */
export function passkeyCookieName(config: Config): string {
  return config.env === 'production' ? '__Host-hearth_passkey' : 'hearth_passkey';
}
