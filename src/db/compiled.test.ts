/** Queries compiled once: values bound per call, lists of any length, and the tenancy guard. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { freshDatabase } from '../../test/factories.ts';
import { tenantGuard, tenantTables } from '../../test/tenant-guard.ts';
import type { Database } from './database.ts';
import { compiledOnce } from './compiled.ts';

/** Rows as plain objects (node:sqlite gives objects without a prototype). */
async function plain(rows: Promise<object[]>): Promise<object[]> {
  return (await rows).map((row) => ({ ...row }));
}

describe('compiledOnce', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  before(async () => {
    database = await freshDatabase();
    const db = database.conn.db;
    const at = '2026-01-01T00:00:00Z';
    await db
      .insertInto('organisations')
      .values([
        { id: 'org-a', name: 'A', created_at: at },
        { id: 'org-b', name: 'B', created_at: at },
      ])
      .execute();
    await db
      .insertInto('units')
      .values([
        { id: 'u1', organisation_id: 'org-a', name: 'Ash', kind: 'ward', created_at: at },
        { id: 'u2', organisation_id: 'org-a', name: 'Birch', kind: 'ward', created_at: at },
        { id: 'u3', organisation_id: 'org-b', name: 'Cedar', kind: 'team', created_at: at },
      ])
      .execute();
  });
  after(() => database.drop());

  let builds = 0;
  const unitsIn = compiledOnce((db: Kysely<Database>, v: { org: string; ids: string[] }) => {
    builds += 1;
    return db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('organisation_id', '=', v.org)
      .where('id', 'in', v.ids)
      .where('name', '<>', 'Nowhere')
      .orderBy('name');
  });

  it('builds once per shape and binds each call its own values', async () => {
    const db = database.conn.db;
    assert.deepEqual(await plain(unitsIn(db, { org: 'org-a', ids: ['u1', 'u3'] })), [
      { id: 'u1', name: 'Ash' },
    ]);
    assert.deepEqual(await plain(unitsIn(db, { org: 'org-b', ids: ['u1', 'u3'] })), [
      { id: 'u3', name: 'Cedar' },
    ]);
    assert.equal(builds, 1);
    assert.deepEqual(
      (await unitsIn(db, { org: 'org-a', ids: ['u2', 'u1', 'u3'] })).map((r) => r.id),
      ['u1', 'u2'],
    );
    assert.equal(builds, 2, 'a list of another length is another shape');
    await unitsIn(db, { org: 'org-a', ids: ['u2', 'u3', 'u1'] });
    assert.equal(builds, 2);
  });

  it('refuses a value that does not reach the SQL as a parameter', async () => {
    const bad = compiledOnce((db: Kysely<Database>, v: { org: string; limit: number }) =>
      db
        .selectFrom('units')
        .select('id')
        .where('organisation_id', '=', v.org)
        .limit(typeof v.limit === 'number' ? v.limit : 5),
    );
    await assert.rejects(
      bad(database.conn.db, { org: 'org-a', limit: 1 }),
      /"limit" must reach the SQL as a parameter/,
    );
  });

  it('goes through the tenancy guard, which refuses a kept statement without the filter', async () => {
    const unfiltered = compiledOnce((db: Kysely<Database>, v: { id: string }) =>
      db.selectFrom('units').select('id').where('id', '=', v.id),
    );
    // Kept first on a handle without the guard: the guarded handle must still check it.
    assert.deepEqual(await plain(unfiltered(database.conn.db.withoutPlugins(), { id: 'u3' })), [
      { id: 'u3' },
    ]);
    // Statements written in a test pass the suite's guard, so this one checks them too.
    const guarded = database.conn.db.withPlugin(
      tenantGuard(await tenantTables(database.conn.db), { includeTests: true }),
    );
    for (let i = 0; i < 2; i++) {
      await assert.rejects(
        unfiltered(guarded, { id: 'u3' }),
        /Tenancy: a statement on units does not filter on organisation_id/,
        'refused every time: a refused statement is not kept',
      );
    }
    const rows = await plain(unitsIn(guarded, { org: 'org-b', ids: ['u3'] }));
    assert.deepEqual(rows, [{ id: 'u3', name: 'Cedar' }]);
  });
});
