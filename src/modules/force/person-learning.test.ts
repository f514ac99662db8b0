/**
 * The person reads back their own words from the learning after force on their own incident
 * page: who wrote them down and when, who else can read them, never the staff's themes; the read
 * is audited; no section when nothing was written; another person's incident is 404.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import {
  createTestContext,
  makeAccount,
  makeTeam,
  signedInAgent,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';

const ctx = { actor: null, ip: null };
const WORDS = 'Ask me first if I want to go to my room.\nPlease turn the radio off.';

/** Reading age (Flesch-Kincaid grade + 5) of one line of prose. */
function readingAge(line: string): number {
  const words = line.match(/[A-Za-z'’]+/g) ?? [];
  const sentences = Math.max(1, (line.match(/[.!?]+(\s|$)/g) ?? []).length);
  const syllables = words.reduce((n, w) => n + syllable(w), 0);
  return fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables }) + 5;
}

describe("the person's own words from the learning after force", () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let withWords: string;
  let themesOnly: string;
  let noReview: string;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const record = (minutesAgo: number) =>
      t.services.force.incidents.record(
        nurse,
        typicalIncident(team, t.clock(), {}, minutesAgo),
        ctx,
      );
    withWords = await record(300);
    themesOnly = await record(200);
    noReview = await record(100);
    await t.services.force.learning.save(
      nurse,
      withWords,
      { words: WORDS, recorderRole: 'peer_worker', themes: ['noise', 'staffing'] },
      ctx,
    );
    await t.services.force.learning.save(
      nurse,
      themesOnly,
      { words: '', recorderRole: '', themes: ['waiting'] },
      ctx,
    );
  });
  after(() => t.close());

  const viewsOf = async (incidentId: string) =>
    t.conn.db
      .selectFrom('audit_events')
      .select(['actor_id', 'subject_person_id'])
      .where('organisation_id', '=', team.organisationId)
      .where('action', '=', 'force.learning.view-own')
      .where('record_id', '=', incidentId)
      .execute()
      .then((rows) => rows.map((r) => ({ ...r })));

  it('shows their words as written, who wrote them down and when, and who can read them', async () => {
    const person = await signedInAgent(t.app, team.person);
    const page = await person.get(`/my-incidents/${withWords}`);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /What you told us could have been done differently/);
    assert.match(
      page.body,
      /Ask me first if I want to go to my room\.\nPlease turn the radio off\./,
    );
    assert.match(page.body, /<p class="app-preserve app-own-words">Ask me first/);
    const name = (await t.services.accounts.people.actorFor(team.practitioner.id)).displayName;
    assert.match(text, new RegExp(`${name}, a peer worker, wrote down your words on \\d`));
    assert.match(text, /Staff cannot change them\./);
    const readers = /Who can read them([\s\S]*?)Your account/.exec(text)?.[1] ?? '';
    assert.match(readers, /staff who work on the unit where it happened/);
    assert.match(readers, /the unit manager/);
    assert.match(readers, /administrators/);
    assert.match(readers, /never shown on charts or figures about the ward/);
    // The staff's themes stay with staff.
    assert.doesNotMatch(text, /Noise|Staffing|What set things off|themes?/i);
    // The read is audited, as the person's own.
    assert.deepEqual(await viewsOf(withWords), [
      { actor_id: team.person.id, subject_person_id: team.person.id },
    ]);
  });

  it('shows no section when there is no learning, or only themes', async () => {
    const person = await signedInAgent(t.app, team.person);
    for (const id of [noReview, themesOnly]) {
      const page = await person.get(`/my-incidents/${id}`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.body, /could have been done differently|done-differently/);
      assert.doesNotMatch(textOf(page.body), /Waiting/);
      assert.deepEqual(await viewsOf(id), []);
    }
  });

  it('gives 404 for another person’s incident, an id never made, and a non-number id', async () => {
    const other = await makeAccount(t.services, {
      organisationId: team.organisationId,
      role: 'service_user',
      unitIds: [team.unitId],
      practitionerIds: [team.practitioner.id],
    });
    const otherAgent = await signedInAgent(t.app, other);
    const person = await signedInAgent(t.app, team.person);
    for (const [agent, url] of [
      [otherAgent, `/my-incidents/${withWords}`],
      [person, '/my-incidents/not-a-number'],
      [person, '/my-incidents/12345'],
      [person, `/my-incidents/${withWords}x`],
    ] as const) {
      const page = await agent.get(url);
      assert.equal(page.status, 404, url);
      assert.doesNotMatch(page.body, /radio off/, url);
    }
    const other2 = await t.services.accounts.people.actorFor(other.id);
    await assert.rejects(t.services.force.learning.ownWords(other2, withWords, ctx), {
      kind: 'not_found',
    });
    // Staff read the words on the learning page, not through the person's page.
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    await assert.rejects(t.services.force.learning.ownWords(nurse, withWords, ctx), {
      kind: 'not_found',
    });
    // Refused reads add no audit event: still only the one read by the person above.
    assert.equal((await viewsOf(withWords)).length, 1);
  });

  it('keeps the new words for the person at a reading age of 9 or under', async () => {
    const person = await signedInAgent(t.app, team.person);
    const page = await person.get(`/my-incidents/${withWords}`);
    const section = /id="done-differently"[\s\S]*?id="your-account"/.exec(page.body)?.[0] ?? '';
    // Prose as the reading-age test reads it: four words or more, ending as a sentence does.
    const lines = [...section.matchAll(/<(p|li)>([\s\S]*?)<\/\1>/g)]
      .map((m) => textOf(m[2]!).replace(/\s+/g, ' ').trim())
      .filter((l) => l.split(' ').length >= 4 && /[.?!]$/.test(l));
    assert.ok(lines.length >= 3, `found ${lines.length} lines`);
    for (const line of lines)
      assert.ok(readingAge(line) <= 9, `reading age ${readingAge(line).toFixed(1)}: ${line}`);
  });
});
