/**
 * Local time on the ward (Europe/London) to and from stored UTC. Staff type the time on the
 * clock; a time that does not exist (the hour skipped when clocks go forward) is refused rather
 * than guessed, so a duration is never an hour out.
 */

import { toLondonLocal } from '../../lib/london-time.ts';

export { toLondonLocal };

/**
 * The UTC instant for a London wall-clock time `YYYY-MM-DDTHH:MM`, or null when the text is
 * not a real date and time, or names a time skipped when the clocks go forward.
 */
export function fromLondonLocal(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  if (y < EARLIEST_YEAR) return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null; // 31 February
  const wanted = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`;
  // London is UTC+0 or UTC+1: try summer time first, so an hour that happens twice means the first.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc - offsetHours * 3600_000);
    if (toLondonLocal(candidate) === wanted) return candidate.toISOString();
  }
  return null;
}

/**
 * No record of force is older than this: a year like 0001 or 1900 is a slip, and the form and
 * the import refuse it alike (the latest allowed is now, checked with the rest of the record).
 */
export const EARLIEST_YEAR = 2000;

/** The largest value an integer column holds on PostgreSQL (and the most a count may be). */
export const MAX_INTEGER = 2_147_483_647;

const UTC_TEXT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?Z$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * A UTC date and time as written in the MHSDS-shaped CSV (`2026-05-03T14:30Z` up to
 * `2026-05-03T14:30:00.000Z`), normalised to the full form; null unless it names a real
 * instant (no 30 February, no 24:00). Checked field by field because JavaScript's own parser
 * quietly rolls 30 February over to 2 March; fast, because imports check millions of these.
 */
export function parseUtc(value: string): string | null {
  const m = UTC_TEXT.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < EARLIEST_YEAR) return null;
  if (month < 1 || month > 12 || day < 1 || Number(m[4]) > 23 || Number(m[5]) > 59) return null;
  if (m[6] !== undefined && Number(m[6]) > 59) return null;
  if (day > daysInMonth(year, month)) return null;
  if (value.length === 24) return value; // already the full form
  return new Date(value).toISOString();
}

const periodCache = new Map<string, string>();

/** The London calendar month (YYYY-MM) of an instant: the dashboards' period key. */
export function periodOf(iso: string): string {
  // Only the hours around midnight at a month's edge can differ from the UTC month.
  const utcDay = iso.slice(8, 10);
  const utcHour = Number(iso.slice(11, 13));
  if (utcDay !== '01' && !(Number(utcDay) >= 28 && utcHour >= 22)) return iso.slice(0, 7);
  const key = iso.slice(0, 13);
  let period = periodCache.get(key);
  if (period === undefined) {
    period = toLondonLocal(iso).slice(0, 7);
    periodCache.set(key, period);
  }
  return period;
}

/** Adds whole calendar years to an instant (29 February becomes 1 March). */
export function addYears(iso: string, years: number): string {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
}

/** The period `months` before a period (YYYY-MM). */
export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every period from `from` to `to` inclusive. */
export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = from; p <= to && out.length < 1200; p = shiftPeriod(p, 1)) out.push(p);
  return out;
}
