/**
 * Writes that name another record: an id from another organisation, or one that was never made,
 * is refused and changes nothing (read back from the database).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acrossOrganisations } from '../src/db/tenancy.ts';
import { createTestContext, makeTeam, signedInAgent } from './factories.ts';
import type { TestContext } from './factories.ts';
import type { Team } from './access-fixtures.ts';

describe('bed days name a unit of the caller’s organisation', () => {
  let t: TestContext;
  let mine: Team;
  let theirs: Team;
  before(async () => {
    t = await createTestContext();
    mine = await makeTeam(t.services);
    theirs = await makeTeam(t.services);
  });
  after(() => t.close());

  const bedDayRows = () =>
    acrossOrganisations('test: every bed-day row, whoever owns it', () =>
      t.services.db.selectFrom('force_bed_days').selectAll().orderBy('unit_id').execute(),
    );

  for (const [label, unitOf] of [
    ['a unit of another organisation', () => theirs.unitId],
    ['a made-up unit id', () => '00000000-0000-4000-8000-000000000000'],
  ] as const) {
    it(`an organisation admin entering bed days for ${label} gets 404 and nothing is saved`, async () => {
      const admin = await signedInAgent(t.app, mine.admin);
      const before = await bedDayRows();
      const res = await admin.post('/force/denominators', {
        unitId: unitOf(),
        year: '2026',
        'bd_2026-01': '900',
      });
      assert.equal(res.status, 404);
      assert.deepEqual(await bedDayRows(), before);
    });
  }
});
