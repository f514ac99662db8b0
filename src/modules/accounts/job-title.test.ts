/**
 * Job titles for the force form's staff list: staff set their own, an organisation's
 * administrator sets anyone's on the staff page, and a staff list's Job Title column travels
 * on the invitation to the account. A person using services has no such page (404).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';

describe('job titles', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  const jobTitleOf = async (id: string) =>
    (
      await t.conn.db
        .selectFrom('accounts')
        .select('job_title')
        .where('organisation_id', '=', team.organisationId)
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).job_title ?? null;

  it('a member of staff sets and clears their own; a person using services cannot', async () => {
    const nurse = await signedInAgent(t.app, team.practitioner);
    assert.equal((await nurse.get('/account/job-title')).status, 200);
    const saved = await nurse.post('/account/job-title', {
      jobTitle: "  Staff nurse, band 6 – Siân's ward ",
    });
    assert.equal(saved.status, 303);
    assert.equal(await jobTitleOf(team.practitioner.id), "Staff nurse, band 6 – Siân's ward");
    const tooLong = await nurse.post('/account/job-title', { jobTitle: 'x'.repeat(151) });
    assert.equal(tooLong.status, 400);
    assert.match(textOf(tooLong.body), /150 characters or fewer/);
    await nurse.post('/account/job-title', { jobTitle: '' });
    assert.equal(await jobTitleOf(team.practitioner.id), null);
    const person = await signedInAgent(t.app, team.person);
    assert.equal((await person.get('/account/job-title')).status, 404);
  });

  it('an administrator sets it on the staff page, and leaves it alone when the field is not sent', async () => {
    const admin = await signedInAgent(t.app, team.admin);
    await admin.get(`/admin/staff/${team.manager.id}`);
    const res = await admin.post(`/admin/staff/${team.manager.id}`, {
      role: 'unit_manager',
      unitIds: [team.unitId],
      jobTitle: 'Ward manager',
    });
    assert.equal(res.status, 303, textOf(res.body).slice(0, 300));
    assert.equal(await jobTitleOf(team.manager.id), 'Ward manager');
    await admin.post(`/admin/staff/${team.manager.id}`, {
      role: 'unit_manager',
      unitIds: [team.unitId],
    });
    assert.equal(await jobTitleOf(team.manager.id), 'Ward manager');
  });

  it("a staff list's Job Title column is kept on the invitation", async () => {
    const admin = await signedInAgent(t.app, team.admin);
    const ward = (
      await t.conn.db
        .selectFrom('units')
        .select('name')
        .where('organisation_id', '=', team.organisationId)
        .where('id', '=', team.unitId)
        .executeTakeFirstOrThrow()
    ).name;
    const csv = [
      'Employee Number,Full Name,Email Address,Position Title,Organisation,Job Title',
      `1,Ola Ade,ola-jt@x.test,Staff Nurse,${ward},"Staff nurse, band 5"`,
      `2,Kim Li,kim-jt@x.test,Staff Nurse,${ward},`,
    ].join('\n');
    await admin.get('/admin/staff-list');
    const done = await admin.post('/admin/staff-list/confirm', { csv });
    assert.equal(done.status, 200, textOf(done.body).slice(0, 300));
    const rows = await t.conn.db
      .selectFrom('invitations')
      .select(['email', 'job_title'])
      .where('organisation_id', '=', team.organisationId)
      .where('email', 'in', ['ola-jt@x.test', 'kim-jt@x.test'])
      .orderBy('email')
      .execute();
    assert.deepEqual(
      rows.map((r) => ({ ...r })),
      [
        { email: 'kim-jt@x.test', job_title: null },
        { email: 'ola-jt@x.test', job_title: 'Staff nurse, band 5' },
      ],
    );
  });
});
