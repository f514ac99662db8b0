/**
 * "Save and finish later" keeps what was typed; a draft left unfinished for 24 hours shows on
 * the home page of the nurse who started it and of the unit's manager, and saving the record
 * removes it. Another organisation's staff cannot open it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { DAY } from '../../lib/clock.ts';
import { toLondonLocal } from './time.ts';

describe('unfinished use-of-force records', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('keeps a draft, shows it on home pages after 24 hours, and removes it once saved', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    await nurse.get(`/force/incidents/new?personId=${team.person.id}`);
    const start = toLondonLocal(new Date(t.clock().getTime() - 30 * 60_000));
    const typed = {
      personId: team.person.id,
      unitId: team.unitId,
      rows: '1',
      startAt: start,
      reasonCode: '10',
      reasonNarrative: 'Upset after a phone call; we talked first.',
      i0_type: '07',
      action: 'draft',
    };
    const kept = await nurse.post('/force/incidents', typed);
    assert.equal(kept.status, 303, textOf(kept.body).slice(0, 300));
    const resumed = await nurse.get(String(kept.headers.location));
    assert.match(textOf(resumed.body), /Kept as a draft/);
    assert.match(resumed.body, /Upset after a phone call; we talked first\./);
    const draftId = /\/force\/incidents\/drafts\/([^/]+)\/page-1/.exec(
      String(kept.headers.location),
    )?.[1];
    assert.ok(draftId);
    const rows = await t.conn.db
      .selectFrom('force_drafts')
      .select(['id', 'created_by'])
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [{ id: draftId, created_by: team.practitioner.id }],
    );
    // Not yet a day: no panel.
    assert.doesNotMatch(textOf((await nurse.get('/')).body), /Unfinished use-of-force records/);
    t.clock.advance(DAY + 60_000);
    // Sessions end after a day; sign in again.
    const nurseAgain = await signedInAgent(t.app, team.practitioner);
    assert.match(textOf((await nurseAgain.get('/')).body), /Unfinished use-of-force records: 1/);
    const manager = await signedInAgent(t.app, team.manager);
    assert.match(textOf((await manager.get('/')).body), /Unfinished use-of-force records: 1/);
    // Another organisation cannot open it.
    const other = await makeTeam(t.services);
    const stranger = await signedInAgent(t.app, other.practitioner);
    const peek = await stranger.get(
      `/force/incidents/new?personId=${team.person.id}&draft=${draftId}`,
    );
    assert.equal(peek.status, 404);
    // The home page's link goes back to the page it was left on.
    const link = await nurseAgain.get(
      `/force/incidents/new?personId=${team.person.id}&draft=${draftId}`,
    );
    assert.equal(link.status, 303);
    assert.equal(link.headers.location, `/force/incidents/drafts/${draftId}/page-1`);
    // Finishing it saves the record and removes the draft.
    const end = toLondonLocal(new Date(t.clock().getTime() - 10 * 60_000));
    const values = {
      ...typed,
      startAt: toLondonLocal(new Date(t.clock().getTime() - 30 * 60_000)),
      avoidanceCodes: ['deescalation'],
      i0_end: end,
      i0_staff: 'Jo Bennett, Staff nurse, lead',
      howForceUsed: 'A standing hold, talking throughout.',
      inCarePlan: 'no',
      outcome: 'Settled.',
      harm: 'none',
      notification: 'sent',
      nonStaff: 'none',
      accountOffered: 'yes',
      action: 'continue',
    };
    const first = await nurseAgain.post(`/force/incidents/drafts/${draftId}/page-1`, values);
    assert.equal(first.headers.location, `/force/incidents/drafts/${draftId}/page-2`);
    for (const page of [2, 3]) {
      const res = await nurseAgain.post(`/force/incidents/drafts/${draftId}/page-${page}`, values);
      assert.equal(res.status, 303, textOf(res.body).slice(0, 600));
    }
    const saved = await nurseAgain.post(`/force/incidents/drafts/${draftId}/review`, {});
    assert.equal(saved.status, 303, textOf(saved.body).slice(0, 600));
    const left = await t.conn.db
      .selectFrom('force_drafts')
      .select('id')
      .where('organisation_id', '=', team.organisationId)
      .execute();
    assert.equal(left.length, 0);
    assert.doesNotMatch(
      textOf((await nurseAgain.get('/')).body),
      /Unfinished use-of-force records/,
    );
  });
});
