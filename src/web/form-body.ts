/**
 * Parses application/x-www-form-urlencoded bodies strictly. Guarantees: malformed percent
 * encoding, NUL bytes and lone surrogates are refused with 400 before any route runs (so nothing
 * half-written can follow); keys like `__proto__` cannot pollute objects (null prototype);
 * a repeated key becomes an array, which the route's schema then accepts or refuses.
 */
import type { FastifyInstance } from 'fastify';
import { findTextProblem, normaliseText } from '../lib/text.ts';

/** A parsed form: each field a string, or an array when the key repeats. */
export type FormBody = Record<string, string | string[]>;

/** An error the error handler shows as a 400 page. */
export class BadFormError extends Error {
  readonly statusCode = 400;
  readonly code = 'HEARTH_BAD_FORM';
}

/** Parses a urlencoded string. */
export function parseFormBody(body: string): FormBody {
  const result = Object.create(null) as FormBody;
  if (body === '') return result;
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    for (const text of [key, value]) {
      const problem = findTextProblem(text);
      if (problem) {
        throw new BadFormError(
          problem === 'nul'
            ? 'The form contained a hidden control character that Hearth cannot store.'
            : 'The form contained a broken character that Hearth cannot store.',
        );
      }
    }
    const clean = normaliseText(value);
    const existing = result[key];
    if (existing === undefined) result[key] = clean;
    else if (Array.isArray(existing)) existing.push(clean);
    else result[key] = [existing, clean];
  }
  return result;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw new BadFormError('The form could not be read because its encoding was broken.');
  }
}

/**
 * Registers the strict form parser on an app, and only it: Fastify's own JSON and text parsers
 * are removed, so a body of any other type (JSON included) is refused with 415 before a route
 * runs, instead of slipping past these checks. (File uploads add multipart where they need it.)
 */
export function registerFormBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, parseFormBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}
