/**
 * The compliance arithmetic, as pure functions: when a completion falls due, and where each
 * person stands on each topic on a given day. Guarantees: a completion is in date up to and
 * including its due day and overdue from the next; "due soon" means due within 60 days
 * (today and the 60th day included); a refresher ending past the end of a shorter month ends on
 * that month's last day (31 January + 1 month = 28 or 29 February).
 */
import type { TopicLetter } from './topics.ts';
import { topicLetters } from './topics.ts';

/** How many days ahead counts as "due soon". */
export const DUE_SOON_DAYS = 60;

/** Where one person stands on one topic. */
export type TopicStatus = 'in-date' | 'due-soon' | 'overdue' | 'never';

/** One completion as the arithmetic needs it. */
export interface Completion {
  completedOn: string;
  refresherMonths: number;
  topics: readonly TopicLetter[];
}

/** One person's standing on one topic, with the day it falls due (null when never trained). */
export interface TopicStanding {
  status: TopicStatus;
  dueOn: string | null;
}

function parts(day: string): [number, number, number] {
  const [y = 0, m = 0, d = 0] = day.split('-').map(Number);
  return [y, m, d];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Adds whole months to a YYYY-MM-DD day, keeping to the last day of a shorter month. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/** Adds whole days (negative to go back) to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from one YYYY-MM-DD day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** The day a completion falls due again. */
export function dueOn(completion: Completion): string {
  return addMonths(completion.completedOn, completion.refresherMonths);
}

/** Where a due day leaves someone on `today`. */
export function statusOn(due: string, today: string): Exclude<TopicStatus, 'never'> {
  const left = daysBetween(today, due);
  if (left < 0) return 'overdue';
  if (left <= DUE_SOON_DAYS) return 'due-soon';
  return 'in-date';
}

/** One person's standing on one topic: the latest due day among completions that cover it. */
export function standingFor(
  completions: readonly Completion[],
  topic: TopicLetter,
  today: string,
): TopicStanding {
  let latest: string | null = null;
  for (const c of completions) {
    if (!c.topics.includes(topic)) continue;
    const due = dueOn(c);
    if (latest === null || due > latest) latest = due;
  }
  return latest === null
    ? { status: 'never', dueOn: null }
    : { status: statusOn(latest, today), dueOn: latest };
}

/** One person's standing on every topic. */
export function standingsFor(
  completions: readonly Completion[],
  today: string,
): Record<TopicLetter, TopicStanding> {
  return Object.fromEntries(
    topicLetters.map((t) => [t, standingFor(completions, t, today)]),
  ) as Record<TopicLetter, TopicStanding>;
}

/** The topics no current course covers. */
export function uncoveredTopics(courses: readonly { topics: readonly TopicLetter[] }[]) {
  const covered = new Set(courses.flatMap((c) => c.topics));
  return topicLetters.filter((t) => !covered.has(t));
}

/** How many people stand where on each topic. */
export function countByTopic(
  people: readonly Record<TopicLetter, TopicStanding>[],
): Record<TopicLetter, Record<TopicStatus, number>> {
  const counts = Object.fromEntries(
    topicLetters.map((t) => [t, { 'in-date': 0, 'due-soon': 0, overdue: 0, never: 0 }]),
  ) as Record<TopicLetter, Record<TopicStatus, number>>;
  for (const person of people) for (const t of topicLetters) counts[t][person[t].status] += 1;
  return counts;
}

/** Today's day in London, YYYY-MM-DD, as training dates are written. */
export function londonDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** True for a real YYYY-MM-DD day. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = parts(value);
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const monthNames = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];

/**
 * Reads a day as staff records write them: 2026-03-14, 14/03/2026 or 14-MAR-2026 (the
 * electronic staff record's own form). Null when it is not a real day.
 */
export function readDay(text: string): string | null {
  const value = text.trim();
  let day: string | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const esr = /^(\d{1,2})[- ]([A-Za-z]{3})[- ](\d{4})$/.exec(value);
  if (iso) day = `${iso[1]}-${pad(Number(iso[2]))}-${pad(Number(iso[3]))}`;
  else if (uk) day = `${uk[3]}-${pad(Number(uk[2]))}-${pad(Number(uk[1]))}`;
  else if (esr) {
    const month = monthNames.indexOf((esr[2] ?? '').toLowerCase());
    if (month >= 0) day = `${esr[3]}-${pad(month + 1)}-${pad(Number(esr[1]))}`;
  }
  return day !== null && isDay(day) ? day : null;
}
