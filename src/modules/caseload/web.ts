/** The caseload module's web face: the nurse's person page, the name search and its home panel. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { caseloadRoles, mayUseCaseload } from './policy.ts';
import type { CaseloadService } from './service.ts';
import { registerPersonPageRoutes } from './web/person-page.ts';
import { registerSearchRoutes } from './web/search.ts';

const { nurses } = caseloadRoles;

/** Who may call each route in this module. */
export const caseloadAccessRules: AccessRule[] = [
  { method: 'GET', url: '/caseload/search', access: nurses },
  { method: 'GET', url: '/caseload/:personId', access: nurses },
];

/** The person pages, and a search box on the home page of staff who have them. */
export function caseloadWeb(deps: { caseload: CaseloadService }): WebModule {
  return {
    accessRules: caseloadAccessRules,
    homePanels: [
      {
        template: 'caseload/views/panel.njk',
        load: async (actor) => (mayUseCaseload(actor) ? { name: '' } : null),
      },
    ],
    register(app) {
      registerSearchRoutes(app, deps.caseload);
      registerPersonPageRoutes(app, deps.caseload);
    },
  };
}
