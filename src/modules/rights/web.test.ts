/**
 * The rights pages as a person and an administrator use them: Sam sees what is held, downloads
 * it as a file and reads it on a page, is asked to choose before anything is deleted, and
 * deletes her plan; staff get 404; the administrator sets periods and cannot set use-of-force
 * records below three years.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { ensureTeamPlan } from '../../../test/plans-fixtures.ts';
import { makeReflection } from '../../../test/enquiry-fixtures.ts';
import { recordTeamIncident } from '../../../test/force-fixtures.ts';

describe('rights pages', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let sam: Agent;
  let planId: string;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    planId = await ensureTeamPlan(t.services, team);
    await makeReflection(t.services, team);
    await recordTeamIncident(t.services, team);
    sam = await signedInAgent(t.app, team.person);
  });
  after(() => t.close());

  it('shows Sam what is held, with the way to download and delete, from her home page', async () => {
    const home = await sam.get('/');
    assert.match(home.body, /href="\/my-information"/);
    const page = await sam.get('/my-information');
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /Download your information as a file/);
    assert.match(text, /Delete your plan or reflections/);
    assert.match(text, /at least three years/);
  });

  it('downloads everything as one JSON file, not cached', async () => {
    const res = await sam.get('/my-information/download');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.match(
      String(res.headers['content-disposition']),
      /attachment; filename="my-information-2026-06-01\.json"/,
    );
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = JSON.parse(res.body) as {
      plan: { versions: { answers: { answer: string }[] }[] };
    };
    assert.equal(
      body.plan.versions[0]?.answers.some((a) => a.answer === 'A quiet room and a cup of tea.'),
      true,
    );
  });

  it('shows the same on a readable page', async () => {
    const res = await sam.get('/my-information/copy');
    assert.equal(res.status, 200);
    const text = textOf(res.body);
    assert.match(text, /A quiet room and a cup of tea\./);
    assert.match(text, /Things were hard at home\./);
    assert.match(text, /Two staff used a standing hold/);
  });

  it('asks her to choose before deleting, keeping the page as it was', async () => {
    const form = await sam.get('/my-information/delete');
    assert.equal(form.status, 200);
    assert.match(textOf(form.body), /cannot be undone/);
    const res = await sam.post('/my-information/delete', {});
    assert.equal(res.status, 400);
    assert.match(res.body, /nhsuk-error-summary/);
    assert.match(textOf(res.body), /Choose what you would like to delete/);
    const bad = await sam.post('/my-information/delete', { parts: 'force' });
    assert.equal(bad.status, 400);
    assert.equal(
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from plans where id = ${planId}`.execute(
            t.conn.db,
          )
        ).rows[0]!.n,
      ),
      1,
    );
  });

  it('deletes her plan when she chooses it, and says what is kept', async () => {
    const res = await sam.post('/my-information/delete', { parts: 'plan' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/my-information/deleted?parts=plan');
    const done = await sam.get(String(res.headers.location));
    assert.match(textOf(done.body), /What you asked us to delete has gone/);
    assert.match(textOf(done.body), /What we have to keep/);
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from plans where id = ${planId}`.execute(t.conn.db);
    assert.equal(Number(rows[0]!.n), 0);
    const reflections = await sql<{
      n: number;
    }>`select count(*) as n from enquiry_reflections where person_id = ${team.person.id}`.execute(
      t.conn.db,
    );
    assert.equal(
      Number(reflections.rows[0]!.n),
      1,
      'her reflections stay: she did not choose them',
    );
  });

  it('answers 404 to staff for every person page', async () => {
    const staff = await signedInAgent(t.app, team.practitioner);
    for (const url of ['/my-information', '/my-information/download', '/my-information/copy']) {
      assert.equal((await staff.get(url)).status, 404, url);
    }
  });

  it('lets the administrator set periods, never force records under three years', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const page = await admin.get('/admin/retention');
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), /How long records are kept/);
    const form = {
      plan_history: '24',
      enquiry_records: '240',
      reflections: '12',
      force_records: '12',
    };
    const refused = await admin.post('/admin/retention', form);
    assert.equal(refused.status, 400);
    assert.match(textOf(refused.body), /at least 36 months/);
    assert.match(refused.body, /value="12"/, 'what was typed is kept');
    const notANumber = await admin.post('/admin/retention', { ...form, force_records: 'ten' });
    assert.equal(notANumber.status, 400);
    const saved = await admin.post('/admin/retention', { ...form, force_records: '48' });
    assert.equal(saved.status, 303);
    const { rows } = await sql<{
      months: number;
    }>`select months from retention_settings where organisation_id = ${team.organisationId} and category = 'force_records'`.execute(
      t.conn.db,
    );
    assert.equal(Number(rows[0]!.months), 48);
    const manager = await signedInAgent(t.app, team.manager);
    assert.equal((await manager.get('/admin/retention')).status, 404);
  });
});
