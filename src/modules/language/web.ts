/** The language module's web face: "Check my writing" and the organisation's own rules. */
import type { WebModule } from '../../web/module.ts';
import { writingRoles } from './policy.ts';
import type { LanguageService } from './service.ts';
import { languageAccessRules, registerLanguageRoutes } from './routes.ts';

export { languageAccessRules };

/** The language pages, and the organisation's rules on every staff page for live suggestions. */
export function languageWeb(deps: { language: LanguageService }): WebModule {
  return {
    accessRules: languageAccessRules,
    navLinks: [
      { href: '/check-my-writing', text: 'Check my writing', roles: writingRoles },
      { href: '/admin/language', text: 'Language rules', roles: ['org_admin'] },
    ],
    register: (app) => registerLanguageRoutes(app, deps),
  };
}
