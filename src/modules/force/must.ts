/** Narrowing without non-null assertions: a value that must be there, or a clear failure. */

/** Returns the value, or throws when it is missing (a bug, never user input). */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`Expected a ${what}`);
  return value;
}
