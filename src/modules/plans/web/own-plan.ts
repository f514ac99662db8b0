/** The person's own plan pages: view, edit and save, earlier versions, print, card, download and the saved copy. */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm } from '../../../web/forms.ts';
import { AppError } from '../../../lib/app-error.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import type { PlansService } from '../service.ts';
import type { Values } from './plan-form.ts';
import {
  audienceOf,
  contentAsValues,
  formSections,
  parsePlanForm,
  readDeclined,
  reviewParts,
} from './plan-form.ts';

const swSource = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../../public/js/plan-sw.js'),
  'utf8',
);

/** Registers the person's own plan pages. */
export function registerOwnPlanRoutes(app: FastifyInstance, plans: PlansService): void {
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
    const mine = await plans.ownPlan.get(actorOf(request));
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
        audienceOf(mine),
        conflict ? mine.content : null,
      ),
    });
  }

  /** The person's own plan for a printable or offline page. */
  async function renderOwn(
    request: FastifyRequest,
    reply: FastifyReply,
    template: string,
    title: string,
  ) {
    const mine = await plans.ownPlan.get(actorOf(request));
    return reply.page(`plans/views/${template}`, { title, view: mine?.view ?? null, own: true });
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
    const typed = { values: body, declined: readDeclined(body) };
    return handleForm(
      reply,
      async () => {
        const input = parsePlanForm(body);
        const saved = await plans.ownPlan.save(actorOf(request), input, auditContextOf(request));
        return reply.redirect(`/my-plan?saved=${saved.unchanged ? '0' : '1'}`, 303);
      },
      {
        invalid: (errors) => renderEdit(request, reply, { ...typed, errors }),
        conflict: () => renderEdit(request, reply, { ...typed, conflict: true }),
      },
    );
  });

  app.get('/my-plan/history', async (request, reply) =>
    reply.page('plans/views/history.njk', {
      title: 'Earlier versions of my plan',
      versions: await plans.ownPlan.listVersions(actorOf(request)),
    }),
  );

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

  app.get('/my-plan/print', async (request, reply) =>
    renderOwn(request, reply, 'print.njk', 'My plan (to print)'),
  );

  app.get('/my-plan/card', async (request, reply) =>
    renderOwn(request, reply, 'card.njk', 'My plan: wallet card'),
  );

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
      // The service worker keeps this page's styles under their plain names (public/js/plan-sw.js).
      plainAssets: true,
    });
  });

  app.get('/my-plan/sw.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('Service-Worker-Allowed', '/my-plan')
      .send(swSource),
  );
}
