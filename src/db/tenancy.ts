/**
 * Tenancy: every statement on a table that carries `organisation_id` filters on it, beneath the
 * access checks, so that one organisation's rows cannot be read or changed by another's request
 * even if an access check were wrong. The few statements that must cross organisations (finding
 * an account by email at sign-in, resolving a session token, national figures, walking every
 * audit chain) say so by running inside `acrossOrganisations`, with a reason; the test suite
 * refuses any other statement that does not filter (see test/tenant-guard.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const crossing = new AsyncLocalStorage<string>();

/**
 * Runs work whose statements deliberately read or write more than one organisation's rows.
 * @param reason - why it must (kept short; shown when a check refuses a statement)
 */
export function acrossOrganisations<T>(reason: string, work: () => Promise<T>): Promise<T> {
  return crossing.run(reason, work);
}

/** Why the current work crosses organisations, or undefined when it keeps to one. */
export function crossingReason(): string | undefined {
  return crossing.getStore();
}
