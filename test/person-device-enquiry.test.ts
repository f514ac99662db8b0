/**
 * The enquiry on the person's own device opens with the same "who will see this, and when we
 * would have to share it" framing as the staff screen, and the person chooses to start.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from './factories.ts';
import type { Agent, TestContext } from './factories.ts';
import { makeEnquiryPerson } from './enquiry-fixtures.ts';

describe('the enquiry on the person’s own device', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let staff: Agent;
  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    staff = await signedInAgent(t.app, team.practitioner);
  });
  after(() => t.close());

  /** Opens a step page and posts its form with the version shown on it. */
  async function submit(agent: Agent, url: string, fields: Record<string, string | string[]>) {
    const page = await agent.get(url);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    return agent.post(url, { version, ...fields });
  }

  function framingOf(html: string): string {
    const block = /<div class="app-framing">[\s\S]*?<\/div>/.exec(html)?.[0];
    assert.ok(block, 'the page has the framing');
    return textOf(block);
  }

  it('shows the staff screen’s framing first, and the questions only once the person starts', async () => {
    const person = await makeEnquiryPerson(t.services, team, 'Ona Phone');
    const started = await staff.post(`/enquiry/people/${person.id}/start`);
    const id = /\/enquiry\/([\w-]+)/.exec(String(started.headers.location))?.[1];
    assert.ok(id);
    await submit(staff, `/enquiry/${id}/prepare`, {
      checks: ['private', 'time', 'alone', 'language'],
      mode: 'own_device',
    });
    const staffConsent = await staff.get(`/enquiry/${id}/consent`);
    const staffFraming = framingOf(staffConsent.body);
    await submit(staff, `/enquiry/${id}/consent`, { choice: 'now' });

    const own = await signedInAgent(t.app, person);
    const first = await own.get(`/enquiry/${id}/ask`);
    assert.equal(first.status, 200);
    assert.match(textOf(first.body), /Before you start/);
    assert.equal(framingOf(first.body), staffFraming);
    assert.match(staffFraming, /Who will see what is written down/);
    assert.match(staffFraming, /When we would have to share something/);
    assert.doesNotMatch(first.body, /name="answer"/, 'no question before the person chooses');
    assert.match(first.body, /href="\/enquiry\/[\w-]+\/ask\?start=yes"/);

    const chosen = await own.get(`/enquiry/${id}/ask?start=yes`);
    assert.match(chosen.body, /name="answer"/);
    assert.match(textOf(chosen.body), /Question 1 of 9/);
    const saved = await own.post(`/enquiry/${id}/ask`, {
      version: /name="version" value="(\d+)"/.exec(chosen.body)![1]!,
      questionId: /name="questionId" value="([^"]+)"/.exec(chosen.body)![1]!,
      answer: 'no',
      action: 'next',
    });
    assert.equal(saved.status, 303);
    // Coming back after an answer goes straight to the questions.
    const again = await own.get(`/enquiry/${id}/ask`);
    assert.doesNotMatch(textOf(again.body), /Before you start/);
    assert.match(again.body, /name="answer"/);

    // Pause keeps what was typed as a draft, even with no answer chosen; it is not an answer.
    const questionId = /name="questionId" value="([^"]+)"/.exec(again.body)![1]!;
    const paused = await own.post(`/enquiry/${id}/ask`, {
      version: /name="version" value="(\d+)"/.exec(again.body)![1]!,
      questionId,
      words: 'Half a thought I want to finish later',
      action: 'pause',
    });
    assert.equal(paused.status, 303);
    assert.equal(paused.headers.location, '/enquiry/thank-you?paused=1');
    const back = await own.get(`/enquiry/${id}/ask`);
    assert.match(back.body, new RegExp(`name="questionId" value="${questionId}"`));
    assert.match(back.body, /<textarea[^>]*>Half a thought I want to finish later<\/textarea>/);
    assert.doesNotMatch(back.body, /name="answer" type="radio" value="[^"]+" checked/);
    const watching = await staff.get(`/enquiry/${id}/ask`);
    assert.match(textOf(watching.body), /answered 1 of 9/);
  });
});
