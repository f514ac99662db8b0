/** Small helpers the force pages share: choice lists, query values and the refusal page. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../../lib/app-error.ts';
import type { ForceService } from '../service.ts';
import type { Actor } from '../../../lib/actor.ts';
import type { Finding } from '../../language/index.ts';

/** What every force route file is given. */
export interface ForceWebDeps {
  force: ForceService;
  clock: () => Date;
  /**
   * Staff named on a record whose training on avoiding force or its risks is out of date
   * (from the learning module; empty for anyone but managers). Optional so force stands alone.
   */
  trainingFlags?: (
    actor: Actor,
    staffNames: string[],
  ) => Promise<{ name: string; topics: { letter: string; name: string; status: string }[] }[]>;
  /** The organisation's wording rules, for suggestions on the recording form (optional). */
  language?: {
    checkForOrganisation(organisationId: string, text: string): Promise<Finding[]>;
    browserOptionsFor(organisationId: string): Promise<string | null>;
  };
}

/** Radio, checkbox or select items from a code list, with the chosen ones marked. */
export const items = (
  list: readonly { code: string; label: string }[],
  selected?: string | string[] | null,
) =>
  list.map((i) => ({
    value: i.code,
    text: i.label,
    checked: Array.isArray(selected) ? selected.includes(i.code) : selected === i.code,
    selected: !Array.isArray(selected) && selected === i.code,
  }));

/** The query string's single values (anything else is dropped). */
export function queryOf(request: FastifyRequest): Record<string, string | undefined> {
  const query = request.query as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
  );
}

/** The route's parameters. */
export function paramsOf<K extends string>(request: FastifyRequest): Record<K, string> {
  return request.params as Record<K, string>;
}

/** The form body. */
export function bodyOf(request: FastifyRequest): Record<string, string | string[]> {
  return request.body as Record<string, string | string[]>;
}

/** A refusal that carries its own reason (a legal retention date, whose words these are). */
export function refused(reply: FastifyReply, error: AppError, backHref: string) {
  reply.code(403);
  return reply.page('force/views/refused.njk', {
    title: 'This cannot be done',
    message: error.message,
    backHref,
  });
}

/** Sends a CSV download. */
export function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${filename}"`)
    .send(csv);
}
