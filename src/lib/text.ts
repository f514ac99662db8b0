/**
 * Text hygiene at the edge: every string that enters Hearth is checked here. NUL bytes and
 * lone surrogates are refused (they corrupt storage and exports); everything else is kept
 * exactly as typed, normalised once to NFC so searches and comparisons behave.
 */

/** Why a piece of text was refused. */
export type TextProblem = 'nul' | 'lone-surrogate';

/** Finds the first problem in a string, or undefined when it is fine. */
export function findTextProblem(value: string): TextProblem | undefined {
  if (value.includes('\u0000')) return 'nul';
  if (!value.isWellFormed()) return 'lone-surrogate';
  return undefined;
}

/** Normalises accepted text to NFC. */
export function normaliseText(value: string): string {
  return value.normalize('NFC');
}
