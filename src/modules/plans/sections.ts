/**
 * What a plan holds: its sections, the questions in each, and the structured choices staff
 * must be able to read at a glance. Pure data, shared by the forms, the views and the exports.
 */

/** One option in a structured choice. */
export interface ChoiceOption {
  value: string;
  text: string;
}

/** A question in a section: free text, or a choice from a fixed list. */
export type FieldSpec =
  | { kind: 'text'; name: string; label: string; hint?: string; rows?: number }
  | {
      kind: 'choices';
      name: string;
      label: string;
      hint?: string;
      multiple: boolean;
      options: ChoiceOption[];
    };

/** One section of the plan. */
export interface SectionSpec {
  key: string;
  title: string;
  /** One line: why this helps. */
  why: string;
  fields: FieldSpec[];
  /** Private unless the person chooses to share it. */
  privateByDefault?: boolean;
}

/** The longest answer one question takes. */
export const MAX_TEXT = 20_000;

/** Positions a person may ask never to be held in. */
export const restraintPositions: ChoiceOption[] = [
  { value: 'face_down', text: 'Face-down (prone)' },
  { value: 'face_up', text: 'Face-up (on my back)' },
  { value: 'on_side', text: 'On my side' },
  { value: 'seated', text: 'Seated' },
  { value: 'kneeling', text: 'Kneeling' },
];

/** Staff gender preference when someone needs to come close. */
export const staffGenderOptions: ChoiceOption[] = [
  { value: 'women', text: 'Women staff, please' },
  { value: 'men', text: 'Men staff, please' },
  { value: 'same_as_me', text: 'Staff of the same gender as me, please' },
  { value: 'no_preference', text: 'I do not mind' },
];

/** Ways of taking medication. */
export const medicationRoutes: ChoiceOption[] = [
  { value: 'tablet', text: 'Tablets' },
  { value: 'liquid', text: 'Liquid' },
  { value: 'dissolving', text: 'Tablets that dissolve in the mouth' },
  { value: 'injection', text: 'Injection' },
];

/** Things staff do that can make things worse. */
export const staffTriggers: ChoiceOption[] = [
  { value: 'raised_voices', text: 'Raised voices' },
  { value: 'being_touched', text: 'Being touched' },
  { value: 'locked_doors', text: 'Locked doors' },
  { value: 'being_watched', text: 'Being watched' },
  { value: 'crowding', text: 'Several people around me at once' },
  { value: 'not_told', text: 'Not being told what is happening' },
];

/** Who searches, if a search is needed. */
export const searchGenderOptions: ChoiceOption[] = [
  { value: 'same_gender', text: 'Only staff of the same gender as me' },
  { value: 'no_preference', text: 'I do not mind' },
];

