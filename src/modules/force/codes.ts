/**
 * Code sets for the use-of-force register: MHSDS restrictive intervention types and reasons,
 * NHS ethnic categories, and the groups dashboards report by. Codes are the national ones so
 * that exports can be sent to MHSDS unchanged; labels are our own plain words.
 */

/** One coded value with the words shown for it. */
export interface CodeItem {
  code: string;
  label: string;
}

/** The review kinds counted as debriefs in the assessment's evidence; every other kind is a review. */
export const DEBRIEF_KINDS = ['immediate_debrief', 'staff_debrief'] as const;

/** MHSDS restrictive intervention types (RestrictiveIntType; valid 01, 04–17). */
export const interventionTypes = [
  { code: '01', label: 'Physical restraint – prone (face down)', kind: 'physical', prone: true },
  { code: '07', label: 'Physical restraint – standing', kind: 'physical', prone: false },
  { code: '08', label: 'Physical restraint – restrictive escort', kind: 'physical', prone: false },
  { code: '09', label: 'Physical restraint – supine (face up)', kind: 'physical', prone: false },
  { code: '10', label: 'Physical restraint – side', kind: 'physical', prone: false },
  { code: '11', label: 'Physical restraint – seated', kind: 'physical', prone: false },
  { code: '12', label: 'Physical restraint – kneeling', kind: 'physical', prone: false },
  { code: '13', label: 'Physical restraint – other', kind: 'physical', prone: false },
  {
    code: '14',
    label: 'Chemical – injection (rapid tranquillisation)',
    kind: 'chemical',
    prone: false,
  },
  {
    code: '15',
    label: 'Chemical – injection (not rapid tranquillisation)',
    kind: 'chemical',
    prone: false,
  },
  { code: '16', label: 'Chemical – oral', kind: 'chemical', prone: false },
  { code: '17', label: 'Chemical – other', kind: 'chemical', prone: false },
  { code: '04', label: 'Mechanical restraint', kind: 'mechanical', prone: false },
  { code: '05', label: 'Seclusion', kind: 'isolation', prone: false },
  { code: '06', label: 'Segregation', kind: 'isolation', prone: false },
] as const;

/** One intervention type code. */
export type InterventionTypeCode = (typeof interventionTypes)[number]['code'];
/** Every valid type code. */
export const interventionTypeCodes = interventionTypes.map((t) => t.code) as [
  InterventionTypeCode,
  ...InterventionTypeCode[],
];
/** Type code → its description. */
export const interventionTypeByCode = new Map<string, (typeof interventionTypes)[number]>(
  interventionTypes.map((t) => [t.code, t]),
);
/** True for the isolation types (seclusion, segregation), which may stay open. */
export function isIsolation(code: string): boolean {
  return code === '05' || code === '06';
}

/** MHSDS restrictive intervention reasons (RestrictiveIntReason). */
export const reasonCodes = [
  { code: '10', label: 'To prevent violence to others' },
  { code: '11', label: 'To prevent serious intentional self-harm' },
  { code: '12', label: 'To prevent accidental serious injury to self' },
  { code: '13', label: 'To lawfully give medicine or other treatment' },
  { code: '14', label: 'To give personal care' },
  { code: '15', label: 'To give nasogastric feeding' },
  { code: '16', label: 'Extreme and prolonged over-activity' },
  { code: '17', label: 'Otherwise dangerous behaviour' },
  { code: '18', label: 'To search clothing or property for the safety of others' },
  { code: '19', label: 'To prevent absconding from lawful custody' },
  { code: '98', label: 'Other' },
  { code: '99', label: 'Not known' },
] as const satisfies readonly CodeItem[];
/** One reason code. */
export type ReasonCode = (typeof reasonCodes)[number]['code'];
/** Every valid reason code. */
export const reasonCodeList = reasonCodes.map((r) => r.code) as [ReasonCode, ...ReasonCode[]];

/** Ways staff tried to avoid force (Act s.6(2)(o)). */
export const avoidanceMethods = [
  { code: 'deescalation', label: 'Talking with the person and de-escalation' },
  { code: 'space', label: 'Giving space or a quieter place' },
  { code: 'distraction', label: 'Calm-down or sensory items, distraction' },
  { code: 'prn_offered', label: 'Medication offered by mouth, as the person chose' },
  { code: 'plan_used', label: "The person's plan or advance statement was used" },
  { code: 'familiar_staff', label: 'A member of staff the person knows well' },
  { code: 'family', label: 'Family, friend or advocate involved' },
  { code: 'other', label: 'Something else (described below)' },
] as const satisfies readonly CodeItem[];
/** Every valid avoidance code. */
export const avoidanceCodes = avoidanceMethods.map((a) => a.code) as [string, ...string[]];

