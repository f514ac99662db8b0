/** Record ids: time-ordered ids are valid version 7 UUIDs, all different, and sort by time. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validate, version } from 'uuid';
import { newTimeOrderedId } from './tokens.ts';

describe('newTimeOrderedId', () => {
  it('makes valid, distinct version 7 UUIDs, well past one pool of random bytes', () => {
    const ids = Array.from({ length: 1000 }, () => newTimeOrderedId());
    for (const id of ids) {
      assert.ok(validate(id), id);
      assert.equal(version(id), 7);
    }
    assert.equal(new Set(ids).size, ids.length);
  });

  it('sorts an id made in a later millisecond after one made earlier', async () => {
    const first = newTimeOrderedId();
    await new Promise((resolve) => setTimeout(resolve, 3));
    const later = newTimeOrderedId();
    assert.ok(first < later, `${first} < ${later}`);
    assert.ok(first.slice(0, 13) < later.slice(0, 13), 'the time part alone orders them');
  });
});
