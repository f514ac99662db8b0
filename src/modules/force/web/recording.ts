/**
 * Recording a use of force: choose the person, three pages kept as a draft after each one, a
 * review page, and one save. Every button on a page keeps what was typed before it moves on.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { handleForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import type { FormPage } from '../form-pages.ts';
import { errorsOnPage, firstPageWithErrors, formPages } from '../form-pages.ts';
import { MAX_ROWS, staffRowsOf } from '../schema.ts';
import type { ForceWebDeps } from './common.ts';
import { bodyOf, paramsOf, queryOf } from './common.ts';
import type { PageData } from './record-pages.ts';
import { pageHref, renderRecordPage, withLanguageOptions } from './record-pages.ts';
import { renderReview } from './record-review.ts';

/** The recording form's addresses, for the module's access rules. */
export const recordingUrls = [
  ...formPages.map((page) => `/force/incidents/drafts/:draftId/page-${page}`),
  '/force/incidents/drafts/:draftId/review',
];

/** What a button asks for, after the page is kept. */
function nextPlace(body: Record<string, string | string[]>, page: FormPage, draftId: string) {
  const action = typeof body.action === 'string' ? body.action : 'continue';
  if (action === 'draft') return `${pageHref(draftId, page)}?paused=1`;
  if (action === 'back' && page > 1) return pageHref(draftId, (page - 1) as FormPage);
  if (action === 'add' || action.startsWith('staff:')) return `${pageHref(draftId, page)}#rows`;
  return null;
}

/** The sending with "add an intervention" or "add a member of staff" applied. */
function withRowAdded(body: Record<string, string | string[]>) {
  const action = typeof body.action === 'string' ? body.action : '';
  if (action === 'add') {
    const rows = Math.min(MAX_ROWS, (Number(body.rows) || 1) + 1);
    return { ...body, rows: String(rows), [`i${rows - 1}_staffRows`]: '1' };
  }
  const n = /^staff:(\d{1,2})$/.exec(action)?.[1];
  if (n === undefined) return body;
  return { ...body, [`i${n}_staffRows`]: String(staffRowsOf(body, Number(n)) + 1) };
}

/** Registers the recording pages. */
export function registerRecordingRoutes(app: FastifyInstance, deps: ForceWebDeps) {
  const { force } = deps;

  /** Keeps a page, then moves on, or shows the page again with its problems. */
  async function keepPage(
    request: FastifyRequest,
    reply: FastifyReply,
    draftId: string | null,
    page: FormPage,
  ) {
    const actor = actorOf(request);
    const body = withRowAdded(bodyOf(request));
    const fromReview = body.fromReview === 'yes';
    let kept: (PageData & { draftId: string }) | null = null;
    return handleForm(
      reply,
      async () => {
        const saved = await force.recording.savePage(
          actor,
          draftId,
          page,
          body,
          auditContextOf(request),
        );
        kept = saved;
        const elsewhere = nextPlace(body, page, saved.draftId);
        if (elsewhere) return reply.redirect(elsewhere, 303);
        if (Object.keys(saved.errors).length) {
          reply.code(400);
          await withLanguageOptions(request, deps);
          return renderRecordPage(reply, page, saved, {
            draftId: saved.draftId,
            errors: saved.errors,
            fromReview,
          });
        }
        const next = page === 3 || fromReview ? 'review' : ((page + 1) as FormPage);
        return reply.redirect(pageHref(saved.draftId, next), 303);
      },
      {
        // Only the person or the unit can fail here (nothing else stops a page being kept).
        invalid: async (errors) => {
          await withLanguageOptions(request, deps);
          const shown = kept ?? {
            ...(await force.recording.start(
              actor,
              String(body.personId ?? ''),
              auditContextOf(request),
            )),
          };
          return renderRecordPage(
            reply,
            page,
            { ...shown, values: { ...shown.values, ...body } },
            { draftId, errors, fromReview },
          );
        },
      },
    );
  }

  app.get('/force/incidents/new', async (request, reply) => {
    const actor = actorOf(request);
    const { personId, draft } = queryOf(request);
    if (draft) {
      // Carrying on with a draft from the home page: back to the page it was left on.
      const { step } = await force.recording.open(actor, draft, auditContextOf(request));
      const page = Number(/^page-(\d)$/.exec(step)?.[1] ?? '1');
      return reply.redirect(pageHref(draft, page === 2 || page === 3 ? page : 1), 303);
    }
    if (!personId) {
      const people = await force.incidents.recordablePeople(actor);
      return reply.page('force/views/choose-person.njk', {
        title: 'Who was force used with?',
        personItems: people.map((p) => ({
          value: p.id,
          text: p.displayName,
          hint: { text: p.unitNames.join(', ') },
        })),
        errors: {},
      });
    }
    const data = await force.recording.start(actor, personId, auditContextOf(request));
    await withLanguageOptions(request, deps);
    return renderRecordPage(reply, 1, data, { draftId: null });
  });

  app.post('/force/incidents', (request, reply) => keepPage(request, reply, null, 1));

  for (const page of formPages) {
    const url = `/force/incidents/drafts/:draftId/page-${page}`;
    app.get(url, async (request, reply) => {
      const { draftId } = paramsOf<'draftId'>(request);
      const query = queryOf(request);
      const data = await force.recording.open(actorOf(request), draftId, auditContextOf(request));
      await withLanguageOptions(request, deps);
      return renderRecordPage(reply, page, data, {
        draftId,
        paused: query.paused === '1',
        fromReview: query.from === 'review',
      });
    });
    app.post(url, (request, reply) =>
      keepPage(request, reply, paramsOf<'draftId'>(request).draftId, page),
    );
  }

  app.get('/force/incidents/drafts/:draftId/review', async (request, reply) => {
    const actor = actorOf(request);
    const { draftId } = paramsOf<'draftId'>(request);
    const data = await force.recording.review(actor, draftId, auditContextOf(request));
    return renderReview(reply, deps, draftId, data, actor.organisationId);
  });

  app.post('/force/incidents/drafts/:draftId/review', (request, reply) => {
    const actor = actorOf(request);
    const { draftId } = paramsOf<'draftId'>(request);
    const ctx = auditContextOf(request);
    return submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const id = await force.recording.finish(actor, draftId, ctx);
          return reply.redirect(`/force/incidents/${id}?saved=1`, 303);
        },
        {
          // A problem found at the save is shown at its field, on the page where it is.
          invalid: async (errors: FieldErrors) => {
            const page = firstPageWithErrors(errors) ?? 1;
            const data = await force.recording.open(actor, draftId, ctx);
            await withLanguageOptions(request, deps);
            return renderRecordPage(reply, page, data, {
              draftId,
              errors: errorsOnPage(errors, page),
              fromReview: true,
            });
          },
          conflict: async () => reply.code(303).redirect('/force?saved=1'),
        },
      ),
    );
  });
}
