/**
 * Learning with the person after force: their "what could we have done differently?" in their
 * own words, and the themes staff tag. For the review's readers only (404 for anyone else).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { LEARNING_WORDS_MAX, learningRecorderRoles, learningThemes } from '../learning-codes.ts';
import type { ForceLearning } from '../learning.ts';
import { learningSchema } from '../schema.ts';
import type { ForceWebDeps } from './common.ts';
import { bodyOf, items, paramsOf, queryOf } from './common.ts';

type LearningView = Awaited<ReturnType<ForceLearning['view']>>;

function renderLearning(
  reply: FastifyReply,
  learning: LearningView,
  options: {
    values?: Record<string, unknown>;
    errors?: FieldErrors;
    saved?: boolean;
    conflict?: string;
  },
) {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const chosenThemes = Array.isArray(values.themes)
    ? (values.themes as string[])
    : typeof values.themes === 'string'
      ? [values.themes]
      : learning.themes;
  return reply.page('force/views/learning.njk', {
    title: 'Learning with the person',
    learning,
    values,
    errors,
    errorList: Object.keys(errors).length ? errorList(errors) : [],
    saved: options.saved ?? false,
    conflict: options.conflict ?? null,
    wordsMax: LEARNING_WORDS_MAX,
    roleItems: items(learningRecorderRoles, values.recorderRole as string | undefined),
    themeItems: items(learningThemes, chosenThemes),
  });
}

/** Registers the learning page. */
export function registerLearningRoutes(app: FastifyInstance, { force }: ForceWebDeps) {
  app.get('/force/incidents/:incidentId/learning', async (request, reply) => {
    const { incidentId } = paramsOf<'incidentId'>(request);
    const learning = await force.learning.view(actorOf(request), incidentId);
    return renderLearning(reply, learning, { saved: queryOf(request).saved === '1' });
  });

  app.post('/force/incidents/:incidentId/learning', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId } = paramsOf<'incidentId'>(request);
    const again = async (options: Parameters<typeof renderLearning>[2]) =>
      renderLearning(reply, await force.learning.view(actor, incidentId), {
        values: bodyOf(request),
        ...options,
      });
    return handleForm(
      reply,
      async () => {
        const input = parseForm(learningSchema, request.body);
        await force.learning.save(actor, incidentId, input, auditContextOf(request));
        return reply.redirect(`/force/incidents/${incidentId}/learning?saved=1`, 303);
      },
      {
        invalid: (errors) => again({ errors }),
        conflict: (message) => again({ conflict: message }),
      },
    );
  });
}
