/**
 * "Who has seen my information" grouped for the person, on SQLite or PostgreSQL: one line per
 * person, action and day with a count; looks apart from changes; emergency looks on their own;
 * the filter; and the page as a list in plain words.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { ctxOf, ensureTeamPlan } from '../../../test/plans-fixtures.ts';
import { HOUR } from '../../lib/clock.ts';
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';
import { accessKindOf } from './who-has-seen.ts';

/** Reading age (Flesch-Kincaid grade + 5) of one line of prose. */
function readingAge(line: string): number {
  const words = line.match(/[A-Za-z'’]+/g) ?? [];
  const sentences = Math.max(1, (line.match(/[.!?]+(\s|$)/g) ?? []).length);
  const syllables = words.reduce((n, w) => n + syllable(w), 0);
  return fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables }) + 5;
}

describe('who has seen my information, grouped', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let managerName: string;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    const planId = await ensureTeamPlan(t.services, team);
    const manager = await t.services.accounts.people.actorFor(team.manager.id);
    managerName = manager.displayName;
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    // 4 December 2026, in the morning (UK time): the manager looks three times, the nurse once.
    t.clock.set(new Date('2026-12-04T09:05:00Z'));
    for (let i = 0; i < 3; i++) {
      await t.services.plans.planAccess.open(manager, planId, 'full', ctxOf(t.services, manager));
      t.clock.advance(HOUR);
    }
    await t.services.plans.planAccess.open(nurse, planId, 'glance', ctxOf(t.services, nurse));
    // The next day: the manager looks once more.
    t.clock.set(new Date('2026-12-05T10:00:00Z'));
    await t.services.plans.planAccess.open(manager, planId, 'full', ctxOf(t.services, manager));
  });
  after(() => t.close());

  it('sorts actions into looks, changes and emergency looks', () => {
    assert.equal(accessKindOf('plan.view', {}), 'look');
    assert.equal(accessKindOf('plan.print_card', {}), 'look');
    assert.equal(accessKindOf('plan.export_fhir', {}), 'look');
    assert.equal(accessKindOf('caseload.search', {}), 'look');
    assert.equal(accessKindOf('plan.view', { emergency: true }), 'emergency');
    assert.equal(accessKindOf('plan.emergency_access', {}), 'emergency');
    assert.equal(accessKindOf('plan.propose', {}), 'change');
    assert.equal(accessKindOf('force.record', {}), 'change');
  });

  it('groups by person, action and day, newest day first', async () => {
    const person = await t.services.accounts.people.actorFor(team.person.id);
    const page = await t.services.audit.whoHasSeen(person, person.id, 'looks');
    assert.equal(page.sections.length, 1);
    const [section] = page.sections;
    assert.deepEqual(
      section?.days.map((d) => d.label),
      ['5 December 2026', '4 December 2026'],
    );
    const fourth = section?.days[1]?.groups.map((g) => g.sentence) ?? [];
    assert.ok(
      fourth.includes(`${managerName}, unit manager, looked at your plan 3 times on 4 December.`),
      fourth.join('\n'),
    );
    const three = section?.days[1]?.groups.find((g) => g.count === 3);
    assert.deepEqual(three?.times, ['9:05am', '10:05am', '11:05am']);
    assert.equal(section?.days[0]?.groups[0]?.count, 1);
    assert.match(
      section?.days[0]?.groups[0]?.sentence ?? '',
      /looked at your plan on 5 December\.$/,
    );
  });

  it('keeps changes apart from looks, and filters', async () => {
    const person = await t.services.accounts.people.actorFor(team.person.id);
    const all = await t.services.audit.whoHasSeen(person, person.id, 'all');
    assert.deepEqual(
      all.sections.map((s) => s.kind),
      ['emergency', 'look', 'change'],
    );
    assert.equal(all.totals.look, 5);
    const changes = await t.services.audit.whoHasSeen(person, person.id, 'changes');
    assert.deepEqual(
      changes.sections.map((s) => s.kind),
      ['change'],
    );
    for (const day of changes.sections[0]?.days ?? []) {
      for (const g of day.groups) assert.doesNotMatch(g.sentence, /looked at/);
    }
  });

  it('shows emergency looks with the reason, under their own filter', async () => {
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const person = await t.services.accounts.people.actorFor(team.person.id);
    // Sharing stops, then the nurse opens the plan in an emergency.
    await t.services.plans.sharing.update(
      person,
      { unitIds: [], accountIds: [], privateSections: [] },
      ctxOf(t.services, person),
    );
    await t.services.plans.emergencyAccess.start(
      nurse,
      { personId: person.id, reason: 'Very upset at the front desk; we need to know what helps.' },
      ctxOf(t.services, nurse),
    );
    const page = await t.services.audit.whoHasSeen(person, person.id, 'emergency');
    const groups = page.sections[0]?.days.flatMap((d) => d.groups) ?? [];
    assert.ok(groups.length > 0);
    assert.ok(groups.every((g) => g.kind === 'emergency'));
    assert.ok(
      groups.some((g) =>
        g.reasons.includes('Very upset at the front desk; we need to know what helps.'),
      ),
    );
  });

  it('refuses anyone else the list', async () => {
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    await assert.rejects(
      t.services.audit.whoHasSeen(nurse, team.person.id, 'all'),
      /not found|Not found/i,
    );
  });

  it('renders a list (not a table) with a filter that works without JavaScript', async () => {
    const agent = await signedInAgent(t.app, team.person);
    const res = await agent.get('/who-has-seen-my-information?show=looks');
    assert.equal(res.status, 200);
    assert.doesNotMatch(res.body, /<table/);
    const text = textOf(res.body);
    // Day, then person, then one short line per action.
    assert.match(
      text,
      new RegExp(`4 December 2026 .*${managerName}, unit manager Looked at your plan 3 times\\.`),
    );
    assert.doesNotMatch(text, /Changes to your plan and notes/);
    assert.match(res.body, /value="looks" checked/);
    const odd = await agent.get('/who-has-seen-my-information?show=%3Cscript%3E');
    assert.equal(odd.status, 200, 'an unknown filter shows everything');
    assert.match(textOf(odd.body), /Changes to your plan and notes/);
  });

  it("writes the page's own words at a reading age of 9 or under", async () => {
    const agent = await signedInAgent(t.app, team.person);
    const page = (await agent.get('/who-has-seen-my-information')).body;
    const html = page.slice(page.indexOf('<main'), page.indexOf('</main>'));
    // The page's prose: paragraphs, the filter question and the action lines (headings are names
    // and days, not prose; the time lines are lists of times).
    const lines = [
      ...html.matchAll(
        /<(p|legend)( class="(?!app-access-item__(?:meta|reason))[^"]*")?>([\s\S]*?)<\/\1>/g,
      ),
    ]
      .map((m) => textOf(m[3] ?? ''))
      .filter((line) => /[a-z]{3}/.test(line) && !/\d{4}/.test(line));
    assert.ok(lines.length >= 5, lines.join('\n'));
    for (const line of lines) {
      assert.ok(readingAge(line) <= 9, `reading age ${readingAge(line).toFixed(1)}: ${line}`);
    }
  });
});
