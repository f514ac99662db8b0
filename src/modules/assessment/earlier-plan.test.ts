/**
 * A later round's results page lists the actions planned after the earlier round, per principle,
 * each with where it stands (done, in progress, not started), owner and due day, beside the
 * principle's change since then. The earlier round's own page (no round before it) and a later
 * round whose earlier round has no plan show no such section; another organisation gets 404.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { ctxOf } from '../../../test/plans-fixtures.ts';
import { makeClosedRound } from '../../../test/assessment-fixtures.ts';

const DAY = 86_400_000;
type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('the earlier plan on a later round’s results', () => {
  let t: TestContext;
  let team: Team;
  let other: Team;
  let manager: Agent;
  let otherAdmin: Agent;
  let firstRound = '';
  let laterRound = '';
  let otherLater = '';

  const day = (days: number) =>
    new Date(t.clock().getTime() + days * DAY).toISOString().slice(0, 10);

  const closedRound = (of: Team, closesIn: number, staff: string, people: string) =>
    makeClosedRound(t.services, of, closesIn, staff, people);

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    manager = await signedInAgent(t.app, team.manager);
    otherAdmin = await signedInAgent(t.app, other.admin);
    firstRound = await closedRound(team, 10, '5', '2');
    laterRound = await closedRound(team, 20, '5', '4');
    await closedRound(other, 10, '4', '2');
    otherLater = await closedRound(other, 20, '4', '3');

    const actor = await t.services.accounts.people.actorFor(team.manager.id);
    const ctx = ctxOf(t.services, actor);
    const { improvement } = t.services;
    const plan = await improvement.plans.draft(
      actor,
      { subjectKind: 'assessment_round', subjectId: firstRound },
      ctx,
    );
    const input = (what: string, linkKey: string | undefined) => ({
      what,
      ownerId: team.practitioner.id,
      dueOn: day(30),
      linkKey,
    });
    const add = (what: string, linkKey: string | undefined) =>
      improvement.actions.add(actor, plan.id, input(what, linkKey), ctx);
    const done = 'Ask everyone at admission what helps them feel safe';
    const doneId = await add(done, 'principle:safety');
    await improvement.actions.change(
      actor,
      plan.id,
      doneId,
      { ...input(done, 'principle:safety'), status: 'done' },
      ctx,
    );
    const started = await add('Quiet room open at night', 'principle:safety');
    await improvement.actions.progress(
      actor,
      plan.id,
      started,
      { onDate: day(0), note: 'Room chosen with the ward group' },
      ctx,
    );
    await add('Share the ward rules in plain words', undefined);
  });
  after(() => t.close());

  it('lists the earlier plan’s actions beside the principle’s change, with where each stands', async () => {
    const res = await manager.get(`/assessment/rounds/${laterRound}/results`);
    assert.equal(res.status, 200);
    const text = textOf(res.body);
    const section = text.slice(text.indexOf('Planned after the last round'));
    assert.ok(text.includes('Planned after the last round'));
    assert.match(section, /Round closing in 10/);
    // People rated safety 2 then 4: a change of +2, with no spread so the interval is 2 to 2.
    assert.match(
      section,
      /Feeling safe\s+Change since the last round:.*People who use the service \+2/s,
    );
    assert.match(
      section,
      /Ask everyone at admission what helps them feel safe\s+Where it stands\s+Done\s+Who owns it/,
    );
    assert.match(section, /Quiet room open at night\s+Where it stands\s+In progress/);
    assert.match(
      section,
      /Other actions in the plan\s+Share the ward rules in plain words\s+Where it stands\s+Not started/,
    );
  });

  it('shows no such section without an earlier round, or when the earlier round has no plan', async () => {
    const first = await manager.get(`/assessment/rounds/${firstRound}/results`);
    assert.equal(first.status, 200);
    assert.doesNotMatch(textOf(first.body), /Planned after the last round/);
    const theirs = await otherAdmin.get(`/assessment/rounds/${otherLater}/results`);
    assert.equal(theirs.status, 200);
    assert.match(textOf(theirs.body), /Change since the previous round/);
    assert.doesNotMatch(textOf(theirs.body), /Planned after the last round|admission/);
  });

  it('gives 404 for another organisation’s round', async () => {
    assert.equal((await otherAdmin.get(`/assessment/rounds/${laterRound}/results`)).status, 404);
    assert.equal((await manager.get(`/assessment/rounds/${otherLater}/results`)).status, 404);
  });
});
