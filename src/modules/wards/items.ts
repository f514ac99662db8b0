/**
 * What the shift report counts: the Patient-Staff Conflict Checklist's conflict and
 * containment items, in our own words (describing what happened, never blaming anyone).
 */

/** One item of the shift report. */
export interface ShiftItem {
  code: string;
  label: string;
  group: 'conflict' | 'containment';
}

/** Conflict: moments of distress or disagreement on the ward. */
export const conflictItems: readonly ShiftItem[] = [
  {
    code: 'c_verbal',
    label: 'Hurtful words said to someone (shouting, swearing or insults)',
    group: 'conflict',
  },
  {
    code: 'c_objects',
    label: 'Anger taken out on things, such as doors or furniture',
    group: 'conflict',
  },
  {
    code: 'c_others_minor',
    label: 'Someone hit out at another person, with little or no injury',
    group: 'conflict',
  },
  {
    code: 'c_others_severe',
    label: 'Someone hit out at another person, with an injury that needed treatment',
    group: 'conflict',
  },
  { code: 'c_self_harm_minor', label: 'Self-harm, with little or no injury', group: 'conflict' },
  { code: 'c_self_harm_severe', label: 'Self-harm that needed treatment', group: 'conflict' },
  { code: 'c_suicide_attempt', label: 'An attempt to end their life', group: 'conflict' },
  {
    code: 'c_leaving',
    label: 'Left, or tried to leave, the ward without agreement',
    group: 'conflict',
  },
  { code: 'c_substances', label: 'Alcohol or drugs used on the ward', group: 'conflict' },
  { code: 'c_regular_medication', label: 'Declined regular medication', group: 'conflict' },
  {
    code: 'c_as_needed_medication',
    label: 'Declined medication offered as needed',
    group: 'conflict',
  },
  { code: 'c_food_drink', label: 'Declined food or drink', group: 'conflict' },
  {
    code: 'c_personal_care',
    label: 'Declined help with washing or personal care',
    group: 'conflict',
  },
  {
    code: 'c_routine',
    label: 'Did not want to get up or go to bed at the usual time',
    group: 'conflict',
  },
  { code: 'c_smoking', label: 'Smoked in a smoke-free place', group: 'conflict' },
];

/** Containment: what staff did in response. */
export const containmentItems: readonly ShiftItem[] = [
  {
    code: 'k_as_needed_medication',
    label: 'Medication given as needed, with agreement',
    group: 'containment',
  },
  {
    code: 'k_injection',
    label: 'Medication given by injection without agreement',
    group: 'containment',
  },
  {
    code: 'k_observation_intermittent',
    label: 'Closer observation, at set times',
    group: 'containment',
  },
  {
    code: 'k_observation_constant',
    label: 'Constant observation (always in sight or within reach)',
    group: 'containment',
  },
  {
    code: 'k_time_out',
    label: 'Time apart from others, asked for by staff and agreed',
    group: 'containment',
  },
  { code: 'k_seclusion', label: 'Seclusion', group: 'containment' },
  { code: 'k_restraint', label: 'Physical restraint (holding)', group: 'containment' },
  {
    code: 'k_show_of_force',
    label: 'Staff gathered in numbers to show force',
    group: 'containment',
  },
  { code: 'k_picu', label: 'Moved to a psychiatric intensive care unit', group: 'containment' },
];

/** Every item, conflict first. */
export const shiftItems: readonly ShiftItem[] = [...conflictItems, ...containmentItems];
