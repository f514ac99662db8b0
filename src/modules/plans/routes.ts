/** Pages for My plan: the person's own plan, sharing, staff views, emergency access and supporter links. */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessRule } from '../../web/access.ts';
import { actorOf, auditContextOf } from '../../web/server.ts';
import { errorList, parseForm } from '../../web/forms.ts';
import { AppError, isAppError } from '../../lib/app-error.ts';
import type { FieldErrors } from '../../lib/app-error.ts';
import type { HomePanel } from '../../web/home-panels.ts';
import type { PlansService, PlanView } from './service.ts';
import { EMERGENCY_ACCESS_MS, SUPPORTER_LINK_MAX_DAYS } from './service.ts';
import {
  agreementSchema,
  contentSchema,
  emergencyAccessSchema,
  planFormSchema,
  proposalNoteSchema,
  reviewDateFrom,
  sharingSchema,
  supporterCodeSchema,
  supporterLinkSchema,
} from './schema.ts';
import type { PlanContent } from './schema.ts';
import { sections } from './sections.ts';

const person = ['service_user'] as const;
const clinicians = ['practitioner', 'unit_manager'] as const;

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
  { method: 'POST', url: '/plans/emergency-access/:accessId/review', access: ['unit_manager'] },
  { method: 'GET', url: '/plans/:planId', access: clinicians },
  { method: 'GET', url: '/plans/:planId/at-a-glance', access: clinicians },
  { method: 'GET', url: '/plans/:planId/print', access: clinicians },
  { method: 'GET', url: '/plans/:planId/card', access: clinicians },
  { method: 'GET', url: '/plans/:planId/fhir', access: [...person, ...clinicians] },
  { method: 'GET', url: '/plans/:planId/propose', access: ['practitioner'] },
  { method: 'POST', url: '/plans/:planId/proposals', access: ['practitioner'] },
  { method: 'GET', url: '/plans/:planId/agreement', access: clinicians },
  { method: 'POST', url: '/plans/:planId/agreement', access: clinicians },
  { method: 'GET', url: '/shared-plan/:linkToken', access: 'public' },
  { method: 'POST', url: '/shared-plan/:linkToken', access: 'public' },
];

const swSource = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../public/js/plan-sw.js'),
  'utf8',
);

type Values = Record<string, unknown>;

/** Builds the view model of the plan form from values (stored or as typed). */
function formSections(
  values: Values,
  declined: string[],
  errors: FieldErrors,
  audience: { shared: string[]; privateSections: string[] },
  savedNow: PlanContent | null,
  hidden: readonly string[] = [],
) {
  const listOf = (v: unknown): string[] =>
    v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
  return sections
    .filter((s) => !hidden.includes(s.key))
    .map((s) => {
      const isPrivate = audience.privateSections.includes(s.key);
      const who = isPrivate
        ? 'Who will see this: only you. You have kept this section private.'
        : audience.shared.length
          ? `Who will see this: you, and the people you share your plan with (${audience.shared.join(', ')}).`
          : 'Who will see this: only you, until you choose to share your plan.';
      return {
        key: s.key,
        title: s.title,
        why: s.why,
        who,
        declined: declined.includes(s.key),
        declinedError: errors[`declined-${s.key}`],
        fields: s.fields.map((f) => {
          const value = values[f.name];
          const saved = savedNow?.fields[f.name];
          const typed =
            f.kind === 'text' ? (typeof value === 'string' ? value : '') : listOf(value);
          const differs =
            savedNow !== null &&
            JSON.stringify(saved ?? (f.kind === 'text' ? '' : [])) !== JSON.stringify(typed);
          const savedText =
            saved === undefined
              ? '(nothing saved)'
              : f.kind === 'choices'
                ? listOf(saved)
                    .map((v) => f.options.find((o) => o.value === v)?.text ?? v)
                    .join(', ')
                : String(saved);
          if (f.kind === 'text') {
            return {
              kind: 'text',
              name: f.name,
              label: f.label,
              hint: f.hint,
              rows: f.rows ?? 5,
              value: typed,
              error: errors[f.name],
              savedNow: differs ? savedText : null,
            };
          }
          const chosen = listOf(value);
          const items: Record<string, unknown>[] = f.options.map((o) => ({
            value: o.value,
            text: o.text,
            checked: chosen.includes(o.value),
          }));
          if (!f.multiple) {
            items.push(
              { divider: 'or' },
              { value: '', text: 'No answer', checked: chosen.length === 0 },
            );
          }
          return {
            kind: f.multiple ? 'checkboxes' : 'radios',
            name: f.name,
            label: f.label,
            hint: f.hint,
            items,
            error: errors[f.name],
            savedNow: differs ? savedText : null,
          };
        }),
      };
    });
}

