import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeptByGeneration, KeptPages } from './kept-pages.ts';

describe('KeptPages', () => {
  it('serves a page kept in the same state, and nothing once the state moves', () => {
    const kept = new KeptPages();
    assert.equal(kept.get('g1', 'home'), undefined);
    kept.set('g1', 'home', '<p>one</p>');
    assert.equal(kept.get('g1', 'home'), '<p>one</p>');
    assert.equal(kept.get('g2', 'home'), undefined, 'a new state drops what was kept');
    assert.equal(kept.size, 0);
    assert.equal(kept.get('g1', 'home'), undefined, 'going back to an old state finds nothing');
  });

  it('does not keep a page rendered in a state that has since moved on', () => {
    const kept = new KeptPages();
    kept.get('g1', 'home');
    kept.get('g2', 'other'); // another request saw a newer state meanwhile
    kept.set('g1', 'home', '<p>old</p>');
    assert.equal(kept.size, 0);
    assert.equal(kept.get('g2', 'home'), undefined);
  });

  it('drops the page used longest ago when full', () => {
    const kept = new KeptPages(2);
    kept.get('g', 'a');
    kept.set('g', 'a', 'A');
    kept.set('g', 'b', 'B');
    assert.equal(kept.get('g', 'a'), 'A'); // a is now the most recently used
    kept.set('g', 'c', 'C');
    assert.equal(kept.size, 2);
    assert.equal(kept.get('g', 'b'), undefined);
    assert.equal(kept.get('g', 'a'), 'A');
    assert.equal(kept.get('g', 'c'), 'C');
  });
});

describe('KeptByGeneration', () => {
  it('reads once per key while the generation stands, and again when it moves', async () => {
    const kept = new KeptByGeneration<number>();
    let reads = 0;
    const load = async () => ++reads;
    assert.equal(await kept.get('1', 'org', load), 1);
    assert.equal(await kept.get('1', 'org', load), 1);
    assert.equal(await kept.get('1', 'other', load), 2);
    assert.equal(await kept.get('2', 'org', load), 3);
    assert.equal(reads, 3);
  });

  it('reads every time without a generation, and keeps nothing that failed', async () => {
    const kept = new KeptByGeneration<number>();
    let reads = 0;
    await kept.get(null, 'org', async () => ++reads);
    await kept.get(undefined, 'org', async () => ++reads);
    assert.equal(reads, 2);
    await assert.rejects(
      kept.get('1', 'org', async () => {
        throw new Error('database away');
      }),
    );
    assert.equal(await kept.get('1', 'org', async () => 7), 7);
  });
});
