/**
 * The instrument file, its checks, and its FHIR Questionnaire: read through an independent
 * validator (Medplum's) that checks invariants as well as structure, over the web and from the
 * command line.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Resource } from '@medplum/fhirtypes';
import { fhirProblems } from '../../../test/plans-fixtures.ts';
import { Agent, createTestContext, freshDatabase } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { checkInstrument, loadInstrument, statementsOf } from './instrument.ts';
import { instrumentQuestionnaire } from './fhir.ts';

const file = path.join(import.meta.dirname, 'instrument', 'v1.yaml');
const raw = () => parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const bin = path.resolve(import.meta.dirname, '../../../bin/hearth.js');

describe('the instrument', () => {
  it('has the ten principles in the paper’s order, 3 to 5 statements each, and relationships', () => {
    const instrument = loadInstrument(1);
    const principles = instrument.sections.filter((s) => s.kind === 'principle');
    assert.deepEqual(
      principles.map((s) => s.id),
      [
        'trauma-lens',
        'invisible-trauma',
        'sensitive-discussions',
        'pathways',
        'preventing-trauma',
        'trust',
        'collaboration',
        'choice',
        'safety',
        'survivor-partnerships',
      ],
    );
    for (const s of instrument.sections)
      assert.ok(s.items.length >= 3 && s.items.length <= 5, s.id);
    assert.ok(instrument.sections.some((s) => s.kind === 'relationships'));
    assert.equal(instrument.barrierGroups.length, 3);
    const ids = statementsOf(instrument).map(({ item }) => item.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(statementsOf(instrument).some(({ item }) => item.staffOnly));
  });

  it('refuses a broken file, saying where and why', () => {
    const twice = raw();
    const sections = twice.sections as { items: { id: string }[] }[];
    sections[1]!.items[0]!.id = sections[0]!.items[0]!.id;
    assert.throws(
      () => checkInstrument(twice, 'v1.yaml'),
      /v1\.yaml is not a valid instrument[\s\S]*"trauma-lens\.hard-things" is used twice/,
    );

    const nine = raw();
    (nine.sections as unknown[]).splice(0, 1);
    assert.throws(() => checkInstrument(nine), /there must be 10 principles, not 9/);

    const tooMany = raw();
    const first = (tooMany.sections as { items: unknown[] }[])[0]!;
    first.items.push(
      { id: 'trauma-lens.extra-1', text: 'One more.' },
      { id: 'trauma-lens.extra-2', text: 'And one more.' },
    );
    assert.throws(
      () => checkInstrument(tooMany),
      /sections\.0\.items: a section has 3 to 5 statements/,
    );

    const typo = raw();
    (typo.sections as Record<string, unknown>[])[0]!.staffonly = true;
    assert.throws(() => checkInstrument(typo), /staffonly/);
  });
});

describe('the instrument as a FHIR Questionnaire', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(() => t.close());

  it('is valid under Medplum’s validator, invariants included', () => {
    const q = instrumentQuestionnaire(loadInstrument(), 'http://localhost');
    assert.deepEqual(fhirProblems(q as unknown as Resource), []);
  });

  it('fails the validator when an invariant is broken, so the check above can fail', () => {
    const q = instrumentQuestionnaire(loadInstrument(), 'http://localhost') as unknown as {
      item: Record<string, unknown>[];
    };
    // que-1: a group must have items (the JSON schema alone allows an empty group).
    const emptyGroup = structuredClone(q);
    emptyGroup.item.push({ linkId: 'empty', text: 'Empty', type: 'group' });
    assert.ok(
      fhirProblems(emptyGroup as unknown as Resource).some((p) => /que-1/.test(p)),
      fhirProblems(emptyGroup as unknown as Resource).join('\n'),
    );
    // que-6: a display item cannot be required.
    const display = structuredClone(q);
    display.item.push({ linkId: 'note', text: 'A note', type: 'display', required: true });
    assert.ok(fhirProblems(display as unknown as Resource).some((p) => /que-6/.test(p)));
  });

  it('is published at /assessment/instrument.fhir.json to anyone', async () => {
    const res = await new Agent(t.app).get('/assessment/instrument.fhir.json');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/fhir\+json/);
    const q = JSON.parse(res.body) as { resourceType: string; item: { linkId: string }[] };
    assert.equal(q.resourceType, 'Questionnaire');
    assert.equal(q.item[0]!.linkId, 'trauma-lens');
    assert.deepEqual(fhirProblems(q as unknown as Resource), []);
  });

  it('is written to stdout by `hearth assessment instrument --format fhir`', async () => {
    const database = await freshDatabase();
    try {
      const env: Record<string, string | undefined> = {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: database.url,
        PUBLIC_URL: 'https://hearth.example.org',
      };
      delete env.NODE_TEST_CONTEXT;
      const run = spawnSync(
        process.execPath,
        [bin, 'assessment', 'instrument', '--format', 'fhir'],
        {
          env,
          encoding: 'utf8',
          timeout: 120_000,
        },
      );
      assert.equal(run.status, 0, run.stderr);
      const q = JSON.parse(run.stdout) as { url: string };
      assert.equal(q.url, 'https://hearth.example.org/assessment/instrument.fhir.json');
      assert.deepEqual(fhirProblems(q as unknown as Resource), []);
      const bad = spawnSync(
        process.execPath,
        [bin, 'assessment', 'instrument', '--format', 'csv'],
        { env, encoding: 'utf8' },
      );
      assert.notEqual(bad.status, 0);
    } finally {
      await database.drop();
    }
  });
});
