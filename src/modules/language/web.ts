/** The language module's web face: "Check my writing" and the organisation's own rules. */
import type { AccessRule } from '../../web/access.ts';
import type { WebModule } from '../../web/module.ts';
import { languageRoles } from './policy.ts';
import type { LanguageService } from './service.ts';
import { registerAdminRoutes } from './web/admin.ts';
import { registerCheckRoutes } from './web/check.ts';

/** Who may call each route in this module. */
export const languageAccessRules: AccessRule[] = [
  { method: 'GET', url: '/check-my-writing', access: languageRoles.writing },
  { method: 'POST', url: '/check-my-writing', access: languageRoles.writing },
  { method: 'GET', url: '/admin/language', access: languageRoles.admin },
  { method: 'POST', url: '/admin/language/rules', access: languageRoles.admin },
  { method: 'POST', url: '/admin/language/allowed-terms', access: languageRoles.admin },
  { method: 'POST', url: '/admin/language/:languageEntryId/remove', access: languageRoles.admin },
];

/** The language pages, and the organisation's rules on every staff page for live suggestions. */
export function languageWeb(deps: { language: LanguageService }): WebModule {
  return {
    accessRules: languageAccessRules,
    navLinks: [
      { href: '/check-my-writing', text: 'Check my writing', roles: languageRoles.writing },
      { href: '/admin/language', text: 'Language rules', roles: languageRoles.admin },
    ],
    register: (app) => {
      registerCheckRoutes(app, deps);
      registerAdminRoutes(app, deps);
    },
  };
}
