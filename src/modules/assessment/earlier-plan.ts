/**
 * On a later round's results page: the actions planned after the earlier round (the round the
 * comparison is with), set per principle beside that principle's change since then, so people can
 * see whether what was planned matched what changed. The actions come from the action plans
 * module through a hook wired in src/app.ts. Guarantees: nothing is given without an earlier
 * round, or when its plan has no actions the reader may see, so no empty section shows.
 */
import type { Actor } from '../accounts/index.ts';
import type { RespondentGroup } from './policy.ts';
import type { RoundResults } from './result-types.ts';
import type { GroupChange } from './comparison.ts';

/** One planned action, as the action plans module gives it. */
export interface PlannedAction {
  what: string;
  ownerName: string;
  due: string;
  overdue: boolean;
  status: 'done' | 'in-progress' | 'not-started';
  statusText: string;
  /** "principle:<id>" for an action serving a principle; anything else is listed apart. */
  linkKey: string | null;
}

/** The actions planned after a round (null when none), given by the action plans module. */
export type EarlierPlanHook = (
  actor: Actor,
  roundId: string,
) => Promise<{ planId: string; title: string; actions: PlannedAction[] } | null>;

/** What the results page shows of the earlier plan. */
export interface EarlierPlanView {
  planId: string;
  title: string;
  previousTitle: string;
  principles: {
    id: string;
    title: string;
    changes: { label: string; change: GroupChange }[];
    actions: PlannedAction[];
  }[];
  /** Actions serving a goal or nothing in particular. */
  other: PlannedAction[];
}

/** Sets the earlier plan's actions beside each principle's change (null when there are none). */
export function earlierPlanView(
  results: RoundResults,
  plan: Awaited<ReturnType<EarlierPlanHook>>,
): EarlierPlanView | null {
  if (!plan || !results.comparison || plan.actions.length === 0) return null;
  const { comparison } = results;
  const shown = results.groups.filter((g) => g.shown);
  const principles = results.sections
    .filter((s) => s.kind === 'principle')
    .flatMap((s) => {
      const actions = plan.actions.filter((a) => a.linkKey === `principle:${s.id}`);
      if (actions.length === 0) return [];
      const row = comparison.rows.find((r) => r.id === s.id);
      const changes = shown.flatMap((g) => {
        const change = row?.changes[g.group as RespondentGroup];
        return change ? [{ label: g.label, change }] : [];
      });
      return [{ id: s.id, title: s.title, changes, actions }];
    });
  const placed = new Set(principles.flatMap((p) => p.actions));
  return {
    planId: plan.planId,
    title: plan.title,
    previousTitle: comparison.previous.title,
    principles,
    other: plan.actions.filter((a) => !placed.has(a)),
  };
}
