/** Turning form input into typed values, and validation failures into NHS error summaries. */
import type { z } from 'zod';
import { AppError } from '../lib/app-error.ts';
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
