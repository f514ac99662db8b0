/**
 * The wellbeing check-in: a few questions in our own words about how work is going. It is not a
 * clinical screen and gives no score. Guarantees: every question may be skipped; the answers are
 * stored without the staff member's id, time or any key that orders them
 * (src/lib/anonymous-batches.ts); whether someone has answered this month is kept apart from what
 * they answered; a manager sees a unit's month only when at least 5 staff answered in it.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newAnonymousKey } from '../../lib/anonymous-batches.ts';
import type { LearningDeps } from './deps.ts';
import { londonDay } from './grid.ts';
import { mayLearning } from './policy.ts';

/** The fewest answers in a unit's month before a manager sees anything of it. */
export const WELLBEING_MINIMUM = 5;

/** The check-in's questions and their answers, in our own words. */
export const wellbeingQuestions = [
  {
    id: 'energy',
    ask: 'How much energy have you had for work lately?',
    options: [
      { value: 'plenty', text: 'Plenty' },
      { value: 'enough', text: 'Enough' },
      { value: 'low', text: 'A bit low' },
      { value: 'very-low', text: 'Very low' },
    ],
  },
  {
    id: 'supported',
    ask: 'How supported have you felt by the people you work with?',
    options: [
      { value: 'very', text: 'Very supported' },
      { value: 'mostly', text: 'Mostly' },
      { value: 'little', text: 'A little' },
      { value: 'not', text: 'Not at all' },
    ],
  },
  {
    id: 'space',
    ask: 'After hard moments at work, have you had time to step back?',
    options: [
      { value: 'usually', text: 'Yes, usually' },
      { value: 'sometimes', text: 'Sometimes' },
      { value: 'rarely', text: 'Rarely or never' },
    ],
  },
  {
    id: 'weighing',
    ask: 'Is something from work on your mind when you are at home?',
    options: [
      { value: 'no', text: 'No' },
      { value: 'little', text: 'A little' },
      { value: 'lot', text: 'Quite a lot' },
    ],
  },
] as const;

/** The month a check-in counts towards, YYYY-MM (London). */
export function periodOf(day: string): string {
  return day.slice(0, 7);
}

/** The months ending with this one, oldest first. */
export function lastPeriods(period: string, count: number): string[] {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/**
 * Reads a check-in form: each question's answer, skipped ones left out.
 * @throws AppError invalid for a question or answer the check-in does not have
 */
export function parseCheckIn(body: unknown): { answers: Record<string, string>; unit: string } {
  const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const answers: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    if (key.startsWith('_') || key === 'unit') continue;
    const question = wellbeingQuestions.find((q) => q.id === key);
    if (!question) throw AppError.invalid('form', 'The form had a question we do not ask.');
    if (value === '' || value === undefined) continue;
    if (typeof value !== 'string' || !question.options.some((o) => o.value === value))
      throw AppError.invalid(key, 'Choose one of the answers, or leave it blank');
    answers[key] = value;
  }
  return { answers, unit: typeof form.unit === 'string' ? form.unit : '' };
}

/** Creates the wellbeing check-in capability. */
export function createWellbeing(deps: LearningDeps) {
  const { db, store, audit, clock } = deps;
  const thisPeriod = () => periodOf(londonDay(clock()));

  return {
    /** Whether the actor has checked in this month, and the units they may count towards. */
    async form(actor: Actor) {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      const period = thisPeriod();
      const done = await store.hasCheckedIn(db, actor.organisationId, period, actor.id);
      const names = new Map(
        (await store.listUnits(db, actor.organisationId)).map((u) => [u.id, u.name]),
      );
      const units = actor.unitIds.flatMap((id) => {
        const name = names.get(id);
        return name ? [{ id, name }] : [];
      });
      return { done, period, units, questions: wellbeingQuestions };
    },

    /**
     * Saves a check-in once a month. Nothing is saved when every question was skipped.
     * @returns whether it was saved (false when already done this month, or left empty)
     */
    async checkIn(actor: Actor, body: unknown, ctx: AuditContext): Promise<{ saved: boolean }> {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      const { answers, unit } = parseCheckIn(body);
      if (Object.keys(answers).length === 0) return { saved: false };
      // The unit is the one chosen, if it is theirs; with one unit, that one.
      const unitId = actor.unitIds.includes(unit)
        ? unit
        : actor.unitIds.length === 1
          ? (actor.unitIds[0] ?? null)
          : null;
      const period = thisPeriod();
      return audit.audited(db, ctx, async (trx, record) => {
        if (!(await store.markCheckedIn(trx, actor.organisationId, period, actor.id)))
          return { saved: false };
        await store.insertCheckInMixed(trx, {
          organisation_id: actor.organisationId,
          period,
          id: newAnonymousKey(),
          unit_id: unitId,
          answers: JSON.stringify(answers),
        });
        // Names the month only: never the answers, never the row.
        await record({
          organisationId: actor.organisationId,
          action: 'learning.wellbeing_check_in',
          recordType: 'learning_wellbeing',
          recordId: period,
        });
        return { saved: true };
      });
    },

    /**
     * A unit's last six months: how many answered, and each answer's count, for months with at
     * least WELLBEING_MINIMUM answers; fewer shows as too few to show.
     */
    async trend(organisationId: string, unitId: string) {
      const periods = lastPeriods(thisPeriod(), 6);
      const rows = await store.listCheckIns(db, organisationId, unitId, periods);
      return periods.map((period) => {
        const answered = rows
          .filter((r) => r.period === period)
          .map((r) => JSON.parse(r.answers) as Record<string, string>);
        if (answered.length < WELLBEING_MINIMUM) return { period, shown: false as const };
        return {
          period,
          shown: true as const,
          answered: answered.length,
          questions: wellbeingQuestions.map((q) => ({
            ask: q.ask,
            options: q.options.map((o) => ({
              text: o.text,
              count: answered.filter((a) => a[q.id] === o.value).length,
            })),
            skipped: answered.filter((a) => a[q.id] === undefined).length,
          })),
        };
      });
    },
  };
}
