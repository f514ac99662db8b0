/** The enquiry module's web face: asking about trauma, responding, support and reflection. */
import type { WebModule } from '../../web/module.ts';
import { enquiryRoles } from './policy.ts';
import type { EnquiryService } from './service.ts';
import { enquiryAccessRules } from './web/access-rules.ts';
import { registerConversationRoutes } from './web/conversation.ts';
import { registerDisclosureRoutes } from './web/disclosures.ts';
import { enquiryHomePanels, registerOverviewRoutes } from './web/overview.ts';
import { registerReferralRoutes } from './web/referrals.ts';
import { registerQuestionRoutes } from './web/questions.ts';
import { registerReflectionRoutes } from './web/reflections.ts';
import { registerSupportServiceRoutes } from './web/support-services.ts';

export { enquiryAccessRules };

/** The enquiry pages. */
export function enquiryWeb(deps: { enquiry: EnquiryService }): WebModule {
  const { enquiry } = deps;
  return {
    accessRules: enquiryAccessRules,
    navLinks: [{ href: '/enquiry', text: 'Asking about trauma', roles: enquiryRoles.staff }],
    homePanels: enquiryHomePanels(enquiry),
    register: (app) => {
      // The fixed paths (/enquiry/rates, /enquiry/guide) come before /enquiry/:enquiryId.
      registerOverviewRoutes(app, enquiry);
      registerConversationRoutes(app, enquiry);
      registerQuestionRoutes(app, enquiry);
      registerDisclosureRoutes(app, enquiry);
      registerReferralRoutes(app, enquiry);
      registerSupportServiceRoutes(app, enquiry);
      registerReflectionRoutes(app, enquiry);
    },
  };
}
