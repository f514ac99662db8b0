/**
 * The results views beyond the tables: each chart is drawn with its words, and each CSV (scores,
 * gap, barriers) parses back to the figures the page shows, with small groups left out.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { createAssessmentStore } from './store.ts';
import { writeSyntheticRound } from './synthetic.ts';
import type { RoundResults } from './results.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('self-assessment results: charts and CSV', () => {
  let t: TestContext;
  let team: Team;
  let admin: Agent;
  let roundId: string;
  let results: RoundResults;

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    admin = await signedInAgent(t.app, team.admin);
    roundId = await writeSyntheticRound(t.services.db, createAssessmentStore(), {
      organisationId: team.organisationId,
      unitId: team.unitId,
      title: 'Spring round',
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
      createdBy: team.admin.id,
      seed: 7,
      groups: [
        { group: 'staff', count: 12, level: 4, barriers: ['barrier.paperwork'] },
        { group: 'people', count: 9, level: 2.6, bySection: { safety: 2 } },
        // Too few to show: nothing of theirs may appear anywhere.
        { group: 'partners', count: 3, level: 3 },
      ],
    });
    results = await t.services.assessment.results.forRound(
      await t.services.accounts.people.actorFor(team.admin.id),
      roundId,
    );
  });
  after(() => t.close());

  it('draws the scores, gap and barriers charts, each with words that stand in for it', async () => {
    const page = await admin.get(`/assessment/rounds/${roundId}/results`);
    assert.equal(page.status, 200);
    const figures = [
      ...page.body.matchAll(/<figure class="app-assessment-chart">([\s\S]*?)<\/figure>/g),
    ];
    assert.equal(figures.length, 3);
    for (const [, inner] of figures) {
      assert.match(inner!, /<div aria-hidden="true"><svg/);
      assert.match(inner!, /<figcaption[^>]*>[^<]{30,}<\/figcaption>/);
      // Nothing from the group too small to show is drawn, not even its name in a legend.
      assert.doesNotMatch(inner!, /Lived-experience partners/);
    }
    const top = results.gaps[0]!;
    assert.match(textOf(page.body), new RegExp(`The largest is ${top.title}`));
  });

  it('gives the gap as CSV that parses back to the page’s figures', async () => {
    const res = await admin.get(`/assessment/rounds/${roundId}/gap.csv`);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, results.gaps.length);
    assert.equal(rows.length, 11);
    rows.forEach((row, n) => {
      const g = results.gaps[n]!;
      assert.equal(row.principle_id, g.id);
      assert.equal(row.principle, g.title);
      assert.equal(Number(row.gap), Number(g.gap.toFixed(2)));
      assert.ok(
        Math.abs(Number(row.staff_mean) - Number(row.people_mean) - Number(row.gap)) < 0.011,
      );
    });
    // Sorted by the gap, largest first; safety (people rated it lowest) is near the top.
    const gaps = rows.map((r) => Number(r.gap));
    assert.deepEqual(
      gaps,
      [...gaps].sort((a, b) => b - a),
    );
    assert.ok(rows.findIndex((r) => r.principle_id === 'safety') < 3);
  });

  it('gives barriers per group as CSV, ranked, without the group too small to show', async () => {
    const res = await admin.get(`/assessment/rounds/${roundId}/barriers.csv`);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    assert.deepEqual([...new Set(rows.map((r) => r.group))], ['staff', 'people']);
    for (const group of ['staff', 'people'] as const) {
      const mine = rows.filter((r) => r.group === group);
      assert.deepEqual(
        mine.map((r) => [r.barrier_id, Number(r.count)]),
        results.barriers[group]!.map((b) => [b.id, b.count]),
      );
      assert.equal(mine[0]!.rank, '1');
      assert.equal(mine[0]!.group_responses, group === 'staff' ? '12' : '9');
    }
    assert.equal(rows.find((r) => r.group === 'staff')!.barrier_id, 'barrier.paperwork');
  });

  it('gives the scores as CSV that parses back, every principle score within its interval', async () => {
    const res = await admin.get(`/assessment/rounds/${roundId}/results.csv`);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    assert.ok(rows.length > 40);
    assert.ok(rows.every((r) => r.group !== 'partners'));
    for (const r of rows.filter((x) => x.level === 'principle')) {
      const section = results.sections.find((s) => s.id === r.section)!;
      const score = section.score[r.group as 'staff' | 'people']!;
      assert.equal(Number(r.n), score.n);
      assert.equal(r.mean, score.mean.toFixed(2));
      assert.ok(Number(r.ci95_low) <= Number(r.mean) && Number(r.mean) <= Number(r.ci95_high));
    }
  });
});
