/**
 * After rapid tranquillisation, physical health checks go on past the first hour (NICE NG10):
 * each check, once the first hour's are done, adds the next an hour later until the person is
 * alert and their observations are stable.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';

describe('checks after rapid tranquillisation', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  const ctx = { actor: null, ip: null };
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  const openChecks = (incidentId: string) =>
    t.conn.db
      .selectFrom('force_reviews')
      .select(['id', 'due_at'])
      .where('organisation_id', '=', team.organisationId)
      .where('incident_id', '=', incidentId)
      .where('kind', '=', 'rt_observations')
      .where('completed_at', 'is', null)
      .orderBy('due_at')
      .execute();

  it('go on hourly after the first hour until the person is alert and stable', async () => {
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const given = new Date(t.clock().getTime() - 5 * 60_000).toISOString();
    const base = typicalIncident(team, t.clock(), {}, 30);
    const id = await t.services.force.incidents.record(
      nurse,
      {
        ...base,
        interventions: [
          ...base.interventions,
          {
            typeCode: '14',
            startAt: given,
            endAt: given,
            positionNote: '',
            medication: 'Lorazepam 2 mg intramuscular',
            staff: [{ name: 'Sam Okafor', jobTitle: 'Doctor', roleCode: 'lead' }],
          },
        ],
      },
      ctx,
    );
    const note = { notes: 'Pulse 88, BP 124/80, RR 16, alert', supportOffered: null };
    // The first hour: four checks; finishing one of them while others are open adds nothing.
    for (let n = 0; n < 3; n++) {
      const [first] = await openChecks(id);
      await t.services.force.reviews.complete(nurse, id, first!.id, note, ctx);
    }
    assert.equal((await openChecks(id)).length, 1);
    // The last check of the hour, with the question left blank: the next falls due an hour on.
    const [last] = await openChecks(id);
    t.clock.advance(60 * 60_000);
    await t.services.force.reviews.complete(nurse, id, last!.id, note, ctx);
    let open = await openChecks(id);
    assert.equal(open.length, 1);
    assert.equal(Date.parse(open[0]!.due_at) - t.clock().getTime(), 60 * 60_000);
    // Not yet settled: another hour.
    await t.services.force.reviews.complete(
      nurse,
      id,
      open[0]!.id,
      { ...note, settled: false },
      ctx,
    );
    open = await openChecks(id);
    assert.equal(open.length, 1);
    // The record asks the question at the check.
    const agent = await signedInAgent(t.app, team.practitioner);
    assert.match(
      textOf((await agent.get(`/force/incidents/${id}`)).body),
      /Is the person alert, with stable observations\?/,
    );
    // Alert and stable, said through the form: no more checks.
    const res = await agent.post(`/force/incidents/${id}/reviews/${open[0]!.id}`, {
      notes: 'Alert, talking, observations in range',
      settled: 'yes',
    });
    assert.equal(res.status, 303);
    assert.equal((await openChecks(id)).length, 0);
  });

  it('overdue lists say whose item each is: the person and who recorded it', async () => {
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    await t.services.force.incidents.record(nurse, typicalIncident(team, t.clock()), ctx);
    t.clock.advance(4 * 24 * 60 * 60_000);
    const manager = await signedInAgent(t.app, team.manager);
    const people = await t.services.accounts.people.actorFor(team.person.id);
    const home = textOf((await manager.get('/')).body);
    assert.match(home, new RegExp(`for ${people.displayName}, due`));
    assert.match(home, new RegExp(`recorded by ${nurse.displayName}`));
    const list = textOf((await manager.get('/force/reviews')).body);
    assert.match(list, new RegExp(`${people.displayName}, recorded by ${nurse.displayName}`));
  });
});
