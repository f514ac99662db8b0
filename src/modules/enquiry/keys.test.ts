/**
 * Key rotation writes its change and an audit event together, one short batch per transaction
 * (src/db/batches.ts): after a rotation the events are there (counts only, no content), and a
 * failure part-way leaves the failed batch's values exactly as they were, each still readable
 * under the key it had.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createServices } from '../../app.ts';
import type { Services } from '../../app.ts';
import { createCryptoBox, generateKeyBase64, loadKeyRing } from '../../lib/crypto-box.ts';
import { createTestContext, makeTeam, testConfig } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { makeDisclosure, makeReflection } from '../../../test/enquiry-fixtures.ts';
import { createEnquiryService } from './service.ts';
import { createEnquiryStore, encryptedColumns } from './store.ts';

const WORDS = 'QUINCE-LANTERN-2290 in the agreed words';

/** Every encrypted value in the database, by table, column and row. */
async function encryptedValues(services: Services): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const { table, column } of encryptedColumns) {
    const rows = await sql<{ id: string; value: string | null }>`
      select id, ${sql.ref(column)} as value from ${sql.table(table)}`.execute(services.db);
    for (const row of rows.rows) {
      if (row.value !== null) values.set(`${table}.${column}:${row.id}`, row.value);
    }
  }
  return values;
}

/** The rotation events in the audit trail. */
async function rotationEvents(services: Services) {
  const rows = await sql<{
    organisation_id: string | null;
    detail: string | null;
    subject_person_id: string | null;
  }>`select organisation_id, detail, subject_person_id from audit_events
     where action = 'enquiry.key_rotate'`.execute(services.db);
  return rows.rows;
}

describe('encryption key rotation', () => {
  let t: TestContext;
  let team: Awaited<ReturnType<typeof makeTeam>>;
  let disclosureId: string;
  let personId: string;
  const oldKey = generateKeyBase64();
  const newKey = generateKeyBase64();
  const rotatingConfig = () => testConfig({ encryptionKey: newKey, encryptionKeysOld: [oldKey] });

  before(async () => {
    t = await createTestContext({ encryptionKey: oldKey });
    team = await makeTeam(t.services);
    ({ disclosureId, personId } = await makeDisclosure(t.services, team, { words: WORDS }));
    await makeReflection(t.services, team);
  });
  after(() => t.close());

  it('leaves every value as it was when it fails part-way, readable under the old key', async () => {
    const before = await encryptedValues(t.services);
    assert.ok(before.size >= 4);
    const rotating = createServices(t.conn, rotatingConfig(), t.clock);
    const store = createEnquiryStore();
    let writes = 0;
    const failing = createEnquiryService({
      db: rotating.db,
      store: {
        ...store,
        async writeEncrypted(...args: Parameters<typeof store.writeEncrypted>) {
          writes++;
          if (writes === 3) throw new Error('the disk is full');
          return store.writeEncrypted(...args);
        },
      },
      audit: rotating.auditLog,
      clock: t.clock,
      accounts: rotating.accounts.people,
      box: createCryptoBox(loadKeyRing(rotatingConfig())),
      keyHint: 'test',
    });
    // One long batch, so the failure rolls back every value written before it.
    await assert.rejects(failing.keys.rotate(undefined, { batchMs: 60_000 }), /the disk is full/);
    assert.equal(writes, 3, 'two values were re-encrypted before the failure');
    assert.deepEqual(await encryptedValues(t.services), before);
    assert.equal((await rotationEvents(t.services)).length, 0);

    // Only the old key: the database still opens, and the person still reads their words.
    const oldOnly = createServices(t.conn, testConfig({ encryptionKey: oldKey }), t.clock);
    await oldOnly.enquiry.keys.check();
    const owner = await oldOnly.accounts.people.actorFor(personId);
    const seen = await oldOnly.enquiry.disclosures.view(owner, disclosureId, {
      actor: null,
      ip: null,
    });
    assert.equal(seen.words, WORDS);
  });

  it('writes an audit event with the change, counts only and no content', async () => {
    const rotating = createServices(t.conn, rotatingConfig(), t.clock);
    const counts = await rotating.enquiry.keys.rotate();
    assert.ok(counts.reencrypted > 0);
    const events = await rotationEvents(t.services);
    const forOrganisation = events.filter((e) => e.organisation_id === team.organisationId);
    // One event per batch that changed something (on a busy machine a batch can end early).
    assert.ok(forOrganisation.length >= 1);
    const reencrypted = forOrganisation.reduce(
      (n, e) => n + Number((JSON.parse(e.detail ?? '{}') as { reencrypted?: number }).reencrypted),
      0,
    );
    assert.equal(reencrypted, counts.reencrypted - 1, 'all but the key check');
    assert.ok(forOrganisation.every((e) => e.subject_person_id === null));
    assert.ok(!JSON.stringify(events).includes('QUINCE-LANTERN'));
    assert.ok(
      events.some((e) => e.organisation_id === null),
      'the key check moved too',
    );

    const onlyNew = createServices(t.conn, testConfig({ encryptionKey: newKey }), t.clock);
    await onlyNew.enquiry.keys.check();
    const again = await rotating.enquiry.keys.rotate();
    assert.equal(again.reencrypted, 0);
    assert.equal((await rotationEvents(t.services)).length, events.length, 'nothing new to record');
    assert.ok(await rotating.auditLog.verify(rotating.db).then((r) => r.ok));
  });
});
