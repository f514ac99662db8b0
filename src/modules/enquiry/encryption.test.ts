/**
 * Disclosures are unreadable at rest, and a wrong or lost key stops start-up with a clear
 * message instead of leaving records silently unreadable.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createServices } from '../../app.ts';
import { generateKeyBase64, keyFilePath } from '../../lib/crypto-box.ts';
import {
  createTestContext,
  makeTeam,
  signedInAgent,
  testConfig,
  textOf,
} from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { makeDisclosure, makeEnquiryPerson } from '../../../test/enquiry-fixtures.ts';
import { walkEnquiry } from './walk.ts';

const SECRET = 'PLUM-HARBOUR-4471';

describe('disclosure encryption at rest', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  const key = generateKeyBase64();
  before(async () => {
    t = await createTestContext({ encryptionKey: key });
    team = await makeTeam(t.services);
  });
  after(() => t.close());

  it('keeps no disclosure text in the database, and still shows it to the person', async () => {
    const { disclosureId, personEmail, enquiryId } = await makeDisclosure(t.services, team, {
      words: `${SECRET} in the agreed words`,
    });
    const jo = await t.services.accounts.people.actorFor(team.practitioner.id);
    await t.services.enquiry.referrals.add(
      jo,
      enquiryId,
      {
        serviceId: await (
          await import('../../../test/enquiry-fixtures.ts')
        ).makeSupportService(t.services, team),
        kind: 'referred',
        agreed: 'yes',
        note: `${SECRET} referral note`,
      },
      { actor: null, ip: null },
    );
    // A draft answer and notes in an open conversation, too.
    const person = await makeEnquiryPerson(t.services, team);
    const ctx = { actor: null, ip: null };
    const id = await t.services.enquiry.conversation.start(jo, person.id, ctx);
    const v = async (stage: 'prepare' | 'consent' | 'ask') =>
      (await t.services.enquiry.conversation.openStep(jo, id, stage, ctx)).version;
    await t.services.enquiry.conversation.prepare(
      jo,
      id,
      {
        version: await v('prepare'),
        checks: ['private', 'time', 'alone', 'language'],
        mode: 'together',
      },
      ctx,
    );
    await t.services.enquiry.conversation.consent(
      jo,
      id,
      { version: await v('consent'), choice: 'now', returnOn: null },
      ctx,
    );
    await t.services.enquiry.conversation.answer(
      jo,
      id,
      {
        version: await v('ask'),
        questionId: 'child-hurt',
        answer: 'yes',
        words: `${SECRET} draft`,
        action: 'next',
      },
      ctx,
    );
    const personActor = await t.services.accounts.people.actorFor(team.person.id);
    await t.services.enquiry.reflections.save(
      personActor,
      {
        way: 'alone',
        action: 'save',
        happened: `${SECRET} reflection`,
        affected: undefined,
        sense: undefined,
        survive: undefined,
        strengths: undefined,
        story: undefined,
      },
      ctx,
    );

    if (t.conn.sqliteFile) {
      const bytes = ['', '-wal']
        .map((suffix) => t.conn.sqliteFile + suffix)
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f).toString('latin1'))
        .join('');
      assert.ok(bytes.length > 0);
      assert.ok(!bytes.includes(SECRET), 'the database file holds disclosure text');
      assert.ok(!bytes.includes('in the agreed words'));
    }
    // On either engine, no column of any enquiry table holds the text.
    for (const table of [
      'enquiries',
      'enquiry_disclosures',
      'enquiry_referrals',
      'enquiry_reflections',
      'audit_events',
    ]) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
        t.services.db,
      );
      assert.ok(!JSON.stringify(rows.rows).includes(SECRET), `${table} holds disclosure text`);
    }

    const agent = await signedInAgent(t.app, { email: personEmail });
    const page = await agent.get(`/disclosures/${disclosureId}`);
    assert.equal(page.status, 200);
    assert.match(textOf(page.body), new RegExp(`${SECRET} in the agreed words`));
  });

  it('refuses to start with a different key, saying what to do', async () => {
    await t.services.enquiry.keys.check();
    const wrong = createServices(
      t.conn,
      testConfig({ encryptionKey: generateKeyBase64() }),
      t.clock,
    );
    await assert.rejects(
      wrong.enquiry.keys.check(),
      /The encryption key does not match the one this database was set up with/,
    );
  });

  it('re-encrypts everything under a new key, keeping the old one for reading until done', async () => {
    const newKey = generateKeyBase64();
    const rotating = createServices(
      t.conn,
      testConfig({ encryptionKey: newKey, encryptionKeysOld: [key] }),
      t.clock,
    );
    await rotating.enquiry.keys.check();
    const first = await rotating.enquiry.keys.rotate();
    assert.ok(first.reencrypted > 0);
    const again = await rotating.enquiry.keys.rotate();
    assert.equal(again.reencrypted, 0);
    const onlyNew = createServices(t.conn, testConfig({ encryptionKey: newKey }), t.clock);
    await onlyNew.enquiry.keys.check();
    const oldOnly = createServices(t.conn, testConfig({ encryptionKey: key }), t.clock);
    await assert.rejects(oldOnly.enquiry.keys.check(), /does not match/);
  });
});

describe('a lost key file', () => {
  it('is a clear start-up error, never silently unreadable data', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-lost-key-'));
    const t = await createTestContext({ encryptionKey: null, dataDir });
    try {
      const team = await makeTeam(t.services);
      const jo = await t.services.accounts.people.actorFor(team.practitioner.id);
      const person = await makeEnquiryPerson(t.services, team);
      await walkEnquiry(t.services, jo, person.id, { choice: 'no' });
      assert.ok(fs.existsSync(keyFilePath(dataDir)));
      fs.rmSync(keyFilePath(dataDir));
      const restarted = createServices(
        t.conn,
        testConfig({ encryptionKey: null, dataDir }),
        t.clock,
      );
      await assert.rejects(
        restarted.enquiry.keys.check(),
        (error: Error) =>
          /does not match/.test(error.message) && error.message.includes(keyFilePath(dataDir)),
      );
    } finally {
      await t.close();
    }
  });
});
