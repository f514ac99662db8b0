/** Plain names for the checker's categories and severities, for pages and forms. */
import type { Category, Severity } from './types.ts';

/** What each category means, in a few plain words. */
export const categoryLabels: Record<Category, string> = {
  blame: 'Blame: casts the person as at fault or defiant',
  disbelief: "Disbelief: doubts the person's own account",
  coercion: 'Coercion: frames staff as controlling, or hides a restrictive act',
  'dehumanising-label': 'Labels: reduces the person to a diagnosis, status or slur',
  minimising: 'Minimising: plays down distress, risk or need',
  'violent-metaphor': 'Violent imagery or slang in place of what happened',
  'suicide-language': 'Judgemental or outdated wording about suicide and self-harm',
  jargon: 'Jargon: service shorthand that hides what happened',
};

/** How strongly a suggestion is put. */
export const severityLabels: Record<Severity, string> = {
  high: 'Strongly: the words can hurt or shame',
  medium: 'Clearly: the words often read as judgement',
  low: 'Gently: milder framing or jargon',
};
