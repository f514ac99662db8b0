/**
 * The force register's side of two Safewards interventions ("calm down methods" and
 * "reassurance") and the themes learned with people after force, for the ward pages. Read only
 * through the register's own figures (counts and shares, small numbers already suppressed).
 */
import type { Actor } from '../../lib/actor.ts';
import type { WardsDeps } from './deps.ts';

/** Months (YYYY-MM) → the register's calm-down shares, or null when not available to the actor. */
export async function calmDownByMonth(
  deps: WardsDeps,
  actor: Actor,
  unitId: string,
  months: readonly string[],
  scoreOf: (month: string, interventionId: string) => number | null | undefined,
) {
  const [first, last] = [months[0], months.at(-1)];
  if (!deps.forceLearning || first === undefined || last === undefined) return null;
  const rows = await deps.forceLearning.calmDownMonths(actor, unitId, first, last);
  if (!rows) return null;
  const byMonth = new Map(rows.map((r) => [r.period, r]));
  // undefined: no check that month; null: the check skipped the intervention.
  const said = (score: number | null | undefined) =>
    score === undefined ? 'No check' : score === null ? 'skipped' : String(score);
  return [...months].reverse().map((m) => ({
    ...(byMonth.get(m) ?? { period: m, incidents: '0', offered: '', reassured: '' }),
    calmScore: said(scoreOf(m, 'calm-down-methods')),
    reassureScore: said(scoreOf(m, 'reassurance')),
  }));
}

/** A ward's learning themes over the last 12 months, or null when not available to the actor. */
export async function learningThemesOf(deps: WardsDeps, actor: Actor, unitId: string) {
  if (!deps.forceLearning) return null;
  return deps.forceLearning.themeFigures(actor, unitId);
}
