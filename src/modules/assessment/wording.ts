/**
 * Each organisation's own wording of the instrument (issue 12 item 1), on the shared suggestion
 * flow in src/lib/proposals.ts. Guarantees: only an administrator adds local statements (ids
 * "<principle>.local-<org>-<n>", never reused) and decides on suggestions; only lived-experience partners
 * suggest new wording, for a statement their organisation's instrument has; item ids never
 * change; a round keeps the exact instrument it was opened with (a snapshot written when it
 * opens), so later changes reach only new rounds; another organisation's statements and
 * suggestions are 404; every change is audited and every suggestion kept.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { checkProposalText, decide, diffWords, proposalStateLabels } from '../../lib/proposals.ts';
import type { DecisionInput, ProposalInput } from '../../lib/proposals.ts';
import type { Db } from '../../db/index.ts';
import type { AssessmentDeps } from './deps.ts';
import type { Instrument } from './instrument.ts';
import { CURRENT_INSTRUMENT_VERSION, loadInstrument, statementsOf } from './instrument.ts';
import { mayAssessment } from './policy.ts';
import type { AssessmentWordingProposalsTable } from './tables.ts';

/** The longest a statement's wording may be (as in the instrument file). */
export const STATEMENT_MAX = 160;
/** The most local statements under one principle. */
export const LOCAL_PER_SECTION = 5;

/** A local statement as an administrator types it. */
export interface LocalItemInput {
  sectionId: string;
  text: string;
  staffOnly: boolean;
}

/** True for the id of a statement an organisation added ("<principle>.local-<org>-<n>"). */
export function isLocalItem(itemId: string): boolean {
  return itemId.includes('.local-');
}

/** The organisation's instrument as it stands: the file, its local statements, its wording. */
export async function organisationInstrument(
  db: Db,
  store: AssessmentDeps['store'],
  organisationId: string,
): Promise<Instrument> {
  const base = loadInstrument(CURRENT_INSTRUMENT_VERSION);
  const local = await store.listLocalItems(db, organisationId);
  const wording = new Map(
    (await store.listWording(db, organisationId)).map((w) => [w.item_id, w.text]),
  );
  return {
    ...base,
    sections: base.sections.map((section) => ({
      ...section,
      items: [
        ...section.items,
        ...local
          .filter((l) => l.section_id === section.id)
          .map((l) => ({
            id: l.id,
            text: l.text,
            ...(l.staff_only === 1 ? { staffOnly: true } : {}),
          })),
      ].map((item) => ({ ...item, text: wording.get(item.id) ?? item.text })),
    })),
  };
}

// A round's instrument never changes once written, so it is kept once read.
const roundInstruments = new Map<string, Instrument>();
const KEPT = 500;

/**
 * The instrument a round was opened with: its snapshot, or the file version for rounds opened
 * before snapshots were kept (or written straight into the tables, as the demo does).
 */
export async function instrumentOfRound(
  db: Db,
  store: AssessmentDeps['store'],
  organisationId: string,
  round: { id: string; version: number },
): Promise<Instrument> {
  const key = `${organisationId}/${round.id}`;
  const kept = roundInstruments.get(key);
  if (kept) return kept;
  const json = await store.findRoundInstrument(db, organisationId, round.id);
  const instrument = json ? (JSON.parse(json) as Instrument) : loadInstrument(round.version);
  if (roundInstruments.size >= KEPT)
    roundInstruments.delete(roundInstruments.keys().next().value ?? '');
  roundInstruments.set(key, instrument);
  return instrument;
}

