/**
 * Shifts and London time. A ward has three shifts a day, each belonging to the London date it
 * starts on: early from 07:00, late from 14:00 and night from 21:00. A shift can be reported
 * once it has started, never before.
 */
import { toLondonLocal } from '../../lib/london-time.ts';

/** The three shifts, in the order of a day. */
export const shifts = ['early', 'late', 'night'] as const;

/** One shift. */
export type Shift = (typeof shifts)[number];

/** Words for each shift. */
export const shiftLabels: Record<Shift, string> = {
  early: 'Early (from 7am)',
  late: 'Late (from 2pm)',
  night: 'Night (from 9pm)',
};

const START_HOUR: Record<Shift, number> = { early: 7, late: 14, night: 21 };

/** London's wall-clock date and time for an instant: [YYYY-MM-DD, minutes after midnight]. */
export function londonWallClock(at: Date): { date: string; minutes: number } {
  const local = toLondonLocal(at);
  return {
    date: local.slice(0, 10),
    minutes: Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)),
  };
}

/** The instant a shift starts (London time, summer time included). */
export function shiftStart(date: string, shift: Shift): Date {
  const guess = new Date(`${date}T${String(START_HOUR[shift]).padStart(2, '0')}:00:00Z`);
  // London is UTC or one hour ahead; shift by however far the wall clock is off.
  const wall = londonWallClock(guess);
  const offsetMinutes = wall.minutes - START_HOUR[shift] * 60 + (wall.date > date ? 1440 : 0);
  return new Date(guess.getTime() - offsetMinutes * 60_000);
}

/** True when the shift has started by `now`. */
export function hasStarted(date: string, shift: Shift, now: Date): boolean {
  return shiftStart(date, shift).getTime() <= now.getTime();
}

/** The shift going on now: the latest one that has started. */
export function currentShift(now: Date): { date: string; shift: Shift } {
  const { date, minutes } = londonWallClock(now);
  if (minutes >= START_HOUR.night * 60) return { date, shift: 'night' };
  if (minutes >= START_HOUR.late * 60) return { date, shift: 'late' };
  if (minutes >= START_HOUR.early * 60) return { date, shift: 'early' };
  return { date: addDays(date, -1), shift: 'night' };
}

/** A date `n` days after `date` (YYYY-MM-DD). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Every shift that has started in the `days` days up to now, newest first. */
export function recentShifts(now: Date, days: number): { date: string; shift: Shift }[] {
  const out: { date: string; shift: Shift }[] = [];
  const today = londonWallClock(now).date;
  for (let d = 0; d < days; d++) {
    const date = addDays(today, -d);
    for (const shift of [...shifts].reverse())
      if (hasStarted(date, shift, now)) out.push({ date, shift });
  }
  return out;
}

/** An instant as London wall-clock text, "YYYY-MM-DD HH:MM", for showing when a report was saved. */
export function londonText(iso: string): string {
  const { date, minutes } = londonWallClock(new Date(iso));
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${date} ${hh}:${mm}`;
}
