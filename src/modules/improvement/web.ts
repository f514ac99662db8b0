/** The improvement module's web face: plans, their actions, progress, goals and partners' words. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { improvementRoles } from './policy.ts';
import type { ImprovementService } from './service.ts';
import { registerActionRoutes } from './web/actions.ts';
import { registerPlanRoutes } from './web/plans.ts';
import { registerReviewRoutes } from './web/reviews.ts';

const plan = '/improvement/plans/:improvementPlanId';

/** Who may call each route in this module. */
export const improvementAccessRules: AccessRule[] = [
  { method: 'GET', url: '/improvement', access: improvementRoles.view },
  { method: 'POST', url: '/improvement/plans', access: improvementRoles.edit },
  { method: 'GET', url: '/improvement/for-round/:roundId', access: improvementRoles.view },
  { method: 'GET', url: plan, access: improvementRoles.view },
  { method: 'GET', url: `${plan}/print`, access: improvementRoles.view },
  { method: 'POST', url: `${plan}/actions`, access: improvementRoles.edit },
  { method: 'GET', url: `${plan}/actions/:improvementActionId`, access: improvementRoles.edit },
  { method: 'POST', url: `${plan}/actions/:improvementActionId`, access: improvementRoles.edit },
  {
    method: 'POST',
    url: `${plan}/actions/:improvementActionId/progress`,
    access: improvementRoles.progress,
  },
  { method: 'POST', url: `${plan}/goals`, access: improvementRoles.edit },
  { method: 'GET', url: `${plan}/goals/:improvementGoalId`, access: improvementRoles.edit },
  { method: 'POST', url: `${plan}/goals/:improvementGoalId`, access: improvementRoles.edit },
  { method: 'POST', url: `${plan}/review`, access: improvementRoles.review },
];

/** The improvement plan pages. */
export function improvementWeb(deps: { improvement: ImprovementService }): WebModule {
  const { improvement } = deps;
  return {
    accessRules: improvementAccessRules,
    navLinks: [{ href: '/improvement', text: 'Improvement plans', roles: improvementRoles.view }],
    homePanels: [
      {
        template: 'improvement/views/panel-overdue.njk',
        load: async (actor) => {
          const { mine, managed } = await improvement.overdue.forHome(actor);
          return mine.length + managed.length > 0 ? { mine, managed } : null;
        },
      },
    ],
    register: (app) => {
      registerPlanRoutes(app, deps);
      registerActionRoutes(app, deps);
      registerReviewRoutes(app, deps);
    },
  };
}
