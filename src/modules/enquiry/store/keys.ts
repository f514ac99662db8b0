/** SQL for the encryption key check and key rotation. */
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { EncryptionKeyChecksTable } from '../tables.ts';

/** An encrypted column of a table with `id` and `organisation_id` columns. */
export interface EncryptedColumn {
  table: string;
  column: string;
}

/** Every encrypted column of this module, for key rotation. */
export const encryptedColumns: readonly EncryptedColumn[] = [
  { table: 'enquiries', column: 'answers_enc' },
  { table: 'enquiries', column: 'response_enc' },
  { table: 'enquiries', column: 'close_enc' },
  { table: 'enquiries', column: 'note_enc' },
  { table: 'enquiry_disclosures', column: 'record_enc' },
  { table: 'enquiry_disclosures', column: 'areas_enc' },
  { table: 'enquiry_referrals', column: 'note_enc' },
  { table: 'enquiry_reflections', column: 'answers_enc' },
];

/** Creates the key check and rotation statements. */
export function createKeyStore() {
  return {
    async readKeyCheck(db: Db, id: string): Promise<EncryptionKeyChecksTable | undefined> {
      return db
        .selectFrom('encryption_key_checks')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async replaceKeyCheck(db: Db, row: EncryptionKeyChecksTable): Promise<void> {
      await db
        .updateTable('encryption_key_checks')
        .set({ key_id: row.key_id, value: row.value })
        .where('id', '=', row.id)
        .execute();
    },
    async insertKeyCheck(db: Db, row: EncryptionKeyChecksTable): Promise<void> {
      await db
        .insertInto('encryption_key_checks')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    /** Every organisation's id, so key rotation can work one organisation at a time. */
    async listOrganisationIds(db: Db): Promise<string[]> {
      const rows = await db.selectFrom('organisations').select('id').orderBy('id').execute();
      return rows.map((r) => r.id);
    },
    /** A page of one organisation's values in one encrypted column, for key rotation. */
    async pageOfEncrypted(
      db: Db,
      organisationId: string,
      target: EncryptedColumn,
      afterId: string,
      limit: number,
    ): Promise<{ id: string; value: string }[]> {
      const result = await sql<{ id: string; value: string }>`
        select id, ${sql.ref(target.column)} as value from ${sql.table(target.table)}
        where organisation_id = ${organisationId}
          and ${sql.ref(target.column)} is not null and id > ${afterId}
        order by id limit ${limit}`.execute(db);
      return result.rows;
    },
    /**
     * Replaces one encrypted value, only if it is still the value that was read.
     * @returns false when it had changed in between
     */
    async writeEncrypted(
      db: Db,
      organisationId: string,
      target: EncryptedColumn,
      id: string,
      before: string,
      after: string,
    ): Promise<boolean> {
      const result = await sql`
        update ${sql.table(target.table)} set ${sql.ref(target.column)} = ${after}
        where organisation_id = ${organisationId} and id = ${id}
          and ${sql.ref(target.column)} = ${before}`.execute(db);
      return Number(result.numAffectedRows ?? 0) === 1;
    },
  };
}
