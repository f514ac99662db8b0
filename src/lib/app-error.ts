/**
 * The one error type services throw. The web layer maps each kind to an NHS-style page with
 * the right status; nothing internal reaches the person.
 */

/** The kinds of failure a service can report. */
export type AppErrorKind =
  'not_found' | 'forbidden' | 'invalid' | 'conflict' | 'too_many' | 'unauthenticated' | 'gone';

/** A message for one form field, keyed by the field's name. */
export type FieldErrors = Record<string, string>;

/** An expected failure with a message that is safe to show. */
export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly fields: FieldErrors;

  constructor(kind: AppErrorKind, message: string, fields: FieldErrors = {}) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.fields = fields;
  }

  /** The record does not exist, or the caller may not know it exists. */
  static notFound(): AppError {
    return new AppError('not_found', 'Page not found');
  }

  /** The caller is known but may not do this. */
  static forbidden(message = 'You do not have access to this'): AppError {
    return new AppError('forbidden', message);
  }

  /** Input failed validation; `field` names the form field to point at. */
  static invalid(field: string, message: string): AppError {
    return new AppError('invalid', message, { [field]: message });
  }

  /** Several fields failed validation at once. */
  static invalidFields(fields: FieldErrors): AppError {
    const first = Object.values(fields)[0] ?? 'Check the answers you gave';
    return new AppError('invalid', first, fields);
  }

  /** The record changed since the caller read it, or the action clashes with its state. */
  static conflict(message: string): AppError {
    return new AppError('conflict', message);
  }

  /** Too many attempts; try again later. */
  static tooMany(message: string): AppError {
    return new AppError('too_many', message);
  }

  /** Not signed in, or the session has ended. */
  static unauthenticated(): AppError {
    return new AppError('unauthenticated', 'Please sign in');
  }
}

/** Narrows an unknown thrown value to AppError. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
