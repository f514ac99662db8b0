/**
 * The results views beyond the tables: each chart is drawn with its words, each CSV (scores,
 * gap, barriers, change) parses back to the figures the page shows, with small groups left out,
 * and the change since the previous round picks the right round and is suppressed below 5.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { createTestContext, makeTeam, signedInAgent, textOf } from '../../../test/factories.ts';
import type { Agent, TestContext } from '../../../test/factories.ts';
import { createAssessmentStore } from './store.ts';
import { writeSyntheticRound } from './synthetic.ts';
import type { RoundResults } from './results.ts';
import { welchDifference } from './stats.ts';

type Team = Awaited<ReturnType<typeof makeTeam>>;

describe('self-assessment results: charts, CSV and the change since the previous round', () => {
  let t: TestContext;
  let team: Team;
  let admin: Agent;
  let roundId: string;
  let results: RoundResults;
  let winterId: string;

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    admin = await signedInAgent(t.app, team.admin);
    const store = createAssessmentStore();
    const base = { organisationId: team.organisationId, createdBy: team.admin.id };
    // Three earlier rounds: the ward's latest before spring is the one to compare with; an older
    // one for the ward and a whole-organisation one are not.
    await writeSyntheticRound(t.services.db, store, {
      ...base,
      unitId: team.unitId,
      title: 'Autumn round',
      opensOn: '2025-10-01',
      closesOn: '2025-10-31',
      seed: 3,
      groups: [{ group: 'staff', count: 8, level: 2 }],
    });
    winterId = await writeSyntheticRound(t.services.db, store, {
      ...base,
      unitId: team.unitId,
      title: 'Winter round',
      opensOn: '2026-01-05',
      closesOn: '2026-02-20',
      seed: 5,
      groups: [
        { group: 'staff', count: 10, level: 3.4 },
        { group: 'people', count: 8, level: 2 },
        // Shown in winter, too few in spring: so no change is given for them.
        { group: 'partners', count: 6, level: 3 },
      ],
    });
    await writeSyntheticRound(t.services.db, store, {
      ...base,
      unitId: null,
      title: 'Whole organisation round',
      opensOn: '2026-02-01',
      closesOn: '2026-03-10',
      seed: 9,
      groups: [{ group: 'staff', count: 20, level: 5 }],
    });
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

  it('draws the scores, gap, barriers and change charts, each with words that stand in for it', async () => {
    const page = await admin.get(`/assessment/rounds/${roundId}/results`);
    assert.equal(page.status, 200);
    const figures = [
      ...page.body.matchAll(/<figure class="app-assessment-chart">([\s\S]*?)<\/figure>/g),
    ];
    assert.equal(figures.length, 4);
    for (const [, inner] of figures) {
      assert.match(inner!, /<div aria-hidden="true"><svg/);
      assert.match(inner!, /<figcaption[^>]*>[^<]{30,}<\/figcaption>/);
      // Nothing from the group too small to show now is drawn, not even its name in a legend.
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

  it('compares with the ward’s latest earlier round, per principle and group, by Welch', async () => {
    const c = results.comparison!;
    assert.equal(c.previous.id, winterId);
    assert.equal(c.previous.title, 'Winter round');
    const winter = await t.services.assessment.results.forRound(
      await t.services.accounts.people.actorFor(team.admin.id),
      winterId,
    );
    assert.equal(winter.comparison!.previous.title, 'Autumn round');
    assert.equal(c.rows.length, 11);
    for (const row of c.rows) {
      // Partners were shown in winter but are too few now: no change for them.
      assert.deepEqual(Object.keys(row.changes).sort(), ['people', 'staff']);
      for (const g of ['staff', 'people'] as const) {
        const before = winter.sections.find((s) => s.id === row.id)!.score[g]!;
        const after = results.sections.find((s) => s.id === row.id)!.score[g]!;
        assert.deepEqual(row.changes[g]!.difference, welchDifference(before, after));
        assert.ok(row.changes[g]!.difference.low < row.changes[g]!.difference.high);
      }
    }
    // Staff went from about 3.4 to about 4: a rise on the whole.
    const staffChanges = c.rows.map((r) => r.changes.staff!.difference.change);
    assert.ok(staffChanges.reduce((a, b) => a + b, 0) / staffChanges.length > 0.3);
  });

  it('shows the change as a table and gives it as CSV that parses back', async () => {
    const page = textOf((await admin.get(`/assessment/rounds/${roundId}/results`)).body);
    assert.match(page, /Change since the previous round/);
    assert.match(page, /Compared with Winter round/);
    const row = results.comparison!.rows.find((r) => r.id === 'safety')!;
    const d = row.changes.people!.difference;
    const fmt = (v: number) => String(Math.round(v * 100) / 100);
    assert.ok(page.includes(`(${fmt(d.low)} to ${fmt(d.high)})`), 'the interval is on the page');

    const res = await admin.get(`/assessment/rounds/${roundId}/comparison.csv`);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 22);
    assert.ok(rows.every((r) => r.group !== 'partners' && r.previous_round === winterId));
    const safety = rows.find((r) => r.principle_id === 'safety' && r.group === 'people')!;
    assert.equal(safety.change, d.change.toFixed(2));
    assert.equal(safety.ci95_low, d.low.toFixed(2));
    assert.equal(safety.ci95_high, d.high.toFixed(2));
    assert.equal(safety.previous_n, String(row.changes.people!.before.n));
  });

  it('says so when there is no earlier round to compare with', async () => {
    const page = textOf((await admin.get(`/assessment/rounds/${winterId}/results`)).body);
    assert.match(page, /Compared with Autumn round/);
    // Autumn had staff only: people have no change, and the first round has nothing before it.
    const autumn = (
      await t.services.assessment.results.closedRounds(
        await t.services.accounts.people.actorFor(team.admin.id),
      )
    ).find((r) => r.title === 'Autumn round')!;
    const first = textOf((await admin.get(`/assessment/rounds/${autumn.id}/results`)).body);
    assert.match(first, /There is no earlier closed round for/);
    const csv = await admin.get(`/assessment/rounds/${autumn.id}/comparison.csv`);
    assert.equal((parse(csv.body) as string[][]).length, 1);
  });

  it('makes a printable A4 report: summary, gap, change, every principle, barriers; no plan until one is given', async () => {
    const res = await admin.get(`/assessment/rounds/${roundId}/report`);
    assert.equal(res.status, 200);
    const text = textOf(res.body);
    for (const heading of [
      'Self-assessment report: Spring round',
      'Summary',
      'Where staff and people see things differently',
      'Change since the previous round',
      'Each principle',
      'What gets in the way',
      ...results.sections.map((s) => s.title),
    ])
      assert.ok(text.includes(heading), `the report has ${heading}`);
    assert.match(text, /Lived-experience partners Fewer than 5 \(not shown\)/);
    assert.match(text, /Too much paperwork: \d+ of 12/);
    // No action plan block unless the action plans module provides one.
    assert.doesNotMatch(res.body, /app-assessment-page-break">\s*<\/section>|Action plan/);
    // The print stylesheet sets A4 and hides the site around the report.
    const href = /href="(\/[^"]*app-assessment[^"]*\.css)"/.exec(res.body)![1]!;
    const css = await admin.get(href);
    assert.equal(css.status, 200);
    assert.match(css.body, /@page\s*{[^}]*size:\s*A4/);
    assert.match(css.body, /@media print/);
  });
});
