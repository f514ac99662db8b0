/**
 * The FHIR R4 document of a plan, checked with Medplum's validator (structure and invariants
 * such as cmp-1) for an empty plan, a partly declined plan and a full plan, with and without
 * private sections, shares and supporter links.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Composition, Resource } from '@medplum/fhirtypes';
import { fhirProblems } from '../../../test/plans-fixtures.ts';
import { buildFhirBundle } from './fhir.ts';
import type { FhirInput } from './fhir.ts';
import type { PlanContent } from './schema.ts';
import { sections } from './sections.ts';

const at = '2026-06-01T10:00:00.000Z';
const planId = '0b6f3b0e-8a57-4d8e-9f0c-5a1d2e3f4a5b';
const personId = '1c7f4c1f-9b68-4e9f-8f1d-6b2e3f4a5b6c';

function inputFor(content: PlanContent, over: Partial<FhirInput> = {}): FhirInput {
  return {
    plan: {
      id: planId,
      organisation_id: 'org',
      person_id: personId,
      current_version: 1,
      review_by: null,
      private_sections: '[]',
      created_at: at,
      updated_at: at,
    },
    version: {
      id: '2d8f5d2f-ac79-4fa0-9a2e-7c3f4a5b6c7d',
      organisation_id: 'org',
      plan_id: planId,
      version: 1,
      content: JSON.stringify(content),
      author_id: personId,
      note: null,
      created_at: at,
    },
    content,
    privateSections: [],
    includePrivate: false,
    personName: 'Sam Taylor',
    shares: [],
    links: [],
    now: new Date(at),
    ...over,
  };
}

/** Every question answered: text fields with words, choices with their first option. */
function fullContent(): PlanContent {
  const fields: PlanContent['fields'] = {};
  for (const section of sections) {
    for (const field of section.fields) {
      if (field.kind === 'text') fields[field.name] = `Answer to ${field.label} <& "quoted">`;
      else
        fields[field.name] = field.multiple ? [field.options[0]!.value] : field.options[0]!.value;
    }
  }
  return { fields, declined: [] };
}

function assertValid(bundle: ReturnType<typeof buildFhirBundle>): void {
  assert.deepEqual(fhirProblems(bundle as unknown as Resource), [], 'the Bundle');
  for (const entry of bundle.entry) {
    assert.deepEqual(
      fhirProblems(entry.resource as unknown as Resource),
      [],
      entry.resource.resourceType,
    );
  }
}

function compositionOf(bundle: ReturnType<typeof buildFhirBundle>): Composition {
  return bundle.entry[0]!.resource as unknown as Composition;
}

describe('plan as FHIR R4 (Medplum validator, invariants included)', () => {
  it('an empty plan is valid: every section says there is nothing written yet', () => {
    const bundle = buildFhirBundle(inputFor({ fields: {}, declined: [] }));
    assertValid(bundle);
    for (const section of compositionOf(bundle).section ?? []) {
      assert.ok(section.text?.div, `${section.title} has a narrative`);
      assert.ok(section.emptyReason, `${section.title} says why it is empty`);
    }
  });

  it('a partly declined plan is valid (cmp-1): a declined section says, kindly, the person chose not to say', () => {
    const content: PlanContent = {
      fields: { helpsText: 'A quiet room.', restraintPositionsToAvoid: ['face_down'] },
      declined: ['contacts', 'health', 'story'],
    };
    const bundle = buildFhirBundle(
      inputFor(content, { privateSections: ['story'], includePrivate: true }),
    );
    assertValid(bundle);
    const declined = (compositionOf(bundle).section ?? []).filter((s) =>
      ['contacts', 'health', 'story'].includes(s.code?.coding?.[0]?.code ?? ''),
    );
    assert.equal(declined.length, 3);
    for (const section of declined) {
      assert.match(section.text?.div ?? '', /chose not to say/);
      assert.equal(section.emptyReason?.coding?.[0]?.code, 'withheld');
    }
  });

  it('a full plan with shares, a stopped share and supporter links is valid, private sections left out', () => {
    const content = fullContent();
    const share = {
      organisation_id: 'org',
      plan_id: planId,
      created_at: at,
    };
    const bundle = buildFhirBundle(
      inputFor(content, {
        privateSections: ['story'],
        shares: [
          {
            ...share,
            id: '3e9f6e3f-bd8a-4ab1-8b3f-8d4f5a6b7c8e',
            kind: 'unit',
            unit_id: '4fa07f4a-ce9b-4bc2-9c4a-9e5a6b7c8d9f',
            account_id: null,
            revoked_at: null,
            name: 'Ward 3',
          },
          {
            ...share,
            id: '5ab18a5b-dfac-4cd3-8d5b-af6b7c8d9eaf',
            kind: 'practitioner',
            unit_id: null,
            account_id: '6bc29b6c-e0bd-4de4-9e6c-b07c8d9eafb0',
            revoked_at: '2026-06-02T10:00:00.000Z',
            name: 'Jo Bennett',
          },
        ],
        links: [
          {
            id: '7cd3ac7d-f1ce-4ef5-8f7d-c18d9eafb0c1',
            organisation_id: 'org',
            plan_id: planId,
            supporter_name: 'Chris',
            token_hash: 'x',
            code_hash: 'y',
            failed_attempts: 0,
            expires_at: '2026-06-08T10:00:00.000Z',
            revoked_at: null,
            used_at: null,
            visits: 'once',
            idle_minutes: 30,
            created_at: at,
          },
        ],
      }),
    );
    assertValid(bundle);
    const titles = (compositionOf(bundle).section ?? []).map((s) => s.code?.coding?.[0]?.code);
    assert.ok(!titles.includes('story'), 'a private section is left out for staff');
    assert.equal(bundle.entry.filter((e) => e.resource.resourceType === 'Consent').length, 3);
  });
});