function contentAsValues(content: PlanContent): Values {
  return { ...content.fields };
}

function reviewParts(reviewBy: string | null): Values {
  if (!reviewBy) return {};
  const [y, m, d] = reviewBy.split('-');
  return {
    'reviewBy-day': String(Number(d)),
    'reviewBy-month': String(Number(m)),
    'reviewBy-year': y,
  };
}

/** Registers the plan pages. */
export function registerPlansRoutes(app: FastifyInstance, deps: { plans: PlansService }): void {
  const { plans } = deps;

  async function audienceOf(request: FastifyRequest) {
    const mine = await plans.ownPlan.get(actorOf(request));
    return {
      shared: mine
        ? [
            ...mine.shares.map((s) => s.name),
            ...mine.links
              .filter((l) => l.state === 'waiting')
              .map((l) => `${l.supporterName}, by link`),
          ]
        : [],
      privateSections: mine
        ? mine.privateSections
        : sections.filter((s) => s.privateByDefault).map((s) => s.key),
    };
  }

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      values?: Values;
      declined?: string[];
      errors?: FieldErrors;
      conflict?: boolean;
    } = {},
  ) {
    const actor = actorOf(request);
    const mine = await plans.ownPlan.get(actor);
    const conflict = options.conflict === true && mine !== null;
    const values =
      options.values ??
      (mine ? { ...contentAsValues(mine.content), ...reviewParts(mine.view.reviewBy) } : {});
    const declined = options.declined ?? mine?.content.declined ?? [];
    const errors = options.errors ?? {};
    return reply.page('plans/views/edit.njk', {
      title: mine ? 'Change my plan' : 'Start my plan',
      version: mine?.view.version ?? 0,
      values,
      errors,
      errorList: errorList(errors),
      conflict: conflict
        ? { version: mine.view.version, by: mine.view.updatedBy, at: mine.view.updatedAt }
        : null,
      sections: formSections(
        values,
        declined,
        errors,
        await audienceOf(request),
        conflict ? mine.content : null,
      ),
    });
  }

  function readDeclined(body: Values): string[] {
    const v = body.declined;
    return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
  }

  app.get('/my-plan', async (request, reply) => {
    const mine = await plans.ownPlan.get(actorOf(request));
    const query = request.query as Record<string, unknown>;
    return reply.page('plans/views/my-plan.njk', {
      title: 'My plan',
      mine,
      saved: query.saved === '1',
      unchanged: query.saved === '0',
      notice: typeof query.notice === 'string' ? query.notice : null,
    });
  });

  app.get('/my-plan/edit', async (request, reply) => renderEdit(request, reply));

  app.post('/my-plan', async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    const actor = actorOf(request);
    try {
      const form = parseForm(planFormSchema, body);
      const review = reviewDateFrom(form);
      let content: PlanContent;
      let contentErrors: FieldErrors = {};
      try {
        content = parseForm(contentSchema, body);
      } catch (error) {
        if (!isAppError(error) || error.kind !== 'invalid') throw error;
        contentErrors = error.fields;
        content = { fields: {}, declined: [] };
      }
      if (review.error) contentErrors['reviewBy-day'] = review.error;
      if (Object.keys(contentErrors).length) {
        throw AppError.invalidFields(contentErrors);
      }
      const result = await plans.ownPlan.save(
        actor,
        { version: form.version, content, reviewBy: review.value },
        auditContextOf(request),
      );
      return reply.redirect(`/my-plan?saved=${result.unchanged ? '0' : '1'}`, 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderEdit(request, reply, {
          values: body,
          declined: readDeclined(body),
          errors: error.fields,
        });
      }
      if (isAppError(error) && error.kind === 'conflict') {
        reply.code(409);
        return renderEdit(request, reply, {
          values: body,
          declined: readDeclined(body),
          conflict: true,
        });
      }
      throw error;
    }
  });

  app.get('/my-plan/history', async (request, reply) => {
    return reply.page('plans/views/history.njk', {
      title: 'Earlier versions of my plan',
      versions: await plans.ownPlan.listVersions(actorOf(request)),
    });
  });

  app.get('/my-plan/history/:version', async (request, reply) => {
    const { version } = request.params as { version: string };
    const n = /^\d{1,7}$/.test(version) ? Number(version) : -1;
    if (n < 1) throw AppError.notFound();
    const view = await plans.ownPlan.getVersion(actorOf(request), n);
    return reply.page('plans/views/version.njk', {
      title: `My plan, version ${view.version}`,
      view,
    });
  });

  async function renderSharing(request: FastifyRequest, reply: FastifyReply, extra: Values = {}) {
    const options = await plans.sharing.options(actorOf(request));
    return reply.page('plans/views/sharing.njk', {
      title: 'Who can see my plan',
      options,
      sectionItems: sections.map((s) => ({
        value: s.key,
        text: s.title,
        checked: options.privateSections.includes(s.key),
      })),
      maxDays: SUPPORTER_LINK_MAX_DAYS,
      values: {},
      errors: {},
      ...extra,
    });
  }

  app.get('/my-plan/sharing', async (request, reply) => renderSharing(request, reply));

  app.post('/my-plan/sharing', async (request, reply) => {
    try {
      const input = parseForm(sharingSchema, request.body);
      await plans.sharing.update(actorOf(request), input, auditContextOf(request));
      return reply.redirect('/my-plan/sharing?saved=1', 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderSharing(request, reply, {
          errors: error.fields,
          errorList: errorList(error.fields),
        });
      }
      throw error;
    }
  });

  app.post('/my-plan/supporter-links', async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    try {
      const input = parseForm(supporterLinkSchema, body);
      const created = await plans.supporterLinks.create(
        actorOf(request),
        input,
        auditContextOf(request),
      );
      return reply.page('plans/views/link-created.njk', { title: 'Your link is ready', created });
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderSharing(request, reply, {
          values: body,
          errors: error.fields,
          errorList: errorList(error.fields),
        });
      }
      throw error;
    }
  });

  app.post('/my-plan/supporter-links/:linkId/revoke', async (request, reply) => {
    const { linkId } = request.params as { linkId: string };
    await plans.supporterLinks.revoke(actorOf(request), linkId, auditContextOf(request));
    return reply.redirect('/my-plan/sharing?stopped=1', 303);
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
      return reply.redirect(
        `/my-plan?notice=${decision === 'accept' ? 'accepted' : 'declined'}`,
        303,
      );
    });
  }

  async function renderAgreement(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string | null,
    extra: Values = {},
  ) {
    const context = await plans.agreements.context(actorOf(request), planId);
    return reply.page('plans/views/agreement.njk', {
      title: 'Do you and your team agree with the plan?',
      context,
      action: planId ? `/plans/${planId}/agreement` : '/my-plan/agreement',
      back: planId ? `/plans/${planId}` : '/my-plan',
      values: {},
      errors: {},
      ...extra,
    });
  }

  async function postAgreement(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string | null,
  ) {
    const body = (request.body ?? {}) as Values;
    try {
      const input = parseForm(agreementSchema, body);
      await plans.agreements.record(actorOf(request), planId, input, auditContextOf(request));
      return reply.redirect(planId ? `/plans/${planId}` : '/my-plan?notice=agreement', 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderAgreement(request, reply, planId, {
          values: body,
          errors: error.fields,
          errorList: errorList(error.fields),
        });
      }
      throw error;
    }
  }

  app.get('/my-plan/agreement', async (request, reply) => renderAgreement(request, reply, null));
  app.post('/my-plan/agreement', async (request, reply) => postAgreement(request, reply, null));

  app.get('/my-plan/print', async (request, reply) => {
    const mine = await plans.ownPlan.get(actorOf(request));
    return reply.page('plans/views/print.njk', {
      title: 'My plan (to print)',
      view: mine?.view ?? null,
      own: true,
    });
  });

  app.get('/my-plan/card', async (request, reply) => {
    const mine = await plans.ownPlan.get(actorOf(request));
    return reply.page('plans/views/card.njk', {
      title: 'My plan: wallet card',
      view: mine?.view ?? null,
      own: true,
    });
  });

  app.get('/my-plan/download.json', async (request, reply) => {
    const data = await plans.export.mine(actorOf(request));
    return reply
      .type('application/json; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="my-plan.json"')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/my-plan/offline', async (request, reply) => {
    const mine = await plans.ownPlan.get(actorOf(request));
    return reply.page('plans/views/offline.njk', {
      title: 'My plan (saved copy)',
      view: mine?.view ?? null,
    });
  });

  app.get('/my-plan/sw.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('Service-Worker-Allowed', '/my-plan')
      .send(swSource),
  );

  app.get('/plans', async (request, reply) => {
    const actor = actorOf(request);
    return reply.page('plans/views/staff-list.njk', {
      title: 'Plans shared with me',
      plans: await plans.planAccess.listSharedWith(actor),
      toReview: await plans.emergencyAccess.toReview(actor),
    });
  });

  async function renderEmergency(request: FastifyRequest, reply: FastifyReply, extra: Values = {}) {
    const people = await plans.emergencyAccess.candidates(actorOf(request));
    return reply.page('plans/views/emergency.njk', {
      title: 'Open a plan in an emergency',
      people,
      minutes: EMERGENCY_ACCESS_MS / 60_000,
      values: {},
      errors: {},
      ...extra,
    });
  }

  app.get('/plans/emergency-access', async (request, reply) => renderEmergency(request, reply));

  app.post('/plans/emergency-access', async (request, reply) => {
    const body = (request.body ?? {}) as Values;
    try {
      const input = parseForm(emergencyAccessSchema, body);
      const { planId } = await plans.emergencyAccess.start(
        actorOf(request),
        input,
        auditContextOf(request),
      );
      return reply.redirect(`/plans/${planId}/at-a-glance`, 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderEmergency(request, reply, {
          values: body,
          errors: error.fields,
          errorList: errorList(error.fields),
        });
      }
      throw error;
    }
  });

  app.post('/plans/emergency-access/:accessId/review', async (request, reply) => {
    const { accessId } = request.params as { accessId: string };
    await plans.emergencyAccess.review(actorOf(request), accessId, auditContextOf(request));
    return reply.redirect('/plans', 303);
  });

  const staffPages = [
    {
      suffix: '',
      kind: 'full',
      template: 'staff-view.njk',
      title: (v: PlanView) => `${v.personName}'s plan`,
    },
    {
      suffix: '/at-a-glance',
      kind: 'glance',
      template: 'glance.njk',
      title: (v: PlanView) => `${v.personName}: at a glance`,
    },
    {
      suffix: '/print',
      kind: 'print',
      template: 'print.njk',
      title: (v: PlanView) => `${v.personName}'s plan (to print)`,
    },
    {
      suffix: '/card',
      kind: 'card',
      template: 'card.njk',
      title: (v: PlanView) => `${v.personName}: wallet card`,
    },
  ] as const;

  for (const page of staffPages) {
    app.get(`/plans/:planId${page.suffix}`, async (request, reply) => {
      const { planId } = request.params as { planId: string };
      const view = await plans.planAccess.open(
        actorOf(request),
        planId,
        page.kind,
        auditContextOf(request),
      );
      return reply.page(`plans/views/${page.template}`, {
        title: page.title(view),
        view,
        own: false,
      });
    });
  }

  app.get('/plans/:planId/fhir', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    const bundle = await plans.export.fhir(actorOf(request), planId, auditContextOf(request));
    return reply
      .type('application/fhir+json; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="plan-fhir.json"')
      .send(JSON.stringify(bundle, null, 2));
  });

  async function renderPropose(
    request: FastifyRequest,
    reply: FastifyReply,
    planId: string,
    extra: { values?: Values; errors?: FieldErrors } = {},
  ) {
    const base = await plans.proposals.contentFor(actorOf(request), planId);
    const errors = extra.errors ?? {};
    const values = extra.values ?? contentAsValues(base.content);
    return reply.page('plans/views/propose.njk', {
      title: `Suggest a change to ${base.personName}'s plan`,
      base,
      values,
      errors,
      errorList: errorList(errors),
      sections: formSections(
        values,
        [],
        errors,
        { shared: [], privateSections: [] },
        null,
        base.hiddenSections,
      ),
    });
  }

  app.get('/plans/:planId/propose', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    return renderPropose(request, reply, planId);
  });

  app.post('/plans/:planId/proposals', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    const body = (request.body ?? {}) as Values;
    try {
      const content = parseForm(contentSchema, { ...body, declined: undefined });
      const { note } = parseForm(proposalNoteSchema, body);
      await plans.proposals.propose(
        actorOf(request),
        planId,
        { content, note },
        auditContextOf(request),
      );
      return reply.redirect(`/plans/${planId}?suggested=1`, 303);
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        return renderPropose(request, reply, planId, { values: body, errors: error.fields });
      }
      throw error;
    }
  });

  app.get('/plans/:planId/agreement', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    return renderAgreement(request, reply, planId);
  });
  app.post('/plans/:planId/agreement', async (request, reply) => {
    const { planId } = request.params as { planId: string };
    return postAgreement(request, reply, planId);
  });

  app.get('/shared-plan/:linkToken', async (request, reply) => {
    const { linkToken } = request.params as { linkToken: string };
    const link = await plans.supporterLinks.check(linkToken);
    return reply.page('plans/views/supporter-code.njk', {
      title: 'Enter your code to see the plan',
      link,
      token: linkToken,
      errors: {},
    });
  });

  app.post('/shared-plan/:linkToken', async (request, reply) => {
    const { linkToken } = request.params as { linkToken: string };
    try {
      const { code } = parseForm(supporterCodeSchema, request.body);
      const view = await plans.supporterLinks.view(linkToken, code, request.ip);
      return reply.page('plans/views/supporter-view.njk', {
        title: `${view.personName}'s plan`,
        view,
      });
    } catch (error) {
      if (isAppError(error) && error.kind === 'invalid') {
        reply.code(400);
        const link = await plans.supporterLinks.check(linkToken);
        return reply.page('plans/views/supporter-code.njk', {
          title: 'Enter your code to see the plan',
          link,
          token: linkToken,
          errors: error.fields,
          errorList: errorList(error.fields),
        });
      }
      throw error;
    }
  });
}

/** The plan panels for home pages: the person's own plan, or staff's shared plans and reviews. */
export function plansHomePanels(plans: PlansService): HomePanel[] {
  return [{ template: 'plans/views/panel.njk', load: (actor) => plans.overview.panel(actor) }];
}
