/**
 * `hearth assessment export --round ID --format csv|fhir`: the CSV is the results table a manager
 * sees (small groups left out), and the FHIR Bundle of MeasureReports passes Medplum's validator
 * (invariants included) and holds aggregated figures only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Resource } from '@medplum/fhirtypes';
import { fhirProblems } from '../../../test/plans-fixtures.ts';
import { createTestContext, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { resultsCsvRows } from './results.ts';
import type { RoundResults } from './results.ts';
import { createAssessmentStore } from './store.ts';
import { writeSyntheticRound } from './synthetic.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/hearth.js');

interface Report {
  resourceType: string;
  type: string;
  extension: { valueCoding: { code: string } }[];
  group: {
    code: { coding: { code: string }[] };
    population: { code: { coding: { code: string }[] }; count: number }[];
    measureScore: { value: number; extension?: { url: string; valueDecimal: number }[] };
  }[];
}

describe('hearth assessment export', { timeout: 300_000 }, () => {
  let t: TestContext;
  let roundId: string;
  let openId: string;
  let results: RoundResults;
  let fhirOut = '';
  const run = (...args: string[]) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.databaseUrl,
      PUBLIC_URL: 'https://hearth.example.org',
    };
    delete env.NODE_TEST_CONTEXT;
    return spawnSync(process.execPath, [bin, 'assessment', 'export', ...args], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
  };

  before(async () => {
    t = await createTestContext();
    const team = await makeTeam(t.services);
    const store = createAssessmentStore();
    const base = {
      organisationId: team.organisationId,
      unitId: team.unitId,
      createdBy: team.admin.id,
    };
    roundId = await writeSyntheticRound(t.services.db, store, {
      ...base,
      title: 'Spring round',
      opensOn: '2026-03-01',
      closesOn: '2026-03-31',
      seed: 11,
      groups: [
        { group: 'staff', count: 7, level: 4 },
        { group: 'people', count: 6, level: 3 },
        { group: 'partners', count: 2, level: 3 },
      ],
    });
    openId = await writeSyntheticRound(t.services.db, store, {
      ...base,
      title: 'Still open',
      opensOn: '2026-05-01',
      closesOn: '2099-12-31',
      seed: 12,
      groups: [{ group: 'staff', count: 6, level: 4 }],
    });
    results = await t.services.assessment.results.forRound(
      await t.services.accounts.people.actorFor(team.admin.id),
      roundId,
    );
  });
  after(() => t.close());

  it('writes the results table as CSV, exactly as a manager sees it', () => {
    const out = run('--round', roundId, '--format', 'csv');
    assert.equal(out.status, 0, out.stderr);
    const rows = parse(out.stdout) as string[][];
    assert.deepEqual(rows, resultsCsvRows(results));
    assert.ok(rows.length > 20);
    assert.ok(rows.every((r) => r[3] !== 'partners'));
  });

  it('writes a Bundle of MeasureReports, one per group shown, valid under the validator', () => {
    const out = run('--round', roundId, '--format', 'fhir');
    assert.equal(out.status, 0, out.stderr);
    fhirOut = out.stdout;
    const bundle = JSON.parse(out.stdout) as { entry: { resource: Report }[] };
    assert.deepEqual(fhirProblems(bundle as unknown as Resource), []);
    for (const e of bundle.entry)
      assert.deepEqual(fhirProblems(e.resource as unknown as Resource), []);
    // The round's own Questionnaire first (round-fhir.test.ts), then one report per group shown.
    assert.equal(bundle.entry[0]!.resource.resourceType, 'Questionnaire');
    const reports = bundle.entry.slice(1);
    assert.deepEqual(
      reports.map((e) => e.resource.extension[0]!.valueCoding.code),
      ['staff', 'people'],
    );
    const staff = reports[0]!.resource;
    const trust = staff.group.find((g) => g.code.coding[0]!.code === 'trust')!;
    const score = results.sections.find((s) => s.id === 'trust')!.score.staff!;
    assert.equal(trust.measureScore.value, Math.round(score.mean * 1000) / 1000);
    assert.equal(trust.population[0]!.count, score.n);
    assert.equal(trust.measureScore.extension!.length, 2);
    // Aggregates only: no statement-level answers, no comments, no response keys (the
    // Questionnaire names the statements and the comment question, but holds no answers).
    assert.doesNotMatch(JSON.stringify(reports), /"answers"|"comment"|trust\.explain/);
    assert.doesNotMatch(JSON.stringify(bundle.entry[0]), /"answer"|"valueString"/);
  });

  it('fails the validator when an invariant is broken, so the check above can fail', () => {
    const bundle = JSON.parse(fhirOut) as {
      entry: { resource: Report }[];
    };
    // mrp-1: a data-collection report must not carry group scores.
    const report = structuredClone(bundle.entry[1]!.resource);
    report.type = 'data-collection';
    assert.ok(fhirProblems(report as unknown as Resource).some((p) => /mrp-1/.test(p)));
  });

  it('refuses an open round and an unknown format', () => {
    const open = run('--round', openId, '--format', 'csv');
    assert.notEqual(open.status, 0);
    assert.match(open.stderr, /still open/);
    assert.notEqual(run('--round', roundId, '--format', 'xml').status, 0);
  });
});
