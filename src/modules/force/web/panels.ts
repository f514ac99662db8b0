/** Home page panels: overdue reviews for managers, and the person's own records and account offers. */
import type { HomePanel } from '../../../web/home-panels.ts';
import { isPersonWithRecords, isStaff, managesReviews } from '../policy.ts';
import type { ForceService } from '../service.ts';

/** The force module's home panels. */
export function forceHomePanels(force: ForceService): HomePanel[] {
  return [
    {
      template: 'force/views/home-drafts-panel.njk',
      async load(actor) {
        if (!isStaff(actor)) return null;
        const drafts = await force.drafts.unfinished(actor);
        return drafts.length ? { drafts } : null;
      },
    },
    {
      template: 'force/views/home-manager-panel.njk',
      async load(actor) {
        if (!managesReviews(actor)) return null;
        const reviews = (await force.reviews.open(actor, 200)).filter((r) => r.overdue);
        return { overdue: reviews.length, items: reviews.slice(0, 5) };
      },
    },
    {
      template: 'force/views/home-person-panel.njk',
      async load(actor) {
        if (!isPersonWithRecords(actor)) return null;
        const mine = await force.personAccount.mine(actor);
        if (mine.length === 0) return null;
        return { waiting: mine.filter((i) => i.account_status === 'none').length };
      },
    },
  ];
}
