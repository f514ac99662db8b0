/** The register's pages: the list, a record, correcting, deleting and reviews. */
import type { FastifyInstance } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { AppError, isAppError } from '../../../lib/app-error.ts';
import { MAX_ROWS, parseIncidentForm, reviewSchema } from '../schema.ts';
import { checkIncident } from '../validate.ts';
import { calmDownSummary } from './calm-down.ts';
import type { ForceWebDeps } from './common.ts';
import { bodyOf, paramsOf, queryOf, refused } from './common.ts';
import { injuriesOf, renderIncidentForm, valuesOf } from './incident-form.ts';

/** Banner words on the register after a save or a removal lands there (`?saved=`). */
const registerNotices: Record<string, string> = {
  observation: 'Observation saved. It is in the register below.',
  search: 'Search saved. It is in the register below.',
  deleted: 'The record was removed from the register.',
};

/** Registers the register's pages. */
export function registerIncidentRoutes(
  app: FastifyInstance,
  { force, clock, trainingFlags }: ForceWebDeps,
) {
  app.get('/force', async (request, reply) => {
    const overview = await force.incidents.overview(actorOf(request));
    const saved = queryOf(request).saved;
    return reply.page('force/views/register.njk', {
      title: 'Use of force register',
      ...overview,
      notice: saved && Object.hasOwn(registerNotices, saved) ? registerNotices[saved] : null,
    });
  });

  app.get('/force/incidents/:incidentId', async (request, reply) => {
    const { incidentId } = paramsOf<'incidentId'>(request);
    const query = queryOf(request);
    const d = await force.incidents.view(actorOf(request), incidentId, auditContextOf(request));
    const names = d.interventions.flatMap((iv) => iv.staffList.map((s) => s.name));
    return reply.page('force/views/incident.njk', {
      title: 'Use-of-force record',
      ...d,
      ...calmDownSummary(d.incident),
      trainingFlags: trainingFlags ? await trainingFlags(actorOf(request), names) : [],
      saved: query.saved === '1',
      amended: query.amended === '1',
      reviewed: query.reviewed === '1',
      released: query.released === '1',
      errors: {},
    });
  });

  app.get('/force/incidents/:incidentId/amend', async (request, reply) => {
    const { incidentId } = paramsOf<'incidentId'>(request);
    const form = await force.incidents.amendForm(
      actorOf(request),
      incidentId,
      auditContextOf(request),
    );
    return renderIncidentForm(reply, form.context, {
      values: valuesOf(form.input),
      rows: form.input.interventions.length,
      amend: { id: form.incident.id, version: form.incident.version },
    });
  });

  app.post('/force/incidents/:incidentId/amend', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId } = paramsOf<'incidentId'>(request);
    const body = bodyOf(request);
    const { input, errors, rows } = parseIncidentForm(body);
    const values = { ...body, avoidanceCodes: input.avoidanceCodes, injuries: injuriesOf(input) };
    const again = async (extra: { rows: number; errors?: Record<string, string> }) => {
      const form = await force.incidents.amendForm(actor, incidentId, auditContextOf(request));
      return renderIncidentForm(reply, form.context, {
        values,
        amend: { id: form.incident.id, version: form.incident.version },
        ...extra,
      });
    };
    if (body.action === 'add') return again({ rows: Math.min(MAX_ROWS, rows + 1) });
    return handleForm(
      reply,
      async () => {
        // Show every problem at once, not only the times that could not be read.
        if (Object.keys(errors).length)
          throw AppError.invalidFields({ ...checkIncident(input, clock(), false), ...errors });
        const reason = typeof body.amendReason === 'string' ? body.amendReason.trim() : '';
        await force.incidents.amend(actor, incidentId, input, reason, auditContextOf(request));
        return reply.redirect(`/force/incidents/${incidentId}?amended=1`, 303);
      },
      { invalid: (fields) => again({ rows, errors: fields }) },
    );
  });

  app.post('/force/incidents/:incidentId/release', async (request, reply) => {
    const { incidentId } = paramsOf<'incidentId'>(request);
    try {
      await force.personView.release(actorOf(request), incidentId, auditContextOf(request));
    } catch (error) {
      // Already released, or nothing to release: the record page says where it stands.
      if (!(isAppError(error) && error.kind === 'conflict')) throw error;
    }
    return reply.redirect(`/force/incidents/${incidentId}?released=1#person-view`, 303);
  });

  app.post('/force/incidents/:incidentId/delete', async (request, reply) => {
    const { incidentId } = paramsOf<'incidentId'>(request);
    try {
      await force.incidents.delete(actorOf(request), incidentId, auditContextOf(request));
    } catch (error) {
      if (isAppError(error) && error.kind === 'forbidden')
        return refused(reply, error, `/force/incidents/${incidentId}`);
      throw error;
    }
    return reply.redirect('/force?saved=deleted', 303);
  });

  app.post('/force/incidents/:incidentId/reviews/:reviewId', async (request, reply) => {
    const actor = actorOf(request);
    const { incidentId, reviewId } = paramsOf<'incidentId' | 'reviewId'>(request);
    return handleForm(
      reply,
      async () => {
        const input = parseForm(reviewSchema, request.body);
        const supportOffered = input.supportOffered ? input.supportOffered === 'yes' : null;
        const settled = input.settled ? input.settled === 'yes' : null;
        await force.reviews.complete(
          actor,
          incidentId,
          reviewId,
          { notes: input.notes, supportOffered, settled },
          auditContextOf(request),
        );
        return reply.redirect(`/force/incidents/${incidentId}?reviewed=1#reviews`, 303);
      },
      {
        invalid: async (fields) =>
          reply.page('force/views/incident.njk', {
            title: 'Use-of-force record',
            ...(await force.incidents
              .view(actor, incidentId, auditContextOf(request))
              .then((d) => ({ ...d, ...calmDownSummary(d.incident) }))),
            reviewError: { id: reviewId, ...fields },
            errors: fields,
            errorList: errorList(
              Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${k}-${reviewId}`, v])),
            ),
          }),
      },
    );
  });

  app.get('/force/reviews', async (request, reply) => {
    const reviews = await force.reviews.open(actorOf(request), 200);
    return reply.page('force/views/reviews.njk', { title: 'Reviews and debriefs to do', reviews });
  });
}
