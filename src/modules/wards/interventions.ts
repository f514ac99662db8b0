/**
 * The ten Safewards interventions, in our own words, each with a short fidelity checklist: what
 * a ward manager would see on the ward when the intervention is really in use. The ids are
 * stable (they are stored with every check), so wording can change without losing history.
 */

/** One thing to look for in a fidelity check. */
export interface FidelityItem {
  id: string;
  text: string;
}

/** One Safewards intervention. */
export interface Intervention {
  id: string;
  name: string;
  /** What it is, in one or two plain sentences. */
  summary: string;
  checklist: readonly FidelityItem[];
}

/** The ten interventions, in the order the ward pages list them. */
export const interventions: readonly Intervention[] = [
  {
    id: 'clear-mutual-expectations',
    name: 'Clear mutual expectations',
    summary:
      'People on the ward and staff agree a short list of what they can expect of each other, and both sides keep to it.',
    checklist: [
      {
        id: 'cme-agreed',
        text: 'The list was agreed with people on the ward, not written for them',
      },
      { id: 'cme-shown', text: 'The list is on display where people can read it' },
      {
        id: 'cme-reviewed',
        text: 'The list was looked at again with people in the last few months',
      },
    ],
  },
  {
    id: 'soft-words',
    name: 'Soft words',
    summary:
      'When staff have to say no or ask something of someone, they do it kindly, give the reason and offer what they can.',
    checklist: [
      { id: 'sw-reason', text: 'Staff give a reason when they cannot say yes' },
      { id: 'sw-options', text: 'Staff offer another choice where there is one' },
      {
        id: 'sw-tone',
        text: 'Requests are made politely, with respect, even when the ward is busy',
      },
    ],
  },
  {
    id: 'talk-down',
    name: 'Talk down',
    summary:
      'When someone is upset or distressed, staff stay calm, listen and work with them to settle things without force.',
    checklist: [
      { id: 'td-calm', text: 'Staff keep their own voice and body calm when someone is upset' },
      { id: 'td-listen', text: 'Staff ask what is wrong and listen to the answer' },
      { id: 'td-together', text: 'Staff look for a way forward with the person, not for them' },
    ],
  },
  {
    id: 'positive-words',
    name: 'Positive words',
    summary:
      'At handover, staff say something good about each person and explain what lies behind hard moments.',
    checklist: [
      { id: 'pw-handover', text: 'Each person has something positive said about them at handover' },
      { id: 'pw-understand', text: 'Hard moments are explained with what may lie behind them' },
    ],
  },
  {
    id: 'bad-news-mitigation',
    name: 'Bad news mitigation',
    summary:
      'Staff notice when someone is about to get or has had bad news, and offer time, support and a quiet place.',
    checklist: [
      { id: 'bn-notice', text: 'Staff know in advance about news that may be hard to hear' },
      { id: 'bn-private', text: 'Hard news is given in private, with time to talk' },
      { id: 'bn-follow', text: 'Someone checks in with the person afterwards' },
    ],
  },
  {
    id: 'know-each-other',
    name: 'Know each other',
    summary:
      'Staff share a little about themselves, such as their interests, and people on the ward may do the same if they wish.',
    checklist: [
      { id: 'ke-staff', text: 'Most staff on the ward have an "about me" people can read' },
      { id: 'ke-offer', text: 'People on the ward are told they may write one too, if they wish' },
      { id: 'ke-talk', text: 'Staff use shared interests to start conversations' },
    ],
  },
  {
    id: 'mutual-help-meeting',
    name: 'Mutual help meeting',
    summary:
      'A regular, short meeting where people on the ward share thanks, news, requests and offers of help.',
    checklist: [
      { id: 'mh-regular', text: 'The meeting happened on most of the days it was planned' },
      { id: 'mh-led', text: 'People on the ward help to run the meeting' },
      { id: 'mh-offers', text: 'Offers of help made in the meeting are followed up' },
    ],
  },
  {
    id: 'calm-down-methods',
    name: 'Calm down methods',
    summary:
      'Staff offer ways to feel calmer, such as a quiet space, a drink, music or a walk, before thinking of medicine or other steps.',
    checklist: [
      { id: 'cd-box', text: 'A range of calming things is ready and easy to reach' },
      { id: 'cd-first', text: 'Calming options are offered before medicine as needed or force' },
      { id: 'cd-ask', text: 'Staff ask each person what helps them feel calmer' },
    ],
  },
  {
    id: 'reassurance',
    name: 'Reassurance',
    summary:
      'After a hard moment on the ward, staff talk with everyone who saw or heard it, to explain and to help them feel safe.',
    checklist: [
      { id: 're-everyone', text: 'After an incident staff speak with everyone nearby' },
      { id: 're-soon', text: 'This happens soon after, once the ward is calm' },
    ],
  },
  {
    id: 'discharge-messages',
    name: 'Discharge messages',
    summary:
      'People leaving the ward can write a hopeful message for those still there, shown on the ward.',
    checklist: [
      { id: 'dm-offered', text: 'People leaving are offered the chance to write a message' },
      { id: 'dm-shown', text: 'Messages are on show where people on the ward can see them' },
    ],
  },
];

/** Every checklist item id, for the form schema. */
export const fidelityItemIds: readonly string[] = interventions.flatMap((i) =>
  i.checklist.map((c) => c.id),
);

/** The answers a check allows, with the points each scores (out of 2). */
export const fidelityAnswers = [
  { value: 'seen', text: 'Seen in practice', points: 2 },
  { value: 'partly', text: 'Partly', points: 1 },
  { value: 'not_yet', text: 'Not yet', points: 0 },
] as const;

/** One answer's value. */
export type FidelityAnswer = (typeof fidelityAnswers)[number]['value'];

/** The intervention with this id, if there is one. */
export function findIntervention(id: string): Intervention | undefined {
  return interventions.find((i) => i.id === id);
}

/**
 * An intervention's score for one check, from 0 to 100: the points of its answered items out of
 * the most they could score. Null when none of its items was answered (skipped is not zero).
 */
export function scoreIntervention(
  intervention: Intervention,
  answers: Readonly<Record<string, string>>,
): number | null {
  let points = 0;
  let answered = 0;
  for (const item of intervention.checklist) {
    const answer = fidelityAnswers.find((a) => a.value === answers[item.id]);
    if (!answer) continue;
    points += answer.points;
    answered += 1;
  }
  return answered ? Math.round((points / (answered * 2)) * 100) : null;
}

/** The whole check's score from 0 to 100: the mean of the interventions' scores, or null. */
export function scoreCheck(answers: Readonly<Record<string, string>>): number | null {
  const scores = interventions
    .map((i) => scoreIntervention(i, answers))
    .filter((s): s is number => s !== null);
  return scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : null;
}
