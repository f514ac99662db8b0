/** Turning form input into typed values, and validation failures into NHS error summaries. */
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { isDatabaseBusy } from '../db/availability.ts';
import { AppError, isAppError } from '../lib/app-error.ts';
import { BUSY_MESSAGE } from './errors.ts';
import type { FieldErrors } from '../lib/app-error.ts';

/**
 * Validates a form body against a schema. Unknown fields are ignored (never assigned); a
 * repeated field where one value is expected fails validation.
 * @throws AppError invalid, with a message for each field
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  const raw = (body ?? {}) as Record<string, unknown>;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (fields[field]) continue;
    fields[field] =
      Array.isArray(raw[field]) && issue.code === 'invalid_type'
        ? 'Give one answer for this question'
        : issue.message;
  }
  throw AppError.invalidFields(fields);
}

/** The error summary list NHS.UK's errorSummary macro expects. */
export function errorList(fields: FieldErrors): { text: string; href: string }[] {
  return Object.entries(fields).map(([field, text]) => ({ text, href: `#${field}` }));
}

/** The `errorMessage` option for one field, or undefined. */
export function fieldError(fields: FieldErrors, field: string): { text: string } | undefined {
  const text = fields[field];
  return text ? { text } : undefined;
}

/** How a form page shows a failed submission again. */
export interface FormFailure {
  /** Re-renders the form with these field messages (the reply is already 400). */
  invalid(errors: FieldErrors): FastifyReply | Promise<FastifyReply>;
  /** Re-renders the form after someone else saved first (the reply is already 409), saying why. */
  conflict?(message: string): FastifyReply | Promise<FastifyReply>;
}

/**
 * Runs a form action (parse, one service call, redirect). A validation failure re-renders the
 * form with status 400, a version conflict with 409 where the page handles one, and a database
 * too busy to take the save in time with 503, so the person keeps what they typed; anything else
 * goes to the error pages.
 */
export async function handleForm(
  reply: FastifyReply,
  action: () => Promise<FastifyReply>,
  failure: FormFailure,
): Promise<FastifyReply> {
  try {
    return await action();
  } catch (error) {
    if (isAppError(error) && error.kind === 'invalid') {
      reply.code(400);
      return failure.invalid(error.fields);
    }
    if (isAppError(error) && error.kind === 'conflict' && failure.conflict) {
      reply.code(409);
      return failure.conflict(error.message);
    }
    if (isDatabaseBusy(error)) {
      // Nothing was saved; the form comes back with what the person typed, to send again.
      reply.code(503).header('Retry-After', '5');
      return failure.invalid({ form: BUSY_MESSAGE });
    }
    throw error;
  }
}
