/** Pages for asking about trauma: the conversation, disclosures, support, rates and reflection. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessRule } from '../../web/access.ts';
import { actorOf, auditContextOf } from '../../web/server.ts';
import { errorList, parseForm } from '../../web/forms.ts';
import { AppError, isAppError } from '../../lib/app-error.ts';
import type { HomePanel } from '../../web/home-panels.ts';
import type { EnquiryService } from './service.ts';
import { stagePath } from './service.ts';
import {
  answerChoices,
  enquiryQuestions,
  notAskedReasons,
  preparationChecks,
  reflectionQuestions,
  reflectionWays,
  responseSteps,
  safetyQuestions,
} from './content.ts';
import {
  answerSchema,
  closeSchema,
  consentSchema,
  notAskedSchema,
  prepareSchema,
  recordSchema,
  referralSchema,
  referralStatusSchema,
  reflectionSchema,
  respondSchema,
  serviceSchema,
  sharingSchema,
  stopSchema,
  supervisionSchema,
} from './schema.ts';
import type { EnquiryStage } from './tables.ts';

const lead = ['practitioner'] as const;
const leadOrPerson = ['practitioner', 'service_user'] as const;
const directoryKeepers = ['unit_manager', 'org_admin'] as const;

/** Who may call each route in this module. Record-level checks are in policy.ts. */
export const enquiryAccessRules: AccessRule[] = [
  { method: 'GET', url: '/enquiry', access: ['practitioner', 'unit_manager', 'org_admin'] },
  { method: 'GET', url: '/enquiry/rates', access: directoryKeepers },
  {
    method: 'GET',
    url: '/enquiry/guide',
    access: ['practitioner', 'unit_manager', 'org_admin', 'lived_experience_partner'],
  },
  { method: 'GET', url: '/enquiry/thank-you', access: ['service_user'] },
  { method: 'POST', url: '/enquiry/people/:personId/start', access: lead },
  { method: 'GET', url: '/enquiry/:enquiryId', access: lead },
  { method: 'GET', url: '/enquiry/:enquiryId/prepare', access: lead },
  { method: 'POST', url: '/enquiry/:enquiryId/prepare', access: lead },
  { method: 'GET', url: '/enquiry/:enquiryId/not-asked', access: lead },
  { method: 'POST', url: '/enquiry/:enquiryId/not-asked', access: lead },
  { method: 'GET', url: '/enquiry/:enquiryId/consent', access: lead },
  { method: 'POST', url: '/enquiry/:enquiryId/consent', access: lead },
  { method: 'GET', url: '/enquiry/:enquiryId/ask', access: leadOrPerson },
  { method: 'POST', url: '/enquiry/:enquiryId/ask', access: leadOrPerson },
  { method: 'POST', url: '/enquiry/:enquiryId/pause', access: leadOrPerson },
  { method: 'GET', url: '/enquiry/:enquiryId/stop', access: leadOrPerson },
  { method: 'POST', url: '/enquiry/:enquiryId/stop', access: leadOrPerson },
  { method: 'GET', url: '/enquiry/:enquiryId/respond', access: lead },
  { method: 'POST', url: '/enquiry/:enquiryId/respond', access: lead },
  { method: 'GET', url: '/enquiry/:enquiryId/close', access: lead },
  { method: 'POST', url: '/enquiry/:enquiryId/close', access: lead },
  { method: 'GET', url: '/enquiry/:enquiryId/record', access: lead },
  { method: 'POST', url: '/enquiry/:enquiryId/record', access: lead },
  { method: 'POST', url: '/enquiry/:enquiryId/follow-up', access: lead },
  { method: 'GET', url: '/enquiry/:enquiryId/referrals/new', access: lead },
  { method: 'POST', url: '/enquiry/:enquiryId/referrals', access: lead },
  { method: 'POST', url: '/referrals/:referralId/status', access: lead },
  { method: 'POST', url: '/enquiry/tasks/:taskId/done', access: lead },
  { method: 'POST', url: '/enquiry/tasks/:taskId/supervision', access: lead },
  {
    method: 'GET',
    url: '/disclosures/:disclosureId',
    access: ['service_user', 'practitioner', 'unit_manager'],
  },
  { method: 'POST', url: '/disclosures/:disclosureId/sharing', access: ['service_user'] },
  { method: 'GET', url: '/disclosures/:disclosureId/withdraw', access: ['service_user'] },
  { method: 'POST', url: '/disclosures/:disclosureId/withdraw', access: ['service_user'] },
  { method: 'POST', url: '/disclosures/:disclosureId/restore', access: ['service_user'] },
  {
    method: 'GET',
    url: '/support-services',
    access: ['practitioner', 'unit_manager', 'org_admin'],
  },
  { method: 'GET', url: '/support-services/new', access: directoryKeepers },
  { method: 'POST', url: '/support-services', access: directoryKeepers },
  { method: 'GET', url: '/support-services/:serviceId/edit', access: directoryKeepers },
  { method: 'POST', url: '/support-services/:serviceId', access: directoryKeepers },
  { method: 'GET', url: '/what-happened-to-you', access: ['service_user'] },
  { method: 'POST', url: '/what-happened-to-you', access: ['service_user'] },
  { method: 'GET', url: '/what-happened-to-you/saved/:reflectionId', access: ['service_user'] },
  {
    method: 'POST',
    url: '/what-happened-to-you/saved/:reflectionId/delete',
    access: ['service_user'],
  },
];

