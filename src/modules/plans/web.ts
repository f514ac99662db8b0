/** The plans module's web face: the person's own plan, sharing, and plans shared with staff. */
import type { Config } from '../../config.ts';
import type { WebModule } from '../../web/module.ts';
import type { AccessRule } from '../../web/access.ts';
import type { PlansService } from './service.ts';
import { planRoles } from './policy.ts';
import { registerOwnPlanRoutes } from './web/own-plan.ts';
import { registerSharingRoutes } from './web/sharing.ts';
import { registerProposalRoutes } from './web/proposals.ts';
import { registerAgreementRoutes } from './web/agreements.ts';
import { registerStaffPlanRoutes } from './web/staff-plans.ts';
import { registerEmergencyAccessRoutes } from './web/emergency-access.ts';
import { registerSupporterRoutes } from './web/supporter.ts';

const { person, clinicians, proposers, reviewers, fhir } = planRoles;

/** Who may call each route in this module. */
export const plansAccessRules: AccessRule[] = [
  { method: 'GET', url: '/my-plan', access: person },
  { method: 'GET', url: '/my-plan/edit', access: person },
  { method: 'POST', url: '/my-plan', access: person },
  { method: 'GET', url: '/my-plan/history', access: person },
  { method: 'GET', url: '/my-plan/history/:version', access: person },
  { method: 'GET', url: '/my-plan/sharing', access: person },
  { method: 'POST', url: '/my-plan/sharing', access: person },
  { method: 'POST', url: '/my-plan/supporter-links', access: person },
  { method: 'POST', url: '/my-plan/supporter-links/:linkId/revoke', access: person },
  { method: 'GET', url: '/my-plan/proposals/:proposalId', access: person },
  { method: 'POST', url: '/my-plan/proposals/:proposalId/accept', access: person },
  { method: 'POST', url: '/my-plan/proposals/:proposalId/decline', access: person },
  { method: 'GET', url: '/my-plan/agreement', access: person },
  { method: 'POST', url: '/my-plan/agreement', access: person },
  { method: 'GET', url: '/my-plan/print', access: person },
  { method: 'GET', url: '/my-plan/card', access: person },
  { method: 'GET', url: '/my-plan/download.json', access: person },
  { method: 'GET', url: '/my-plan/offline', access: person },
  // The service worker holds no personal information; browsers fetch it to check for updates.
  { method: 'GET', url: '/my-plan/sw.js', access: 'public' },
  { method: 'GET', url: '/plans', access: clinicians },
  { method: 'GET', url: '/plans/emergency-access', access: clinicians },
  { method: 'POST', url: '/plans/emergency-access', access: clinicians },
  { method: 'POST', url: '/plans/emergency-access/:accessId/review', access: reviewers },
  { method: 'GET', url: '/plans/:planId', access: clinicians },
  { method: 'GET', url: '/plans/:planId/at-a-glance', access: clinicians },
  { method: 'GET', url: '/plans/:planId/print', access: clinicians },
  { method: 'GET', url: '/plans/:planId/card', access: clinicians },
  { method: 'GET', url: '/plans/:planId/fhir', access: fhir },
  { method: 'GET', url: '/plans/:planId/propose', access: proposers },
  { method: 'POST', url: '/plans/:planId/proposals', access: proposers },
  { method: 'GET', url: '/plans/:planId/agreement', access: clinicians },
  { method: 'POST', url: '/plans/:planId/agreement', access: clinicians },
  { method: 'GET', url: '/shared-plan/:linkToken', access: 'public' },
  { method: 'POST', url: '/shared-plan/:linkToken', access: 'public' },
];

/** The plans pages, header links and home panel. */
export function plansWeb(deps: { plans: PlansService; config: Config }): WebModule {
  const { plans } = deps;
  return {
    accessRules: plansAccessRules,
    navLinks: [
      { href: '/my-plan', text: 'My plan', roles: person },
      { href: '/plans', text: 'Plans shared with me', roles: clinicians },
    ],
    // The service decides, through the policy, what each role's panel shows (null hides it).
    homePanels: [
      { template: 'plans/views/panel.njk', load: (actor) => plans.overview.panel(actor) },
    ],
    register(app) {
      registerOwnPlanRoutes(app, plans);
      registerSharingRoutes(app, plans);
      registerProposalRoutes(app, plans);
      registerAgreementRoutes(app, plans);
      registerStaffPlanRoutes(app, plans);
      registerEmergencyAccessRoutes(app, plans);
      registerSupporterRoutes(app, plans, deps.config);
    },
  };
}
