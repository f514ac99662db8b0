/**
 * SQL for people's rights over use-of-force records: what is held about one person, and records
 * past both the legal minimum and the organisation's period. Every statement filters on
 * organisation_id.
 */
import type { Db } from '../../../db/index.ts';

/** Creates the statements for rights and retention over use-of-force records. */
export function createForceRightsStore() {
  return {
    /** Observation episodes and searches of one person, oldest first. */
    async episodesOfPerson(db: Db, organisationId: string, personId: string) {
      const observations = await db
        .selectFrom('force_observations')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .orderBy('start_at')
        .execute();
      const searches = await db
        .selectFrom('force_searches')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .orderBy('occurred_at')
        .execute();
      return { observations, searches };
    },

    /** Incidents kept past their legal minimum and begun before the cut-off. */
    async oldIncidents(db: Db, organisationId: string, now: string, before: string) {
      return db
        .selectFrom('force_incidents')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('retain_until', '<=', now)
        .where('start_at', '<', before)
        .orderBy('id')
        .execute();
    },

    /** Observation episodes and searches kept past their legal minimum and before the cut-off. */
    async oldEpisodes(db: Db, organisationId: string, now: string, before: string) {
      const observations = await db
        .selectFrom('force_observations')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('retain_until', '<=', now)
        .where('start_at', '<', before)
        .orderBy('id')
        .execute();
      const searches = await db
        .selectFrom('force_searches')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('retain_until', '<=', now)
        .where('occurred_at', '<', before)
        .orderBy('id')
        .execute();
      return { force_observations: observations, force_searches: searches };
    },

    /** Deletes observation episodes or searches by id. */
    async deleteEpisodes(
      db: Db,
      table: 'force_observations' | 'force_searches',
      organisationId: string,
      ids: string[],
    ): Promise<void> {
      for (let i = 0; i < ids.length; i += 500) {
        await db
          .deleteFrom(table)
          .where('organisation_id', '=', organisationId)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute();
      }
    },
  };
}
