/** The per-request read memo: once per scope, never across scopes, copies for each caller. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoRead, withRequestMemo } from './request-memo.ts';

/** A read that counts its runs and gives a fresh list each time. */
function countingRead() {
  let runs = 0;
  return {
    read: async () => {
      runs++;
      return ['ward 3', 'ward 4'];
    },
    runs: () => runs,
  };
}
const copyList = (rows: string[]) => [...rows];

describe('request memo', () => {
  it('reads every time outside a memo', async () => {
    const { read, runs } = countingRead();
    await memoRead('units:org-1', read, copyList);
    await memoRead('units:org-1', read, copyList);
    assert.equal(runs(), 2);
  });

  it('reads once per key inside one memo, and again for another key', async () => {
    const { read, runs } = countingRead();
    await withRequestMemo(async () => {
      await Promise.all([
        memoRead('units:org-1', read, copyList),
        memoRead('units:org-1', read, copyList),
      ]);
      await memoRead('units:org-1', read, copyList);
      await memoRead('units:org-2', read, copyList);
    });
    assert.equal(runs(), 2);
  });

  it('never shares between two memos, even running at the same time', async () => {
    const { read, runs } = countingRead();
    await Promise.all([
      withRequestMemo(() => memoRead('units:org-1', read, copyList)),
      withRequestMemo(() => memoRead('units:org-1', read, copyList)),
    ]);
    assert.equal(runs(), 2);
  });

  it('gives each caller its own copy', async () => {
    const { read } = countingRead();
    await withRequestMemo(async () => {
      const first = await memoRead('units:org-1', read, copyList);
      first.reverse();
      assert.deepEqual(await memoRead('units:org-1', read, copyList), ['ward 3', 'ward 4']);
    });
  });

  it('does not remember a failed read', async () => {
    let runs = 0;
    const flaky = async () => {
      runs++;
      if (runs === 1) throw new Error('database busy');
      return ['ward 3'];
    };
    await withRequestMemo(async () => {
      await assert.rejects(memoRead('units:org-1', flaky, copyList), /busy/);
      assert.deepEqual(await memoRead('units:org-1', flaky, copyList), ['ward 3']);
    });
    assert.equal(runs, 2);
  });
});