function fieldsOf(error: AppError) {
  return { errors: error.fields, errorList: errorList(error.fields) };
}

/** Registers the enquiry pages. */
export function registerEnquiryRoutes(
  app: FastifyInstance,
  deps: { enquiry: EnquiryService },
): void {
  const { enquiry } = deps;

  const idOf = (request: FastifyRequest, name = 'enquiryId') =>
    (request.params as Record<string, string>)[name] ?? '';
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const versionOf = (request: FastifyRequest) => Number(bodyOf(request).version);

  const stageTemplates: Record<
    Exclude<EnquiryStage, 'done'>,
    { template: string; title: string }
  > = {
    prepare: { template: 'enquiry/views/prepare.njk', title: 'Before you ask' },
    consent: { template: 'enquiry/views/consent.njk', title: 'Why we ask everyone' },
    ask: { template: 'enquiry/views/ask.njk', title: 'Questions about hard experiences' },
    respond: { template: 'enquiry/views/respond.njk', title: 'Responding to what was shared' },
    close: { template: 'enquiry/views/close.njk', title: 'Closing the conversation' },
    record: { template: 'enquiry/views/record.njk', title: 'Agreeing what goes in the record' },
  };

  /** Renders a step, or redirects to where the conversation actually is. */
  async function renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    stage: Exclude<EnquiryStage, 'done'>,
    extra: Record<string, unknown> = {},
    questionId?: string,
  ) {
    const actor = actorOf(request);
    const view = await enquiry.openStep(actor, idOf(request), stage, auditContextOf(request), {
      questionId,
    });
    if (view.redirect) {
      if (extra.conflict) {
        reply.code(409);
        return reply.page('enquiry/views/conflict.njk', {
          title: 'This conversation has moved on',
          message: extra.conflict,
          continueHref: view.isPerson ? '/' : view.redirect,
        });
      }
      if (view.isPerson) return reply.redirect('/enquiry/thank-you', 303);
      return reply.redirect(view.redirect, 303);
    }
    const { template, title } = stageTemplates[stage];
    return reply.page(template, {
      title,
      view,
      values: {},
      errors: {},
      answerChoices,
      preparationChecks,
      notAskedReasons,
      responseSteps,
      safetyQuestions,
      ...extra,
    });
  }

  /** Handles a step's POST: on a form problem or a clash, shows the step again with what was typed. */
  async function handleStep(
    request: FastifyRequest,
    reply: FastifyReply,
    stage: Exclude<EnquiryStage, 'done'>,
    act: () => Promise<string>,
    questionId?: string,
  ) {
    try {
      return reply.redirect(await act(), 303);
    } catch (error) {
      if (isAppError(error) && (error.kind === 'invalid' || error.kind === 'conflict')) {
        reply.code(error.kind === 'invalid' ? 400 : 409);
        return renderStep(
          request,
          reply,
          stage,
          {
            values: bodyOf(request),
            ...(error.kind === 'invalid' ? fieldsOf(error) : { conflict: error.message }),
          },
          questionId,
        );
      }
      throw error;
    }
  }

  app.get('/enquiry', async (request, reply) => {
    const actor = actorOf(request);
    return reply.page('enquiry/views/hub.njk', {
      title: 'Asking about trauma',
      hub: await enquiry.hub(actor),
    });
  });

  app.post('/enquiry/people/:personId/start', async (request, reply) => {
    try {
      const id = await enquiry.startEnquiry(
        actorOf(request),
        idOf(request, 'personId'),
        auditContextOf(request),
      );
      return reply.redirect(`/enquiry/${id}`, 303);
    } catch (error) {
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
    const summary = await enquiry.summary(actorOf(request), idOf(request), auditContextOf(request));
    if (summary.stage !== 'done') return reply.redirect(stagePath(summary.id, summary.stage), 303);
    return reply.page('enquiry/views/summary.njk', {
      title: `Conversation with ${summary.personName}`,
      summary,
    });
  });

  app.get('/enquiry/:enquiryId/prepare', (request, reply) =>
    renderStep(request, reply, 'prepare', { values: { mode: 'together' } }),
  );
  app.post('/enquiry/:enquiryId/prepare', (request, reply) =>
    handleStep(request, reply, 'prepare', async () => {
      const input = parseForm(prepareSchema, request.body);
      await enquiry.prepare(actorOf(request), idOf(request), input, auditContextOf(request));
      return `/enquiry/${idOf(request)}/consent`;
    }),
  );

  async function renderNotAsked(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const view = await enquiry.openStep(
      actorOf(request),
      idOf(request),
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
  app.post('/enquiry/:enquiryId/not-asked', async (request, reply) => {
    try {
      const input = parseForm(notAskedSchema, request.body);
      await enquiry.notAsked(actorOf(request), idOf(request), input, auditContextOf(request));
      return reply.redirect(`/enquiry/${idOf(request)}`, 303);
    } catch (error) {
      if (isAppError(error) && (error.kind === 'invalid' || error.kind === 'conflict')) {
        reply.code(error.kind === 'invalid' ? 400 : 409);
        const body = bodyOf(request);
        return renderNotAsked(request, reply, {
          values: {
            ...body,
            returnOn: {
              day: body['returnOn[day]'],
              month: body['returnOn[month]'],
              year: body['returnOn[year]'],
            },
          },
          ...(error.kind === 'invalid' ? fieldsOf(error) : { conflict: error.message }),
        });
      }
      throw error;
    }
  });

  app.get('/enquiry/:enquiryId/consent', (request, reply) => renderStep(request, reply, 'consent'));
  app.post('/enquiry/:enquiryId/consent', (request, reply) =>
    handleStep(request, reply, 'consent', async () => {
      const input = parseForm(consentSchema, request.body);
      const choice = await enquiry.consent(
        actorOf(request),
        idOf(request),
        input,
        auditContextOf(request),
      );
      return choice === 'now' ? `/enquiry/${idOf(request)}/ask` : `/enquiry/${idOf(request)}`;
    }),
  );

  app.get('/enquiry/:enquiryId/ask', (request, reply) => {
    const q = (request.query as Record<string, unknown>).q;
    return renderStep(request, reply, 'ask', {}, typeof q === 'string' ? q : undefined);
  });
  app.post('/enquiry/:enquiryId/ask', (request, reply) => {
    const questionId = String(bodyOf(request).questionId ?? '');
    return handleStep(
      request,
      reply,
      'ask',
      async () => {
        const input = parseForm(answerSchema, request.body);
        const result = await enquiry.answer(
          actorOf(request),
          idOf(request),
          input,
          auditContextOf(request),
        );
        const id = idOf(request);
        const isPerson = actorOf(request).role === 'service_user';
        switch (result.next) {
          case 'question':
            return `/enquiry/${id}/ask?q=${encodeURIComponent(result.questionId)}`;
          case 'paused':
            return isPerson ? '/enquiry/thank-you?paused=1' : '/enquiry';
          case 'stop':
            return `/enquiry/${id}/stop`;
          case 'person-done':
            return '/enquiry/thank-you';
          case 'respond':
          case 'close':
            return `/enquiry/${id}/${result.next}`;
        }
      },
      enquiryQuestions.some((q) => q.id === questionId) ? questionId : undefined,
    );
  });

  app.post('/enquiry/:enquiryId/pause', async (request, reply) => {
    const { isPerson } = await enquiry
      .pause(actorOf(request), idOf(request), versionOf(request), auditContextOf(request))
      .catch((error: unknown) => {
        if (isAppError(error) && error.kind === 'conflict')
          return { isPerson: false, conflict: true };
        throw error;
      });
    return reply.redirect(isPerson ? '/enquiry/thank-you?paused=1' : '/enquiry', 303);
  });

  app.get('/enquiry/:enquiryId/stop', async (request, reply) => {
    const view = await enquiry.openStep(
      actorOf(request),
      idOf(request),
      'ask',
      auditContextOf(request),
    );
    if (view.stage !== 'ask') {
      return reply.redirect(
        view.isPerson ? '/enquiry/thank-you' : stagePath(view.id, view.stage),
        303,
      );
    }
    return reply.page('enquiry/views/stop.njk', {
      title: 'Stopping the questions',
      view,
      errors: {},
    });
  });
  app.post('/enquiry/:enquiryId/stop', async (request, reply) => {
    try {
      const input = parseForm(stopSchema, request.body);
      const { stage, isPerson } = await enquiry.stop(
        actorOf(request),
        idOf(request),
        input,
        auditContextOf(request),
      );
      return reply.redirect(
        isPerson ? '/enquiry/thank-you?stopped=1' : stagePath(idOf(request), stage),
        303,
      );
    } catch (error) {
      if (isAppError(error) && (error.kind === 'invalid' || error.kind === 'conflict')) {
        reply.code(error.kind === 'invalid' ? 400 : 409);
        const view = await enquiry.openStep(
          actorOf(request),
          idOf(request),
          'ask',
          auditContextOf(request),
        );
        return reply.page('enquiry/views/stop.njk', {
          title: 'Stopping the questions',
          view,
          ...(error.kind === 'invalid' ? fieldsOf(error) : { errors: {}, conflict: error.message }),
        });
      }
      throw error;
    }
  });

  app.get('/enquiry/thank-you', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    return reply.page('enquiry/views/thank-you.njk', {
      title: 'Thank you',
      paused: query.paused === '1',
      stopped: query.stopped === '1',
    });
  });

  app.get('/enquiry/:enquiryId/respond', (request, reply) => renderStep(request, reply, 'respond'));
  app.post('/enquiry/:enquiryId/respond', (request, reply) =>
    handleStep(request, reply, 'respond', async () => {
      const input = parseForm(respondSchema, request.body);
      await enquiry.respond(actorOf(request), idOf(request), input, auditContextOf(request));
      return `/enquiry/${idOf(request)}/close`;
    }),
  );

  app.get('/enquiry/:enquiryId/close', (request, reply) => renderStep(request, reply, 'close'));
  app.post('/enquiry/:enquiryId/close', (request, reply) =>
    handleStep(request, reply, 'close', async () => {
      const input = parseForm(closeSchema, request.body);
      const { disclosed } = await enquiry.close(
        actorOf(request),
        idOf(request),
        input,
        auditContextOf(request),
      );
      return disclosed ? `/enquiry/${idOf(request)}/record` : `/enquiry/${idOf(request)}`;
    }),
  );

  app.get('/enquiry/:enquiryId/record', (request, reply) => renderStep(request, reply, 'record'));
  app.post('/enquiry/:enquiryId/record', (request, reply) =>
    handleStep(request, reply, 'record', async () => {
      const input = parseForm(recordSchema, request.body);
      await enquiry.recordDisclosure(
        actorOf(request),
        idOf(request),
        input,
        auditContextOf(request),
      );
      return `/enquiry/${idOf(request)}`;
    }),
  );

  app.post('/enquiry/:enquiryId/follow-up', async (request, reply) => {
    await enquiry.recordFollowUp(
      actorOf(request),
      idOf(request),
      versionOf(request),
      auditContextOf(request),
    );
    return reply.redirect(`/enquiry/${idOf(request)}`, 303);
  });

  async function renderReferral(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const options = await enquiry.referralOptions(actorOf(request), idOf(request));
    return reply.page('enquiry/views/referral-new.njk', {
      title: 'Offer support or refer',
      options,
      values: {},
      errors: {},
      ...extra,
    });
  }
  app.get('/enquiry/:enquiryId/referrals/new', (request, reply) => renderReferral(request, reply));
  app.post('/enquiry/:enquiryId/referrals', async (request, reply) => {
    try {
      const input = parseForm(referralSchema, request.body);
      await enquiry.addReferral(actorOf(request), idOf(request), input, auditContextOf(request));
      return reply.redirect(`/enquiry/${idOf(request)}`, 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderReferral(request, reply, { values: bodyOf(request), ...fieldsOf(error) });
      }
      throw error;
    }
  });

  app.post('/referrals/:referralId/status', async (request, reply) => {
    const actor = actorOf(request);
    // Load (and check access) before reading the form, so others get 404, not a form error.
    const parsed = referralStatusSchema.safeParse(request.body ?? {});
    const enquiryId = await enquiry.updateReferral(
      actor,
      idOf(request, 'referralId'),
      parsed.success ? parsed.data.status : 'waiting',
      auditContextOf(request),
      !parsed.success,
    );
    return reply.redirect(`/enquiry/${enquiryId}`, 303);
  });

  app.post('/enquiry/tasks/:taskId/done', async (request, reply) => {
    const enquiryId = await enquiry.completeTask(
      actorOf(request),
      idOf(request, 'taskId'),
      auditContextOf(request),
    );
    return reply.redirect(`/enquiry/${enquiryId}`, 303);
  });

  app.post('/enquiry/tasks/:taskId/supervision', async (request, reply) => {
    const parsed = supervisionSchema.safeParse(request.body ?? {});
    const response = await enquiry.answerSupervision(
      actorOf(request),
      idOf(request, 'taskId'),
      parsed.success ? parsed.data.response : null,
      auditContextOf(request),
    );
    return reply.page('enquiry/views/supervision.njk', {
      title: response === 'requested' ? 'Reflective space' : 'Looking after yourself',
      response,
    });
  });

  async function renderDisclosure(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const disclosure = await enquiry.viewDisclosure(
      actorOf(request),
      idOf(request, 'disclosureId'),
      auditContextOf(request),
    );
    return reply.page('enquiry/views/disclosure.njk', {
      title: disclosure.isPerson
        ? 'What you chose to record'
        : `Recorded with ${disclosure.personName}`,
      disclosure,
      errors: {},
      ...extra,
    });
  }
  app.get('/disclosures/:disclosureId', (request, reply) => renderDisclosure(request, reply));
  app.post('/disclosures/:disclosureId/sharing', async (request, reply) => {
    try {
      const parsed = sharingSchema.safeParse(request.body ?? {});
      await enquiry.updateSharing(
        actorOf(request),
        idOf(request, 'disclosureId'),
        parsed.success ? parsed.data.share : null,
        auditContextOf(request),
      );
      return reply.redirect(`/disclosures/${idOf(request, 'disclosureId')}?saved=1`, 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderDisclosure(request, reply, fieldsOf(error));
      }
      throw error;
    }
  });
  app.get('/disclosures/:disclosureId/withdraw', async (request, reply) => {
    const disclosure = await enquiry.viewDisclosure(
      actorOf(request),
      idOf(request, 'disclosureId'),
      auditContextOf(request),
    );
    if (!disclosure.isPerson) throw AppError.notFound();
    return reply.page('enquiry/views/withdraw.njk', { title: 'Hide this from staff', disclosure });
  });
  app.post('/disclosures/:disclosureId/withdraw', async (request, reply) => {
    await enquiry.withdrawDisclosure(
      actorOf(request),
      idOf(request, 'disclosureId'),
      auditContextOf(request),
    );
    return reply.redirect(`/disclosures/${idOf(request, 'disclosureId')}`, 303);
  });
  app.post('/disclosures/:disclosureId/restore', async (request, reply) => {
    await enquiry.restoreDisclosure(
      actorOf(request),
      idOf(request, 'disclosureId'),
      auditContextOf(request),
    );
    return reply.redirect(`/disclosures/${idOf(request, 'disclosureId')}`, 303);
  });

  app.get('/support-services', async (request, reply) => {
    const directory = await enquiry.listServices(actorOf(request));
    return reply.page('enquiry/views/services.njk', { title: 'Support services', directory });
  });

  function renderServiceForm(reply: FastifyReply, extra: Record<string, unknown>) {
    return reply.page('enquiry/views/service-form.njk', { values: {}, errors: {}, ...extra });
  }
  app.get('/support-services/new', async (request, reply) => {
    await enquiry.listServices(actorOf(request));
    return renderServiceForm(reply, {
      title: 'Add a support service',
      action: '/support-services',
      values: { active: 'yes' },
    });
  });
  app.post('/support-services', async (request, reply) => {
    try {
      const input = parseForm(serviceSchema, request.body);
      await enquiry.saveService(actorOf(request), null, input, auditContextOf(request));
      return reply.redirect('/support-services', 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderServiceForm(reply, {
          title: 'Add a support service',
          action: '/support-services',
          values: bodyOf(request),
          ...fieldsOf(error),
        });
      }
      throw error;
    }
  });
  app.get('/support-services/:serviceId/edit', async (request, reply) => {
    const s = await enquiry.findService(actorOf(request), idOf(request, 'serviceId'));
    return renderServiceForm(reply, {
      title: `Change ${s.name}`,
      action: `/support-services/${s.id}`,
      values: {
        name: s.name,
        kind: s.kind,
        offer: s.offer,
        forWhom: s.for_whom,
        howToRefer: s.how_to_refer,
        selfReferral: s.self_referral === 1 ? 'yes' : 'no',
        languages: s.languages,
        contact: s.contact,
        active: s.active === 1 ? 'yes' : 'no',
      },
    });
  });
  app.post('/support-services/:serviceId', async (request, reply) => {
    const actor = actorOf(request);
    const existing = await enquiry.findService(actor, idOf(request, 'serviceId'));
    try {
      const input = parseForm(serviceSchema, request.body);
      await enquiry.saveService(actor, existing.id, input, auditContextOf(request));
      return reply.redirect('/support-services', 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderServiceForm(reply, {
          title: `Change ${existing.name}`,
          action: `/support-services/${existing.id}`,
          values: bodyOf(request),
          ...fieldsOf(error),
        });
      }
      throw error;
    }
  });

  app.get('/enquiry/rates', async (request, reply) => {
    const rates = await enquiry.rates(actorOf(request));
    return reply.page('enquiry/views/rates.njk', { title: 'Enquiry rates', rates });
  });

  app.get('/enquiry/guide', async (request, reply) => {
    if (!enquiry.mayViewGuide(actorOf(request))) throw AppError.notFound();
    return reply.page('enquiry/views/guide.njk', {
      title: 'What happened to you? A guide for conversations',
      reflectionQuestions,
    });
  });

  async function renderReflect(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const saved = await enquiry.listReflections(actorOf(request));
    const way = (request.query as Record<string, unknown>).way;
    return reply.page('enquiry/views/reflect.njk', {
      title: 'What happened to you?',
      reflectionQuestions,
      reflectionWays,
      saved,
      values: { way: typeof way === 'string' ? way : 'alone' },
      errors: {},
      ...extra,
    });
  }
  app.get('/what-happened-to-you', (request, reply) => renderReflect(request, reply));
  app.post('/what-happened-to-you', async (request, reply) => {
    try {
      const input = parseForm(reflectionSchema, request.body);
      const id = await enquiry.saveReflection(actorOf(request), input, auditContextOf(request));
      if (id === null) {
        return reply.page('enquiry/views/reflect-done.njk', {
          title: 'Nothing has been saved',
          saved: false,
        });
      }
      return reply.redirect(`/what-happened-to-you/saved/${id}`, 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderReflect(request, reply, { values: bodyOf(request), ...fieldsOf(error) });
      }
      throw error;
    }
  });
  app.get('/what-happened-to-you/saved/:reflectionId', async (request, reply) => {
    const reflection = await enquiry.viewReflection(
      actorOf(request),
      idOf(request, 'reflectionId'),
    );
    return reply.page('enquiry/views/reflection.njk', {
      title: 'Your reflection',
      reflection,
      reflectionQuestions,
    });
  });
  app.post('/what-happened-to-you/saved/:reflectionId/delete', async (request, reply) => {
    await enquiry.deleteReflection(
      actorOf(request),
      idOf(request, 'reflectionId'),
      auditContextOf(request),
    );
    return reply.page('enquiry/views/reflect-done.njk', {
      title: 'Your reflection has been deleted',
      saved: false,
      deleted: true,
    });
  });
}

/** Home page panels: next steps for practitioners, a person's own records, managers' requests. */
export function enquiryHomePanels(enquiry: EnquiryService): HomePanel[] {
  return [
    {
      template: 'enquiry/views/panel-practitioner.njk',
      load: (actor) => enquiry.practitionerPanel(actor),
    },
    { template: 'enquiry/views/panel-person.njk', load: (actor) => enquiry.personPanel(actor) },
    { template: 'enquiry/views/panel-manager.njk', load: (actor) => enquiry.managerPanel(actor) },
  ];
}
