/**
 * The evidence cache (issue 12, speed): a panel is kept until the organisation's next audited
 * change, which shows in the very next read; entries age out for changes made around the app;
 * the cache holds a bounded number of panels.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { enquiryRow } from '../../../test/evidence-fixtures.ts';
import { makeOpenRound } from '../../../test/assessment-fixtures.ts';
import { rebuildEnquiryRollup } from '../enquiry/index.ts';
import { KEPT_PANELS, MAX_AGE_MS, createEvidenceCache } from './evidence-cache.ts';
import type { EvidenceFigure } from '../../lib/evidence.ts';

const key = {
  organisationId: 'org',
  unitId: null,
  from: '2025-01-01',
  to: '2026-01-01',
  version: '1.0',
};
const figure = { key: 'x' } as EvidenceFigure;

describe('evidence cache', () => {
  it('finds what it keeps only under the same version, and only while young', () => {
    let now = 0;
    const cache = createEvidenceCache(() => now);
    cache.keep(key, [figure]);
    assert.deepEqual(cache.find(key), [figure]);
    assert.equal(cache.find({ ...key, version: '2.0' }), null);
    assert.equal(cache.find({ ...key, unitId: 'u' }), null);
    now = MAX_AGE_MS + 1;
    assert.equal(cache.find(key), null);
  });

  it('keeps at most KEPT_PANELS panels, dropping the least recently used', () => {
    const cache = createEvidenceCache(() => 0);
    for (let i = 0; i <= KEPT_PANELS; i++) cache.keep({ ...key, version: String(i) }, [figure]);
    assert.equal(cache.size(), KEPT_PANELS);
    assert.equal(cache.find({ ...key, version: '0' }), null);
    assert.deepEqual(cache.find({ ...key, version: String(KEPT_PANELS) }), [figure]);
  });
});

describe('evidence panels and changes to the records', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(() => t.close());

  it('shows an audited change in the very next read of the panel', async () => {
    const team = await makeTeam(t.services);
    const roundId = await makeOpenRound(t.services, team);
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    const asked = async () => {
      const evidence = await t.services.assessment.evidence.forRound(admin, roundId);
      const f = evidence.list.flatMap((p) => p.figures).find((x) => x.key === 'enquiry.asked');
      assert.ok(f, 'the panel has the enquiry figure');
      // The first day of the period is inside it.
      return { people: f.denominator, day: evidence.from };
    };
    const first = await asked();
    assert.equal(first.people, 0);

    // A conversation inside the period, written straight into the table: no audit event, so
    // the kept panel is still served (this is what the cache saves).
    await t.services.db
      .insertInto('enquiries')
      .values(
        enquiryRow({
          organisationId: team.organisationId,
          unitId: team.unitId,
          personId: team.person.id,
          practitionerId: team.practitioner.id,
          day: first.day,
          outcome: 'asked',
        }),
      )
      .execute();
    await rebuildEnquiryRollup(t.services.db, team.organisationId);
    assert.equal((await asked()).people, 0, 'kept until the next audited change');

    // Any audited change of the organisation moves its version: the next read counts again.
    await t.services.auditLog.audited(
      t.services.db,
      { actor: t.services.accounts.people.auditActor(admin), ip: '127.0.0.1' },
      (_trx, audit) =>
        audit({
          organisationId: team.organisationId,
          action: 'enquiry.start',
          recordType: 'enquiry',
          recordId: 'test',
        }),
    );
    assert.equal((await asked()).people, 1, 'the change shows in the next read');
  });
});
