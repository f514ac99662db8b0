/** Pages for signing in and out, home, invitations and the people list. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessRule } from '../../web/access.ts';
import {
  actorOf,
  auditContextOf,
  sessionCookieName,
  sessionCookieOptions,
} from '../../web/server.ts';
import { errorList, parseForm } from '../../web/forms.ts';
import { isAppError } from '../../lib/app-error.ts';
import type { Config } from '../../config.ts';
import type { HomePanel } from '../../web/home-panels.ts';
import type { AccountsService } from './service.ts';
import { acceptInvitationSchema, invitationSchema, signInSchema } from './schema.ts';
import { roleLabels } from '../../lib/roles.ts';

const staffWhoInvite = ['practitioner', 'unit_manager', 'org_admin'] as const;

/** Who may call each route in this module. */
export const accountsAccessRules: AccessRule[] = [
  { method: 'GET', url: '/sign-in', access: 'public' },
  { method: 'POST', url: '/sign-in', access: 'public' },
  { method: 'GET', url: '/sign-out', access: 'public' },
  { method: 'POST', url: '/sign-out', access: 'public' },
  { method: 'GET', url: '/', access: 'signed-in' },
  { method: 'GET', url: '/about', access: 'public' },
  { method: 'GET', url: '/accessibility', access: 'public' },
  { method: 'GET', url: '/invitations', access: staffWhoInvite },
  { method: 'GET', url: '/invitations/new', access: staffWhoInvite },
  { method: 'POST', url: '/invitations', access: staffWhoInvite },
  { method: 'GET', url: '/invitations/:token', access: 'public' },
  { method: 'POST', url: '/invitations/:token', access: 'public' },
  { method: 'GET', url: '/people', access: ['practitioner', 'unit_manager', 'org_admin'] },
  { method: 'POST', url: '/people/:accountId/disable', access: ['org_admin'] },
  { method: 'POST', url: '/people/:accountId/enable', access: ['org_admin'] },
];