/** Every section, in the order the plan reads. */
export const sections: SectionSpec[] = [
  {
    key: 'well',
    title: "When I'm well",
    why: 'This helps people who do not know you yet see you as you are, not only as you are in a hard time.',
    fields: [{ kind: 'text', name: 'wellText', label: "What I am like when I'm well" }],
  },
  {
    key: 'earlySigns',
    title: 'Early signs that things are getting hard',
    why: 'Noticing early means help can come sooner, in the way you have chosen.',
    fields: [
      {
        kind: 'text',
        name: 'earlySignsText',
        label: 'What I, or people around me, might notice',
      },
    ],
  },
  {
    key: 'worse',
    title: 'What makes things worse',
    why: 'Staff can avoid things that make a hard time harder, including things staff themselves do.',
    fields: [
      {
        kind: 'choices',
        name: 'worseStaff',
        label: 'Things staff do that make it worse for me',
        hint: 'Choose any that apply.',
        multiple: true,
        options: staffTriggers,
      },
      { kind: 'text', name: 'worseText', label: 'Anything else that makes things worse' },
    ],
  },
  {
    key: 'helps',
    title: 'What helps, and what does not',
    why: 'Knowing what works for you means people can offer it straight away.',
    fields: [
      { kind: 'text', name: 'helpsText', label: 'What helps me' },
      { kind: 'text', name: 'notHelpsText', label: 'What does not help me' },
    ],
  },
  {
    key: 'approach',
    title: "How I'd like to be approached",
    why: 'So that people come to you in a way that feels safe and respectful.',
    fields: [
      { kind: 'text', name: 'toneText', label: 'The tone and words that help', rows: 3 },
      {
        kind: 'choices',
        name: 'staffGender',
        label: 'If staff need to come close to me',
        multiple: false,
        options: staffGenderOptions,
      },
      {
        kind: 'text',
        name: 'languageText',
        label: 'My language, and whether I would like an interpreter',
        rows: 2,
      },
      { kind: 'text', name: 'communicationText', label: 'How I communicate best', rows: 3 },
      { kind: 'text', name: 'sensoryText', label: 'Sensory and physical needs', rows: 3 },
      { kind: 'text', name: 'faithText', label: 'Faith and culture', rows: 3 },
    ],
  },
  {
    key: 'escalation',
    title: 'If things escalate: my choices',
    why: 'If staff are thinking about medication, restraint, seclusion, a search or observation, these are your choices about how it happens. Staff are asked to read them first.',
    fields: [
      {
        kind: 'choices',
        name: 'medicationRoutes',
        label: 'Ways of taking medication I can accept',
        hint: 'Choose any that apply.',
        multiple: true,
        options: medicationRoutes,
      },
      {
        kind: 'text',
        name: 'medicationText',
        label: 'Medication: what helps, what I do not want, and how',
      },
      {
        kind: 'choices',
        name: 'restraintPositionsToAvoid',
        label: 'If I am held, positions I cannot bear',
        hint: 'Choose any that apply.',
        multiple: true,
        options: restraintPositions,
      },
      {
        kind: 'text',
        name: 'restraintText',
        label: 'If I am held: anything else, and who I would like to be there',
      },
      { kind: 'text', name: 'seclusionText', label: 'Seclusion: my wishes' },
      {
        kind: 'choices',
        name: 'searchGender',
        label: 'If I need to be searched',
        multiple: false,
        options: searchGenderOptions,
      },
      { kind: 'text', name: 'searchText', label: 'Searches: anything else' },
      {
        kind: 'text',
        name: 'observationText',
        label: 'Being observed: what helps and what does not',
      },
    ],
  },
  {
    key: 'health',
    title: 'Physical health and allergies',
    why: 'So that any care or medication is safe for your body.',
    fields: [
      { kind: 'text', name: 'healthText', label: 'Physical health conditions and needs', rows: 3 },
      { kind: 'text', name: 'allergiesText', label: 'Allergies', rows: 2 },
    ],
  },
  {
    key: 'contacts',
    title: 'People to contact, and people not to contact',
    why: 'So that the right people are told, and the wrong people are not.',
    fields: [
      { kind: 'text', name: 'contactText', label: 'Please contact', rows: 3 },
      { kind: 'text', name: 'doNotContactText', label: 'Please do not contact', rows: 3 },
    ],
  },
  {
    key: 'dependants',
    title: 'Who looks after my children, dependants or pets',
    why: 'So that the people and animals who rely on you are looked after.',
    fields: [
      {
        kind: 'text',
        name: 'dependantsText',
        label: 'Who looks after them, and how to reach them',
        rows: 3,
      },
    ],
  },
  {
    key: 'practical',
    title: 'Practical matters',
    why: 'Things like bills, keys, work or appointments, so that they do not become a worry.',
    fields: [{ kind: 'text', name: 'practicalText', label: 'Practical matters', rows: 3 }],
  },
  {
    key: 'story',
    title: 'My own words about what has happened to me',
    why: 'Only if you want to. Some people find it means they do not have to explain again.',
    privateByDefault: true,
    fields: [{ kind: 'text', name: 'storyText', label: 'In my own words' }],
  },
];

/** Section keys, in order. */
export const sectionKeys = sections.map((s) => s.key);

/** Every field, with the section it belongs to. */
export const allFields: (FieldSpec & { section: string })[] = sections.flatMap((s) =>
  s.fields.map((f) => ({ ...f, section: s.key })),
);

/** Looks up a field by name. */
export function fieldByName(name: string): (FieldSpec & { section: string }) | undefined {
  return allFields.find((f) => f.name === name);
}

/** Plain words for a choice value, or the value itself when unknown. */
export function choiceText(field: FieldSpec, value: string): string {
  if (field.kind !== 'choices') return value;
  return field.options.find((o) => o.value === value)?.text ?? value;
}
