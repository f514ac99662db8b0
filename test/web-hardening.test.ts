/**
 * What an outside probe tried at the web layer: bodies that are not forms, requests too
 * malformed to reach a route, and forms sent from another site with a valid token.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CROSS_SITE_MESSAGE } from '../src/web/origin-check.ts';
import type { TestContext } from './factories.ts';
import { Agent, createTestContext, makeTeam, textOf, TEST_PASSWORD } from './factories.ts';

/** Sends raw bytes to the server and returns the whole answer. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

function headerOf(answer: string, name: string): string | undefined {
  const head = answer.split('\r\n\r\n')[0] ?? '';
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(line.indexOf(':') + 1).trim();
}

describe('web layer hardening', () => {
  let t: TestContext;
  let port: number;
  before(async () => {
    t = await createTestContext();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });
  after(() => t.close());

  it('refuses bodies that are not forms with 415, before any route runs', async () => {
    for (const [url, type, payload] of [
      ['/sign-in', 'application/json', '{"email":"a@b.test","password":"x\\u0000"}'],
      ['/force/incidents', 'application/json', '{"unitId":{"$ne":1}}'],
      ['/my-plan', 'text/plain', 'hello'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': type },
        payload,
      });
      assert.equal(res.statusCode, 415, `${type} to ${url}`);
      assert.match(textOf(res.body), /Hearth accepts forms sent from its own pages/);
      assert.ok(res.headers['content-security-policy'], 'the page carries the security headers');
    }
  });

  const malformed: [string, string, number][] = [
    [
      'a path parameter of 4,000 characters',
      `GET /force/incidents/${'a'.repeat(4000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      414,
    ],
    [
      'a broken percent-encoding',
      'GET /force/incidents/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      400,
    ],
    [
      'headers over the size limit',
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
    ['a request line that is not HTTP', 'NOT HTTP AT ALL\r\n\r\n', 400],
  ];
  for (const [name, request, status] of malformed) {
    it(`answers ${name} with ${status}, Hearth's headers and no internals`, async () => {
      const answer = await raw(port, request);
      assert.match(answer, new RegExp(`^HTTP/1\\.1 ${status} `));
      assert.match(headerOf(answer, 'content-security-policy') ?? '', /default-src 'none'/);
      assert.equal(headerOf(answer, 'x-content-type-options'), 'nosniff');
      assert.equal(headerOf(answer, 'cache-control'), 'no-store');
      const body = JSON.parse(answer.split('\r\n\r\n')[1] ?? '{}') as { status: number };
      assert.equal(body.status, status);
      assert.doesNotMatch(answer, /FST_|Fastify|at .*\.(ts|js)/);
    });
  }

  it('refuses a form from another site even with a valid token, and accepts its own', async () => {
    const team = await makeTeam(t.services);
    const email = (
      await t.services.db
        .selectFrom('accounts')
        .select('email')
        .where('organisation_id', '=', team.organisationId)
        .where('id', '=', team.practitioner.id)
        .executeTakeFirstOrThrow()
    ).email;
    const form = { email, password: TEST_PASSWORD };
    const crossSite: Record<string, string>[] = [
      { origin: 'https://elsewhere.example' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of crossSite) {
      const agent = new Agent(t.app);
      const res = await agent.post('/sign-in', form, { headers });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.match(textOf(res.body), new RegExp(CROSS_SITE_MESSAGE.slice(0, 40)));
      assert.doesNotMatch(String(res.headers['set-cookie'] ?? ''), /hearth_session=[^;]/);
    }
    const ownSite: Record<string, string>[] = [
      { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
      // What Chromium sends for Hearth's own forms under its no-referrer policy.
      { origin: 'null', 'sec-fetch-site': 'same-origin' },
      {},
    ];
    for (const headers of ownSite) {
      const agent = new Agent(t.app);
      const res = await agent.post('/sign-in', form, { headers });
      assert.equal(res.status, 303, JSON.stringify(headers));
    }
  });
});