/** Keeps `next` to a path on this site, so sign-in cannot be used to send someone elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-/?=&%.]*$/.test(next) ? next : '/';
}

/** Registers the accounts pages. */
export function registerAccountsRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService; config: Config; homePanels: HomePanel[] },
): void {
  const { accounts, config } = deps;
  const cookieName = sessionCookieName(config);

  function setSession(reply: FastifyReply, token: string): void {
    reply.setCookie(cookieName, token, sessionCookieOptions(config));
  }

  function renderSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const query = request.query as Record<string, unknown>;
    return reply.page('accounts/views/sign-in.njk', {
      title: 'Sign in',
      next: safeNext(query.next ?? (request.body as Record<string, unknown> | undefined)?.next),
      values: {},
      errors: {},
      ...extra,
    });
  }

  app.get('/sign-in', async (request, reply) => {
    if (request.actor) return reply.redirect('/', 303);
    return renderSignIn(request, reply);
  });

  app.post('/sign-in', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      const input = parseForm(signInSchema, body);
      const { token } = await accounts.signIn(input, request.ip);
      setSession(reply, token);
      return reply.redirect(safeNext(body.next), 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderSignIn(request, reply, {
          values: { email: typeof body.email === 'string' ? body.email : '' },
          errors: error.fields,
          errorList: errorList(error.fields),
        });
      }
      throw error;
    }
  });

  app.get('/sign-out', async (request, reply) => {
    if (!request.actor) return reply.redirect('/sign-in', 303);
    return reply.page('accounts/views/sign-out.njk', { title: 'Sign out' });
  });

  app.post('/sign-out', async (request, reply) => {
    if (request.sessionToken) await accounts.signOut(request.sessionToken, auditContextOf(request));
    reply.clearCookie(cookieName, { path: '/' });
    // Remove anything kept on this device, such as the offline copy of the person's plan.
    reply.header('Clear-Site-Data', '"cache", "storage"');
    return reply.page('accounts/views/signed-out.njk', { title: 'You have signed out' });
  });

  app.get('/', async (request, reply) => {
    const actor = actorOf(request);
    const panels: { template: string; data: Record<string, unknown> }[] = [];
    for (const panel of deps.homePanels) {
      const data = await panel.load(actor);
      if (data) panels.push({ template: panel.template, data });
    }
    const common = { title: 'Home', panels, roleLabel: roleLabels[actor.role] };
    switch (actor.role) {
      case 'service_user':
        return reply.page('accounts/views/home-person.njk', {
          ...common,
          practitioners: await accounts.myPractitioners(actor),
          units: await accounts.unitsOf(actor),
        });
      case 'practitioner':
        return reply.page('accounts/views/home-staff.njk', {
          ...common,
          units: await accounts.unitsOf(actor),
          people: await accounts.caseloadOf(actor),
          peopleHeading: 'People you work with',
          canInvite: true,
        });
      case 'unit_manager':
      case 'org_admin':
        return reply.page('accounts/views/home-staff.njk', {
          ...common,
          units: await accounts.unitsOf(actor),
          people: (await accounts.peopleInMyUnits(actor)).filter((p) => p.role === 'service_user'),
          peopleHeading:
            actor.role === 'org_admin' ? 'People using services' : 'People in your units',
          invitations: (await accounts.listInvitations(actor)).slice(0, 5),
          canInvite: true,
        });
      case 'lived_experience_partner':
      case 'national_operator':
        return reply.page('accounts/views/home-partner.njk', common);
    }
  });

  app.get('/about', async (_request, reply) =>
    reply.page('accounts/views/about.njk', { title: 'About Hearth' }),
  );
  app.get('/accessibility', async (_request, reply) =>
    reply.page('accounts/views/accessibility.njk', { title: 'Accessibility' }),
  );

  app.get('/invitations', async (request, reply) => {
    const actor = actorOf(request);
    return reply.page('accounts/views/invitations.njk', {
      title: 'Invitations',
      invitations: await accounts.listInvitations(actor),
      roleLabels,
    });
  });

  async function renderInvitationForm(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const actor = actorOf(request);
    const units = await accounts.unitsForInvitation(actor);
    return reply.page('accounts/views/invitation-new.njk', {
      title:
        actor.role === 'org_admin' ? 'Invite a member of staff' : 'Invite a person you work with',
      roleItems: accounts.rolesForInvitation(actor),
      unitItems: units.map((u) => ({ value: u.id, text: u.name })),
      values: {},
      errors: {},
      ...extra,
    });
  }

  app.get('/invitations/new', async (request, reply) => renderInvitationForm(request, reply));

  app.post('/invitations', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    try {
      const input = parseForm(invitationSchema, body);
      const { link, invitation } = await accounts.createInvitation(
        actorOf(request),
        input,
        auditContextOf(request),
      );
      return reply.page('accounts/views/invitation-created.njk', {
        title: 'Invitation ready',
        link,
        invitation,
        roleLabel: roleLabels[invitation.role],
      });
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderInvitationForm(request, reply, {
          values: body,
          errors: error.fields,
          errorList: errorList(error.fields),
        });
      }
      throw error;
    }
  });

  app.get('/invitations/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    const invitation = await accounts.viewInvitation(token);
    return reply.page('accounts/views/invitation-accept.njk', {
      title: 'Set up your account',
      invitation,
      token,
      errors: {},
    });
  });

  app.post('/invitations/:token', async (request, reply) => {
    const { token } = request.params as { token: string };
    try {
      const input = parseForm(acceptInvitationSchema, request.body);
      const result = await accounts.acceptInvitation(token, input, request.ip);
      setSession(reply, result.token);
      return reply.redirect('/', 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        const invitation = await accounts.viewInvitation(token);
        return reply.page('accounts/views/invitation-accept.njk', {
          title: 'Set up your account',
          invitation,
          token,
          errors: error.fields,
          errorList: errorList(error.fields),
        });
      }
      throw error;
    }
  });

  app.get('/people', async (request, reply) => {
    const actor = actorOf(request);
    const people =
      actor.role === 'practitioner'
        ? await accounts.caseloadOf(actor)
        : await accounts.peopleInMyUnits(actor);
    return reply.page('accounts/views/people.njk', {
      title: 'People',
      people,
      canDisable: actor.role === 'org_admin',
    });
  });

  app.post('/people/:accountId/disable', async (request, reply) => {
    const { accountId } = request.params as { accountId: string };
    await accounts.disableAccount(actorOf(request), accountId, auditContextOf(request));
    return reply.redirect('/people', 303);
  });

  app.post('/people/:accountId/enable', async (request, reply) => {
    const { accountId } = request.params as { accountId: string };
    await accounts.enableAccount(actorOf(request), accountId, auditContextOf(request));
    return reply.redirect('/people', 303);
  });
}
