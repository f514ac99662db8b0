/**
 * The self-assessment across organisations: sharing is each administrator's choice, nothing shows
 * below 5 organisations, groups are kept apart, small groups leave an organisation out of a
 * principle, no organisation is named, and the quantiles are right.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { newId } from '../../lib/tokens.ts';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { ctxOf } from '../../../test/plans-fixtures.ts';
import { distributionsOf, quantile } from './national.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('quantiles and distributions', () => {
  it('works quantiles out between neighbours, as spreadsheets do', () => {
    const v = [1, 2, 3, 4, 5];
    assert.equal(quantile(v, 0.5), 3);
    assert.equal(quantile(v, 0.25), 2);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([1.5, 2, 4, 4.5], 0.25), 1.875);
    assert.equal(quantile([7], 0.75), 7);
  });

  it('shows a principle only with 5 organisations, and marks only the viewer’s own', () => {
    const scores = new Map(
      [2, 3, 3.5, 4, 4.5].map((s, i) => [
        `org-${i}`,
        new Map([
          ['safety', { staff: s, ...(i < 4 ? { people: s - 1 } : {}) }],
          ['choice', { staff: s }],
        ]),
      ]),
    );
    const list = distributionsOf(
      scores,
      [
        { id: 'safety', title: 'Safety' },
        { id: 'choice', title: 'Choice' },
      ],
      'org-1',
    );
    const staffSafety = list.find((d) => d.group === 'staff' && d.principleId === 'safety');
    assert.deepEqual(staffSafety?.quantiles, {
      lowest: 2,
      q1: 3,
      median: 3.5,
      q3: 4,
      highest: 4.5,
    });
    assert.deepEqual(staffSafety?.own, { score: 3, lower: 1, higher: 3 });
    const peopleSafety = list.find((d) => d.group === 'people' && d.principleId === 'safety');
    assert.equal(peopleSafety?.organisations, 4);
    assert.equal(peopleSafety?.quantiles, null);
    assert.deepEqual(peopleSafety?.scores, []);
    assert.equal(peopleSafety?.own, null);
  });
});

describe('self-assessment across organisations', () => {
  let t: TestContext;
  const teams: Team[] = [];
  const DAY = 86_400_000;
  const day = (days: number) =>
    new Date(t.clock().getTime() + days * DAY).toISOString().slice(0, 10);

  /** A closed whole-organisation round: `staff` people rate safety `staffValue`, `people` rate it 3. */
  async function closedRound(team: Team, staffValue: string, people = 5) {
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    const { id } = await t.services.assessment.rounds.open(
      admin,
      { unitId: '', title: 'Whole organisation', closesOn: day(10) },
      ctxOf(t.services, admin),
    );
    const answers = (v: string) =>
      JSON.stringify({ 'safety.calm': v, 'safety.who-to-go-to': v, 'safety.acted-on': v });
    const rows = [
      ...Array<string[]>(5).fill(['staff', staffValue]),
      ...Array<string[]>(people).fill(['people', '3']),
    ].map(([group, v]) => ({
      organisation_id: team.organisationId,
      round_id: id,
      id: newId(),
      respondent_group: group as string,
      answers: answers(v as string),
      barriers: '[]',
      comment: 'A comment that must never leave the organisation',
    }));
    await t.services.db.insertInto('assessment_responses').values(rows).execute();
    await t.services.assessment.rounds.close(admin, id, ctxOf(t.services, admin));
  }

  async function share(team: Team, shared: 'yes' | 'no') {
    const agent = await signedInAgent(t.app, team.admin);
    const res = await agent.post('/assessment/peers/sharing', { shared });
    assert.equal(res.status, 303);
  }

  before(async () => {
    t = await createTestContext();
    for (let i = 0; i < 6; i++) teams.push(await makeTeam(t.services));
    // Staff rate safety 1..5 in the first five; the fifth has only 4 people answering.
    for (const [i, team] of teams.entries())
      await closedRound(team, String(Math.min(i + 1, 5)), i === 4 ? 4 : 5);
  });
  after(() => t.close());

  it('is off until an administrator turns it on, and the choice is audited', async () => {
    const admin = await signedInAgent(t.app, teams[0]!.admin);
    const page = textOf((await admin.get('/assessment/peers')).body);
    assert.match(page, /does not share its scores/);
    assert.match(page, /Never a single statement/);
    const bad = await admin.post('/assessment/peers/sharing', { shared: 'maybe' });
    assert.equal(bad.status, 400);
    assert.match(textOf(bad.body), /Choose whether to share/);
    for (const team of teams.slice(0, 4)) await share(team, 'yes');
    const audited = await acrossOrganisations('test: reading the audit trail', () =>
      t.services.db
        .selectFrom('audit_events')
        .select(['organisation_id', 'action'])
        .where('action', '=', 'assessment.sharing_on')
        .execute(),
    );
    assert.equal(audited.length, 4);
  });

  it('shows nothing below 5 organisations', async () => {
    const national = await signedInAgent(t.app, teams[0]!.national);
    const page = textOf((await national.get('/assessment/national')).body);
    assert.match(page, /Not enough organisations to compare yet: 4 shared results/);
    const empty = await national.get('/assessment/national.csv');
    assert.equal(empty.status, 200);
    assert.equal(empty.body.trim().split(/\r?\n/).length, 1, 'only the header');
    // The sixth shares nothing yet: a fifth organisation that shares is needed.
    await share(teams[5]!, 'no');
    const still = textOf((await national.get('/assessment/national')).body);
    assert.match(still, /4 shared results/);
  });

  it('shows the distribution at 5, groups apart, small groups left out, no names', async () => {
    await share(teams[4]!, 'yes');
    const national = await signedInAgent(t.app, teams[0]!.national);
    const res = await national.get('/assessment/national');
    assert.equal(res.status, 200);
    const page = textOf(res.body);
    assert.match(page, /5 organisations shared results/);
    assert.doesNotMatch(page, /A comment that must never leave/);
    assert.doesNotMatch(page, /calm/i);
    const csv = await national.get('/assessment/national.csv');
    assert.equal(csv.status, 200);
    assert.match(csv.body, /^year,principle,group,organisations,lowest,q1,median,q3,highest/);
    // Staff: 1, 2, 3, 4, 5.
    assert.match(csv.body, /\d{4},safety,staff,5,1,2,3,4,5\r?\n/);
    // People: the fifth had 4 answers, so it is left out and 4 organisations are too few.
    assert.match(csv.body, /\d{4},safety,people,4,,,,,\r?\n/);
    for (const team of teams)
      for (const secret of [team.organisationId, team.admin.id])
        assert.ok(!csv.body.includes(secret) && !res.body.includes(secret));
  });

  it('shows an administrator where their own organisation stands, others anonymous', async () => {
    const admin = await signedInAgent(t.app, teams[2]!.admin);
    const page = textOf((await admin.get('/assessment/peers')).body);
    assert.match(page, /Where your organisation stands/);
    assert.match(page, /3: higher than 2 and lower than 2 of the others/);
    for (const team of teams) assert.ok(!page.includes(team.organisationId));
    // An organisation that does not share sees nobody else's.
    const outsider = await signedInAgent(t.app, teams[5]!.admin);
    const closed = textOf((await outsider.get('/assessment/peers')).body);
    assert.match(closed, /shows here once it shares/);
    const csv = await outsider.get('/assessment/national.csv');
    assert.equal(csv.body.trim().split(/\r?\n/).length, 1, 'only the header');
  });

  it('is for the national operator and administrators only', async () => {
    const admin = await signedInAgent(t.app, teams[0]!.admin);
    assert.equal((await admin.get('/assessment/national')).status, 404);
    const national = await signedInAgent(t.app, teams[0]!.national);
    assert.equal((await national.get('/assessment/peers')).status, 404);
    const manager = await signedInAgent(t.app, teams[0]!.manager);
    assert.equal((await manager.get('/assessment/national.csv')).status, 404);
    assert.equal((await manager.post('/assessment/peers/sharing', { shared: 'no' })).status, 404);
  });

  it('changes only the caller’s own organisation, whatever the form names', async () => {
    const admin = await signedInAgent(t.app, teams[5]!.admin);
    const res = await admin.post('/assessment/peers/sharing', {
      shared: 'no',
      organisationId: teams[0]!.organisationId,
    });
    assert.equal(res.status, 303);
    const rows = await acrossOrganisations('test: every sharing choice', () =>
      t.services.db.selectFrom('assessment_sharing').selectAll().execute(),
    );
    assert.equal(rows.find((r) => r.organisation_id === teams[0]!.organisationId)?.shared, 1);
    // Turning it off takes the scores out straight away.
    await share(teams[4]!, 'no');
    const national = await signedInAgent(t.app, teams[0]!.national);
    assert.match(textOf((await national.get('/assessment/national')).body), /4 shared results/);
  });
});
