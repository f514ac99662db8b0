/**
 * A self-assessment round's plan actions with their status, for a later round's results page
 * (wired in src/app.ts). Guarantees: the data is the plan page's own (page.view), so the two never
 * disagree; only a plan the actor may read is given, and only the actor's organisation's; null
 * when the round has no plan or the plan has no actions, so no empty section is shown.
 */
import type { Actor } from '../../lib/actor.ts';
import type { ImprovementService } from './service.ts';

/** One action as a later round shows it. */
export interface RoundPlanAction {
  what: string;
  ownerName: string;
  due: string;
  overdue: boolean;
  status: 'done' | 'in-progress' | 'not-started';
  statusText: string;
  /** The principle it serves ("principle:<id>"), a goal, or null. */
  linkKey: string | null;
}

const statusWords = {
  done: 'Done',
  'in-progress': 'In progress',
  'not-started': 'Not started',
} as const;

/** The actions of the plan made from a round, or null when there are none the actor may see. */
export async function roundPlanActions(
  improvement: ImprovementService,
  actor: Actor,
  roundId: string,
): Promise<{ planId: string; title: string; actions: RoundPlanAction[] } | null> {
  const found = await improvement.plans.findFor(actor, 'assessment_round', roundId);
  if (!found) return null;
  const view = await improvement.page.view(actor, found.id);
  if (view.actions.length === 0) return null;
  return {
    planId: view.plan.id,
    title: view.plan.title,
    actions: view.actions.map((a) => {
      // A progress note is the only sign of work begun on an open action.
      const status = a.done ? 'done' : a.updates.length > 0 ? 'in-progress' : 'not-started';
      return {
        what: a.what,
        ownerName: a.ownerName,
        due: a.due,
        overdue: a.overdue,
        status,
        statusText: statusWords[status],
        linkKey: a.linkKey,
      };
    }),
  };
}
