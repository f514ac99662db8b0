/**
 * Answering a round: with an account (once per person) or with a one-time code (once per code).
 * Guarantees: a response is saved whole or not at all, together with the mark that the person
 * (or code) has answered, so sending twice never counts twice; the response row carries no
 * account, session, address or time, and the audit trail names the round, never the response.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { Db } from '../../db/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/tokens.ts';
import { codeHashOf } from './codes.ts';
import type { AssessmentDeps } from './deps.ts';
import { dayOf, isClosed } from './deps.ts';
import type { Instrument } from './instrument.ts';
import { instrumentOfRound } from './wording.ts';
import type { RespondentGroup } from './policy.ts';
import { groupOf, mayAssessment, respondentGroups } from './policy.ts';
import { parseResponse } from './schema.ts';
import type { ResponseInput } from './schema.ts';
import type { AssessmentRoundsTable } from './tables.ts';

/** What an answer form shows. */
export interface AnswerForm {
  roundId: string;
  title: string;
  closesOn: string;
  instrument: Instrument;
  /** True when staff-only statements are shown. */
  staff: boolean;
}

const CLOSED = 'This round has closed, so it takes no more answers. Nothing was saved.';

function formOf(
  round: AssessmentRoundsTable,
  group: RespondentGroup,
  instrument: Instrument,
): AnswerForm {
  const staff = group === 'staff';
  return {
    roundId: round.id,
    title: round.title,
    closesOn: round.closes_on,
    staff,
    instrument: {
      ...instrument,
      sections: instrument.sections.map((s) => ({
        ...s,
        items: s.items.filter((i) => staff || !i.staffOnly),
      })),
    },
  };
}

/** Creates the answering capability. */
export function createAnswering(deps: AssessmentDeps) {
  const { db, store, audit, clock } = deps;
  // The exact wording the round was opened with (issue 12 item 1).
  const instrumentOf = (round: AssessmentRoundsTable) =>
    instrumentOfRound(db, store, round.organisation_id, {
      id: round.id,
      version: round.instrument_version,
    });

  async function answerable(actor: Actor, roundId: string) {
    const group = groupOf(actor);
    const round = await store.findRound(db, actor.organisationId, roundId);
    if (
      !group ||
      !round ||
      !mayAssessment(actor, { kind: 'answer-round', unitId: round.unit_id })
    ) {
      throw AppError.notFound();
    }
    return { round, group };
  }

  async function save(trx: Db, round: AssessmentRoundsTable, group: string, input: ResponseInput) {
    await store.insertResponseMixed(trx, {
      organisation_id: round.organisation_id,
      round_id: round.id,
      id: newId(),
      respondent_group: group,
      answers: JSON.stringify(input.answers),
      barriers: JSON.stringify(input.barriers),
      comment: input.comment,
    });
  }

  async function codeRound(code: string) {
    const found = await store.findCode(db, codeHashOf(code));
    if (!found) {
      throw AppError.invalid('code', 'We could not find that code. Check it and try again.');
    }
    const round = await store.findRound(db, found.organisation_id, found.round_id);
    if (!round)
      throw AppError.invalid('code', 'We could not find that code. Check it and try again.');
    if (found.used === 1) {
      throw AppError.invalid('code', 'This code has been used. Each code works once.');
    }
    if (isClosed(round, dayOf(clock()))) throw AppError.invalid('code', CLOSED);
    const group = (respondentGroups as readonly string[]).includes(found.respondent_group)
      ? (found.respondent_group as RespondentGroup)
      : 'people';
    return { round, group, codeHash: found.code_hash };
  }

  return {
    /** The form for a signed-in person, or `answered` when they already have. */
    async formFor(
      actor: Actor,
      roundId: string,
    ): Promise<AnswerForm & { answered: boolean; closed: boolean }> {
      const { round, group } = await answerable(actor, roundId);
      const answered = (await store.answeredRoundIds(db, actor.organisationId, actor.id)).has(
        round.id,
      );
      return {
        ...formOf(round, group, await instrumentOf(round)),
        answered,
        closed: isClosed(round, dayOf(clock())),
      };
    },

    /**
     * Saves a signed-in person's whole response; `saved` is false when they had already
     * answered (a second tab or the back button), and nothing more is stored.
     * @throws AppError invalid for answers out of range, unknown questions or a closed round
     */
    async submit(actor: Actor, roundId: string, body: unknown, ctx: AuditContext) {
      const { round, group } = await answerable(actor, roundId);
      if (isClosed(round, dayOf(clock()))) throw AppError.invalid('form', CLOSED);
      const input = parseResponse(await instrumentOf(round), body, {
        staff: group === 'staff',
      });
      return audit.audited(db, ctx, async (trx, record) => {
        if (!(await store.markAnswered(trx, actor.organisationId, round.id, actor.id))) {
          return { saved: false };
        }
        await save(trx, round, group, input);
        await record({
          organisationId: actor.organisationId,
          action: 'assessment.answered',
          recordType: 'assessment_round',
          recordId: round.id,
        });
        return { saved: true };
      });
    },

    /**
     * Checks a one-time code and gives its form.
     * @throws AppError invalid for an unknown or used code, or a closed round
     */
    async formForCode(code: string): Promise<AnswerForm> {
      const { round, group } = await codeRound(code);
      return formOf(round, group, await instrumentOf(round));
    },

    /**
     * Saves a response made with a code and uses the code up, together. No address is kept
     * with it: the audit event names the round only.
     * @throws AppError invalid for an unknown or used code, a closed round, or bad answers
     */
    async submitWithCode(code: string, body: unknown): Promise<void> {
      const { round, group, codeHash } = await codeRound(code);
      const input = parseResponse(await instrumentOf(round), body, {
        staff: group === 'staff',
      });
      await audit.audited(db, { actor: null, ip: null }, async (trx, record) => {
        if (!(await store.useCode(trx, round.organisation_id, codeHash))) {
          throw AppError.invalid('code', 'This code has been used. Each code works once.');
        }
        await save(trx, round, group, input);
        await record({
          organisationId: round.organisation_id,
          action: 'assessment.answered_with_code',
          recordType: 'assessment_round',
          recordId: round.id,
        });
      });
    },
  };
}

/** The answering functions. */
export type Answering = ReturnType<typeof createAnswering>;
