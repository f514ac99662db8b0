/**
 * Importing the MHSDS-shaped CSV in the browser, told through the real app: an organisation
 * administrator uploads a file and sees what was created, corrected and left alone; a file with
 * bad rows imports nothing and names every bad line; empty, missing, binary, wrongly encoded and
 * oversized files are refused in plain words; the upload needs a valid CSRF token like every
 * form; nobody else may import, and one organisation cannot touch another's records.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { createApp, createServices } from '../../app.ts';
import {
  createTestContext,
  freshDatabase,
  makeClock,
  makeTeam,
  signedInAgent,
  testConfig,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext, TestResponse, Agent } from '../../../test/factories.ts';
import { typicalIncident } from '../../../test/force-fixtures.ts';
import { CSV_COLUMNS } from './csv.ts';
import { IMPORT_PROBLEMS_SHOWN, IMPORT_UPLOAD_LIMIT, decodeUpload } from './web/transfer.ts';

type Part =
  | { name: string; value: string }
  | { name: string; filename: string; content: string | Buffer; type?: string };

/** A multipart/form-data body, as a browser sends a form with a file. */
function multipart(parts: readonly Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----HearthTest${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ('filename' in part) {
      chunks.push(
        Buffer.from(
          `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.type ?? 'text/csv'}\r\n\r\n`,
        ),
      );
      chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    } else {
      chunks.push(
        Buffer.from(`Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}`),
      );
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Posts a multipart body with the agent's cookies. */
async function postMultipart(agent: Agent, url: string, parts: readonly Part[]) {
  const { payload, contentType } = multipart(parts);
  const cookie = ['hearth_session', 'hearth_csrf']
    .flatMap((name) => {
      const value = agent.cookie(name);
      return value === undefined ? [] : [`${name}=${value}`];
    })
    .join('; ');
  const res = await agent.app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': contentType },
    payload,
    remoteAddress: agent.ip,
  });
  return { status: res.statusCode, body: res.body, headers: res.headers } as TestResponse;
}

/** Opens the import page (for a fresh token), then uploads a file as the form does. */
async function upload(
  agent: Agent,
  file: { filename?: string; content: string | Buffer; type?: string } | null,
) {
  await agent.get('/force/import');
  const parts: Part[] = [{ name: '_csrf', value: agent.csrf ?? '' }];
  if (file) parts.push({ name: 'file', filename: file.filename ?? 'records.csv', ...file });
  return postMultipart(agent, '/force/import', parts);
}

describe('importing the CSV in the browser', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let other: Awaited<ReturnType<typeof makeTeam>>;
  let admin: Agent;
  /** A real exported row from this team, to make new rows from. */
  let base: Record<string, string>;
  const ctx = { actor: null, ip: null };

  const csvOf = (rows: Record<string, string>[]) =>
    stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
  const freshRows = (prefix: string, n: number): Record<string, string>[] =>
    Array.from({ length: n }, (_, i) => ({
      ...base,
      RestrictiveIntIncID: `${prefix}-${i}`,
      RestrictiveIntTypeID: `${prefix}-${i}-t`,
    }));
  async function incidentCount(organisationId = team.organisationId): Promise<number> {
    const row = await t.conn.db
      .selectFrom('force_incidents')
      .where('organisation_id', '=', organisationId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  before(async () => {
    t = await createTestContext();
    team = await makeTeam(t.services);
    other = await makeTeam(t.services);
    const nurse = await t.services.accounts.people.actorFor(team.practitioner.id);
    const adminActor = await t.services.accounts.people.actorFor(team.admin.id);
    await t.services.force.incidents.record(nurse, typicalIncident(team, t.clock()), ctx);
    const csv = await t.services.force.transfer.exportCsv(
      adminActor,
      { from: '2000-01', to: '9999-12' },
      'combined',
      ctx,
    );
    base = (parse(csv, { columns: true }) as Record<string, string>[])[0]!;
    admin = await signedInAgent(t.app, team.admin);
  });
  after(() => t.close());

  it('explains the file and the all-or-nothing rule, and is linked from the export', async () => {
    const returns = await admin.get('/force/returns');
    assert.match(returns.body, /href="\/force\/import"/);
    assert.match(textOf(returns.body), /hearth force import FILE/);
    const page = await admin.get('/force/import');
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /Import use-of-force records/);
    assert.match(text, /one row for each intervention/);
    assert.match(text, /If any row has a problem, nothing is saved/);
    assert.match(text, /kept as an amendment/);
    assert.match(text, /Smaller than 20 MB/);
    assert.match(text, /hearth force import FILE/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /type="file"/);
    // The token comes before the file, so it can be checked before the file is read.
    assert.ok(page.body.indexOf('name="_csrf"') < page.body.indexOf('type="file"'));
  });

  it('imports a good file and shows what was created, corrected and left alone', async () => {
    const before = await incidentCount();
    const rows = freshRows('good', 3);
    const res = await upload(admin, { content: csvOf(rows) });
    assert.equal(res.status, 303, textOf(res.body).slice(0, 500));
    const page = await admin.get(String(res.headers.location));
    const text = textOf(page.body);
    assert.match(text, /Import complete/);
    assert.match(text, /All 3 rows were checked and saved/);
    assert.match(text, /New records 3/);
    assert.match(text, /Corrected records 0/);
    assert.match(text, /Records already up to date 0/);
    assert.equal(await incidentCount(), before + 3);

    // The same file again changes nothing; a changed row is a correction.
    const again = await upload(admin, { content: csvOf(rows) });
    assert.match(
      textOf((await admin.get(String(again.headers.location))).body),
      /New records 0 Corrected records 0 Records already up to date 3/,
    );
    const corrected = rows.map((r, i) => (i === 1 ? { ...r, Outcome: 'Settled, corrected' } : r));
    const fixed = await upload(admin, { content: csvOf(corrected) });
    assert.match(
      textOf((await admin.get(String(fixed.headers.location))).body),
      /New records 0 Corrected records 1 \(each earlier version is kept as an amendment\) Records already up to date 2/,
    );
    assert.equal(await incidentCount(), before + 3);
  });

  it('imports nothing when a row in the middle is bad, and lists every bad line', async () => {
    const before = await incidentCount();
    const rows = freshRows('mid', 5);
    rows[2] = { ...rows[2]!, RestrictiveIntType: '02' };
    rows[3] = { ...rows[3]!, UnitID: 'no-such-unit' };
    const res = await upload(admin, { content: csvOf(rows) });
    assert.equal(res.status, 400);
    const text = textOf(res.body);
    assert.match(text, /There is a problem with the file/);
    assert.match(text, /Nothing was imported\. We found 2 problems in its 5 rows/);
    assert.match(text, /Line 4: [^]*type of force/);
    assert.match(text, /Line 5: UnitID is not a unit of your organisation/);
    assert.doesNotMatch(text, /Line [236]:/);
    assert.match(res.body, /nhsuk-error-summary/);
    assert.match(res.body, /id="file-error"/);
    assert.equal(await incidentCount(), before);
  });

  it('caps the list on the page, counts the rest and offers them as a download', async () => {
    const rows = freshRows('many', IMPORT_PROBLEMS_SHOWN + 50).map((r) => ({
      ...r,
      UnitID: 'no-such-unit',
    }));
    const res = await upload(admin, { content: csvOf(rows) });
    assert.equal(res.status, 400);
    const text = textOf(res.body);
    assert.match(text, /We found 250 problems in its 250 rows; the first 200 are listed here/);
    assert.match(text, /Line 201: UnitID/);
    assert.doesNotMatch(text, /Line 202: UnitID/);
    assert.match(text, /There are 50 more problems not shown here/);
    const href =
      /href="data:text\/csv;charset=utf-8;base64,([^"]+)" download="import-problems.csv"/.exec(
        res.body,
      );
    assert.ok(href, 'the full list is offered as a download');
    const lines = parse(Buffer.from(href[1]!, 'base64').toString('utf8'), {
      columns: true,
    }) as { Line: string; Problem: string }[];
    assert.equal(lines.length, 250);
    assert.deepEqual(lines[249], {
      Line: '251',
      Problem: 'UnitID is not a unit of your organisation',
    });
  });

  it('refuses an empty file, a missing file and a file with only a header, in plain words', async () => {
    const empty = await upload(admin, { content: '' });
    assert.equal(empty.status, 400);
    assert.match(textOf(empty.body), /There is a problem The selected file is empty/);
    assert.match(empty.body, /href="#file"/);
    const blank = await upload(admin, { content: '\uFEFF\r\n  \r\n' });
    assert.equal(blank.status, 400);
    assert.match(textOf(blank.body), /The selected file is empty/);
    // A browser sends an empty, nameless file part when no file was chosen.
    const none = await upload(admin, {
      filename: '',
      content: '',
      type: 'application/octet-stream',
    });
    assert.equal(none.status, 400);
    assert.match(textOf(none.body), /Select a CSV file to import/);
    const noPart = await upload(admin, null);
    assert.equal(noPart.status, 400);
    assert.match(textOf(noPart.body), /Select a CSV file to import/);
    // A form sent without multipart encoding has no file either (its token is checked as usual).
    const plain = await admin.post('/force/import', {});
    assert.equal(plain.status, 400);
    assert.match(textOf(plain.body), /Select a CSV file to import/);
    const notOurs = await upload(admin, { content: 'Name,Date\r\nSomeone,2026-01-01\r\n' });
    assert.equal(notOurs.status, 400);
    assert.match(textOf(notOurs.body), /We found 1 problem in the file\. Correct it/);
    assert.match(textOf(notOurs.body), /Line 1: Columns missing: RestrictiveIntIncID/);
    const headerOnly = await upload(admin, { content: `${CSV_COLUMNS.join(',')}\r\n` });
    assert.equal(headerOnly.status, 400);
    assert.match(textOf(headerOnly.body), /has a header row but no rows under it/);
  });

  it('refuses binary files and text that is not UTF-8', async () => {
    const before = await incidentCount();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]);
    for (const content of [png, xlsx, randomBytes(4096)]) {
      const res = await upload(admin, { filename: 'records.csv', content });
      assert.equal(res.status, 400);
      assert.match(textOf(res.body), /The selected file must be a CSV file/);
    }
    // Saved from a spreadsheet as "CSV" in Windows-1252 rather than UTF-8.
    const latin1 = Buffer.from(`${CSV_COLUMNS.join(',')}\r\nCaf\xe9,\r\n`, 'latin1');
    const wrongEncoding = await upload(admin, { content: latin1 });
    assert.equal(wrongEncoding.status, 400);
    assert.match(textOf(wrongEncoding.body), /must be saved as CSV UTF-8/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n', 'utf16le')]);
    assert.match(textOf((await upload(admin, { content: utf16 })).body), /CSV UTF-8/);
    assert.equal(await incidentCount(), before);
  });

  it('decodes UTF-8 with or without a byte order mark, and keeps tabs and line breaks', () => {
    assert.deepEqual(decodeUpload(Buffer.from('\uFEFFa,b\r\n"x\ty",é\n')), {
      ok: true,
      text: 'a,b\r\n"x\ty",é\n',
    });
    // Decomposed accents (as some systems save them) are stored composed, like form input.
    assert.deepEqual(decodeUpload(Buffer.from('e\u0301')), { ok: true, text: '\u00e9' });
  });

  it('refuses a file over 20 MB with a clear message, and imports nothing', async () => {
    const before = await incidentCount();
    const rows = csvOf(freshRows('big', 2));
    const padding = 'x'.repeat(IMPORT_UPLOAD_LIMIT - rows.length + 1);
    const res = await upload(admin, { content: rows + padding });
    assert.equal(res.status, 413);
    const text = textOf(res.body);
    assert.match(text, /There is a problem The selected file must be smaller than 20 MB/);
    assert.match(text, /Import use-of-force records/);
    assert.equal(await incidentCount(), before);
    // The app is still there for the next request.
    assert.equal((await admin.get('/force/import')).status, 200);
  });

  it('refuses an upload without a valid CSRF token (403), and imports nothing', async () => {
    const before = await incidentCount();
    const file = { name: 'file', filename: 'records.csv', content: csvOf(freshRows('csrf', 1)) };
    await admin.get('/force/import');
    const missing = await postMultipart(admin, '/force/import', [file]);
    assert.equal(missing.status, 403);
    assert.match(textOf(missing.body), /Sorry, this form has expired/);
    const forged = await postMultipart(admin, '/force/import', [
      { name: '_csrf', value: 'forged-token' },
      file,
    ]);
    assert.equal(forged.status, 403);
    // The token must come first: one after the file is not looked for.
    const late = await postMultipart(admin, '/force/import', [
      file,
      { name: '_csrf', value: admin.csrf ?? '' },
    ]);
    assert.equal(late.status, 403);
    const plain = await admin.post('/force/import', {}, { csrf: false });
    assert.equal(plain.status, 403);
    assert.equal(await incidentCount(), before);
  });

  it('is refused to anyone but an organisation administrator (404)', async () => {
    const before = await incidentCount();
    const content = csvOf(freshRows('role', 1));
    for (const account of [team.practitioner, team.manager, team.partner, team.national]) {
      const agent = await signedInAgent(t.app, account);
      assert.equal((await agent.get('/force/import')).status, 404);
      const res = await upload(agent, { content });
      assert.equal(res.status, 404);
    }
    assert.equal(await incidentCount(), before);
  });

  it("another organisation's administrator cannot add to or correct this organisation's records", async () => {
    const before = await incidentCount();
    const outsider = await signedInAgent(t.app, other.admin);
    // New rows for this organisation are refused row by row.
    const res = await upload(outsider, { content: csvOf(freshRows('outsider', 2)) });
    assert.equal(res.status, 400);
    assert.match(textOf(res.body), /Line 2: OrgIDProv is not your organisation/);
    // So is a correction to one of this organisation's records, even claiming to be theirs.
    const takeover = { ...base, OrgIDProv: other.organisationId, Outcome: 'Changed by another' };
    const res2 = await upload(outsider, { content: csvOf([takeover]) });
    assert.equal(res2.status, 400);
    assert.match(textOf(res2.body), /Nothing was imported/);
    assert.equal(await incidentCount(), before);
    assert.equal(await incidentCount(other.organisationId), 0);
  });

  it('accepts multipart bodies on this page only: other forms keep their strict parser', async () => {
    await admin.get('/force/denominators');
    const res = await postMultipart(admin, '/force/denominators', [
      { name: '_csrf', value: admin.csrf ?? '' },
      { name: 'year', value: '2026' },
    ]);
    assert.equal(res.status, 415);
  });
});

describe('import logging', () => {
  it('writes nothing from the file, its name or the session to the log', async () => {
    const database = await freshDatabase();
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) =>
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
    );
    // The most verbose level, so anything a plugin traces would show.
    const services = createServices(database.conn, testConfig({ logLevel: 'trace' }), makeClock());
    const app = await createApp(services, { logStream: stream });
    try {
      const team = await makeTeam(services);
      const agent = await signedInAgent(app, team.admin);
      const secretWords = 'Quietly-Distinctive-Narrative';
      const content = `${CSV_COLUMNS.join(',')}\r\n${CSV_COLUMNS.map(() => secretWords).join(',')}\r\n`;
      const res = await upload(agent, { filename: 'Sam-Taylor-private.csv', content });
      assert.equal(res.status, 400);
      const bad = await upload(agent, {
        filename: 'Sam-Taylor-private.csv',
        content: 'x'.repeat(10) + '\u0000',
      });
      assert.equal(bad.status, 400);
      const log = lines.join('\n');
      assert.ok(lines.length > 4, 'requests were logged');
      for (const secret of [secretWords, 'Sam-Taylor', agent.cookie('hearth_session')!]) {
        assert.ok(!log.includes(secret), `the log must not contain ${secret}`);
      }
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
