/** Reading a request and shaping form errors, for every enquiry page. */
import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList } from '../../../web/forms.ts';

/** A path parameter (empty when absent). */
export function paramOf(request: FastifyRequest, name = 'enquiryId'): string {
  return (request.params as Record<string, string>)[name] ?? '';
}

/** The form body, as sent. */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return (request.body ?? {}) as Record<string, unknown>;
}

/** A query string value, when it is a single string. */
export function queryOf(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The words for the success banner after a save: routes redirect with `?saved=<key>` and the
 * page looks the key up, so only our own words are ever shown.
 */
export function savedNoticeOf(
  request: FastifyRequest,
  notices: Record<string, string>,
): string | null {
  const key = queryOf(request, 'saved');
  return key !== undefined && Object.hasOwn(notices, key) ? (notices[key] ?? null) : null;
}

/** The field messages and the error summary a form page shows. */
export function formErrors(errors: FieldErrors) {
  return { errors, errorList: errorList(errors) };
}
