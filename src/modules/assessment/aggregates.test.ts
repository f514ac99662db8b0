/**
 * Results worked out from the per-round aggregate counts equal results worked out from the raw
 * responses, on random data and on the demo; counts kept as responses arrive equal counts
 * rebuilt from the rows.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { loadDemo } from '../../demo.ts';
import { newId } from '../../lib/tokens.ts';
import type { AggregateCount } from './aggregates.ts';
import { aggregateDeltas, resultsFromAggregates } from './aggregates.ts';
import { seedAssessmentDemo } from './demo.ts';
import { dayOf, isClosed } from './deps.ts';
import { barrierIdsOf, loadInstrument } from './instrument.ts';
import type { RespondentGroup } from './policy.ts';
import { MIN_GROUP, computeResults } from './results.ts';
import type { RoundView } from './rounds.ts';
import { createAssessmentStore } from './store.ts';
import { seededRandom, writeSyntheticRound } from './synthetic.ts';

const instrument = loadInstrument();
const round = { id: 'r1', title: 'Round' } as unknown as RoundView;

/** Deep equality with numbers equal to 1e-9 (sums and squares add in a different order). */
function assertClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) < 1e-9, `${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    assert.equal(actual, expected, path);
    return;
  }
  assert.ok(actual !== null && typeof actual === 'object', `${path}: not an object`);
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  assert.deepEqual(Object.keys(a).sort(), Object.keys(e).sort(), `${path}: keys`);
  for (const k of Object.keys(e)) assertClose(a[k], e[k], `${path}.${k}`);
}

type Raw = {
  group: RespondentGroup;
  answers: Record<string, string>;
  barriers: string[];
  comment: string | null;
};

/** Random responses: any mix of skips, "don't know", "rather not say" and odd values. */
function randomResponses(seed: number, sizes: Record<RespondentGroup, number>): Raw[] {
  const rand = seededRandom(seed);
  const skip = rand() * 0.6;
  const out: Raw[] = [];
  for (const [group, count] of Object.entries(sizes) as [RespondentGroup, number][]) {
    for (let i = 0; i < count; i++) {
      const answers: Record<string, string> = {};
      for (const section of instrument.sections)
        for (const item of section.items) {
          const r = rand();
          if (r < skip) continue;
          answers[item.id] =
            r < skip + 0.05 ? 'dk' : r < skip + 0.08 ? 'no' : String(1 + Math.floor(rand() * 5));
        }
      if (rand() < 0.1) answers['not-an-item'] = '3';
      const barriers = barrierIdsOf(instrument).filter(() => rand() < 0.2);
      const comment = rand() < 0.2 ? `comment ${seed}-${group}-${i}` : null;
      out.push({ group, answers, barriers, comment });
    }
  }
  // Key order: the raw path reads responses, and so comments, in this order.
  return out;
}

function fromCounts(responses: Raw[]) {
  return resultsFromAggregates(
    round,
    instrument,
    aggregateDeltas(instrument, responses),
    responses.flatMap((r) => (r.comment === null ? [] : [{ group: r.group, comment: r.comment }])),
  );
}

describe('results from aggregate counts', () => {
  it('equal results from the raw responses on random data (100 rounds)', () => {
    let fast = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const rand = seededRandom(seed * 7919);
      const size = () => Math.floor(rand() * (rand() < 0.3 ? 8 : 60));
      const responses = randomResponses(seed, {
        staff: size(),
        people: size(),
        partners: size(),
      });
      const raw = computeResults(round, instrument, responses);
      const counted = fromCounts(responses);
      if (counted === null) {
        // Only when someone rated a statement that is hidden in a shown group.
        const hiddenRated = raw.sections.some((s) =>
          s.items.some((item) =>
            raw.groups.some((g) => {
              if (!g.shown) return false;
              const n = responses.filter(
                (r) => r.group === g.group && /^[1-5]$/.test(r.answers[item.id] ?? ''),
              ).length;
              return n > 0 && n < MIN_GROUP;
            }),
          ),
        );
        assert.ok(hiddenRated, `seed ${seed}: fell back without a hidden rated statement`);
        continue;
      }
      fast += 1;
      assertClose(counted, raw, `seed ${seed}`);
    }
    // Most random rounds are large enough to be read from the counts alone.
    assert.ok(fast > 50, `only ${fast} of 100 read from the counts`);
  });

  it('hides small groups alike: a group of 4 shows nothing either way', () => {
    const responses = randomResponses(3, { staff: 30, people: 4, partners: 0 });
    const counted = fromCounts(responses);
    assert.ok(counted);
    const people = counted.groups.find((g) => g.group === 'people');
    assert.equal(people?.shown, false);
    assert.equal(people?.responses, null);
    assert.ok(counted.sections.every((s) => s.score.people === undefined));
    assert.equal(counted.barriers.people, undefined);
    assert.equal(counted.comments.people, undefined);
  });

  it('never adds a count for an unknown group, statement, answer or barrier', () => {
    const deltas = aggregateDeltas(instrument, [
      { group: 'visitors', answers: { s1: '3' }, barriers: [] },
      { group: 'staff', answers: { 'not-an-item': '3' }, barriers: ['not-a-barrier'] },
    ]);
    assert.deepEqual(deltas, [
      {
        group: 'staff',
        kind: 'responses',
        key: '',
        bucket: '',
        n: 1,
        total: 0,
        totalSquares: 0,
      },
    ]);
  });
});

describe('aggregate counts in the database', () => {
  let t: TestContext;
  let organisationId: string;
  const store = createAssessmentStore();
  before(async () => {
    t = await createTestContext();
    const ids = await loadDemo(t.services);
    organisationId = ids.organisationId;
    await seedAssessmentDemo(t.services.db, store, t.clock, ids);
  });
  after(() => t.close());

  const sorted = (rows: AggregateCount[]) =>
    [...rows].sort((a, b) =>
      `${a.group}|${a.kind}|${a.key}|${a.bucket}`.localeCompare(
        `${b.group}|${b.kind}|${b.key}|${b.bucket}`,
      ),
    );

  it('the demo rounds: results from the counts equal results from the raw rows', async () => {
    const rounds = await store.listRounds(t.services.db, organisationId);
    let checked = 0;
    for (const r of rounds) {
      const rows = await store.listResponses(t.services.db, organisationId, r.id);
      if (rows.length === 0) continue;
      const raw = rows.map((x) => ({
        group: x.respondent_group as RespondentGroup,
        answers: JSON.parse(x.answers) as Record<string, string>,
        barriers: JSON.parse(x.barriers) as string[],
        comment: x.comment,
      }));
      const counts = await store.aggregateCounts(t.services.db, organisationId, r.id);
      const comments = await store.comments(t.services.db, organisationId, r.id);
      const counted = resultsFromAggregates(
        round,
        instrument,
        counts,
        comments.map((c) => ({ group: c.respondent_group, comment: c.comment ?? '' })),
      );
      const expected = computeResults(round, instrument, raw);
      // The small demo rounds may have a statement too few people rated (then the raw rows
      // are read); when the counts can give the figures, they must be the same.
      if (counted) assertClose(counted, expected, r.title);
      if (!isClosed(r, dayOf(t.clock()))) continue;
      const served = await t.services.assessment.results.forCommandLine(r.id);
      assertClose({ ...served, round, comparison: null }, expected, `${r.title} (service)`);
      checked += 1;
    }
    assert.ok(checked >= 2);
  });

  it('counts kept as responses arrive equal counts rebuilt from the rows', async () => {
    const db = t.services.db;
    const id = await writeSyntheticRound(db, store, {
      organisationId,
      unitId: null,
      title: 'Counted',
      opensOn: '2026-01-01',
      closesOn: '2026-01-31',
      createdBy: newId(),
      seed: 42,
      groups: [
        { group: 'staff', count: 40, level: 4 },
        { group: 'people', count: 35, level: 3 },
        { group: 'partners', count: 6, level: 3 },
      ],
    });
    // Plus a few the way a person's answer arrives: mixed into a shuffled batch.
    for (let i = 0; i < 5; i++) {
      await store.insertResponseMixed(db, {
        organisation_id: organisationId,
        round_id: id,
        id: newId(),
        respondent_group: 'people',
        answers: JSON.stringify({ 'safety-1': String(i + 1), 'choice-1': 'dk' }),
        barriers: JSON.stringify([barrierIdsOf(instrument)[0]]),
        comment: null,
      });
    }
    const incremental = await store.aggregateCounts(db, organisationId, id);
    assert.equal(
      incremental.filter((c) => c.kind === 'responses').reduce((s, c) => s + c.n, 0),
      86,
    );
    await store.rebuildAggregates(db, organisationId, id);
    const rebuilt = await store.aggregateCounts(db, organisationId, id);
    assert.deepEqual(sorted(incremental), sorted(rebuilt));
    assert.ok(rebuilt.length > 100);
    // The command line's rebuild of every round gives the same counts again.
    await db
      .deleteFrom('assessment_aggregates')
      .where('organisation_id', '=', organisationId)
      .where('round_id', '=', id)
      .execute();
    assert.ok((await t.services.assessment.aggregates.rebuildAll()) >= 3);
    assert.deepEqual(
      sorted(await store.aggregateCounts(db, organisationId, id)),
      sorted(incremental),
    );
  });
});
