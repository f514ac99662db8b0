/** The enquiry module's web face: asking about trauma, responding, support and reflection. */
import type { WebModule } from '../../web/module.ts';
import type { EnquiryService } from './service.ts';
import { enquiryAccessRules, enquiryHomePanels, registerEnquiryRoutes } from './routes.ts';

export { enquiryAccessRules };

/** The enquiry pages. */
export function enquiryWeb(deps: { enquiry: EnquiryService }): WebModule {
  return {
    accessRules: enquiryAccessRules,
    navLinks: [
      {
        href: '/enquiry',
        text: 'Asking about trauma',
        roles: ['practitioner', 'unit_manager', 'org_admin'],
      },
    ],
    homePanels: enquiryHomePanels(deps.enquiry),
    register: (app) => registerEnquiryRoutes(app, deps),
  };
}
