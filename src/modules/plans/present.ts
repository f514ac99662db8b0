/**
 * Turns stored plan content into what pages, prints and exports show. Pure functions: what a
 * reader may see is decided before this (private sections are passed in as `hidden`).
 */
import type { PlanContent } from './schema.ts';
import { choiceText, fieldByName, sections } from './sections.ts';
import type { FieldSpec } from './sections.ts';

/** One answer as shown: text, or a list of chosen options. */
export interface ItemView {
  name: string;
  label: string;
  text?: string;
  list?: string[];
}

/** One section as shown. */
export interface SectionView {
  key: string;
  title: string;
  why: string;
  state: 'answered' | 'declined' | 'empty';
  isPrivate: boolean;
  items: ItemView[];
}

/** What staff read first in a crisis. Null fields were not answered, declined or kept private. */
export interface GlanceView {
  restraintPositionsToAvoid: string[];
  staffGender: string | null;
  medicationRoutes: string[];
  medicationText: string | null;
  restraintText: string | null;
  seclusionText: string | null;
  searchGender: string | null;
  searchText: string | null;
  observationText: string | null;
  worseStaff: string[];
  worseText: string | null;
  helpsText: string | null;
  notHelpsText: string | null;
  contactText: string | null;
  doNotContactText: string | null;
  allergiesText: string | null;
  communicationText: string | null;
  languageText: string | null;
  /** The tone and words that help (calm phrases such as "speak slowly and quietly"). */
  toneText: string | null;
  sensoryText: string | null;
  /** The contacts text cut into pieces, phone numbers marked so pages can make them tap-to-call. */
  contactParts: TextPart[];
  /** Sections the glance draws on that the person would rather not answer. */
  declined: string[];
}

/** A piece of free text; `tel` is set when the piece is a phone number (digits and a leading +). */
export interface TextPart {
  text: string;
  tel: string | null;
}

// A run of 7 to 15 digits, allowing spaces, hyphens and brackets between them, as people write numbers.
const PHONE = /\+?\(?\d[\d\s()-]{5,18}\d/g;

/** Cuts text into pieces, marking phone numbers so they can become tap-to-call links. */
export function phoneParts(text: string | null): TextPart[] {
  if (!text) return [];
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    // "+44 (0)20 …" is dialled without the (0).
    const written = match[0].startsWith('+') ? match[0].replace('(0)', '') : match[0];
    const digits = written.replace(/[^\d+]/g, '');
    const count = digits.replace('+', '').length;
    if (count < 7 || count > 15) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index), tel: null });
    parts.push({ text: match[0], tel: digits });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), tel: null });
  return parts;
}

function itemOf(field: FieldSpec, value: string | string[] | undefined): ItemView | null {
  if (value === undefined) return null;
  if (field.kind === 'text') {
    return typeof value === 'string' && value !== ''
      ? { name: field.name, label: field.label, text: value }
      : null;
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) return null;
  return { name: field.name, label: field.label, list: values.map((v) => choiceText(field, v)) };
}

/**
 * The sections a reader sees.
 * @param hidden - section keys this reader may not see; they are left out entirely
 * @param privateKeys - section keys the person keeps private (marked, for the owner's view)
 */
export function presentSections(
  content: PlanContent,
  hidden: readonly string[],
  privateKeys: readonly string[] = [],
): SectionView[] {
  return sections
    .filter((s) => !hidden.includes(s.key))
    .map((s) => {
      const items = s.fields
        .map((f) => itemOf(f, content.fields[f.name]))
        .filter((i): i is ItemView => i !== null);
      const declined = content.declined.includes(s.key);
      return {
        key: s.key,
        title: s.title,
        why: s.why,
        state: declined ? 'declined' : items.length ? 'answered' : 'empty',
        isPrivate: privateKeys.includes(s.key),
        items: declined ? [] : items,
      };
    });
}

/** The fields of visible sections only, for a reader who may not see some sections. */
export function visibleFields(
  content: PlanContent,
  hidden: readonly string[],
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(content.fields)) {
    const field = fieldByName(name);
    if (!field || hidden.includes(field.section) || content.declined.includes(field.section)) {
      continue;
    }
    result[name] = value;
  }
  return result;
}

/** The "at a glance" view: how to approach, what helps, what makes things worse, choices about force, contacts. */
export function presentGlance(content: PlanContent, hidden: readonly string[]): GlanceView {
  const fields = visibleFields(content, hidden);
  const text = (name: string): string | null => {
    const v = fields[name];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const list = (name: string): string[] => {
    const field = fieldByName(name);
    const v = fields[name];
    if (!field || v === undefined) return [];
    return (Array.isArray(v) ? v : [v]).map((x) => choiceText(field, x));
  };
  const one = (name: string): string | null => list(name)[0] ?? null;
  const glanceSections = ['worse', 'helps', 'approach', 'escalation', 'health', 'contacts'];
  return {
    restraintPositionsToAvoid: list('restraintPositionsToAvoid'),
    staffGender: one('staffGender'),
    medicationRoutes: list('medicationRoutes'),
    medicationText: text('medicationText'),
    restraintText: text('restraintText'),
    seclusionText: text('seclusionText'),
    searchGender: one('searchGender'),
    searchText: text('searchText'),
    observationText: text('observationText'),
    worseStaff: list('worseStaff'),
    worseText: text('worseText'),
    helpsText: text('helpsText'),
    notHelpsText: text('notHelpsText'),
    contactText: text('contactText'),
    doNotContactText: text('doNotContactText'),
    allergiesText: text('allergiesText'),
    communicationText: text('communicationText'),
    languageText: text('languageText'),
    toneText: text('toneText'),
    sensoryText: text('sensoryText'),
    contactParts: phoneParts(text('contactText')),
    declined: sections
      .filter(
        (s) =>
          glanceSections.includes(s.key) &&
          !hidden.includes(s.key) &&
          content.declined.includes(s.key),
      )
      .map((s) => s.title),
  };
}

/** Field names whose values differ between two contents (for proposals and conflicts). */
export function changedFields(before: PlanContent, after: PlanContent): string[] {
  const names = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)]);
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return [...names].filter((n) => !same(before.fields[n], after.fields[n]));
}

/** Reads stored JSON content defensively: unknown fields are dropped. */
export function parseContent(json: string): PlanContent {
  const raw = JSON.parse(json) as Partial<PlanContent>;
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(raw.fields ?? {})) {
    if (fieldByName(name) && (typeof value === 'string' || Array.isArray(value))) {
      fields[name] = value;
    }
  }
  return { fields, declined: Array.isArray(raw.declined) ? raw.declined : [] };
}
