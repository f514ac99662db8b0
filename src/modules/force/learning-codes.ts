/**
 * The fixed answer lists for calm-down methods and reassurance on a use of force, and the
 * themes staff tag on what was learned with the person. Pure, so the form, the import's checking
 * thread and the ward pages all read the same lists. docs/force.md lists them.
 */
import type { CodeItem } from './codes.ts';

/** Whether calm-down methods were offered before force. */
export const calmDownOfferedOptions: readonly CodeItem[] = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  { code: 'not_possible', label: 'It was not possible this time' },
];

/** The calm-down methods that may be ticked (any number, or none). */
export const calmDownMethods: readonly CodeItem[] = [
  { code: 'quiet_space', label: 'A quiet space' },
  { code: 'talking', label: 'Talking it through' },
  { code: 'music', label: 'Music' },
  { code: 'sensory', label: 'Sensory items' },
  { code: 'own_plan', label: 'What their own plan says helps them' },
  { code: 'other', label: 'Something else' },
];

/** Whether others on the ward were reassured afterwards. */
export const othersReassuredOptions: readonly CodeItem[] = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  { code: 'not_needed', label: 'Not needed' },
];

/** The themes staff may tag on the learning from a use of force (any number). */
export const learningThemes: readonly CodeItem[] = [
  { code: 'triggers', label: 'What set things off' },
  { code: 'environment', label: 'The ward environment' },
  { code: 'communication', label: 'Communication' },
  { code: 'staffing', label: 'Staffing' },
  { code: 'plan_not_followed', label: "The person's plan was not followed" },
  { code: 'waiting', label: 'Waiting' },
  { code: 'noise', label: 'Noise' },
];

/** Who wrote down the person's words: a staff member they chose, or a peer worker. */
export const learningRecorderRoles: readonly CodeItem[] = [
  { code: 'chosen_staff', label: 'A staff member they chose' },
  { code: 'peer_worker', label: 'A peer worker' },
];

/** Who wrote down their words, as the person is told it (same codes as above). */
export const learningRecorderRolesForPerson: readonly CodeItem[] = [
  { code: 'chosen_staff', label: 'a staff member you chose' },
  { code: 'peer_worker', label: 'a peer worker' },
];

/** The longest the person's words may be. */
export const LEARNING_WORDS_MAX = 1000;

/** Calm-down answers on a record; undefined on an input means "not asked" (keep what is kept). */
export interface CalmDownInput {
  offered: string | null;
  methods: string[];
  othersReassured: string | null;
}

/** True when `code` is one of `list`'s codes. */
export function isCodeIn(list: readonly CodeItem[], code: string): boolean {
  return list.some((c) => c.code === code);
}