/** Roles a member of staff may have had in an intervention. */
export const staffRolesInForce = [
  { code: 'lead', label: 'Led the intervention' },
  { code: 'head', label: 'Supported the head' },
  { code: 'arms', label: 'Held arms' },
  { code: 'legs', label: 'Held legs' },
  { code: 'medication', label: 'Gave medication' },
  { code: 'observer', label: 'Observed and monitored' },
  { code: 'other', label: 'Other role' },
] as const satisfies readonly CodeItem[];
/** Every valid staff role code. */
export const staffRoleCodes = staffRolesInForce.map((r) => r.code) as [string, ...string[]];

/** Death or serious injury (Act s.6(2)(n)). */
export const harmOutcomes = [
  { code: 'none', label: 'Neither' },
  { code: 'serious_injury', label: 'Serious injury' },
  { code: 'death', label: 'Death' },
] as const satisfies readonly CodeItem[];

/** Notification under the care plan (Act s.6(2)(p)). */
export const notificationOptions = [
  { code: 'sent', label: 'Yes, the people named in the care plan were told' },
  { code: 'not_sent', label: 'No, not yet' },
  { code: 'none_named', label: 'The care plan names no one to tell' },
] as const satisfies readonly CodeItem[];

/** Who else, not unit staff, was involved (Act s.6(2)(i)). */
export const nonStaffOptions = [
  { code: 'none', label: 'No one' },
  { code: 'police', label: 'Police' },
  { code: 'security', label: 'Security staff' },
  { code: 'other', label: 'Someone else' },
] as const satisfies readonly CodeItem[];

/** Whether plan choices were known and followed. */
export const planFollowedOptions = [
  { code: 'yes', label: 'Yes, all of them' },
  { code: 'partly', label: 'Partly' },
  { code: 'no', label: 'No' },
] as const satisfies readonly CodeItem[];

/** NHS ethnic categories (data dictionary ETHNIC CATEGORY), with the broad group for reports. */
export const ethnicCategories = [
  { code: 'A', label: 'White – British', group: 'white' },
  { code: 'B', label: 'White – Irish', group: 'white' },
  { code: 'C', label: 'White – any other White background', group: 'white' },
  { code: 'D', label: 'Mixed – White and Black Caribbean', group: 'mixed' },
  { code: 'E', label: 'Mixed – White and Black African', group: 'mixed' },
  { code: 'F', label: 'Mixed – White and Asian', group: 'mixed' },
  { code: 'G', label: 'Mixed – any other mixed background', group: 'mixed' },
  { code: 'H', label: 'Asian or Asian British – Indian', group: 'asian' },
  { code: 'J', label: 'Asian or Asian British – Pakistani', group: 'asian' },
  { code: 'K', label: 'Asian or Asian British – Bangladeshi', group: 'asian' },
  { code: 'L', label: 'Asian or Asian British – any other Asian background', group: 'asian' },
  { code: 'M', label: 'Black or Black British – Caribbean', group: 'black' },
  { code: 'N', label: 'Black or Black British – African', group: 'black' },
  { code: 'P', label: 'Black or Black British – any other Black background', group: 'black' },
  { code: 'R', label: 'Other ethnic group – Chinese', group: 'other' },
  { code: 'S', label: 'Other ethnic group – any other ethnic group', group: 'other' },
  { code: 'Z', label: 'Not stated (the person chose not to say)', group: 'not_stated' },
  { code: '99', label: 'Not known', group: 'not_stated' },
] as const;
/** Every valid ethnic category code. */
export const ethnicCodes = ethnicCategories.map((e) => e.code) as [string, ...string[]];

/** Sex as recorded on the person's record. */
export const sexOptions = [
  { code: 'female', label: 'Female' },
  { code: 'male', label: 'Male' },
  { code: 'other', label: 'Another way (for example non-binary)' },
  { code: 'not_stated', label: 'Prefer not to say or not known' },
] as const satisfies readonly CodeItem[];

/** Yes / no / not stated, for disability and for learning disability or autism. */
export const yesNoNotStated = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  { code: 'not_stated', label: 'Prefer not to say or not known' },
] as const satisfies readonly CodeItem[];

