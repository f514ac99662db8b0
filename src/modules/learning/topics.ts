/** The training topics section 5 of the Mental Health Units (Use of Force) Act 2018 lists. */

/** One topic letter, (a) to (k). */
export type TopicLetter = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k';

/** Every topic, in the Act's order, with a short name in our own words. */
export const topics: readonly { letter: TopicLetter; name: string }[] = [
  { letter: 'a', name: 'Involving people in their care' },
  { letter: 'b', name: 'Respecting past and present wishes' },
  { letter: 'c', name: 'Diversity' },
  { letter: 'd', name: 'Avoiding discrimination, harassment and victimisation' },
  { letter: 'e', name: 'Ways to avoid or reduce force' },
  { letter: 'f', name: 'The risks of using force' },
  { letter: 'g', name: 'The impact of trauma' },
  { letter: 'h', name: 'How force affects mental and physical health' },
  { letter: 'i', name: 'How force affects development' },
  { letter: 'j', name: 'Keeping people and the public safe' },
  { letter: 'k', name: 'Legal and ethical matters' },
];

/** The topic letters alone. */
export const topicLetters: readonly TopicLetter[] = topics.map((t) => t.letter);

/** Narrows a value to a topic letter. */
export function isTopicLetter(value: unknown): value is TopicLetter {
  return typeof value === 'string' && (topicLetters as readonly string[]).includes(value);
}

/** The topics a record on a use of force is flagged for when they are out of date. */
export const forceTopics: readonly TopicLetter[] = ['e', 'f'];
