/** Time as a dependency, so tests can move it; instants are UTC ISO strings in storage. */

/** Returns the current instant. */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();

/** An ISO-8601 UTC string for storage (sorts correctly as text on both engines). */
export function toIso(date: Date): string {
  return date.toISOString();
}

/** Adds milliseconds to an instant. */
export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

/** Minutes in milliseconds. */
export const MINUTE = 60_000;
/** Hours in milliseconds. */
export const HOUR = 60 * MINUTE;
/** Days in milliseconds. */
export const DAY = 24 * HOUR;
