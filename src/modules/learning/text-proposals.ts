/**
 * Partners' suggestions for the course text (issue 13 item 5), on the shared flow in
 * src/lib/proposals.ts. Guarantees: only lived-experience partners suggest, only administrators
 * decide, each within their own organisation (another organisation's suggestion is 404); a
 * suggestion names a section and one of its current blocks (or the whole section) and is
 * refused, with nothing saved, when empty, too long, unchanged or about text that is not there;
 * accepting changes only that organisation's course, and only when the words are still the ones
 * suggested against; every suggestion and decision is kept and audited. Questions stay as in
 * the files.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { checkProposalText, decide, diffWords, proposalStateLabels } from '../../lib/proposals.ts';
import type { DecisionInput, ProposalInput } from '../../lib/proposals.ts';
import type { Db } from '../../db/index.ts';
import type { CourseSection } from './content.ts';
import { loadCourse } from './content.ts';
import { WHOLE_SECTION, blocksFor, markdownFor } from './content-blocks.ts';
import type { LearningDeps } from './deps.ts';
import { mayLearning } from './policy.ts';
import type { LearningTextProposalsTable } from './tables.ts';

/** The longest suggested words for one block, and for a whole section. */
export const BLOCK_TEXT_MAX = 4000;
/** The longest suggested words for a whole section. */
export const SECTION_TEXT_MAX = 20000;

