import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkProposalText,
  decide,
  decisionSchema,
  diffWords,
  proposalSchema,
} from './proposals.ts';
import { AppError } from './app-error.ts';

test('a suggestion is decided once: accepting or declining an open one, then never again', () => {
  const accept = decisionSchema.parse({ decision: 'accept' });
  const done = decide({ state: 'open' }, accept, 'admin-1', '2026-12-05T04:00:00.000Z');
  assert.deepEqual(done, {
    state: 'accepted',
    decided_by: 'admin-1',
    decided_at: '2026-12-05T04:00:00.000Z',
    decision_reason: null,
  });
  for (const state of ['accepted', 'declined'] as const)
    assert.throws(
      () => decide({ state }, accept, 'admin-1', '2026-12-05T04:00:00.000Z'),
      (e: unknown) => e instanceof AppError && e.kind === 'conflict',
    );
  const decline = decisionSchema.parse({ decision: 'decline', reason: 'Too long for a statement' });
  assert.equal(decide({ state: 'open' }, decline, 'a', 'now').state, 'declined');
});

test('declining needs a reason; the decision must be one of the two', () => {
  assert.equal(decisionSchema.safeParse({ decision: 'decline', reason: '  ' }).success, false);
  assert.equal(decisionSchema.safeParse({ decision: 'maybe' }).success, false);
  assert.equal(decisionSchema.safeParse({}).success, false);
});

test('suggested words: empty, too long and unchanged are refused', () => {
  const schema = proposalSchema(20);
  assert.equal(schema.safeParse({ text: '   ' }).success, false);
  assert.equal(schema.safeParse({ text: 'x'.repeat(21) }).success, false);
  assert.equal(schema.safeParse({ text: 'ok', why: 'y'.repeat(1001) }).success, false);
  assert.deepEqual(schema.parse({ text: ' kinder words ' }), { text: 'kinder words', why: '' });
  assert.throws(() => checkProposalText('Same words', ' Same words '), AppError);
  assert.doesNotThrow(() => checkProposalText('Same words', 'Other words'));
});

test('the comparison marks removed and added words and keeps the rest', () => {
  const parts = diffWords('Staff listen to me here', 'Staff really listen to me');
  assert.deepEqual(parts, [
    { kind: 'same', text: 'Staff ' },
    { kind: 'added', text: 'really ' },
    { kind: 'same', text: 'listen to me' },
    { kind: 'removed', text: ' here' },
  ]);
  const joined = (kinds: string[]) =>
    parts
      .filter((p) => kinds.includes(p.kind))
      .map((p) => p.text)
      .join('');
  assert.equal(joined(['same', 'removed']), 'Staff listen to me here');
  assert.equal(joined(['same', 'added']), 'Staff really listen to me');
});