/** Creates the wording capability. */
export function createWording(deps: AssessmentDeps) {
  const { db, store, audit, clock } = deps;

  async function statementOf(trx: Db, organisationId: string, itemId: string) {
    const found = statementsOf(await organisationInstrument(trx, store, organisationId)).find(
      (s) => s.item.id === itemId,
    );
    if (!found) throw AppError.notFound();
    return found;
  }

  async function describe(
    trx: Db,
    organisationId: string,
    rows: AssessmentWordingProposalsTable[],
  ) {
    const statements = new Map(
      statementsOf(await organisationInstrument(trx, store, organisationId)).map((s) => [
        s.item.id,
        s.section.title,
      ]),
    );
    return rows.map((r) => ({
      id: r.id,
      itemId: r.item_id,
      local: isLocalItem(r.item_id),
      sectionTitle: statements.get(r.item_id) ?? '',
      proposedAt: r.proposed_at,
      currentText: r.current_text,
      proposedText: r.proposed_text,
      why: r.why,
      state: r.state,
      stateLabel: proposalStateLabels[r.state],
      decidedAt: r.decided_at,
      reason: r.decision_reason,
    }));
  }

  return {
    /** The organisation's statements by principle, as they will be asked in the next round. */
    async statements(actor: Actor) {
      if (!mayAssessment(actor, { kind: 'see-wording' })) throw AppError.notFound();
      const instrument = await organisationInstrument(db, store, actor.organisationId);
      const changed = new Set(
        (await store.listWording(db, actor.organisationId)).map((w) => w.item_id),
      );
      return {
        sections: instrument.sections.map((s) => ({
          id: s.id,
          title: s.title,
          items: s.items.map((i) => ({
            ...i,
            local: isLocalItem(i.id),
            changed: changed.has(i.id),
          })),
        })),
        maySuggest: mayAssessment(actor, { kind: 'suggest-wording' }),
        mayDecide: mayAssessment(actor, { kind: 'decide-wording' }),
      };
    },

    /**
     * Adds a local statement under a principle, for new rounds of the organisation.
     * @throws AppError invalid for an unknown principle, or a principle with 5 local statements
     */
    async addLocal(actor: Actor, input: LocalItemInput, ctx: AuditContext): Promise<string> {
      if (!mayAssessment(actor, { kind: 'decide-wording' })) throw AppError.notFound();
      const section = loadInstrument().sections.find((s) => s.id === input.sectionId);
      if (!section) throw AppError.invalid('sectionId', 'Choose a principle from the list');
      return audit.audited(db, ctx, async (trx, record) => {
        const local = await store.listLocalItems(trx, actor.organisationId);
        if (local.filter((l) => l.section_id === section.id).length >= LOCAL_PER_SECTION)
          throw AppError.invalid(
            'sectionId',
            `This principle already has ${LOCAL_PER_SECTION} local statements, the most it can have`,
          );
        const number = local.reduce((n, l) => Math.max(n, l.number), 0) + 1;
        const id = `${section.id}.local-${actor.organisationId.replace(/[^a-z0-9]/g, '').slice(0, 8)}-${number}`;
        await store.insertLocalItem(trx, {
          organisation_id: actor.organisationId,
          id,
          section_id: section.id,
          number,
          text: input.text,
          staff_only: input.staffOnly ? 1 : 0,
          created_by: actor.id,
          created_at: toIso(clock()),
        });
        await record({
          organisationId: actor.organisationId,
          action: 'assessment.local_add',
          recordType: 'assessment_item',
          recordId: id,
          detail: { section: section.id },
        });
        return id;
      });
    },

    /** One statement's current wording, for a partner to suggest a change to. */
    async draft(actor: Actor, itemId: string) {
      if (!mayAssessment(actor, { kind: 'suggest-wording' })) throw AppError.notFound();
      const { section, item } = await statementOf(db, actor.organisationId, itemId);
      return { sectionTitle: section.title, item, local: isLocalItem(item.id) };
    },

    /**
     * Saves a partner's suggested wording.
     * @throws AppError invalid for empty, too long or unchanged words; 404 for an unknown item
     */
    async propose(actor: Actor, itemId: string, input: ProposalInput, ctx: AuditContext) {
      if (!mayAssessment(actor, { kind: 'suggest-wording' })) throw AppError.notFound();
      return audit.audited(db, ctx, async (trx, record) => {
        const { item } = await statementOf(trx, actor.organisationId, itemId);
        checkProposalText(item.text, input.text);
        const id = newId();
        await store.insertWordingProposal(trx, {
          id,
          organisation_id: actor.organisationId,
          item_id: item.id,
          proposed_by: actor.id,
          proposed_at: toIso(clock()),
          current_text: item.text,
          proposed_text: input.text,
          why: input.why,
          state: 'open',
          decided_by: null,
          decided_at: null,
          decision_reason: null,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'assessment.wording_propose',
          recordType: 'assessment_wording_proposal',
          recordId: id,
          detail: { item: item.id },
        });
        return id;
      });
    },

    /** Suggestions: a partner's own, or all of the organisation's for an administrator. */
    async list(actor: Actor) {
      if (!mayAssessment(actor, { kind: 'see-wording' })) throw AppError.notFound();
      const own = mayAssessment(actor, { kind: 'decide-wording' }) ? undefined : actor.id;
      const rows = await store.listWordingProposals(db, actor.organisationId, own);
      return describe(db, actor.organisationId, rows);
    },

    /** One suggestion with the words compared (administrators). */
    async show(actor: Actor, proposalId: string) {
      if (!mayAssessment(actor, { kind: 'decide-wording' })) throw AppError.notFound();
      const row = await store.findWordingProposal(db, actor.organisationId, proposalId);
      if (!row) throw AppError.notFound();
      const [shown] = await describe(db, actor.organisationId, [row]);
      if (!shown) throw AppError.notFound();
      return { ...shown, diff: diffWords(row.current_text, row.proposed_text) };
    },

    /**
     * Accepts (new rounds use the words; the item id stays) or declines with a reason, once.
     * @throws AppError conflict when already decided, or when the wording changed since
     */
    async decide(actor: Actor, proposalId: string, input: DecisionInput, ctx: AuditContext) {
      if (!mayAssessment(actor, { kind: 'decide-wording' })) throw AppError.notFound();
      return audit.audited(db, ctx, async (trx, record) => {
        const row = await store.findWordingProposal(trx, actor.organisationId, proposalId);
        if (!row) throw AppError.notFound();
        const now = toIso(clock());
        const change = decide(row, input, actor.id, now);
        if (change.state === 'accepted') {
          const { item } = await statementOf(trx, actor.organisationId, row.item_id);
          if (item.text !== row.current_text)
            throw AppError.conflict(
              'The statement has been reworded since this was suggested, so it cannot be accepted as it is. You can decline it and say why',
            );
          await store.saveWording(trx, {
            organisation_id: actor.organisationId,
            item_id: item.id,
            text: row.proposed_text,
            proposal_id: row.id,
            updated_at: now,
          });
        }
        if (!(await store.decideWordingProposal(trx, actor.organisationId, row.id, change)))
          throw AppError.conflict('This suggestion has already been decided');
        await record({
          organisationId: actor.organisationId,
          action:
            change.state === 'accepted'
              ? 'assessment.wording_accept'
              : 'assessment.wording_decline',
          recordType: 'assessment_wording_proposal',
          recordId: row.id,
          detail: { item: row.item_id },
        });
        return change.state;
      });
    },
  };
}

/** The wording functions. */
export type Wording = ReturnType<typeof createWording>;
