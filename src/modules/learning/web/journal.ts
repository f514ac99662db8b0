/** The private reflective journal, sharing one entry with a supervisor, and supervision records. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { AppError } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import {
  journalPrompts,
  journalSchema,
  shareSchema,
  supervisionSchema,
} from '../reflect-schema.ts';
import type { JournalPrompt } from '../reflect-schema.ts';
import type { LearningService } from '../service.ts';

/** The words above the boxes, for each way into the journal. */
const promptIntros: Record<JournalPrompt, string> = {
  any: 'Write about anything from work you want to think through.',
  force: 'You were part of a use of force. Writing about it can help you make sense of it.',
  disclosure:
    'Someone told you about something hard that happened to them. Hearing it can stay with you.',
};

const query = (request: FastifyRequest) => request.query as Record<string, unknown>;
const idOf = (request: FastifyRequest, name: string) =>
  String((request.params as Record<string, string>)[name]);

/** Registers the journal and supervision pages. */
export function registerJournalRoutes(
  app: FastifyInstance,
  deps: { learning: LearningService },
): void {
  const { journal, supervision } = deps.learning;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: unknown; errors?: FieldErrors } = {},
  ) {
    const actor = actorOf(request);
    const list = await journal.list(actor);
    const mine = await supervision.mine(actor);
    const errors = extra.errors ?? {};
    return reply.page('learning/views/journal.njk', {
      title: 'Your reflective journal',
      ...list,
      ...mine,
      supervisorItems: [
        { value: '', text: 'Choose a person' },
        ...mine.supervisors.map((s) => ({ value: s.id, text: s.name })),
      ],
      done: typeof query(request).done === 'string' ? query(request).done : null,
      values: extra.values ?? {},
      errors,
      errorList: errorList(errors),
    });
  }

  function renderNew(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {},
  ) {
    const values = extra.values ?? {};
    const asked = values.prompt ?? query(request).prompt;
    const prompt = (journalPrompts as readonly unknown[]).includes(asked)
      ? (asked as JournalPrompt)
      : 'any';
    const errors = extra.errors ?? {};
    return reply.page('learning/views/journal-new.njk', {
      title: 'Write in your journal',
      prompt,
      intro: promptIntros[prompt],
      values,
      errors,
      errorList: errorList(errors),
    });
  }

  async function renderEntry(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors } = {},
  ) {
    const { entry, supervisors } = await journal.read(
      actorOf(request),
      idOf(request, 'entryId'),
      auditContextOf(request),
    );
    const errors = extra.errors ?? {};
    return reply.page('learning/views/journal-entry.njk', {
      title: entry.mine
        ? 'Your journal entry'
        : `A journal entry ${entry.writerName} shared with you`,
      entry,
      intro: promptIntros[entry.prompt],
      supervisorItems: [
        { value: '', text: 'Choose a person' },
        ...supervisors.map((s) => ({
          value: s.id,
          text: s.name,
          selected: entry.sharedWith?.id === s.id,
        })),
      ],
      done: typeof query(request).done === 'string' ? query(request).done : null,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/learning/journal', (request, reply) => renderList(request, reply));
  app.get('/learning/journal/new', async (request, reply) => {
    await journal.list(actorOf(request));
    return renderNew(request, reply);
  });

  app.post('/learning/journal', (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(journalSchema, request.body);
          const id = await journal.write(actorOf(request), input, auditContextOf(request));
          return reply.redirect(`/learning/journal/${id}?done=saved`, 303);
        },
        {
          invalid: (errors) =>
            renderNew(request, reply, {
              values: (request.body ?? {}) as Record<string, unknown>,
              errors,
            }),
        },
      ),
    ),
  );

  app.get('/learning/journal/export', async (request, reply) => {
    const text = await journal.exportText(actorOf(request), auditContextOf(request));
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', 'attachment; filename="my-journal.txt"')
      .header('cache-control', 'no-store')
      .send(text);
  });

  app.get('/learning/journal/:entryId', (request, reply) => renderEntry(request, reply));

  app.post('/learning/journal/:entryId/share', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const id = idOf(request, 'entryId');
        const { supervisorId } = parseForm(shareSchema, request.body);
        await journal.share(actorOf(request), id, supervisorId, auditContextOf(request));
        return reply.redirect(`/learning/journal/${id}?done=shared`, 303);
      },
      { invalid: (errors) => renderEntry(request, reply, { errors }) },
    ),
  );

  app.post('/learning/journal/:entryId/unshare', async (request, reply) => {
    const id = idOf(request, 'entryId');
    await journal.stopSharing(actorOf(request), id, auditContextOf(request));
    return reply.redirect(`/learning/journal/${id}?done=unshared`, 303);
  });

  app.post('/learning/journal/:entryId/delete', (request, reply) =>
    handleForm(
      reply,
      async () => {
        const id = idOf(request, 'entryId');
        const body = (request.body ?? {}) as Record<string, unknown>;
        // Anyone but the writer gets 404 before any question of confirming.
        await journal.assertOwn(actorOf(request), id);
        if (body.confirm !== 'yes')
          throw AppError.invalid('confirm', 'Tick the box to say you want to delete it');
        await journal.remove(actorOf(request), id, auditContextOf(request));
        return reply.redirect('/learning/journal?done=deleted', 303);
      },
      { invalid: (errors) => renderEntry(request, reply, { errors }) },
    ),
  );

  app.post('/learning/supervision', (request, reply) =>
    submitOnce(request, reply, () =>
      handleForm(
        reply,
        async () => {
          const input = parseForm(supervisionSchema, request.body);
          await supervision.add(actorOf(request), input, auditContextOf(request));
          return reply.redirect('/learning/journal?done=supervision#supervision', 303);
        },
        { invalid: (errors) => renderList(request, reply, { values: request.body, errors }) },
      ),
    ),
  );

  app.post('/learning/supervision/:supervisionId/delete', async (request, reply) => {
    await supervision.remove(
      actorOf(request),
      idOf(request, 'supervisionId'),
      auditContextOf(request),
    );
    return reply.redirect('/learning/journal?done=supervision-deleted#supervision', 303);
  });
}