/** Creates the course-text suggestions capability. */
export function createTextProposals(deps: LearningDeps) {
  const { db, store, audit, clock } = deps;
  const course = loadCourse();

  function sectionOf(sectionId: string): CourseSection {
    const section = course.sections.find((s) => s.id === sectionId);
    if (!section) throw AppError.notFound();
    return section;
  }

  async function overridesOf(trx: Db, organisationId: string, sectionId: string) {
    const rows = await store.listTextOverrides(trx, organisationId, sectionId);
    return new Map(rows.map((r) => [r.block_id, r.text]));
  }

  /** The organisation's current words for a block (or the whole section), or undefined. */
  async function currentWords(
    trx: Db,
    organisationId: string,
    section: CourseSection,
    blockId: string,
  ) {
    const overrides = await overridesOf(trx, organisationId, section.id);
    if (blockId === WHOLE_SECTION) return markdownFor(section.markdown, overrides);
    return blocksFor(section.markdown, overrides).find((b) => b.id === blockId)?.text;
  }

  function describe(row: LearningTextProposalsTable) {
    const section = course.sections.find((s) => s.id === row.section_id);
    return {
      id: row.id,
      sectionId: row.section_id,
      sectionTitle: section?.title ?? row.section_id,
      whole: row.block_id === WHOLE_SECTION,
      proposedAt: row.proposed_at,
      currentText: row.current_text,
      proposedText: row.proposed_text,
      why: row.why,
      state: row.state,
      stateLabel: proposalStateLabels[row.state],
      decidedAt: row.decided_at,
      reason: row.decision_reason,
    };
  }

  return {
    /** The course's section ids, in order. */
    sectionIds: () => course.sections.map((s) => s.id),

    /** A section's blocks as a partner picks one to change. */
    async blocks(actor: Actor, sectionId: string) {
      if (!mayLearning(actor, { kind: 'suggest' })) throw AppError.notFound();
      const section = sectionOf(sectionId);
      const overrides = await overridesOf(db, actor.organisationId, section.id);
      return { section, blocks: blocksFor(section.markdown, overrides) };
    },

    /** The current words of one block (or the whole section), to start a suggestion from. */
    async draft(actor: Actor, sectionId: string, blockId: string) {
      if (!mayLearning(actor, { kind: 'suggest' })) throw AppError.notFound();
      const section = sectionOf(sectionId);
      const text = await currentWords(db, actor.organisationId, section, blockId);
      if (text === undefined) throw AppError.notFound();
      return { section, blockId, whole: blockId === WHOLE_SECTION, text };
    },

    /**
     * Saves a suggestion.
     * @throws AppError invalid for a block the section does not have, or words that are empty,
     *   too long or the same as now
     */
    async propose(
      actor: Actor,
      sectionId: string,
      blockId: string,
      input: ProposalInput,
      ctx: AuditContext,
    ): Promise<string> {
      if (!mayLearning(actor, { kind: 'suggest' })) throw AppError.notFound();
      const section = sectionOf(sectionId);
      const max = blockId === WHOLE_SECTION ? SECTION_TEXT_MAX : BLOCK_TEXT_MAX;
      if (input.text.length > max)
        throw AppError.invalid('text', `Write ${max} characters or fewer`);
      return audit.audited(db, ctx, async (trx, record) => {
        const current = await currentWords(trx, actor.organisationId, section, blockId);
        if (current === undefined)
          throw AppError.invalid(
            'text',
            'That part of the section has changed or is not there. Open the section again and choose it afresh',
          );
        checkProposalText(current, input.text);
        const id = newId();
        await store.insertTextProposal(trx, {
          id,
          organisation_id: actor.organisationId,
          section_id: section.id,
          block_id: blockId,
          proposed_by: actor.id,
          proposed_at: toIso(clock()),
          current_text: current,
          proposed_text: input.text,
          why: input.why,
          state: 'open',
          decided_by: null,
          decided_at: null,
          decision_reason: null,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'learning.text_propose',
          recordType: 'learning_text_proposal',
          recordId: id,
          detail: { section: section.id, block: blockId },
        });
        return id;
      });
    },

    /** The partner's own suggestions, with decisions and reasons. */
    async mine(actor: Actor) {
      if (!mayLearning(actor, { kind: 'suggest' })) throw AppError.notFound();
      const rows = await store.listTextProposals(db, actor.organisationId, actor.id);
      return rows.map(describe);
    },

    /** Every suggestion of the organisation, open ones first (administrators). */
    async list(actor: Actor) {
      if (!mayLearning(actor, { kind: 'administer' })) throw AppError.notFound();
      const rows = await store.listTextProposals(db, actor.organisationId);
      return rows.map(describe);
    },

    /** One suggestion with the words compared (administrators). */
    async show(actor: Actor, proposalId: string) {
      if (!mayLearning(actor, { kind: 'administer' })) throw AppError.notFound();
      const row = await store.findTextProposal(db, actor.organisationId, proposalId);
      if (!row) throw AppError.notFound();
      return { ...describe(row), diff: diffWords(row.current_text, row.proposed_text) };
    },

    /**
     * Accepts or declines a suggestion, once. Accepting sets the organisation's words.
     * @throws AppError conflict when already decided, or when the words changed since
     */
    async decide(actor: Actor, proposalId: string, input: DecisionInput, ctx: AuditContext) {
      if (!mayLearning(actor, { kind: 'administer' })) throw AppError.notFound();
      return audit.audited(db, ctx, async (trx, record) => {
        const row = await store.findTextProposal(trx, actor.organisationId, proposalId);
        if (!row) throw AppError.notFound();
        const now = toIso(clock());
        const change = decide(row, input, actor.id, now);
        if (change.state === 'accepted') {
          const section = sectionOf(row.section_id);
          const current = await currentWords(trx, actor.organisationId, section, row.block_id);
          if (current !== row.current_text)
            throw AppError.conflict(
              'The words in the course have changed since this was suggested, so it cannot be accepted as it is. You can decline it and say why',
            );
          if (row.block_id === WHOLE_SECTION)
            await store.clearTextOverrides(trx, actor.organisationId, section.id);
          await store.saveTextOverride(trx, {
            organisation_id: actor.organisationId,
            section_id: section.id,
            block_id: row.block_id,
            text: row.proposed_text,
            proposal_id: row.id,
            updated_at: now,
          });
        }
        if (!(await store.decideTextProposal(trx, actor.organisationId, row.id, change)))
          throw AppError.conflict('This suggestion has already been decided');
        await record({
          organisationId: actor.organisationId,
          action: change.state === 'accepted' ? 'learning.text_accept' : 'learning.text_decline',
          recordType: 'learning_text_proposal',
          recordId: row.id,
        });
        return change.state;
      });
    },
  };
}

/** The course-text suggestions functions. */
export type TextProposals = ReturnType<typeof createTextProposals>;
