/**
 * Staff learning through the web: a nurse taking the course (leave midway, resume, fail a
 * section, pass, certificate, training record, the manager's grid turning green), courses,
 * own records with bad dates, the records import all or nothing, and use-of-force flags.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import { recordTeamIncident } from '../../../test/force-fixtures.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { forceTrainingFlags, loadCourse } from './index.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

/** The form that answers a section: every question right, or the first `wrong` ones wrong. */
function answersFor(sectionId: string, wrong = 0): Record<string, string> {
  const section = loadCourse().sections.find((s) => s.id === sectionId)!;
  return Object.fromEntries(
    section.questions.map((q, i) => {
      const right = q.options.findIndex((o) => o.right);
      return [q.id, String(i < wrong ? (right + 1) % q.options.length : right)];
    }),
  );
}

describe('learning pages', () => {
  let t: TestContext;
  let team: Team;
  let other: Team;
  let admin: Agent;
  let manager: Agent;
  let nurse: Agent;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    admin = await signedInAgent(t.app, team.admin);
    manager = await signedInAgent(t.app, team.manager);
    nurse = await signedInAgent(t.app, team.practitioner);
  });
  after(() => t.close());

  const rows = (table: 'learning_records' | 'learning_progress' | 'learning_certificates') =>
    t.services.db
      .selectFrom(table)
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();

  async function gridCell(topic: string): Promise<string> {
    const res = await manager.get('/learning/unit');
    assert.equal(res.status, 200);
    const text = textOf(res.body);
    const at = text.indexOf(`(${topic})`, text.indexOf('Each member of staff'));
    return text.slice(at, at + 80);
  }

  it('lets an administrator add a course, and refuses unknown topics and a repeated name', async () => {
    const bad = await admin.post('/admin/learning/courses', {
      name: 'Safety intervention',
      provider: 'Ward training team',
      topics: ['e', 'z'],
      refresherMonths: '12',
    });
    assert.equal(bad.status, 400);
    assert.match(textOf(bad.body), /Choose topics from the list/);
    const ok = await admin.post('/admin/learning/courses', {
      name: 'Safety intervention',
      provider: 'Ward training team',
      topics: ['e', 'f', 'j', 'k'],
      refresherMonths: '12',
    });
    assert.equal(ok.status, 303);
    const again = await admin.post('/admin/learning/courses', {
      name: 'safety intervention',
      provider: 'Someone else',
      topics: ['e'],
      refresherMonths: '12',
    });
    assert.equal(again.status, 400);
    const page = textOf((await admin.get('/admin/learning/courses')).body);
    assert.match(
      page,
      /Course Safety intervention Provider Ward training team Topics e, f, j, k Refresh every 12 months/,
    );
    assert.match(page, /No current course covers: \(a\)/);
    // Only administrators define courses.
    assert.equal((await manager.get('/admin/learning/courses')).status, 404);
  });

  it('takes a nurse through the course: leave, resume, fail a section, pass, certificate', async () => {
    const { sections } = loadCourse();
    assert.match(await gridCell('g'), /Not yet trained/);

    // The first section, passed; then the nurse leaves.
    let res = await nurse.post(`/learning/course/${sections[0]!.id}`, answersFor(sections[0]!.id));
    assert.equal(res.status, 303);
    res = await nurse.get(`/learning/course/${sections[0]!.id}`);
    assert.match(textOf(res.body), /so you have passed this section/);
    assert.match(textOf(res.body), /Best answer/);

    // Coming back, the contents page carries on where they stopped.
    res = await nurse.get('/learning/course');
    assert.match(textOf(res.body), new RegExp(`Carry on: ${sections[1]!.title}`));

    // One wrong answer in four is under 80%: not passed, with the explanations shown.
    res = await nurse.post(`/learning/course/${sections[1]!.id}`, answersFor(sections[1]!.id, 1));
    assert.equal(res.status, 303);
    res = await nurse.get(`/learning/course/${sections[1]!.id}`);
    assert.match(textOf(res.body), /You got 3 of 4 right\. Passing needs at least 80%/);
    assert.match(
      textOf((await nurse.get('/learning/course')).body),
      /3 of 4 right, not passed yet/,
    );

    // Answers to a question the section does not have: refused, nothing saved.
    const before = await rows('learning_progress');
    res = await nurse.post(`/learning/course/${sections[1]!.id}`, {
      ...answersFor(sections[1]!.id),
      'made-up-question': '0',
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await rows('learning_progress'), before);
    res = await nurse.post(`/learning/course/${sections[1]!.id}`, {
      [`${sections[1]!.id}-1`]: '9',
    });
    assert.equal(res.status, 400);
    assert.equal((await nurse.post('/learning/course/no-such-section', {})).status, 404);
    assert.match(
      textOf((await nurse.get('/learning/course/certificate')).body),
      /No certificate yet/,
    );

    // Passing every section finishes the course, once.
    for (const s of sections.slice(1)) {
      assert.equal((await rows('learning_certificates')).length, 0);
      res = await nurse.post(`/learning/course/${s.id}`, answersFor(s.id));
      assert.equal(res.status, 303);
    }
    assert.match(String(res.headers.location), /finished=1/);
    const certificate = await nurse.get('/learning/course/certificate');
    assert.equal(certificate.status, 200);
    assert.match(textOf(certificate.body), /Certificate of completion/);
    assert.match(textOf(certificate.body), /on 1 June 2026/);
    assert.match(textOf(certificate.body), /Learning time: 1\.5 hours/);
    const records = await rows('learning_records');
    assert.equal(records.filter((r) => r.source === 'course').length, 1);

    // Answering again gives no second certificate or record.
    await nurse.post(`/learning/course/${sections[0]!.id}`, answersFor(sections[0]!.id));
    assert.equal((await rows('learning_certificates')).length, 1);

    const mine = textOf((await nurse.get('/learning')).body);
    assert.match(mine, /Course Trauma-informed practice \(Hearth\) Finished 1 June 2026/);
    assert.match(mine, /\(g\) The impact of trauma Standing In date/);
    assert.match(await gridCell('g'), /In date/);
    // Each learner sees only their own certificate.
    assert.match(
      textOf((await manager.get('/learning/course/certificate')).body),
      /No certificate yet/,
    );
  });

  it('adds a nurse’s own completion, refusing a day in the future or not a day at all', async () => {
    const courses = await t.services.db
      .selectFrom('learning_courses')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .where('built_in', '=', 0)
      .execute();
    const courseId = courses[0]!.id;
    const before = await rows('learning_records');
    for (const completedOn of ['2026-06-02', '31/02/2026', 'yesterday']) {
      const res = await nurse.post('/learning/records', { courseId, completedOn });
      assert.equal(res.status, 400, completedOn);
    }
    const otherCourse = await nurse.post('/learning/records', {
      courseId: '00000000-0000-4000-8000-000000000000',
      completedOn: '2026-05-01',
    });
    assert.equal(otherCourse.status, 400);
    // Another organisation's course is not a choice either.
    const otherAdmin = await t.services.accounts.people.actorFor(other.admin.id);
    const foreign = await t.services.learning.records.addCourse(
      otherAdmin,
      { name: 'Their course', provider: 'Them', topics: ['e'], refresherMonths: 12 },
      { actor: null, ip: null },
    );
    const foreignCourse = await nurse.post('/learning/records', {
      courseId: foreign.id,
      completedOn: '2026-05-01',
    });
    assert.equal(foreignCourse.status, 400);
    assert.deepEqual(await rows('learning_records'), before);
    const ok = await nurse.post('/learning/records', { courseId, completedOn: '14/05/2025' });
    assert.equal(ok.status, 303);
    // Twelve months from 14 May 2025 is 14 May 2026: overdue on 1 June 2026 (topic (e) stays
    // in date through the trauma-informed course).
    const mine = textOf((await nurse.get('/learning')).body);
    assert.match(
      mine,
      /\(f\) The risks of using force Standing Overdue When it is due Due 14 May 2026/,
    );
  });

  it('flags staff on a use of force whose (e) or (f) training is out of date, to managers only', async () => {
    const name = (
      await t.services.accounts.people.describeAccounts(
        t.services.db,
        [team.practitioner.id],
        team.organisationId,
      )
    ).get(team.practitioner.id)!.displayName;
    const asManager = await t.services.accounts.people.actorFor(team.manager.id);
    const asNurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const flags = await forceTrainingFlags(t.services.learning, asManager, [name, 'Someone else']);
    assert.equal(flags.length, 1);
    assert.deepEqual(
      flags[0]!.topics.map((x) => `${x.letter} ${x.status}`),
      // The course the nurse finished covers (e), so only (f) is out of date.
      ['f overdue'],
    );
    assert.deepEqual(await forceTrainingFlags(t.services.learning, asNurse, [name]), []);

    // On the record itself: the manager sees the flag, the nurse who recorded it does not.
    await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'practitioner',
      unitIds: [team.unitId],
      displayName: 'Jo Bennett',
    });
    const incidentId = await recordTeamIncident(t.services, team);
    const seen = textOf((await manager.get(`/force/incidents/${incidentId}`)).body);
    assert.match(seen, /Training to plan/);
    assert.match(seen, /Jo Bennett: \(e\) Ways to avoid or reduce force – not yet trained/);
    assert.doesNotMatch(seen, /Chris Doyle:/);
    const asRecorded = await nurse.get(`/force/incidents/${incidentId}`);
    assert.equal(asRecorded.status, 200);
    assert.doesNotMatch(textOf(asRecorded.body), /Training to plan/);
  });

  it('imports records all or nothing, naming every bad line', async () => {
    const nurseEmail = team.practitioner.email;
    const managerEmail = team.manager.email;
    const before = await rows('learning_records');
    const bad = [
      'Employee Number,Email Address,Course,Completion Date,Assignment Start Date',
      `1001,${nurseEmail},Safety intervention,01/03/2026,01/01/2020`,
      `1002,${managerEmail},Safety intervention,01/07/2026,`,
      `1003,nobody@example.test,Safety intervention,01/03/2026,`,
      `1001,${nurseEmail},Safety intervention,01/03/2026,01/01/2020`,
      `1004,${managerEmail},Knitting,01/03/2026,`,
      `1005,${managerEmail},Safety intervention,01/03/2019,01/01/2020`,
      `1006,${other.practitioner.email},Safety intervention,01/03/2026,`,
      `1007,${managerEmail},Safety intervention,2026-02-30,`,
    ].join('\n');
    const res = await admin.post('/admin/learning/import', { csv: bad });
    assert.equal(res.status, 400);
    const text = textOf(res.body);
    assert.match(text, /Nothing was imported/);
    assert.match(text, /Line 3: the completion date 01\/07\/2026 has not happened yet/);
    assert.match(
      text,
      /Line 4: there is no member of staff with the email address "nobody@example.test"/,
    );
    assert.match(text, /Line 5: this is the same completion as line 2/);
    assert.match(text, /Line 6: "Knitting" is not one of your organisation's courses/);
    assert.match(text, /Line 7: the completion date 01\/03\/2019 is before this person started/);
    assert.match(text, /Line 8: there is no member of staff with the email address/);
    assert.match(text, /Line 9: "2026-02-30" is not a date/);
    assert.doesNotMatch(text, /Line 2:/);
    assert.deepEqual(await rows('learning_records'), before);

    const good = [
      'Employee Number,Email Address,Course,Completion Date,Assignment Start Date',
      `1001,${nurseEmail},Safety intervention,01/03/2026,01/01/2020`,
      `1002,${managerEmail},Safety intervention,10-APR-2026,`,
    ].join('\n');
    const ok = await admin.post('/admin/learning/import', { csv: good });
    assert.equal(ok.status, 200);
    assert.match(textOf(ok.body), /Imported 2 training records/);
    assert.equal((await rows('learning_records')).length, before.length + 2);

    // Staff are known by employee number now; the same lines again add nothing.
    const byNumber = [
      'Employee Number,Course,Completion Date',
      '1001,Safety intervention,01/03/2026',
    ];
    const repeat = await admin.post('/admin/learning/import', { csv: byNumber.join('\n') });
    assert.match(textOf(repeat.body), /Imported 0 training records\. 1 were already recorded/);

    // A completion before the start day the import gave is refused on the nurse's own form too.
    const early = await nurse.post('/learning/records', {
      courseId: (await rows('learning_records')).find((r) => r.source === 'import')!.course_id,
      completedOn: '01/12/2019',
    });
    assert.equal(early.status, 400);
    assert.match(textOf(early.body), /on or after you started here/);

    // The export round-trips, with its columns, for the manager's unit.
    const csv = await manager.get('/learning/records.csv');
    assert.equal(csv.status, 200);
    assert.match(
      csv.body,
      /^Employee Number,Email Address,Full Name,Course,Provider,Completion Date,Due Date,Evidence/,
    );
    assert.match(csv.body, /1001,.*Safety intervention,Ward training team,2026-03-01,2027-03-01/);
    const back = await admin.post('/admin/learning/import', { csv: csv.body });
    assert.equal(back.status, 200);
    assert.match(textOf(back.body), /Imported 0 training records/);
    assert.equal((await nurse.get('/learning/records.csv')).status, 404);
  });

  it('shows a manager only their own units, and the grid shows a training gap', async () => {
    const page = textOf((await manager.get('/learning/unit')).body);
    assert.match(page, /No current course covers topic \(d\), \(i\)/);
    assert.equal((await manager.get(`/learning/unit?unit=${other.unitId}`)).status, 404);
    const otherAdmin = await signedInAgent(t.app, other.admin);
    assert.equal((await otherAdmin.get(`/learning/unit?unit=${team.unitId}`)).status, 404);
  });
});
