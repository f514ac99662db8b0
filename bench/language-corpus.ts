/**
 * The synthetic notes the language benchmark reads (bench/language.ts), shared with the CPU
 * timer (language-cpu.ts) and the findings check (language-findings.ts) so all three read the
 * same text.
 */

/** Invented note fragments: some with wording the checker flags, most without. */
export const FRAGMENTS = [
  'Slept well and ate breakfast with the group.',
  'Refused her depot again and said the injection site is still sore.',
  'He was non-compliant with olanzapine over the weekend.',
  'Attended the art group and talked about her cat.',
  'Kicked off in the lounge when the phone was taken away.',
  'Denies thoughts of self-harm; mood 5/10.',
  'Mr A said, "I just want to go home and see my dog."',
  'Known to services since 2015; last seen by the CMHT in March.',
  'Bloods taken: FBC, U&Es, LFTs; ECG normal sinus rhythm.',
  'She describes the voices as quieter since the dose was increased.',
  'Aggressive lymphoma, under oncology; she is anxious about chemotherapy.',
  'A frequent flyer at the emergency department on Friday nights.',
  'Placed on level 2 observations after the ligature incident.',
  'Her mother called her lazy when she was a child.',
  'Has a diagnosis of schizophrenia and works as a postman.',
  "Reports 'hearing voices' but was laughing with peers.",
  'Home treatment team to visit daily for the first week.',
  'Discussed the plan with her sister, who will stay over tonight.',
  'Absent without leave under section 18 since 16:00; police informed.',
  'Pharmacy will look at a liquid preparation she may find easier.',
];

/**
 * Fragments the NLP layer reads (a label word or "managed her"), mixed into a second corpus
 * to time the layer where it does work: every paragraph gets one of them.
 */
export const NLP_FRAGMENTS = [
  'Staff managed her 2 children during the home visit.',
  'He is a known schizophrenic who lives alone.',
  'She had a psychotic 3-day episode in May.',
  'Some manic gambling over the weekend, now stopped.',
];

/** A small seeded generator, so every run benchmarks the same text. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Builds `bytes` characters of notes: paragraphs of three to six fragments (plus one NLP one). */
export function buildCorpus(bytes: number, withNlp = false): string {
  const random = createRandom(42);
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const count = 3 + Math.floor(random() * 4);
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) {
      sentences.push(FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] as string);
    }
    if (withNlp) {
      sentences.push(NLP_FRAGMENTS[Math.floor(random() * NLP_FRAGMENTS.length)] as string);
    }
    const paragraph = `${sentences.join(' ')}\n\n`;
    parts.push(paragraph);
    length += paragraph.length;
  }
  return parts.join('').slice(0, bytes);
}

/** One megabyte, in characters (the corpus is ASCII, so also in bytes). */
export const MB = 1024 * 1024;
