/**
 * The learning demo tells its story: one member of staff overdue on force training, Jo half
 * way through the course, and a reflection Jo shared with Tom that only they can read.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { loadDemo } from '../../demo.ts';
import { seedLearningDemo } from './demo.ts';

describe('learning demo data', () => {
  let t: TestContext;
  let ids: Awaited<ReturnType<typeof loadDemo>>;
  before(async () => {
    t = await createTestContext();
    ids = await loadDemo(t.services);
    await seedLearningDemo(t.services, ids);
  });
  after(() => t.close());

  const actor = (id: string) => t.services.accounts.people.actorFor(id);

  it('has records for the demo staff with exactly one overdue', async () => {
    const standings = await Promise.all(
      [ids.people.jo, ids.people.dev, ids.people.tom].map(async (id) => {
        const mine = await t.services.learning.records.mine(await actor(id));
        return mine.topics.find((x) => x.letter === 'e')!.status;
      }),
    );
    assert.deepEqual(standings, ['in-date', 'overdue', 'due-soon']);
  });

  it('has Jo half way through the course', async () => {
    const progress = await t.services.learning.course.overview(await actor(ids.people.jo));
    assert.equal(progress.passed * 2, progress.sections.length);
    assert.equal(progress.certificate, null);
  });

  it('has a reflection Jo shared with Tom, which nobody else can read', async () => {
    const ctx = { actor: null, ip: null };
    const jo = await t.services.learning.journal.list(await actor(ids.people.jo));
    assert.equal(jo.entries.length, 1);
    const entryId = jo.entries[0]!.id;
    const tom = await t.services.learning.journal.read(await actor(ids.people.tom), entryId, ctx);
    assert.match(tom.entry.text.felt, /hands shook/);
    for (const other of [ids.people.priya, ids.people.dev])
      await assert.rejects(
        t.services.learning.journal.read(await actor(other), entryId, ctx),
        /not found/i,
      );
  });
});
