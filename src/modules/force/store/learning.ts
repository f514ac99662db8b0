/**
 * SQL for learning with the person after force (their words and the themes staff tag) and the
 * calm-down answers' monthly counts. Every statement names the organisation.
 */
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { ForceLearningTable } from '../tables.ts';

/** Statements on learning after force and the calm-down figures. */
export const learningStatements = {
  async findLearning(
    db: Db,
    organisationId: string,
    incidentId: string,
  ): Promise<ForceLearningTable | undefined> {
    return db
      .selectFrom('force_learning')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incidentId)
      .executeTakeFirst();
  },
  async themesOf(db: Db, organisationId: string, incidentId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('force_learning_themes')
      .select('theme')
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incidentId)
      .orderBy('theme')
      .execute();
    return rows.map((r) => r.theme);
  },
  async insertLearning(db: Db, row: ForceLearningTable): Promise<void> {
    await db.insertInto('force_learning').values(row).execute();
  },
  /** Sets the words only where none are kept yet; false when someone already wrote them. */
  async setLearningWords(
    db: Db,
    organisationId: string,
    incidentId: string,
    words: Pick<
      ForceLearningTable,
      'words' | 'words_by' | 'words_by_name' | 'words_by_role' | 'words_at'
    >,
  ): Promise<boolean> {
    const result = await db
      .updateTable('force_learning')
      .set(words)
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incidentId)
      .where('words', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async setLearningThemes(
    db: Db,
    organisationId: string,
    incidentId: string,
    by: { themes_by: string; themes_at: string },
  ): Promise<void> {
    await db
      .updateTable('force_learning')
      .set(by)
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incidentId)
      .execute();
  },
  async replaceThemes(
    db: Db,
    organisationId: string,
    incident: { id: string; unit_id: string; period: string },
    themes: readonly string[],
  ): Promise<void> {
    await db
      .deleteFrom('force_learning_themes')
      .where('organisation_id', '=', organisationId)
      .where('incident_id', '=', incident.id)
      .execute();
    if (!themes.length) return;
    await db
      .insertInto('force_learning_themes')
      .values(
        themes.map((theme) => ({
          organisation_id: organisationId,
          incident_id: incident.id,
          unit_id: incident.unit_id,
          period: incident.period,
          theme,
        })),
      )
      .execute();
  },
  /** Tagged themes counted per theme for a unit's months `from`..`to` (YYYY-MM). */
  async themeCounts(
    db: Db,
    organisationId: string,
    unitId: string,
    from: string,
    to: string,
  ): Promise<{ theme: string; reviews: number }[]> {
    const rows = await db
      .selectFrom('force_learning_themes')
      .select(['theme', sql<number>`count(*)`.as('reviews')])
      .where('organisation_id', '=', organisationId)
      .where('unit_id', '=', unitId)
      .where('period', '>=', from)
      .where('period', '<=', to)
      .groupBy('theme')
      .execute();
    return rows.map((r) => ({ theme: r.theme, reviews: Number(r.reviews) }));
  },
  /** Per month: uses of force recorded, and how many say calm-down was offered / others reassured. */
  async calmDownMonths(
    db: Db,
    organisationId: string,
    unitId: string,
    from: string,
    to: string,
  ): Promise<
    {
      period: string;
      incidents: number;
      answered: number;
      offered: number;
      reassuredAnswered: number;
      reassured: number;
    }[]
  > {
    const rows = await db
      .selectFrom('force_incidents')
      .select([
        'period',
        sql<number>`count(*)`.as('incidents'),
        sql<number>`sum(case when calm_down_offered is not null then 1 else 0 end)`.as('answered'),
        sql<number>`sum(case when calm_down_offered = 'yes' then 1 else 0 end)`.as('offered'),
        sql<number>`sum(case when others_reassured is not null then 1 else 0 end)`.as(
          'reassuredAnswered',
        ),
        sql<number>`sum(case when others_reassured = 'yes' then 1 else 0 end)`.as('reassured'),
      ])
      .where('organisation_id', '=', organisationId)
      .where('unit_id', '=', unitId)
      .where('period', '>=', from)
      .where('period', '<=', to)
      .groupBy('period')
      .orderBy('period')
      .execute();
    return rows.map((r) => ({
      period: r.period,
      incidents: Number(r.incidents),
      answered: Number(r.answered),
      offered: Number(r.offered),
      reassuredAnswered: Number(r.reassuredAnswered),
      reassured: Number(r.reassured),
    }));
  },
};
