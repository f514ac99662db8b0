/**
 * Sections of a note: a heading or lead-in such as "Physical examination:", "Systems review –",
 * "O/E:" or "Obs:" opens a physical-health section that runs until the next heading ("Mental
 * state:", "Plan:") or a blank line. Words such as "denies" are standard history-taking there.
 * Reads at most a few hundred characters back from a match, so the cost per match is fixed.
 */
import { words } from './context-words.ts';
import type { Token } from './tokens.ts';
import type { MatchWindow } from './window.ts';
import { startOf, wordsAfter } from './window.ts';

/** How far back a heading may open the section a match is in. */
const LOOK_BACK = 400;

// A heading: a few words at the start of the text, a line or a sentence, then a colon or a dash.
const HEADING = /(?:^|[\n.;!?]\s*|\s[–—]\s*)([A-Za-z][A-Za-z/&+' ]{0,30}?)\s*(?::|\s[–—](?=\s))/g;
const PHYSICAL_HEADING =
  /^(?:physical|phys\b|systems?\b|review of systems|ros$|o\/e$|on examination|examination|exam\b|obs\b|observations|vital|cvs$|cardio|resp|gi$|gu$|neuro|msk$|abdo|chest$|skin$|ent$|head injury|wound|bloods?$|medical)/;
const EXAMINATION_LEAD_IN =
  /\b(?:on examination|o\/e|examined|physical (?:health )?(?:check|review))\b/i;

/** True when `offset` lies in a physical-health section of the note. */
export function inPhysicalSection(text: string, offset: number): boolean {
  // Only the look-back is read (a search of the whole text would make long texts quadratic).
  let before = text.slice(Math.max(0, offset - LOOK_BACK), offset);
  const blank = before.lastIndexOf('\n\n');
  if (blank !== -1) before = before.slice(blank + 2);
  HEADING.lastIndex = 0;
  let heading: string | null = null;
  let headingEnd = 0;
  for (let m = HEADING.exec(before); m !== null; m = HEADING.exec(before)) {
    heading = (m[1] as string).trim().toLowerCase();
    headingEnd = m.index + m[0].length;
  }
  if (heading !== null && PHYSICAL_HEADING.test(heading)) return true;
  return EXAMINATION_LEAD_IN.test(before.slice(headingEnd));
}

/**
 * Whether a two-sense word at `k` is used in its everyday sense: no body word just before it or
 * within three words after it, and a cue such as "about", "his" or "date" beside it.
 */
function everydaySense(after: Token[], k: number): boolean {
  const self = after[k] as Token;
  const near = after.slice(Math.max(0, k - 1), k + 4);
  if (near.some((t) => t !== self && words.bodyQualifiers.has(t.norm))) return false;
  const before = k > 0 ? (after[k - 1] as Token).norm : '';
  const next = (after[k + 1] as Token | undefined)?.norm ?? '';
  return words.leavingSenseBefore.has(before) || words.leavingSenseAfter.has(next);
}

/**
 * "Denies chest pain" is a physical history: the words after the match name a body symptom,
 * or the match is in a physical section and they do not name a mental state, drug or disclosure.
 */
export function isPhysicalSense(w: MatchWindow): boolean {
  const after: Token[] = wordsAfter(w, 5);
  for (let k = 0; k < after.length; k++) {
    const t = after[k] as Token;
    if (words.mentalStateWords.has(t.norm)) return false;
    if (!words.physicalWords.has(t.norm)) continue;
    // "Discharge" may be leaving hospital ("whining about discharge date"): see everydaySense.
    if (words.twoSenseBodyWords.has(t.norm) && everydaySense(after, k)) continue;
    return true;
  }
  const start = startOf(w, w.first);
  return inPhysicalSection(w.text, start);
}
