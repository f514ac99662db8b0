/** The instrument as a FHIR R4 Questionnaire, open to anyone: what is asked is no secret. */
import type { FastifyInstance } from 'fastify';
import { instrumentQuestionnaire } from '../fhir.ts';
import { loadInstrument } from '../instrument.ts';

/** Registers GET /assessment/instrument.fhir.json. */
export function registerInstrumentRoutes(app: FastifyInstance, deps: { publicUrl: string }): void {
  app.get('/assessment/instrument.fhir.json', async (_request, reply) =>
    reply
      .type('application/fhir+json; charset=utf-8')
      .send(JSON.stringify(instrumentQuestionnaire(loadInstrument(), deps.publicUrl), null, 2)),
  );
}
