/**
 * The plan as a FHIR R4 document Bundle, following the HL7 PACIO advance directive approach
 * where it fits: a Composition typed as a mental health advance directive (LOINC 104144-1)
 * authored by the person, one section per plan section, plus a Consent resource for each
 * share (active or stopped). Private sections are left out unless the person exports their
 * own plan. Narrative text is escaped, so nothing typed can become markup in another system.
 *
 * Typed with Medplum's FHIR R4 types; tests check the output with Medplum's validator, which
 * checks the invariants (such as cmp-1: every section has text, entries or sub-sections) as well
 * as the structure.
 */
import { createHash } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Composition,
  CompositionSection,
  Consent,
  ConsentProvision,
  Narrative,
  Organization,
  Patient,
  Practitioner,
  Reference,
  RelatedPerson,
  Resource,
} from '@medplum/fhirtypes';
import type { PlanContent } from './schema.ts';
import { choiceText, sections } from './sections.ts';
import type {
  PlanSharesTable,
  PlanSupporterLinksTable,
  PlanVersionsTable,
  PlansTable,
} from './tables.ts';

/** One entry of the document Bundle: every entry has its full URL and its resource. */
export type FhirEntry = BundleEntry & { fullUrl: string; resource: Resource };

/** A FHIR R4 document Bundle as Hearth writes it. */
export interface FhirBundle extends Bundle {
  id: string;
  type: 'document';
  timestamp: string;
  entry: FhirEntry[];
}

const LOINC = 'http://loinc.org';
const HEARTH_SECTIONS = 'https://hearth.example/fhir/CodeSystem/plan-section';

function escapeXhtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A generated narrative of paragraphs; `trusted` parts are already escaped markup. */
function narrative(paragraphs: string[], trusted = false): Narrative {
  const inner = paragraphs.map((p) => `<p>${trusted ? p : escapeXhtml(p)}</p>`).join('');
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>` };
}

function emptyReason(code: string, display: string): CodeableConcept {
  return {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/list-empty-reason', code, display }],
  };
}

/** A stable name-based UUID (version 5 layout) for resources that have no row of their own. */
function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function urn(id: string): string {
  return `urn:uuid:${id}`;
}

/** What the Bundle is built from. */
export interface FhirInput {
  plan: PlansTable;
  version: PlanVersionsTable;
  content: PlanContent;
  privateSections: string[];
  includePrivate: boolean;
  personName: string;
  shares: (PlanSharesTable & { name: string })[];
  links: PlanSupporterLinksTable[];
  now: Date;
}

/** Builds the FHIR R4 document Bundle for one plan. */
export function buildFhirBundle(input: FhirInput): FhirBundle {
  const { plan, version, content } = input;
  const patientRef: Reference<Patient> = {
    reference: urn(plan.person_id),
    display: input.personName,
  };
  const compositionId = version.id;

  const compositionSections = sections
    .filter((s) => input.includePrivate || !input.privateSections.includes(s.key))
    .map((s): CompositionSection => {
      const code: CodeableConcept = {
        coding: [{ system: HEARTH_SECTIONS, code: s.key, display: s.title }],
      };
      if (content.declined.includes(s.key)) {
        // The person's own choice, said as such: cmp-1 needs a narrative in every section.
        return {
          title: s.title,
          code,
          text: narrative(['The person chose not to say.']),
          emptyReason: emptyReason('withheld', 'Information Withheld'),
        };
      }
      const parts: string[] = [];
      for (const field of s.fields) {
        const value = content.fields[field.name];
        if (value === undefined || value === '') continue;
        const shown = Array.isArray(value)
          ? value.map((v) => choiceText(field, v)).join(', ')
          : value;
        parts.push(`<b>${escapeXhtml(field.label)}</b>: ${escapeXhtml(shown)}`);
      }
      if (parts.length === 0) {
        return {
          title: s.title,
          code,
          text: narrative(['Nothing has been written in this section yet.']),
          emptyReason: emptyReason('unavailable', 'Unavailable'),
        };
      }
      return { title: s.title, code, text: narrative(parts, true) };
    });

  const composition: Composition & { id: string } = {
    resourceType: 'Composition',
    id: compositionId,
    extension: [
      {
        url: 'http://hl7.org/fhir/StructureDefinition/composition-clinicaldocument-versionNumber',
        valueString: String(version.version),
      },
    ],
    identifier: { system: 'urn:ietf:rfc:3986', value: urn(plan.id) },
    status: 'final',
    type: {
      coding: [{ system: LOINC, code: '104144-1', display: 'Mental health Advance directives' }],
    },
    category: [
      { coding: [{ system: LOINC, code: '42348-3', display: 'Advance healthcare directives' }] },
    ],
    subject: patientRef,
    date: version.created_at,
    author: [patientRef],
    title: 'My plan: crisis plan and advance choices',
    attester: [{ mode: 'personal', party: patientRef }],
    section: compositionSections,
  };

  const patient: Patient & { id: string } = {
    resourceType: 'Patient',
    id: plan.person_id,
    active: true,
    name: [{ text: input.personName }],
  };

  const entries: FhirEntry[] = [
    { fullUrl: urn(composition.id), resource: composition },
    { fullUrl: urn(patient.id), resource: patient },
  ];

  const hiddenProvisions = input.privateSections
    .filter((k) => sections.some((s) => s.key === k))
    .map((k): ConsentProvision => ({
      type: 'deny',
      code: [
        {
          coding: [
            {
              system: HEARTH_SECTIONS,
              code: k,
              display: sections.find((s) => s.key === k)?.title ?? k,
            },
          ],
        },
      ],
    }));

  const consent = (
    id: string,
    recipient: Reference<Organization | Practitioner | RelatedPerson>,
    start: string,
    end: string | null,
    active: boolean,
  ): Consent & { id: string } => ({
    resourceType: 'Consent',
    id,
    status: active ? 'active' : 'inactive',
    scope: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: 'patient-privacy',
          display: 'Privacy Consent',
        },
      ],
    },
    category: [{ coding: [{ system: LOINC, code: '59284-0', display: 'Patient Consent' }] }],
    patient: patientRef,
    dateTime: start,
    performer: [patientRef],
    policyRule: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
          code: 'OPTIN',
          display: 'opt-in',
        },
      ],
    },
    provision: {
      type: 'permit',
      period: end ? { start, end } : { start },
      actor: [
        {
          role: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                code: 'IRCP',
                display: 'information recipient',
              },
            ],
          },
          reference: recipient,
        },
      ],
      action: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' },
          ],
        },
      ],
      data: [{ meaning: 'instance', reference: { reference: urn(composition.id) } }],
      ...(hiddenProvisions.length ? { provision: hiddenProvisions } : {}),
    },
  });

  for (const share of input.shares) {
    const recipientId = share.kind === 'unit' ? share.unit_id : share.account_id;
    if (!recipientId) continue;
    const recipient: Resource =
      share.kind === 'unit'
        ? { resourceType: 'Organization', id: recipientId, name: share.name }
        : { resourceType: 'Practitioner', id: recipientId, name: [{ text: share.name }] };
    if (!entries.some((e) => e.resource.id === recipientId)) {
      entries.push({ fullUrl: urn(recipientId), resource: recipient });
    }
    const c = consent(
      share.id,
      { reference: urn(recipientId), display: share.name },
      share.created_at,
      share.revoked_at,
      share.revoked_at === null,
    );
    entries.push({ fullUrl: urn(c.id), resource: c });
  }

  for (const link of input.links) {
    const related: RelatedPerson & { id: string } = {
      resourceType: 'RelatedPerson',
      id: link.id,
      patient: patientRef,
      name: [{ text: link.supporter_name }],
    };
    const ended = link.revoked_at ?? link.used_at;
    const active = ended === null && new Date(link.expires_at) > input.now;
    const c = consent(
      derivedUuid(`consent:${link.id}`),
      { reference: urn(link.id), display: link.supporter_name },
      link.created_at,
      ended ?? link.expires_at,
      active,
    );
    entries.push({ fullUrl: urn(related.id), resource: related });
    entries.push({ fullUrl: urn(c.id), resource: c });
  }

  return {
    resourceType: 'Bundle',
    id: `${plan.id}-v${version.version}`,
    identifier: { system: 'urn:ietf:rfc:3986', value: urn(version.id) },
    type: 'document',
    timestamp: input.now.toISOString(),
    entry: entries,
  };
}
