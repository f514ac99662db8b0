/**
 * Suggested wording, written once for every module that lets lived-experience partners shape
 * Hearth's words (the course text, the self-assessment statements). A suggestion starts open; an
 * administrator accepts it, or declines it with a reason the partner sees; either way it is
 * decided once and never again. Each module keeps its own table (with the columns below) and
 * pages; the rules, the form checks and the word-by-word comparison live here.
 */
import { z } from 'zod';
import { AppError } from './app-error.ts';

/** Where a suggestion stands. */
export const proposalStates = ['open', 'accepted', 'declined'] as const;
/** One state of a suggestion. */
export type ProposalState = (typeof proposalStates)[number];

/** Plain words for each state, as partners and administrators see them. */
export const proposalStateLabels: Record<ProposalState, string> = {
  open: 'Waiting for a decision',
  accepted: 'Accepted',
  declined: 'Not taken up',
};

/** The columns every suggestion table has (each module adds what the suggestion is about). */
export interface ProposalColumns {
  id: string;
  organisation_id: string;
  proposed_by: string;
  proposed_at: string;
  /** The words as they stood when the suggestion was made. */
  current_text: string;
  proposed_text: string;
  /** Why the partner suggests it (may be empty). */
  why: string;
  state: ProposalState;
  decided_by: string | null;
  decided_at: string | null;
  /** The administrator's reason; required when declining. */
  decision_reason: string | null;
}

/** The longest reason for a suggestion or a decision. */
export const REASON_MAX = 1000;

/**
 * The form a partner fills in to suggest new words.
 * @param maxText the longest the new words may be (a statement is short, a section is long)
 */
export function proposalSchema(maxText: number) {
  return z.object({
    text: z
      .string({ error: 'Write the words you suggest' })
      .trim()
      .min(1, 'Write the words you suggest')
      .max(maxText, `Write ${maxText} characters or fewer`),
    why: z
      .string()
      .trim()
      .max(REASON_MAX, `Write ${REASON_MAX} characters or fewer`)
      .optional()
      .transform((v) => v ?? ''),
  });
}

/** A suggestion as typed. */
export type ProposalInput = z.infer<ReturnType<typeof proposalSchema>>;

/** The form an administrator uses to decide. */
export const decisionSchema = z
  .object({
    decision: z.enum(['accept', 'decline'], { error: 'Choose whether to accept the suggestion' }),
    reason: z
      .string()
      .trim()
      .max(REASON_MAX, `Write ${REASON_MAX} characters or fewer`)
      .optional()
      .transform((v) => v ?? ''),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'decline' && value.reason === '')
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: 'Say why, so the partner who suggested it knows',
      });
  });

/** A decision as made. */
export type DecisionInput = z.infer<typeof decisionSchema>;

/**
 * Checks new words against the current ones.
 * @throws AppError (invalid) when they are the same, so nothing is saved for no change
 */
export function checkProposalText(current: string, proposed: string): void {
  if (current.trim() === proposed.trim())
    throw AppError.invalid('text', 'The words you suggest are the same as the current words');
}

/**
 * The change a decision makes to a suggestion row.
 * @throws AppError (conflict) when the suggestion was already decided
 */
export function decide(
  row: Pick<ProposalColumns, 'state'>,
  input: DecisionInput,
  deciderId: string,
  nowIso: string,
): Pick<ProposalColumns, 'state' | 'decided_by' | 'decided_at' | 'decision_reason'> {
  if (row.state !== 'open')
    throw AppError.conflict(
      `This suggestion has already been decided (${proposalStateLabels[row.state].toLowerCase()})`,
    );
  return {
    state: input.decision === 'accept' ? 'accepted' : 'declined',
    decided_by: deciderId,
    decided_at: nowIso,
    decision_reason: input.reason === '' ? null : input.reason,
  };
}

/** One run of words in a comparison. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

// Beyond this many word pairs (about 24 MB of table), show "all removed, all added" instead.
const DIFF_CELLS = 6_000_000;

/** Compares two texts word by word (spaces kept), for showing current beside suggested words. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = before.split(/(\s+)/).filter((t) => t !== '');
  const b = after.split(/(\s+)/).filter((t) => t !== '');
  if (a.length * b.length > DIFF_CELLS)
    return [
      { kind: 'removed', text: before },
      { kind: 'added', text: after },
    ];
  // Longest common subsequence, filled from the end so the walk below goes forwards.
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  const at = (i: number, j: number) => table[i * width + j] ?? 0;
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i * width + j] =
        a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string | undefined) => {
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text ?? '';
    else parts.push({ kind, text: text ?? '' });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]);
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) push('removed', a[i++]);
    else push('added', b[j++]);
  }
  while (i < a.length) push('removed', a[i++]);
  while (j < b.length) push('added', b[j++]);
  return parts;
}
