// A long write from the command line commits in short batches (src/db/batches.ts), so a web
// process writing to the same SQLite file at the same time waits about one batch, not the whole
// command. Here `hearth enquiry rotate-key` re-encrypts 6,000 values in a child process while
// this process keeps writing and reading the same file and times each statement.
//
// What is asserted: 90% of the writes wait under 300 ms, and none waits long enough to reach the
// 5 s write deadline (under 4.5 s), so no write is ever refused as busy. On an idle machine a
// batch holds the lock for about 50 ms and pauses 30 ms, and a waiting write retries every 25 ms
// at most, so a write waits about 100 ms at worst. On this shared machine (load 19 on 2 cores)
// most writes took under 5 ms, but the last few seconds of a run had waits of 0.3 to 3 s, not
// yet explained (a WAL checkpoint at the end is the suspect; see bench/README.md). The
// one-transaction rotation this replaced held the lock for the whole organisation, over a
// minute here, so its writes fail both limits.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createServices } from '../src/app.ts';
import { createCryptoBox, generateKeyBase64, loadKeyRing } from '../src/lib/crypto-box.ts';
import { newId } from '../src/lib/tokens.ts';
import { freshDatabase, makeTeam, testConfig } from './factories.ts';

const root = path.resolve(import.meta.dirname, '..');
const VALUES = 6_000;

describe(
  'long command-line writes in short batches',
  { skip: !!process.env.TEST_DATABASE_URL },
  () => {
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let organisationId: string;
    const oldKey = generateKeyBase64();
    const newKey = generateKeyBase64();

    before(async () => {
      database = await freshDatabase();
      const services = createServices(database.conn, testConfig({ encryptionKey: oldKey }));
      await services.enquiry.keys.check();
      const team = await makeTeam(services);
      organisationId = team.organisationId;
      const box = createCryptoBox(loadKeyRing(testConfig({ encryptionKey: oldKey })));
      const handle = database.conn.sqliteHandle;
      if (!handle) throw new Error('SQLite only');
      const insert = handle.prepare(
        `insert into enquiry_reflections (id, organisation_id, person_id, answers_enc, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?)`,
      );
      const now = new Date().toISOString();
      handle.exec('begin');
      for (let i = 0; i < VALUES; i++) {
        const id = newId();
        const value = box.encrypt(`{"n":${i}}`, `enquiry_reflections.answers_enc:${id}`);
        insert.run(id, organisationId, team.person.id, value, now, now);
      }
      handle.exec('commit');
    });
    after(() => database.drop());

    it('keeps other writers waiting at most about one batch, and rotates every value', async () => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: database.url,
        HEARTH_DATA_DIR: path.dirname(database.url.replace(/^sqlite:/, '')),
        HEARTH_ENCRYPTION_KEY: newKey,
        HEARTH_ENCRYPTION_KEYS_OLD: oldKey,
        NODE_ENV: 'test',
      };
      delete env.NODE_TEST_CONTEXT;
      const child = spawn(
        process.execPath,
        [path.join(root, 'src/cli/index.ts'), 'enquiry', 'rotate-key'],
        {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      let running = true;
      void exited.then(() => (running = false));

      const { db } = database.conn;
      const oldBox = createCryptoBox(loadKeyRing(testConfig({ encryptionKey: oldKey })));
      const oldPrefix = `v1:${oldBox.currentKeyId}:%`;
      const writes: number[] = [];
      const reads: number[] = [];
      let rotatedSeen = 0;
      while (running) {
        let t = performance.now();
        await db
          .updateTable('organisations')
          .set({ name: sql<string>`name` })
          .where('id', '=', organisationId)
          .execute();
        writes.push(performance.now() - t);
        t = performance.now();
        const row = await sql<{ n: number }>`select count(*) as n from enquiry_reflections
        where organisation_id = ${organisationId} and answers_enc not like ${oldPrefix}`.execute(
          db,
        );
        reads.push(performance.now() - t);
        rotatedSeen = Math.max(rotatedSeen, Number(row.rows[0]?.n ?? 0));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(await exited, 0, output);
      // The rotation was still going while most samples were taken: some saw it part-way.
      assert.ok(writes.length >= 10, `only ${writes.length} writes while the rotation ran`);
      const slowestWrite = Math.max(...writes);
      const slowestRead = Math.max(...reads);
      const sorted = [...writes].sort((x, y) => x - y);
      const p90 = sorted[Math.floor(sorted.length * 0.9)] ?? 0;
      const at = writes.indexOf(slowestWrite);
      const figures = `slowest ${slowestWrite.toFixed(0)} ms (sample ${at} of ${writes.length}), p90 ${p90.toFixed(0)} ms`;
      assert.ok(p90 < 300, `writes waited too long: ${figures}`);
      assert.ok(slowestWrite < 4500, `a write waited too long: ${figures}`);
      assert.ok(slowestRead < 3000, `a read waited ${slowestRead.toFixed(0)} ms`);

      const box = createCryptoBox(loadKeyRing(testConfig({ encryptionKey: newKey })));
      const rows = await sql<{ id: string; answers_enc: string }>`
      select id, answers_enc from enquiry_reflections where organisation_id = ${organisationId}`.execute(
        db,
      );
      assert.ok(rows.rows.length >= VALUES);
      for (const r of rows.rows) {
        assert.equal(box.keyIdOf(r.answers_enc), box.currentKeyId);
        box.decrypt(r.answers_enc, `enquiry_reflections.answers_enc:${r.id}`);
      }
      assert.ok(rotatedSeen > 0);
    });
  },
);
