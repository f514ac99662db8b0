/** When the database goes away: a plain 500 page with no internals, and /healthz says 503. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, makeTeam, signedInAgent, textOf } from './factories.ts';

describe('database unavailable', () => {
  it('shows a calm error page and reports unhealthy', async () => {
    const t = await createTestContext();
    const team = await makeTeam(t.services);
    const agent = await signedInAgent(t.app, team.practitioner);
    await t.conn.close();
    try {
      const page = await agent.get('/');
      assert.equal(page.status, 500);
      assert.match(textOf(page.body), /Sorry, there is a problem with Hearth/);
      assert.match(textOf(page.body), /Nothing you were doing has been half-saved/);
      assert.doesNotMatch(page.body, /destroyed|Kysely|at .*\.ts/);
      const health = await agent.get('/healthz');
      assert.equal(health.status, 503);
      assert.deepEqual(JSON.parse(health.body), { status: 'unavailable' });
    } finally {
      await t.app.close();
      await t.close().catch(() => undefined);
    }
  });
});
