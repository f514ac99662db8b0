/** Suggested changes: a practitioner suggests, the person accepts or declines. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import type { PlansService } from '../service.ts';
import { contentSchema, proposalNoteSchema } from '../schema.ts';
import type { Values } from './plan-form.ts';
import { contentAsValues, formSections } from './plan-form.ts';

/** Registers the suggestion pages for practitioners and the decision pages for the person. */
export function registerProposalRoutes(app: FastifyInstance, plans: PlansService): void {
  async function renderPropose(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    failed: { values?: Values; errors?: FieldErrors } = {},
  ) {
    const base = await plans.proposals.contentFor(actorOf(request), planId);
    const errors = failed.errors ?? {};
    const values = failed.values ?? contentAsValues(base.content);
    const audience = { shared: [], privateSections: [] };
    return reply.page('plans/views/propose.njk', {
      title: `Suggest a change to ${base.personName}'s plan`,
      base,
      values,
      errors,
      errorList: errorList(errors),
      sections: formSections(values, [], errors, audience, null, base.hiddenSections),
    });
  }

  app.get('/plans/:planId/propose', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    return renderPropose(request, reply, planId);
  });

  app.post('/plans/:planId/proposals', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    const body = (request.body ?? {}) as Values;
    return submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const content = parseForm(contentSchema, { ...body, declined: undefined });
          const { note } = parseForm(proposalNoteSchema, body);
          const actor = actorOf(request);
          const id = await plans.proposals.propose(
            actor,
            planId,
            { content, note },
            auditContextOf(request),
          );
          // Sent either way; words that might read differently are shown once, never blocking.
          const suggestions = await plans.proposals.languageSuggestions(actor, planId, id);
          if (suggestions.length === 0)
            return reply.redirect(`/plans/${planId}?saved=suggested`, 303);
          const base = await plans.proposals.contentFor(actor, planId);
          return reply.page('plans/views/proposal-sent.njk', {
            title: `Your suggestion was sent to ${base.personName}`,
            planId,
            personName: base.personName,
            suggestions,
          });
        },
        { invalid: (errors) => renderPropose(request, reply, planId, { values: body, errors }) },
      ),
    );
  });

  app.get('/my-plan/proposals/:proposalId', async (request, reply) => {
    const { proposalId } = request.params as { proposalId: string };
    const proposal = await plans.proposals.getMine(actorOf(request), proposalId);
    return reply.page('plans/views/proposal.njk', {
      title: 'A suggested change to your plan',
      proposal,
    });
  });

  for (const decision of ['accept', 'decline'] as const) {
    app.post(`/my-plan/proposals/:proposalId/${decision}`, async (request, reply) => {
      const { proposalId } = request.params as { proposalId: string };
      await plans.proposals.decide(actorOf(request), proposalId, decision, auditContextOf(request));
      const notice = decision === 'accept' ? 'accepted' : 'declined';
      return reply.redirect(`/my-plan?notice=${notice}`, 303);
    });
  }
}
