/** Staff pages about a person: their characteristics, and recording observations and searches. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import type { FieldErrors } from '../../../lib/app-error.ts';
import {
  ethnicCategories,
  observationLevels,
  searchConsent,
  searchKinds,
  sexOptions,
  yesNoNotStated,
} from '../codes.ts';
import type { EpisodeKind } from '../episodes.ts';
import { characteristicsSchema, parseObservationForm, parseSearchForm } from '../schema.ts';
import { toLondonLocal } from '../time.ts';
import type { ForceWebDeps } from './common.ts';
import { items, paramsOf, queryOf } from './common.ts';

const withErrors = (fields: FieldErrors) => ({ errors: fields, errorList: errorList(fields) });

/** Registers the characteristics page and the observation and search forms. */
export function registerPeopleRoutes(app: FastifyInstance, { force, clock }: ForceWebDeps) {
  async function renderCharacteristics(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
  ) {
    const { personId } = paramsOf<'personId'>(request);
    const { person, characteristics: c } = await force.characteristics.view(
      actorOf(request),
      personId,
      auditContextOf(request),
    );
    const values = {
      nhsNumber: c?.nhs_number ?? '',
      ethnicCodes: c ? (JSON.parse(c.ethnic_codes) as string[]) : [],
      sex: c?.sex,
      dateOfBirth: c?.date_of_birth ?? '',
      disability: c?.disability,
      ldAutism: c?.ld_autism,
      mentalDisorder: c?.mental_disorder ?? '',
      legalStatus: c?.legal_status ?? '',
      ...((extra.values as Record<string, unknown> | undefined) ?? {}),
    };
    return reply.page('force/views/characteristics.njk', {
      title: `About ${person.displayName}`,
      person,
      recorded: c !== null,
      values,
      ethnicItems: items(ethnicCategories, values.ethnicCodes as string[]),
      sexItems: items(sexOptions, values.sex as string),
      disabilityItems: items(yesNoNotStated, values.disability as string),
      ldItems: items(yesNoNotStated, values.ldAutism as string),
      errors: {},
      ...extra,
    });
  }

  app.get('/force/people/:personId', async (request, reply) =>
    renderCharacteristics(request, reply, { saved: queryOf(request).saved === '1' }),
  );

  app.post('/force/people/:personId', async (request, reply) => {
    const { personId } = paramsOf<'personId'>(request);
    return handleForm(
      reply,
      async () => {
        const input = parseForm(characteristicsSchema, request.body);
        await force.characteristics.save(
          actorOf(request),
          personId,
          input,
          auditContextOf(request),
        );
        return reply.redirect(`/force/people/${personId}?saved=1`, 303);
      },
      {
        invalid: (fields) => {
          const body = request.body as Record<string, unknown>;
          const ethnic = body.ethnicCodes;
          const ethnicCodes = Array.isArray(ethnic) ? ethnic : ethnic ? [ethnic] : [];
          return renderCharacteristics(request, reply, {
            values: { ...body, ethnicCodes },
            ...withErrors(fields),
          });
        },
      },
    );
  });

  async function renderEpisodeForm(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: EpisodeKind,
    extra: Record<string, unknown> = {},
  ) {
    const { people, units } = await force.episodes.formChoices(actorOf(request));
    const values = (extra.values as Record<string, string> | undefined) ?? {
      startAt: toLondonLocal(clock()),
      occurredAt: toLondonLocal(clock()),
    };
    return reply.page(`force/views/${kind}-form.njk`, {
      title: kind === 'observation' ? 'Record a period of observation' : 'Record a search',
      personItems: [
        { value: '', text: 'Choose a person' },
        ...people.map((p) => ({
          value: p.id,
          text: p.displayName,
          selected: values.personId === p.id,
        })),
      ],
      unitItems: units.map((u) => ({
        value: u.id,
        text: u.name,
        selected: values.unitId === u.id,
      })),
      levelItems: items(observationLevels, values.level),
      kindItems: items(searchKinds, values.kind),
      consentItems: items(searchConsent, values.consent),
      values,
      errors: {},
      ...extra,
    });
  }

  app.get('/force/observations/new', async (request, reply) =>
    renderEpisodeForm(request, reply, 'observation'),
  );
  app.get('/force/searches/new', async (request, reply) =>
    renderEpisodeForm(request, reply, 'search'),
  );

  // Observations and searches are recorded the same way; only the form and its parser differ.
  const parsers = { observation: parseObservationForm, search: parseSearchForm };
  for (const [kind, path] of [
    ['observation', '/force/observations'],
    ['search', '/force/searches'],
  ] as const) {
    app.post(path, async (request, reply) =>
      handleForm(
        reply,
        async () => {
          const input = parsers[kind](request.body as Record<string, string>);
          await force.episodes.record(actorOf(request), kind, input, auditContextOf(request));
          return reply.redirect(`/force?saved=${kind}`, 303);
        },
        {
          invalid: (fields) =>
            renderEpisodeForm(request, reply, kind, {
              values: request.body,
              ...withErrors(fields),
            }),
        },
      ),
    );
  }
}
