/**
 * Partners shaping the course text (issue 13 item 5): Morgan, a lived-experience partner,
 * suggests kinder words for one paragraph; bad suggestions are refused with nothing saved; an
 * administrator compares the words and accepts; the organisation's course shows the new words
 * and another organisation's does not; a second suggestion is declined with a reason Morgan
 * sees; a decision cannot be made twice; raw HTML in suggested words never reaches a page.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { loadCourse } from './index.ts';
import { splitBlocks } from './content-blocks.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('suggestions for the course text', () => {
  let t: TestContext;
  let team: Team;
  let other: Team;
  let partner: Agent;
  let admin: Agent;
  let nurse: Agent;
  let otherAdmin: Agent;
  let otherNurse: Agent;
  const section = loadCourse().sections[1]!;
  const blocks = splitBlocks(section.markdown);
  const paragraph = blocks.find((b) => !b.text.startsWith('#'))!;
  const url = `/learning/course/${section.id}/suggest`;
  let firstId = '';

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    partner = await signedInAgent(t.app, team.partner);
    admin = await signedInAgent(t.app, team.admin);
    nurse = await signedInAgent(t.app, team.practitioner);
    otherAdmin = await signedInAgent(t.app, other.admin);
    otherNurse = await signedInAgent(t.app, other.practitioner);
  });
  after(() => t.close());

  const proposals = () =>
    t.services.db
      .selectFrom('learning_text_proposals')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .orderBy('proposed_at')
      .execute();
  const overrides = () =>
    t.services.db
      .selectFrom('learning_text_overrides')
      .selectAll()
      .where('organisation_id', '=', team.organisationId)
      .execute();

  it('offers the partner, and only the partner, a way to suggest a change', async () => {
    const page = await partner.get(`/learning/course/${section.id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, new RegExp(`href="${url}"`));
    assert.doesNotMatch((await nurse.get(`/learning/course/${section.id}`)).body, /suggest"/);
    assert.equal((await nurse.get(url)).status, 404);
    const choose = await partner.get(url);
    assert.equal(choose.status, 200);
    assert.match(choose.body, new RegExp(`block=${paragraph.id}`));
    const form = await partner.get(`${url}?block=${paragraph.id}`);
    assert.equal(form.status, 200);
    assert.ok(textOf(form.body).includes(paragraph.text.split('\n')[0]!.slice(0, 40)));
    assert.equal((await partner.get(`${url}?block=b-nothere`)).status, 404);
  });

  it('refuses empty, over-long, unchanged and unknown-part suggestions, saving nothing', async () => {
    const cases: [Record<string, string>, number, RegExp | null][] = [
      [{ block: paragraph.id, text: '   ' }, 400, /Write the words you suggest/],
      [{ block: paragraph.id, text: 'x'.repeat(4001) }, 400, /4000 characters or fewer/],
      [{ block: 'section', text: 'x'.repeat(20001) }, 400, /20000 characters or fewer/],
      [{ block: paragraph.id, text: paragraph.text }, 400, /same as the current words/],
      [{ block: paragraph.id, text: 'Fine', why: 'y'.repeat(1001) }, 400, /1000 characters/],
      [{ block: 'b-nothere', text: 'New words' }, 303, null],
    ];
    for (const [form, status, message] of cases) {
      const res = await partner.post(url, form);
      assert.equal(res.status, status, JSON.stringify(form).slice(0, 80));
      if (message) assert.match(textOf(res.body), message);
      else assert.match(String(res.headers.location), /\?gone=1$/);
    }
    assert.deepEqual(await proposals(), []);
  });

  it('saves a suggestion the partner then sees as waiting', async () => {
    const res = await partner.post(url, {
      block: paragraph.id,
      text: 'Kinder words for this part, written by someone who has been there.',
      why: 'The old words felt cold to me.',
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/learning/suggestions?done=sent');
    const [row] = await proposals();
    assert.equal(row?.state, 'open');
    assert.equal(row?.current_text, paragraph.text);
    assert.equal(row?.proposed_by, team.partner.id);
    firstId = row!.id;
    const mine = textOf((await partner.get('/learning/suggestions')).body);
    assert.match(mine, /Waiting for a decision/);
    assert.match(mine, /Kinder words for this part/);
  });

  it('shows the administrator the words compared; another organisation gets 404', async () => {
    const list = await admin.get('/admin/learning/suggestions');
    assert.equal(list.status, 200);
    assert.match(list.body, new RegExp(`/admin/learning/suggestions/${firstId}`));
    const page = await admin.get(`/admin/learning/suggestions/${firstId}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<ins><span class="nhsuk-u-visually-hidden">Put in: <\/span>/);
    assert.match(textOf(page.body), /The old words felt cold to me/);
    assert.equal((await otherAdmin.get(`/admin/learning/suggestions/${firstId}`)).status, 404);
    const res = await otherAdmin.post(`/admin/learning/suggestions/${firstId}`, {
      decision: 'accept',
    });
    assert.equal(res.status, 404);
    assert.equal((await proposals())[0]?.state, 'open');
    assert.equal(
      (await otherAdmin.get('/admin/learning/suggestions')).body.includes(firstId),
      false,
    );
  });

  it('accepts once: the organisation’s course shows the new words, another’s does not', async () => {
    const missing = await admin.post(`/admin/learning/suggestions/${firstId}`, {});
    assert.equal(missing.status, 400);
    const ok = await admin.post(`/admin/learning/suggestions/${firstId}`, { decision: 'accept' });
    assert.equal(ok.status, 303);
    assert.match(
      textOf((await nurse.get(`/learning/course/${section.id}`)).body),
      /Kinder words for this part/,
    );
    const theirs = textOf((await otherNurse.get(`/learning/course/${section.id}`)).body);
    assert.doesNotMatch(theirs, /Kinder words for this part/);
    const again = await admin.post(`/admin/learning/suggestions/${firstId}`, {
      decision: 'decline',
      reason: 'Changed my mind',
    });
    assert.equal(again.status, 409);
    assert.match(textOf(again.body), /already been decided/);
    const [row] = await proposals();
    assert.equal(row?.state, 'accepted');
    assert.equal(row?.decided_by, team.admin.id);
    assert.equal((await overrides()).length, 1);
    const events = await t.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('organisation_id', '=', team.organisationId)
      .where('action', 'like', 'learning.text_%')
      .execute();
    assert.deepEqual(events.map((e) => e.action).sort(), [
      'learning.text_accept',
      'learning.text_propose',
    ]);
  });

  it('declines with a reason the partner sees; declining needs a reason', async () => {
    const heading = blocks.find((b) => b.text.startsWith('#'))!;
    await partner.post(url, { block: heading.id, text: '# <script>alert(1)</script> A title' });
    const second = (await proposals()).find((p) => p.state === 'open')!;
    const bare = await admin.post(`/admin/learning/suggestions/${second.id}`, {
      decision: 'decline',
    });
    assert.equal(bare.status, 400);
    assert.match(textOf(bare.body), /Say why/);
    const res = await admin.post(`/admin/learning/suggestions/${second.id}`, {
      decision: 'decline',
      reason: 'We would like to keep the title the same as other organisations for now.',
    });
    assert.equal(res.status, 303);
    const mine = textOf((await partner.get('/learning/suggestions')).body);
    assert.match(mine, /Not taken up/);
    assert.match(mine, /keep the title the same/);
    assert.equal((await overrides()).length, 1);
  });

  it('renders accepted words with raw HTML off, and a whole-section change replaces the text', async () => {
    await partner.post(url, {
      block: 'section',
      text: '# Our own section\n\nWords <b>with</b> <script>alert(1)</script> markup.',
    });
    const whole = (await proposals()).find((p) => p.state === 'open')!;
    assert.equal(whole.block_id, 'section');
    await admin.post(`/admin/learning/suggestions/${whole.id}`, { decision: 'accept' });
    const page = (await nurse.get(`/learning/course/${section.id}`)).body;
    assert.match(page, /<h1>Our own section<\/h1>/);
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(textOf(page), /Kinder words for this part/);
    assert.deepEqual(
      (await overrides()).map((o) => o.block_id),
      ['section'],
    );
  });

  it('refuses to accept a suggestion made against words that have since changed', async () => {
    const { blocks: now } = await t.services.learning.textProposals.blocks(
      await t.services.accounts.people.actorFor(team.partner.id),
      section.id,
    );
    const target = now[1]!;
    await partner.post(url, { block: target.id, text: 'First rewording' });
    await partner.post(url, { block: target.id, text: 'Second rewording' });
    const [a, b] = (await proposals()).filter((p) => p.state === 'open');
    assert.equal(
      (await admin.post(`/admin/learning/suggestions/${a!.id}`, { decision: 'accept' })).status,
      303,
    );
    const stale = await admin.post(`/admin/learning/suggestions/${b!.id}`, { decision: 'accept' });
    assert.equal(stale.status, 409);
    assert.match(textOf(stale.body), /have changed since this was suggested/);
    assert.equal((await proposals()).find((p) => p.id === b!.id)?.state, 'open');
  });
});
