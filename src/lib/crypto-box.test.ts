import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DecryptError,
  createCryptoBox,
  generateKeyBase64,
  keyFilePath,
  loadKeyRing,
  parseKey,
} from './crypto-box.ts';

const settings = (over: Partial<Parameters<typeof loadKeyRing>[0]> = {}) => ({
  env: 'test' as const,
  dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-key-')),
  encryptionKey: generateKeyBase64(),
  encryptionKeysOld: [],
  ...over,
});

describe('crypto box', () => {
  it('round-trips text, with a fresh IV every time', () => {
    const box = createCryptoBox(loadKeyRing(settings()));
    const a = box.encrypt('I was hurt as a child 🌧️', 'enquiries.answers_enc:1');
    const b = box.encrypt('I was hurt as a child 🌧️', 'enquiries.answers_enc:1');
    assert.notEqual(a, b);
    assert.match(a, /^v1:[0-9a-f]{8}:[^:]+:[^:]+:[^:]+$/);
    assert.ok(!a.includes('hurt'));
    assert.equal(box.decrypt(a, 'enquiries.answers_enc:1'), 'I was hurt as a child 🌧️');
  });

  it('refuses a value moved to another row or column', () => {
    const box = createCryptoBox(loadKeyRing(settings()));
    const value = box.encrypt('secret', 'enquiry_disclosures.record_enc:row-1');
    assert.throws(() => box.decrypt(value, 'enquiry_disclosures.record_enc:row-2'), DecryptError);
    assert.throws(() => box.decrypt(value, 'enquiry_disclosures.areas_enc:row-1'), DecryptError);
  });

  it('refuses a tampered value and a wrong key', () => {
    const s = settings();
    const box = createCryptoBox(loadKeyRing(s));
    const value = box.encrypt('secret', 'c');
    const parts = value.split(':');
    const ct = Buffer.from(parts[4]!, 'base64');
    ct[0]! ^= 1;
    parts[4] = ct.toString('base64');
    assert.throws(() => box.decrypt(parts.join(':'), 'c'), DecryptError);
    const other = createCryptoBox(loadKeyRing(settings()));
    assert.throws(() => other.decrypt(value, 'c'), /not configured/);
  });

  it('reads values made with an old key during a rotation', () => {
    const oldKey = generateKeyBase64();
    const before = createCryptoBox(loadKeyRing(settings({ encryptionKey: oldKey })));
    const value = before.encrypt('kept safe', 'c');
    const after = createCryptoBox(loadKeyRing(settings({ encryptionKeysOld: [oldKey] })));
    assert.equal(after.decrypt(value, 'c'), 'kept safe');
    assert.notEqual(after.keyIdOf(after.encrypt('x', 'c')), after.keyIdOf(value));
  });

  it('makes a key file readable only by its owner outside production, and reuses it', () => {
    const s = settings({ encryptionKey: null });
    const first = loadKeyRing(s);
    const mode = fs.statSync(keyFilePath(s.dataDir)).mode & 0o777;
    assert.equal(mode, 0o600);
    assert.equal(loadKeyRing(s).current.id, first.current.id);
  });

  it('requires a key in production, and a well-formed one anywhere', () => {
    assert.throws(
      () => loadKeyRing(settings({ env: 'production', encryptionKey: null })),
      /HEARTH_ENCRYPTION_KEY must be set/,
    );
    assert.throws(() => parseKey('too-short', 'HEARTH_ENCRYPTION_KEY'), /32 random bytes/);
  });
});
