/**
 * Local statements in `hearth assessment export --format fhir`: a round with two local statements
 * and one partner rewording exports its own Questionnaire holding them (local ones marked and in
 * their own linkId namespace, the reworded one with the shared words beside it) and
 * MeasureReports with a group per local statement; all pass Medplum's validator; a local
 * statement rated by fewer than 5 people in a group gets no figure there.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { ctxOf, fhirProblems } from '../../../test/plans-fixtures.ts';
import { createTestContext, makeTeam } from '../../../test/factories.ts';
import type { TestContext } from '../../../test/factories.ts';
import { loadInstrument } from './instrument.ts';
import type { RespondentGroup } from './policy.ts';
import {
  INCLUDES_LOCAL_EXTENSION,
  LOCAL_ITEM_SYSTEM,
  LOCAL_STATEMENT_EXTENSION,
  SHARED_WORDING_EXTENSION,
} from './round-fhir.ts';
import { createAssessmentStore } from './store.ts';
import { seededRandom, syntheticAnswers } from './synthetic.ts';
import { newId } from '../../lib/tokens.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/hearth.js');

interface QItem {
  linkId: string;
  text?: string;
  item?: QItem[];
  code?: { system: string; code: string }[];
  extension?: { url: string; valueBoolean?: boolean; valueString?: string }[];
}
interface ReportGroup {
  code: { coding: { system: string; code: string }[] };
  extension?: { url: string }[];
  population: { count: number }[];
  measureScore: { value: number };
}
interface Entry {
  fullUrl: string;
  resource: {
    resourceType: string;
    item?: QItem[];
    derivedFrom?: string[];
    extension?: { url: string; valueCoding?: { code: string }; valueCanonical?: string }[];
    group?: ReportGroup[];
  };
}

const flat = (items: QItem[]): QItem[] => items.flatMap((i) => [i, ...flat(i.item ?? [])]);

describe('local statements in the FHIR export', { timeout: 300_000 }, () => {
  let t: TestContext;
  let bundle: { entry: Entry[] };
  let localA = '';
  let localB = '';
  let reworded = '';
  const sharedText = new Map(
    loadInstrument()
      .sections.flatMap((s) => s.items)
      .map((i) => [i.id, i.text]),
  );

  before(async () => {
    t = await createTestContext();
    const team = await makeTeam(t.services);
    const admin = await t.services.accounts.people.actorFor(team.admin.id);
    const partner = await t.services.accounts.people.actorFor(team.partner.id);
    const ctx = ctxOf(t.services, admin);
    const { wording, rounds, results } = t.services.assessment;
    const [first, second] = loadInstrument().sections;
    localA = await wording.addLocal(
      admin,
      { sectionId: first!.id, text: 'Staff here explain the ward rules kindly', staffOnly: false },
      ctx,
    );
    localB = await wording.addLocal(
      admin,
      { sectionId: second!.id, text: 'We talk about what went wrong together', staffOnly: false },
      ctx,
    );
    reworded = second!.items.find((i) => !i.staffOnly)!.id;
    const proposal = await wording.propose(
      partner,
      reworded,
      { text: 'People here are asked what helps them feel calm', why: 'plainer' },
      ctxOf(t.services, partner),
    );
    await wording.decide(admin, proposal, { decision: 'accept', reason: '' }, ctx);
    const closesOn = new Date(t.clock().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    const { id } = await rounds.open(admin, { unitId: team.unitId, title: '', closesOn }, ctx);
    // Answers drawn from the round's own instrument, so the local statements are rated.
    const { instrument } = await results.forRound(admin, id);
    const rand = seededRandom(5);
    const rows = (['staff', 'people', 'partners'] as RespondentGroup[]).flatMap((group) =>
      Array.from({ length: group === 'staff' ? 7 : group === 'people' ? 6 : 2 }, (_, n) => {
        const { answers, barriers } = syntheticAnswers(
          instrument,
          { group, count: 1, level: 3 },
          rand,
        );
        // Only 3 people who use the service rate the second local statement: below 5.
        const skipsB = group === 'people' && n >= 3;
        const rated = {
          ...Object.fromEntries(Object.entries(answers).filter(([k]) => k !== localB)),
          [localA]: '4',
          ...(skipsB ? {} : { [localB]: '3' }),
        };
        return {
          organisation_id: team.organisationId,
          round_id: id,
          id: newId(),
          respondent_group: group,
          answers: JSON.stringify(rated),
          barriers: JSON.stringify(barriers),
          comment: null,
        };
      }),
    );
    await createAssessmentStore().insertResponses(t.services.db, rows);
    await rounds.close(admin, id, ctx);

    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.databaseUrl,
      PUBLIC_URL: 'https://hearth.example.org',
    };
    delete env.NODE_TEST_CONTEXT;
    const out = spawnSync(
      process.execPath,
      [bin, 'assessment', 'export', '--round', id, '--format', 'fhir'],
      { env, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(out.status, 0, out.stderr);
    bundle = JSON.parse(out.stdout) as { entry: Entry[] };
  });
  after(() => t.close());

  it('exports the round’s own Questionnaire with the local statements marked and the rewording', () => {
    const q = bundle.entry[0]!;
    assert.equal(q.resource.resourceType, 'Questionnaire');
    assert.deepEqual(fhirProblems(q.resource as unknown as Resource), []);
    assert.match(q.resource.derivedFrom![0]!, /\/assessment\/instrument\.fhir\.json\|1$/);
    const items = flat(q.resource.item!);
    const local = items.filter((i) =>
      i.extension?.some((e) => e.url === LOCAL_STATEMENT_EXTENSION && e.valueBoolean),
    );
    assert.deepEqual(
      local.map((i) => i.linkId),
      [`local-${localA}`, `local-${localB}`],
    );
    assert.deepEqual(
      local.map((i) => i.code?.[0]),
      [
        { system: LOCAL_ITEM_SYSTEM, code: `local-${localA}`, display: local[0]!.text },
        { system: LOCAL_ITEM_SYSTEM, code: `local-${localB}`, display: local[1]!.text },
      ],
    );
    const re = items.find((i) => i.linkId === reworded)!;
    assert.equal(re.text, 'People here are asked what helps them feel calm');
    assert.deepEqual(re.extension, [
      { url: SHARED_WORDING_EXTENSION, valueString: sharedText.get(reworded) },
    ]);
    // Every other shared statement is as the shared Questionnaire has it, unmarked.
    const others = items.filter((i) => sharedText.has(i.linkId) && i.linkId !== reworded);
    assert.equal(others.length, sharedText.size - 1);
    assert.ok(others.every((i) => i.text === sharedText.get(i.linkId) && !i.code));
    assert.equal(new Set(items.map((i) => i.linkId)).size, items.length);
  });

  it('gives each local statement a report group, valid under the validator, tied to the Questionnaire', () => {
    assert.deepEqual(fhirProblems(bundle as unknown as Resource), []);
    const reports = bundle.entry.slice(1);
    assert.deepEqual(
      reports.map((e) => e.resource.extension![0]!.valueCoding!.code),
      ['staff', 'people'],
    );
    for (const e of reports) {
      assert.deepEqual(fhirProblems(e.resource as unknown as Resource), []);
      assert.equal(e.resource.extension![1]!.valueCanonical, bundle.entry[0]!.fullUrl);
    }
    const localGroups = (g: ReportGroup[]) =>
      g.filter((x) => x.code.coding[0]!.system === LOCAL_ITEM_SYSTEM);
    const staff = localGroups(reports[0]!.resource.group!);
    assert.deepEqual(
      staff.map((g) => [g.code.coding[0]!.code, g.population[0]!.count, g.measureScore.value]),
      [
        [`local-${localA}`, 7, 4],
        [`local-${localB}`, 7, 3],
      ],
    );
    assert.ok(staff.every((g) => g.extension?.some((x) => x.url === LOCAL_STATEMENT_EXTENSION)));
    // The principle a local statement sits under says its score counts local statements.
    const principle = reports[0]!.resource.group!.find(
      (g) => g.code.coding[0]!.code === loadInstrument().sections[0]!.id,
    )!;
    assert.ok(principle.extension?.some((x) => x.url === INCLUDES_LOCAL_EXTENSION));
  });

  it('leaves out a local statement rated by fewer than 5 people in a group', () => {
    const people = bundle.entry[2]!.resource.group!.filter(
      (g) => g.code.coding[0]!.system === LOCAL_ITEM_SYSTEM,
    );
    assert.deepEqual(
      people.map((g) => [g.code.coding[0]!.code, g.population[0]!.count]),
      [[`local-${localA}`, 6]],
    );
    assert.doesNotMatch(JSON.stringify(bundle.entry[2]), new RegExp(`local-${localB}`));
  });
});