/** Age bands used in reports. */
export const ageBands = [
  { code: 'under_18', label: 'Under 18' },
  { code: '18_24', label: '18 to 24' },
  { code: '25_34', label: '25 to 34' },
  { code: '35_44', label: '35 to 44' },
  { code: '45_64', label: '45 to 64' },
  { code: '65_plus', label: '65 and over' },
  { code: 'not_stated', label: 'Not stated' },
] as const satisfies readonly CodeItem[];

/** The characteristics dashboards break figures down by. */
export const dimensions = [
  {
    code: 'ethnicity',
    label: 'Ethnic group',
    groups: [
      { code: 'white', label: 'White' },
      { code: 'mixed', label: 'Mixed or multiple' },
      { code: 'asian', label: 'Asian or Asian British' },
      { code: 'black', label: 'Black or Black British' },
      { code: 'other', label: 'Other ethnic group' },
      { code: 'multiple', label: 'More than one group given' },
      { code: 'not_stated', label: 'Not stated or not known' },
    ],
  },
  { code: 'sex', label: 'Sex', groups: sexOptions },
  { code: 'age_band', label: 'Age band', groups: ageBands },
  { code: 'disability', label: 'Disability', groups: yesNoNotStated },
  { code: 'ld_autism', label: 'Learning disability or autism', groups: yesNoNotStated },
] as const;
/** One reporting dimension. */
export type DimensionCode = (typeof dimensions)[number]['code'];
/** Every dimension code. */
export const dimensionCodes = dimensions.map((d) => d.code) as [DimensionCode, ...DimensionCode[]];

/** Observation levels (not an MHSDS intervention; its own record type). */
export const observationLevels = [
  { code: 'general', label: 'General' },
  { code: 'intermittent', label: 'Intermittent' },
  { code: 'within_eyesight', label: 'Within eyesight' },
  { code: 'within_arms_length', label: "Within arm's length" },
] as const satisfies readonly CodeItem[];

/** What was searched. */
export const searchKinds = [
  { code: 'person', label: 'The person' },
  { code: 'room', label: 'Their room' },
  { code: 'property', label: 'Their belongings' },
] as const satisfies readonly CodeItem[];

/** Whether the person agreed to a search. */
export const searchConsent = [
  { code: 'agreed', label: 'The person agreed' },
  { code: 'declined', label: 'The person did not agree' },
  { code: 'not_able', label: 'The person was not able to say' },
] as const satisfies readonly CodeItem[];

/** Review and debrief tasks that follow an incident. */
export const reviewKinds = [
  { code: 'immediate_debrief', label: 'Immediate debrief with the person' },
  { code: 'staff_debrief', label: 'Staff debrief and support offer' },
  { code: 'formal_review', label: 'Formal post-incident review' },
  { code: 'seclusion_nursing_review', label: 'Seclusion nursing review' },
  { code: 'seclusion_medical_review', label: 'Seclusion medical review' },
  { code: 'segregation_medical_review', label: 'Segregation daily medical review' },
  { code: 'segregation_mdt_review', label: 'Segregation weekly multidisciplinary review' },
  {
    code: 'rt_observations',
    label: 'Physical health observations after rapid tranquillisation',
  },
] as const satisfies readonly CodeItem[];
/** One review kind. */
export type ReviewKind = (typeof reviewKinds)[number]['code'];

/** Label for a code in a list, or the code itself when unknown. */
export function labelOf(list: readonly CodeItem[], code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return list.find((i) => i.code === code)?.label ?? code;
}

/** The broad reporting group for the ethnic categories a person gave (kept as given). */
export function ethnicGroupOf(codes: readonly string[]): string {
  const groups = new Set(
    codes.map((c) => ethnicCategories.find((e) => e.code === c)?.group ?? 'not_stated'),
  );
  groups.delete('not_stated');
  if (groups.size === 0) return 'not_stated';
  if (groups.size > 1) return 'multiple';
  return [...groups][0] ?? 'not_stated';
}

/** The age band at an instant for a date of birth (YYYY-MM-DD), or not stated. */
export function ageBandAt(dateOfBirth: string | null, at: string): string {
  if (!dateOfBirth) return 'not_stated';
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const when = new Date(at);
  let age = when.getUTCFullYear() - y;
  const beforeBirthday =
    when.getUTCMonth() + 1 < m || (when.getUTCMonth() + 1 === m && when.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  if (age < 18) return 'under_18';
  if (age < 25) return '18_24';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 65) return '45_64';
  return '65_plus';
}
