/** Staff pages for inviting people and seeing the invitations they have made. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { handleForm, errorList, parseForm } from '../../../web/forms.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { roleLabels } from '../../../lib/roles.ts';
import { invitationSchema } from '../schema.ts';
import type { AccountsService } from '../service.ts';

/** Registers the invitation pages. */
export function registerInvitationRoutes(
  app: FastifyInstance,
  deps: { accounts: AccountsService },
): void {
  const { invitations } = deps.accounts;

  async function renderInvitationForm(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const options = await invitations.formOptions(actorOf(request));
    return reply.page('accounts/views/invitation-new.njk', {
      title: options.invitesStaff ? 'Invite a member of staff' : 'Invite a person you work with',
      roleItems: options.roleItems,
      unitItems: options.unitItems,
      values: {},
      errors: {},
      ...extra,
    });
  }

  app.get('/invitations', async (request, reply) =>
    reply.page('accounts/views/invitations.njk', {
      title: 'Invitations',
      invitations: await invitations.listInvitations(actorOf(request)),
      roleLabels,
    }),
  );

  app.get('/invitations/new', async (request, reply) => renderInvitationForm(request, reply));

  app.post('/invitations', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const { link, invitation } = await invitations.createInvitation(
          actorOf(request),
          parseForm(invitationSchema, request.body),
          auditContextOf(request),
        );
        return reply.page('accounts/views/invitation-created.njk', {
          title: 'Invitation ready',
          link,
          invitation,
          roleLabel: roleLabels[invitation.role],
        });
      },
      {
        invalid: (errors) =>
          renderInvitationForm(request, reply, {
            values: request.body,
            errors,
            errorList: errorList(errors),
          }),
      },
    ),
  );
}
