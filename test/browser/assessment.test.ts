/**
 * The self-assessment in Chromium: a person answers on a phone with JavaScript off (home page
 * panel, the form, thanks), someone without an account answers with a code, a manager reads the
 * demo's results (charts, the change since the previous round, the printable report), and axe
 * finds nothing on any of the pages.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAxeClean, expectAxeCleanAs, signIn, startHarness } from './harness.ts';
import type { BrowserHarness } from './harness.ts';
import { makeTeam } from '../factories.ts';
import { newId } from '../../src/lib/tokens.ts';

const PERSON = 'sam@demo.hearth.test';
const PHONE = { width: 390, height: 844 };

describe('the self-assessment in Chromium', { timeout: 600_000 }, () => {
  let h: BrowserHarness;
  let roundId: string;
  let code: string;
  before(async () => {
    h = await startHarness();
    const priya = await h.services.accounts.people.actorFor(h.demo.people.priya);
    const ctx = { actor: h.services.accounts.people.auditActor(priya), ip: null };
    const closesOn = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    ({ id: roundId } = await h.services.assessment.rounds.open(
      priya,
      { unitId: h.demo.units.ward3, title: 'Ward 3 this month', closesOn },
      ctx,
    ));
    [code] = await h.services.assessment.codes.make(
      priya,
      roundId,
      { count: 1, group: 'people' },
      ctx,
    );
  });
  after(() => h.close());

  it('lets a person answer on a phone with JavaScript off, skipping what they like', async () => {
    const page = await h.newPage({ javaScript: false, viewport: PHONE });
    page.setDefaultTimeout(60_000);
    await signIn(page, PERSON);
    await page.getByRole('link', { name: /Answer the questions for Ward 3/ }).click();
    await page
      .getByRole('heading', { name: 'How trauma-informed is this service?', level: 1 })
      .waitFor();
    await page
      .getByRole('group', { name: 'Staff here are kind and warm.' })
      .getByLabel('Agree', { exact: true })
      .check();
    await page
      .getByRole('group', { name: 'This place feels calm and welcoming.' })
      .getByLabel("I'd rather not say")
      .check();
    await page.getByLabel('Too much paperwork').check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    const rows = await h.services.db
      .selectFrom('assessment_responses')
      .select('answers')
      .where('organisation_id', '=', h.demo.organisationId)
      .where('round_id', '=', roundId)
      .execute();
    assert.equal(rows.length, 1);
    assert.deepEqual(JSON.parse(rows[0]!.answers), {
      'relationships.kind': '4',
      'safety.calm': 'no',
    });
  });

  // axe runs in the page, so these pages are checked with JavaScript on (at phone size).
  it('lets someone without an account answer with a code, and shows an error summary for a bad one', async () => {
    const page = await h.newPage({ viewport: PHONE });
    page.setDefaultTimeout(30_000);
    await page.goto('/assessment/code');
    await page.getByLabel('Your code').fill('AAAAA-BBBBB');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').getByText('We could not find that code').waitFor();
    await expectAxeClean(page);
    await page.getByLabel('Your code').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Send my answers' }).waitFor();
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await expectAxeClean(page);
  });

  it('shows the manager a round page that axe finds nothing on', async () => {
    const page = await h.newPage();
    await signIn(page, 'priya@demo.hearth.test');
    await page.goto('/assessment');
    await expectAxeClean(page);
    await page.goto(`/assessment/rounds/${roundId}`);
    await expectAxeClean(page);
    // Evidence from the records shows beside the principles even while the round is open.
    await page.goto(`/assessment/rounds/${roundId}/results`);
    await page.getByRole('heading', { name: 'Evidence from the records' }).waitFor();
    await expectAxeClean(page);
  });

  it('lets a manager read the demo results: charts with words, the change since last time, and the report', async () => {
    const page = await h.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, 'priya@demo.hearth.test');
    await page.goto('/assessment/results');
    await page.getByRole('link', { name: 'Ward 3, second self-assessment' }).click();
    await page
      .getByRole('heading', { name: 'Results: Ward 3, second self-assessment', level: 1 })
      .waitFor();
    await page.getByRole('heading', { name: 'Change since the previous round' }).waitFor();
    await page.getByText('Compared with Ward 3, first self-assessment').waitFor();
    // Each chart is a picture hidden from screen readers, with words standing in for it.
    const figures = page.locator('figure.app-assessment-chart');
    assert.equal(await figures.count(), 4);
    for (const figure of await figures.all()) {
      assert.equal(await figure.locator('svg').count(), 1);
      assert.ok((await figure.locator('figcaption').innerText()).length > 30);
    }
    await page
      .getByRole('table', { name: /Change in each principle's score/ })
      .getByRole('row')
      .nth(1)
      .waitFor();
    await expectAxeClean(page);
    await page.getByRole('link', { name: /A report of this round to print/ }).click();
    await page
      .getByRole('heading', { name: 'Self-assessment report: Ward 3, second self-assessment' })
      .waitFor();
    await expectAxeClean(page);
  });
  it('shows, on the second round, the actions planned after the first, JavaScript off', async () => {
    // An action plan for the demo's first Ward 3 round, with one action serving "Feeling safe".
    const tom = await h.services.accounts.people.actorFor(h.demo.people.tom);
    const ctx = { actor: h.services.accounts.people.auditActor(tom), ip: null };
    const priya = await h.services.accounts.people.actorFor(h.demo.people.priya);
    const { rounds } = await h.services.assessment.rounds.listForManager(priya);
    const byTitle = (title: string) => rounds.find((r) => r.title === title)!;
    const first = byTitle('Ward 3, first self-assessment');
    const second = byTitle('Ward 3, second self-assessment');
    const plan = await h.services.improvement.plans.draft(
      tom,
      { subjectKind: 'assessment_round', subjectId: first.id },
      ctx,
    );
    const dueOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await h.services.improvement.actions.add(
      tom,
      plan.id,
      {
        what: 'Open the quiet room at night for anyone who wants it',
        ownerId: h.demo.people.jo,
        dueOn,
        linkKey: 'principle:safety',
      },
      ctx,
    );

    const page = await h.newPage({ javaScript: false });
    page.setDefaultTimeout(30_000);
    await signIn(page, 'priya@demo.hearth.test');
    const path = `/assessment/rounds/${second.id}/results`;
    await page.goto(path);
    await page.getByRole('heading', { name: 'Planned after the last round', level: 2 }).waitFor();
    const action = page.getByRole('heading', {
      name: 'Open the quiet room at night for anyone who wants it',
    });
    await action.waitFor();
    await page.getByText('Not started').first().waitFor();
    // The first round's own results have no round before them, so no such section.
    await page.goto(`/assessment/rounds/${first.id}/results`);
    assert.equal(await page.getByText('Planned after the last round').count(), 0);
    await page.context().close();
    await expectAxeCleanAs(h, 'priya@demo.hearth.test', path);
  });

  it('shows the national operator the comparison across organisations, JavaScript off', async () => {
    // Five organisations with a closed whole-organisation round each, all sharing.
    const closesOn = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < 5; i++) {
      const team = await makeTeam(h.services);
      const admin = await h.services.accounts.people.actorFor(team.admin.id);
      const ctx = { actor: h.services.accounts.people.auditActor(admin), ip: null };
      const { id } = await h.services.assessment.rounds.open(
        admin,
        { unitId: '', title: 'Whole organisation', closesOn },
        ctx,
      );
      const answers = JSON.stringify({
        'safety.calm': String(i + 1),
        'safety.who-to-go-to': '3',
        'safety.acted-on': '4',
      });
      await h.services.db
        .insertInto('assessment_responses')
        .values(
          [
            'staff',
            'staff',
            'staff',
            'staff',
            'staff',
            'people',
            'people',
            'people',
            'people',
            'people',
          ].map((group) => ({
            organisation_id: team.organisationId,
            round_id: id,
            id: newId(),
            respondent_group: group,
            answers,
            barriers: '[]',
            comment: null,
          })),
        )
        .execute();
      await h.services.assessment.rounds.close(admin, id, ctx);
      await h.services.assessment.national.setSharing(admin, true, ctx);
    }
    const page = await h.newPage({ javaScript: false });
    page.setDefaultTimeout(30_000);
    await signIn(page, 'nina@demo.hearth.test');
    await page.goto('/assessment/national');
    await page
      .getByRole('heading', { name: 'Self-assessment across organisations', level: 1 })
      .waitFor();
    await page.getByText('5 organisations shared results').waitFor();
    await page
      .getByRole('table', { name: /Principle scores across organisations: staff/ })
      .waitFor();
    assert.equal(await page.locator('figure.app-assessment-chart svg').count(), 2);
    // axe needs scripts, so it reads the same page in a second context with JavaScript on.
    const checked = await h.newPage();
    await signIn(checked, 'nina@demo.hearth.test');
    await checked.goto('/assessment/national');
    await expectAxeClean(checked);

    // The demo's administrator: not sharing yet, chooses to share, with no JavaScript.
    const admin = await h.newPage({ javaScript: false });
    admin.setDefaultTimeout(30_000);
    await signIn(admin, 'priya@demo.hearth.test');
    await admin.goto('/assessment/peers');
    await admin.getByRole('heading', { name: 'Compare with other organisations' }).waitFor();
    await admin.getByLabel('Yes, share them').check();
    await admin.getByRole('button', { name: 'Save my choice' }).click();
    await admin.getByText('Your choice is saved.').waitFor();
    await admin.getByRole('heading', { name: 'Where your organisation stands' }).waitFor();
    const adminChecked = await h.newPage();
    await signIn(adminChecked, 'priya@demo.hearth.test');
    await adminChecked.goto('/assessment/peers');
    await adminChecked.getByRole('heading', { name: 'Where your organisation stands' }).waitFor();
    await expectAxeClean(adminChecked);
  });
});
