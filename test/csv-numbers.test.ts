// #19 item 8: numbers and years in a force CSV import. A whole number that does not fit the
// integer column, or a year before the register could hold one, is a named bad line (the web
// route answers 400 with the list), never a database error or an Infinity stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { createTestContext, makeTeam } from './factories.ts';
import type { TestContext } from './factories.ts';
import { typicalIncident } from './force-fixtures.ts';
import type { Actor } from '../src/modules/accounts/index.ts';
import { CSV_COLUMNS } from '../src/modules/force/csv.ts';
import { fromLondonLocal, parseUtc } from '../src/modules/force/time.ts';

type Row = Record<string, string>;

describe('numbers and years in a force import', () => {
  const ctx = { actor: null, ip: null };
  let t: TestContext;
  let admin: Actor;
  let base: Row;

  before(async () => {
    t = await createTestContext();
    const team = await makeTeam(t.services);
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    admin = await t.services.accounts.people.actorFor(team.admin.id);
    await t.services.force.incidents.record(nurse, typicalIncident(team, t.clock()), ctx);
    const exported = parse(
      await t.services.force.transfer.exportCsv(
        admin,
        { from: '2000-01', to: '9999-12' },
        'combined',
        ctx,
      ),
      { columns: true },
    ) as Row[];
    assert.equal(exported.length, 1);
    base = { ...(exported[0] as Row), RestrictiveIntIncID: 'n-1', RestrictiveIntTypeID: 'n-1-a' };
  });
  after(() => t.close());

  const importRow = (changes: Row) =>
    t.services.force.transfer.importCsv(
      admin,
      stringify([{ ...base, ...changes }], { header: true, columns: [...CSV_COLUMNS] }),
      ctx,
    );

  for (const version of ['2147483648', '99999999999999999999', '1e400', '1.5', '-1', ' 7']) {
    it(`names the line for PlanVersion ${JSON.stringify(version)}`, async () => {
      const result = await importRow({ PlanID: 'plan-1', PlanVersion: version });
      assert.equal(result.ok, false);
      assert.ok(!result.ok);
      const problem = result.problems.find((p) => p.reason.startsWith('PlanVersion'));
      assert.deepEqual(problem, {
        line: 2,
        reason: 'PlanVersion must be a whole number from 0 to 2147483647 when PlanID is given',
      });
    });
  }

  it('accepts the largest PlanVersion the column holds', async () => {
    const result = await importRow({ PlanID: 'plan-1', PlanVersion: '2147483647' });
    const reasons = result.ok ? [] : result.problems.map((p) => p.reason);
    assert.ok(!reasons.some((r) => r.startsWith('PlanVersion')), reasons.join('; '));
  });

  for (const year of ['0001', '1900', '1999']) {
    it(`names the line for a start in the year ${year}`, async () => {
      const start = `${year}-05-03T14:30:00.000Z`;
      const result = await importRow({
        StartDateTimeRestrictiveIntInc: start,
        EndDateTimeRestrictiveIntInc: '',
        StartDateTimeRestrictiveIntType: start,
        EndDateTimeRestrictiveIntType: '',
      });
      assert.ok(!result.ok);
      assert.ok(
        result.problems.some(
          (p) =>
            p.line === 2 &&
            p.reason.startsWith('StartDateTimeRestrictiveIntInc must be a real UTC date') &&
            p.reason.includes('2000'),
        ),
        JSON.stringify(result.problems),
      );
    });
  }

  it('bounds years alike in the import and in the web form', () => {
    assert.equal(parseUtc('1999-12-31T23:59:00.000Z'), null);
    assert.equal(parseUtc('2000-01-01T00:00:00.000Z'), '2000-01-01T00:00:00.000Z');
    assert.equal(fromLondonLocal('1900-05-03T14:30'), null);
    assert.equal(fromLondonLocal('0001-05-03T14:30'), null);
    assert.equal(fromLondonLocal('2000-05-03T14:30'), '2000-05-03T13:30:00.000Z');
  });
});
