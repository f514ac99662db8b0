/** The conversation's pages: starting it, getting ready, each step after the questions, and the summary. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { handleForm, parseForm } from '../../../web/forms.ts';
import { isAppError } from '../../../lib/app-error.ts';
import type { EnquiryService } from '../service.ts';
import { stagePath } from '../context.ts';
import { notAskedReasons } from '../content.ts';
import {
  closeSchema,
  consentSchema,
  notAskedSchema,
  prepareSchema,
  recordSchema,
  respondSchema,
} from '../schema.ts';
import { bodyOf, formErrors, paramOf, savedNoticeOf } from './request.ts';

/** Banner words on the summary after each kind of save that lands there. */
const summaryNotices: Record<string, string> = {
  referral: 'Support offer saved. You can see it under "Support and referrals" below.',
  'referral-status': 'Referral updated.',
  'step-done': 'Marked as done.',
  'not-asked': 'Saved. The reason is kept with this conversation.',
  'follow-up': 'Follow-up saved.',
  closed: 'Saved. The conversation is closed.',
  recorded: 'Saved. What you recorded together is kept, with the choices the person made.',
};
import { renderStep, stepForm } from './steps.ts';

/** Registers the conversation's pages. */
export function registerConversationRoutes(app: FastifyInstance, enquiry: EnquiryService): void {
  const { conversation } = enquiry;
  const step = (
    request: FastifyRequest,
    reply: FastifyReply,
    stage: Parameters<typeof renderStep>[3],
  ) => renderStep(enquiry, request, reply, stage);

  app.post('/enquiry/people/:personId/start', async (request, reply) => {
    try {
      const id = await conversation.start(
        actorOf(request),
        paramOf(request, 'personId'),
        auditContextOf(request),
      );
      return reply.redirect(`/enquiry/${id}`, 303);
    } catch (error) {
      // Not a form: a clash here gets its own page, naming who has the conversation open.
      if (isAppError(error) && error.kind === 'conflict') {
        reply.code(409);
        return reply.page('enquiry/views/conflict.njk', {
          title: 'A conversation is already open',
          message: error.message,
          continueHref: '/enquiry',
        });
      }
      throw error;
    }
  });

  app.get('/enquiry/:enquiryId', async (request, reply) => {
    const summary = await conversation.summary(
      actorOf(request),
      paramOf(request),
      auditContextOf(request),
    );
    if (summary.stage !== 'done') return reply.redirect(stagePath(summary.id, summary.stage), 303);
    return reply.page('enquiry/views/summary.njk', {
      title: `Conversation with ${summary.personName}`,
      summary,
      notice: savedNoticeOf(request, summaryNotices),
    });
  });

  app.get('/enquiry/:enquiryId/prepare', (request, reply) =>
    renderStep(enquiry, request, reply, 'prepare', { values: { mode: 'together' } }),
  );
  app.post('/enquiry/:enquiryId/prepare', (request, reply) =>
    stepForm(enquiry, request, reply, 'prepare', async () => {
      const input = parseForm(prepareSchema, request.body);
      await conversation.prepare(
        actorOf(request),
        paramOf(request),
        input,
        auditContextOf(request),
      );
      return `/enquiry/${paramOf(request)}/consent`;
    }),
  );

  async function renderNotAsked(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const view = await conversation.openStep(
      actorOf(request),
      paramOf(request),
      'prepare',
      auditContextOf(request),
    );
    if (view.stage !== 'prepare' && view.stage !== 'consent') {
      return reply.redirect(stagePath(view.id, view.stage), 303);
    }
    return reply.page('enquiry/views/not-asked.njk', {
      title: 'Not asking today',
      view,
      notAskedReasons,
      values: {},
      errors: {},
      ...extra,
    });
  }
  app.get('/enquiry/:enquiryId/not-asked', (request, reply) => renderNotAsked(request, reply));
  app.post('/enquiry/:enquiryId/not-asked', (request, reply) => {
    const body = bodyOf(request);
    const values = {
      ...body,
      returnOn: {
        day: body['returnOn[day]'],
        month: body['returnOn[month]'],
        year: body['returnOn[year]'],
      },
    };
    return handleForm(
      reply,
      async () => {
        const input = parseForm(notAskedSchema, request.body);
        await conversation.notAsked(
          actorOf(request),
          paramOf(request),
          input,
          auditContextOf(request),
        );
        return reply.redirect(`/enquiry/${paramOf(request)}?saved=not-asked`, 303);
      },
      {
        invalid: (errors) => renderNotAsked(request, reply, { values, ...formErrors(errors) }),
        conflict: (message) => renderNotAsked(request, reply, { values, conflict: message }),
      },
    );
  });

  app.get('/enquiry/:enquiryId/consent', (request, reply) => step(request, reply, 'consent'));
  app.post('/enquiry/:enquiryId/consent', (request, reply) =>
    stepForm(enquiry, request, reply, 'consent', async () => {
      const input = parseForm(consentSchema, request.body);
      const id = paramOf(request);
      const choice = await conversation.consent(
        actorOf(request),
        id,
        input,
        auditContextOf(request),
      );
      return choice === 'now' ? `/enquiry/${id}/ask` : `/enquiry/${id}`;
    }),
  );

  app.get('/enquiry/:enquiryId/respond', (request, reply) => step(request, reply, 'respond'));
  app.post('/enquiry/:enquiryId/respond', (request, reply) =>
    stepForm(enquiry, request, reply, 'respond', async () => {
      const input = parseForm(respondSchema, request.body);
      await conversation.respond(
        actorOf(request),
        paramOf(request),
        input,
        auditContextOf(request),
      );
      return `/enquiry/${paramOf(request)}/close`;
    }),
  );

  app.get('/enquiry/:enquiryId/close', (request, reply) => step(request, reply, 'close'));
  app.post('/enquiry/:enquiryId/close', (request, reply) =>
    stepForm(enquiry, request, reply, 'close', async () => {
      const input = parseForm(closeSchema, request.body);
      const id = paramOf(request);
      const { disclosed } = await conversation.close(
        actorOf(request),
        id,
        input,
        auditContextOf(request),
      );
      return disclosed ? `/enquiry/${id}/record` : `/enquiry/${id}?saved=closed`;
    }),
  );

  app.get('/enquiry/:enquiryId/record', (request, reply) => step(request, reply, 'record'));
  app.post('/enquiry/:enquiryId/record', (request, reply) =>
    stepForm(enquiry, request, reply, 'record', async () => {
      const input = parseForm(recordSchema, request.body);
      await conversation.recordDisclosure(
        actorOf(request),
        paramOf(request),
        input,
        auditContextOf(request),
      );
      return `/enquiry/${paramOf(request)}?saved=recorded`;
    }),
  );

  app.post('/enquiry/:enquiryId/follow-up', async (request, reply) => {
    await conversation.recordFollowUp(
      actorOf(request),
      paramOf(request),
      Number(bodyOf(request).version),
      auditContextOf(request),
    );
    return reply.redirect(`/enquiry/${paramOf(request)}?saved=follow-up`, 303);
  });
}
