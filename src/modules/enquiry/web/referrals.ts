/** Support after a conversation: offering support or referring, and the practitioner's next steps. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { handleForm, parseForm } from '../../../web/forms.ts';
import type { EnquiryService } from '../service.ts';
import { referralSchema, referralStatusSchema, supervisionSchema } from '../schema.ts';
import { bodyOf, formErrors, paramOf } from './request.ts';

/** Registers the referral and next-step routes. */
export function registerReferralRoutes(app: FastifyInstance, enquiry: EnquiryService): void {
  const { referrals, nextSteps } = enquiry;

  async function renderReferral(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const options = await referrals.options(actorOf(request), paramOf(request));
    return reply.page('enquiry/views/referral-new.njk', {
      title: 'Offer support or refer',
      options,
      values: {},
      errors: {},
      ...extra,
    });
  }
  app.get('/enquiry/:enquiryId/referrals/new', (request, reply) => renderReferral(request, reply));
  app.post('/enquiry/:enquiryId/referrals', (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(referralSchema, request.body);
          await referrals.add(actorOf(request), paramOf(request), input, auditContextOf(request));
          return reply.redirect(`/enquiry/${paramOf(request)}?saved=referral`, 303);
        },
        {
          invalid: (errors) =>
            renderReferral(request, reply, { values: bodyOf(request), ...formErrors(errors) }),
        },
      ),
    ),
  );

  app.post('/referrals/:referralId/status', async (request, reply) => {
    // The service checks access before the form, so others get 404, not a form error.
    const parsed = referralStatusSchema.safeParse(request.body ?? {});
    const enquiryId = await referrals.updateStatus(
      actorOf(request),
      paramOf(request, 'referralId'),
      parsed.success ? parsed.data.status : 'waiting',
      auditContextOf(request),
      !parsed.success,
    );
    return reply.redirect(`/enquiry/${enquiryId}?saved=referral-status`, 303);
  });

  app.post('/enquiry/tasks/:taskId/done', async (request, reply) => {
    const enquiryId = await nextSteps.completeSafetyStep(
      actorOf(request),
      paramOf(request, 'taskId'),
      auditContextOf(request),
    );
    return reply.redirect(`/enquiry/${enquiryId}?saved=step-done`, 303);
  });

  app.post('/enquiry/tasks/:taskId/supervision', async (request, reply) => {
    const parsed = supervisionSchema.safeParse(request.body ?? {});
    const response = await nextSteps.answerSupervision(
      actorOf(request),
      paramOf(request, 'taskId'),
      parsed.success ? parsed.data.response : null,
      auditContextOf(request),
    );
    return reply.page('enquiry/views/supervision.njk', {
      title: response === 'requested' ? 'Reflective space' : 'Looking after yourself',
      response,
    });
  });
}
