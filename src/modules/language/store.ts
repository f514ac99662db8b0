/** SQL for an organisation's language rules, allowed terms and their revision number. */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { compiledOnce } from '../../db/compiled.ts';
import type { LanguageEntriesTable } from './tables.ts';

/**
 * The organisation's revision, read before every page that checks wording: built once
 * (compiled.ts).
 */
const revisionOf = compiledOnce((db: Db, v: { organisationId: string }) =>
  db
    .selectFrom('language_rule_sets')
    .select('revision')
    .where('organisation_id', '=', v.organisationId),
);

/** Creates the language store. */
export function createLanguageStore() {
  return {
    async listEntries(db: Db, organisationId: string): Promise<LanguageEntriesTable[]> {
      return db
        .selectFrom('language_entries')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
    async findEntry(
      db: Db,
      organisationId: string,
      id: string,
    ): Promise<LanguageEntriesTable | undefined> {
      return db
        .selectFrom('language_entries')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async insertEntry(db: Db, row: LanguageEntriesTable): Promise<void> {
      await db.insertInto('language_entries').values(row).execute();
    },
    async deleteEntry(db: Db, organisationId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('language_entries')
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    /** The organisation's revision: 0 when it has never changed its rules. */
    async readRevision(db: Db, organisationId: string): Promise<number> {
      const [row] = await revisionOf(db, { organisationId });
      return row ? Number(row.revision) : 0;
    },
    /** Moves the revision on by one, atomically, so every server recompiles on its next check. */
    async bumpRevision(db: Db, organisationId: string, at: string): Promise<void> {
      await db
        .insertInto('language_rule_sets')
        .values({ organisation_id: organisationId, revision: 1, updated_at: at })
        .onConflict((oc) =>
          oc.column('organisation_id').doUpdateSet({
            revision: sql<number>`language_rule_sets.revision + 1`,
            updated_at: at,
          }),
        )
        .execute();
    },
  };
}

/** The language store's functions. */
export type LanguageStore = ReturnType<typeof createLanguageStore>;
