/** SQL for an organisation's crisis numbers. Every statement names the organisation. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type { HelpNumbersTable } from './tables.ts';

/** The organisation's numbers in display order: built once, as every home page shows them. */
const numbersInOrder = compiledOnce((db: Db, v: { organisationId: string }) =>
  db
    .selectFrom('help_numbers')
    .selectAll()
    .where('organisation_id', '=', v.organisationId)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id'),
);

/** Creates the help store. */
export function createHelpStore() {
  return {
    /** The organisation's numbers in display order. */
    async listNumbers(db: Db, organisationId: string): Promise<HelpNumbersTable[]> {
      return numbersInOrder(db, { organisationId });
    },
    /** One number, or undefined when it is not this organisation's. */
    async findNumber(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<HelpNumbersTable | undefined> {
      return db
        .selectFrom('help_numbers')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** Adds a number. */
    async insertNumber(db: Db, row: HelpNumbersTable): Promise<void> {
      await db.insertInto('help_numbers').values(row).execute();
    },
    /** Changes a number's words, digits, kind and place; false when there is no such number. */
    async updateNumber(
      db: Db,
      organisationId: string,
      id: string,
      change: Pick<HelpNumbersTable, 'label' | 'number' | 'kind' | 'position' | 'updated_at'>,
    ): Promise<boolean> {
      const result = await db
        .updateTable('help_numbers')
        .set(change)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Removes a number; false when there is no such number. */
    async deleteNumber(db: Db, organisationId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('help_numbers')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    /** How many numbers each of these organisations has (0 for none). */
    async countByOrganisation(db: Db, organisationIds: readonly string[]) {
      const counts = new Map<string, number>(organisationIds.map((id) => [id, 0]));
      if (organisationIds.length === 0) return counts;
      const rows = await acrossOrganisations(
        'set-up checklist: crisis numbers per organisation',
        () =>
          db
            .selectFrom('help_numbers')
            .select(['organisation_id', sql<number>`count(*)`.as('n')])
            .where('organisation_id', 'in', organisationIds)
            .groupBy('organisation_id')
            .execute(),
      );
      for (const row of rows) counts.set(row.organisation_id, Number(row.n));
      return counts;
    },
  };
}

/** The help store's functions. */
export type HelpStore = ReturnType<typeof createHelpStore>;
