/** The home page, the staff "People" list, and turning accounts off and on. */
import type { FastifyInstance } from 'fastify';
import type { HomePanel } from '../../../web/home-panels.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { roleLabels } from '../../../lib/roles.ts';
import { withRequestMemo } from '../../../lib/request-memo.ts';
import type { AccountsService } from '../service.ts';
import { isClinicalStaff } from '../policy.ts';

const homeTemplates = {
  person: 'accounts/views/home-person.njk',
  staff: 'accounts/views/home-staff.njk',
  partner: 'accounts/views/home-partner.njk',
} as const;

/** Words for the banner after an account is turned off or on (`?saved=` after the redirect). */
const peopleNotices: Record<string, string> = {
  disabled: 'Account turned off. They cannot sign in until it is turned on again.',
  enabled: 'Account turned on. They can sign in again.',
};

const peopleHeadings = {
  caseload: 'People you work with',
  units: 'People in your units',
  organisation: 'People using services',
} as const;

/** Registers the home page and the people pages. */
export function registerPeopleRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService; homePanels: readonly HomePanel[] },
): void {
  const { home, people } = deps.accounts;

  // The home page reads only records and writes nothing, so it may be kept while they stand
  // still (src/web/kept-pages.ts): a nurse comes back to it between every other page.
  app.get('/', async (request, reply) =>
    reply.keptPage(async () => {
      const actor = actorOf(request);
      // The panels may share what they read (request-memo.ts).
      const { panels, page } = await withRequestMemo(async () => {
        const loaded: { template: string; data: Record<string, unknown> }[] = [];
        for (const panel of deps.homePanels) {
          const data = await panel.load(actor);
          if (data) loaded.push({ template: panel.template, data });
        }
        return { panels: loaded, page: await home.homeFor(actor) };
      });
      const common = { title: 'Home', panels, roleLabel: roleLabels[actor.role] };
      if (page.kind !== 'staff') {
        return { template: homeTemplates[page.kind], context: { ...common, ...page } };
      }
      return {
        template: homeTemplates.staff,
        context: {
          ...common,
          ...page,
          peopleHeading: peopleHeadings[page.peopleScope],
          wholeOrganisation: page.peopleScope === 'organisation',
          // Names link to the caseload module's person page for staff who have one.
          personPages: isClinicalStaff(actor),
        },
      };
    }),
  );

  app.get('/about', async (_request, reply) =>
    reply.page('accounts/views/about.njk', { title: 'About Hearth' }),
  );
  app.get('/accessibility', async (_request, reply) =>
    reply.page('accounts/views/accessibility.njk', { title: 'Accessibility' }),
  );

  app.get('/people', async (request, reply) => {
    const saved = (request.query as Record<string, unknown>).saved;
    return reply.page('accounts/views/people.njk', {
      title: 'People',
      notice: typeof saved === 'string' ? (peopleNotices[saved] ?? null) : null,
      ...(await people.peopleListFor(actorOf(request))),
    });
  });

  app.post('/people/:accountId/disable', async (request, reply) => {
    const { accountId } = request.params as { accountId: string };
    await people.disableAccount(actorOf(request), accountId, auditContextOf(request));
    return reply.redirect('/people?saved=disabled', 303);
  });

  app.post('/people/:accountId/enable', async (request, reply) => {
    const { accountId } = request.params as { accountId: string };
    await people.enableAccount(actorOf(request), accountId, auditContextOf(request));
    return reply.redirect('/people?saved=enabled', 303);
  });
}
