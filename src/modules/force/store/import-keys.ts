/** SQL the import uses to find which of a file's ids the organisation already holds. */
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { isIn } from '../../../db/bulk.ts';
import { joinedLines } from '../../../db/dialect.ts';
import { inChunks } from './chunks.ts';

/** Statements that look up a file's ids within one organisation. */
export const importKeyStatements = {
  /**
   * All of the organisation's local ids, of incidents and of interventions, and the people it
   * holds characteristics for: each read from an index alone, in one pass. A large import
   * checks its ids against these, then looks up only the ones found. (Probing the index for
   * each of 50,000 ids took about half a second on PostgreSQL, about 7 µs each; reading the
   * largest organisation's keys takes a few milliseconds.)
   */
  async organisationKeys(db: Db, organisationId: string) {
    // Each list comes back as one newline-joined text value: turning a hundred thousand result
    // rows into objects cost Node more (about 0.3 s) than reading them cost the database.
    // Local ids cannot contain a line break (the import allows letters, digits, - . : _ only).
    const joined = (table: string, column: string) => {
      const all = joinedLines(db, column);
      return sql<{
        keys: string | null;
      }>`select ${all} as keys from ${sql.table(table)} where organisation_id = ${organisationId}`
        .execute(db)
        .then((r) => new Set(r.rows[0]?.keys ? r.rows[0].keys.split('\n') : []));
    };
    const [incidents, interventions, people] = await Promise.all([
      joined('force_incidents', 'local_id'),
      joined('force_interventions', 'local_id'),
      joined('person_characteristics', 'person_id'),
    ]);
    return { incidents, interventions, people };
  },
  /** The record ids of the organisation's incidents with these local (provider) ids. */
  async incidentIdsByLocalId(
    db: Db,
    organisationId: string,
    localIds: readonly string[],
  ): Promise<Map<string, string>> {
    const rows = await inChunks(localIds, (chunk) =>
      db
        .selectFrom('force_incidents')
        .select(['local_id', 'id'])
        .where('organisation_id', '=', organisationId)
        .where(isIn(db, 'local_id', chunk))
        .execute(),
    );
    return new Map(rows.map((r) => [r.local_id, r.id]));
  },
  /** The incident (record id) of each of the organisation's interventions with these local ids. */
  async incidentsOfInterventions(
    db: Db,
    organisationId: string,
    localIds: readonly string[],
  ): Promise<Map<string, string>> {
    const rows = await inChunks(localIds, (chunk) =>
      db
        .selectFrom('force_interventions')
        .select(['local_id', 'incident_id'])
        .where('organisation_id', '=', organisationId)
        .where(isIn(db, 'local_id', chunk))
        .execute(),
    );
    return new Map(rows.map((r) => [r.local_id, r.incident_id]));
  },
  /** Which of these people have characteristics recorded in the organisation. */
  async peopleWithCharacteristics(
    db: Db,
    organisationId: string,
    personIds: readonly string[],
  ): Promise<Set<string>> {
    const rows = await inChunks(personIds, (chunk) =>
      db
        .selectFrom('person_characteristics')
        .select('person_id')
        .where('organisation_id', '=', organisationId)
        .where(isIn(db, 'person_id', chunk))
        .execute(),
    );
    return new Set(rows.map((r) => r.person_id));
  },
};
