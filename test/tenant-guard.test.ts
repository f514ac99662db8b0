/** The tenancy guard's reading of SQL: which statements keep to one organisation. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { acrossOrganisations } from '../src/db/tenancy.ts';
import { tenantGuard, tenantTables, unfilteredTenantTables } from './tenant-guard.ts';
import { freshDatabase } from './factories.ts';

const tenants = new Set(['plans', 'accounts', 'units']);

describe('tenancy guard', () => {
  const cases: [string, string, string[]][] = [
    ['filtered select', 'select * from "plans" where "organisation_id" = ? and "id" = ?', []],
    ['unfiltered select', 'select * from "plans" where "id" = ?', ['plans']],
    ['not a tenant table', 'select * from "audit_heads" where "chain" = ?', []],
    [
      'join with each side filtered through an alias',
      'select * from "plans" as "p" inner join "accounts" as "a" on "a"."id" = "p"."person_id" and "a"."organisation_id" = "p"."organisation_id" where "p"."organisation_id" = ?',
      [],
    ],
    [
      'join whose other side is unfiltered',
      'select * from "plans" as "p" inner join "accounts" as "a" on "a"."id" = "p"."person_id" where "p"."organisation_id" = ?',
      ['accounts'],
    ],
    [
      'organisation_id only in the select list',
      'select "p"."organisation_id" from "plans" as "p" where "p"."id" = ?',
      ['plans'],
    ],
    ['update filtered', 'update "plans" set "x" = ? where "id" = ? and "organisation_id" = ?', []],
    ['delete unfiltered', 'delete from "units" where "id" = ?', ['units']],
    [
      'insert naming the organisation',
      'insert into "units" ("id", "organisation_id") values (?, ?)',
      [],
    ],
    ['insert without it', 'insert into "units" ("id", "name") values (?, ?)', ['units']],
    ['filter by a list', 'select * from "units" where "organisation_id" in (?, ?)', []],
  ];
  for (const [name, sqlText, expected] of cases) {
    it(name, () => assert.deepEqual(unfilteredTenantTables(sqlText, tenants), expected));
  }

  describe('on a real database', () => {
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    before(async () => {
      database = await freshDatabase();
    });
    after(() => database.drop());

    it('refuses an unfiltered statement, and lets a named crossing through', async () => {
      // Statements written in a test pass the suite's guard, so this one checks them too.
      const db = database.conn.db.withPlugin(
        tenantGuard(await tenantTables(database.conn.db), { includeTests: true }),
      );
      await assert.rejects(
        db.selectFrom('units').select('id').execute(),
        /Tenancy: a statement on units does not filter on organisation_id/,
      );
      const rows = await acrossOrganisations('test: count every unit', () =>
        db.selectFrom('units').select('id').execute(),
      );
      assert.deepEqual(rows, []);
      assert.deepEqual(
        await db.selectFrom('units').select('id').where('organisation_id', '=', 'x').execute(),
        [],
      );
    });
  });
});
