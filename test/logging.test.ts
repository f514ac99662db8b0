/** Logs never contain names, emails, passwords, cookies, tokens or free text. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createApp, createServices } from '../src/app.ts';
import { maskPath } from '../src/web/logging.ts';
import { Agent, freshDatabase, makeClock, makeTeam, testConfig } from './factories.ts';

describe('logging', () => {
  it('masks tokens and drops query strings from paths', () => {
    assert.equal(
      maskPath('/invitations/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG?x=secret'),
      '/invitations/:token',
    );
    assert.equal(maskPath('/people/1234/disable'), '/people/1234/disable');
  });

  it('writes request logs with nothing personal in them', async () => {
    const database = await freshDatabase();
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) =>
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
    );
    const services = createServices(database.conn, testConfig({ logLevel: 'info' }), makeClock());
    const app = await createApp(services, { logStream: stream });
    try {
      const team = await makeTeam(services);
      const agent = new Agent(app);
      await agent.post('/sign-in', { email: team.person.email, password: 'a-wrong-password-here' });
      await agent.signIn(team.person.email);
      await agent.get('/who-has-seen-my-information?search=Private+words');
      await agent.get('/invitations/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
      const log = lines.join('\n');
      assert.ok(lines.length > 4, 'requests were logged');
      for (const secret of [
        team.person.email,
        'a-wrong-password-here',
        'correct-horse',
        'Private',
        'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
        agent.cookie('hearth_session')!,
      ]) {
        assert.ok(!log.includes(secret), `the log must not contain ${secret}`);
      }
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
