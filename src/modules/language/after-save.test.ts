// After-save suggestions in other modules use the organisation's own rules and allowed terms
// (the language service's checkForOrganisation), not the built-in lexicon alone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';
import { ctxOf, ensureTeamPlan } from '../../../test/plans-fixtures.ts';

const ctx = { actor: null, ip: null };

describe('after-save suggestions use the organisation’s rules', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    // The organisation's own rule ("huffing") and a term it agreed to use (its "Challenging
    // Behaviour Service", which the built-in lexicon would flag as jargon).
    await t.services.language.addRule(
      admin,
      {
        phrases: ['huff~'],
        category: 'blame',
        severity: 'medium',
        reason: 'Can make low mood sound like a choice to be difficult.',
        alternatives: ['quiet and withdrawn'],
      },
      ctx,
    );
    await t.services.language.addAllowedTerm(admin, { term: 'Challenging Behaviour Service' }, ctx);
  });
  after(() => t.close());

  const words =
    'Huffing in her room after lunch. Referred to the Challenging Behaviour Service. ' +
    'Staff said her challenging behaviour had eased.';

  it('enquiry: the note on a conversation that did not happen', async () => {
    for (const [which, expected] of [
      [team, ['Huffing', 'challenging behaviour']],
      [other, ['Challenging Behaviour', 'challenging behaviour']],
    ] as const) {
      const nurse = await t.services.accounts.people.actorFor(which.practitioner.id);
      const id = await t.services.enquiry.conversation.start(nurse, which.person.id, ctx);
      const { suggestions } = await t.services.enquiry.conversation.notAsked(
        nurse,
        id,
        {
          version: 1,
          reason: 'no_time',
          note: words,
          returnOn: t.services.clock().toISOString().slice(0, 10),
        },
        ctx,
      );
      assert.deepEqual(
        suggestions.map((s) => s.text),
        expected,
      );
    }
  });

  it('force: the suggestions shown on a saved record', async () => {
    for (const [which, expected] of [
      [team, ['Huffing', 'challenging behaviour']],
      [other, ['Challenging Behaviour', 'challenging behaviour']],
    ] as const) {
      const nurse = await t.services.accounts.people.actorFor(which.practitioner.id);
      const input = typicalIncident(which, t.services.clock(), {
        reasonNarrative: words,
        howForceUsed: 'A standing hold, talking throughout.',
        outcome: 'Settled in ten minutes.',
      });
      const id = await t.services.force.incidents.record(nurse, input, ctx);
      const view = await t.services.force.incidents.view(nurse, id, ctx);
      assert.deepEqual(
        view.language.map((n) => n.text),
        expected,
      );
    }
  });

  it('plan proposals: the words of a suggested change, shown once it is sent', async () => {
    for (const [which, expected] of [
      [team, ['Huffing', 'challenging behaviour']],
      [other, ['Challenging Behaviour', 'challenging behaviour']],
    ] as const) {
      const planId = await ensureTeamPlan(t.services, which);
      const nurse = await t.services.accounts.people.actorFor(which.practitioner.id);
      const id = await t.services.plans.proposals.propose(
        nurse,
        planId,
        {
          content: {
            fields: { helpsText: words, restraintPositionsToAvoid: ['face_down'] },
            declined: [],
          },
          note: '',
        },
        ctxOf(t.services, nurse),
      );
      const suggestions = await t.services.plans.proposals.languageSuggestions(nurse, planId, id);
      assert.deepEqual(
        suggestions.flatMap((s) => s.findings.map((f) => f.text)),
        expected,
      );
      // Only the practitioner who suggested it may ask.
      const manager = await t.services.accounts.people.actorFor(which.manager.id);
      await assert.rejects(
        t.services.plans.proposals.languageSuggestions(manager, planId, id),
        /not found/i,
      );
    }
  });

  it('plan proposals: the page after sending shows them, and sends the change either way', async () => {
    const planId = await ensureTeamPlan(t.services, team);
    const nurse = await signedInAgent(t.app, team.practitioner);
    const form = await nurse.get(`/plans/${planId}/propose`);
    assert.equal(form.status, 200);
    const sent = await nurse.post(`/plans/${planId}/proposals`, {
      helpsText: 'Huffing after visits; a walk in the garden helps.',
      restraintPositionsToAvoid: 'face_down',
      note: '',
    });
    assert.equal(sent.status, 200, textOf(sent.body).slice(0, 300));
    const text = textOf(sent.body);
    assert.match(text, /Your suggestion was sent/);
    assert.match(text, /Huffing/);
    assert.match(text, /quiet and withdrawn/);
  });
});
