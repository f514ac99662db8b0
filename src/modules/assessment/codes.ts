/**
 * One-time codes for people without an account (paper cards or a ward tablet). Guarantees: only
 * a hash of each code is kept, with no time and no person, so a used code cannot be tied to
 * anyone; the codes are shown once, when they are made; a closed round gets no new codes.
 */
import { randomInt } from 'node:crypto';
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { hashToken } from '../../lib/tokens.ts';
import type { AssessmentDeps } from './deps.ts';
import { dayOf, isClosed } from './deps.ts';
import type { RespondentGroup } from './policy.ts';
import { mayAssessment } from './policy.ts';
import type { AssessmentRoundsTable } from './tables.ts';

// No 0/O, 1/I/L or U/V: easy to read aloud and to type from a card.
const ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';

/** A new code: 10 characters (about 48 bits), shown as two groups of five. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < 10; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The form a code is stored under: upper case, no spaces or dash, hashed. */
export function codeHashOf(code: string): string {
  return hashToken(code.toUpperCase().replace(/[\s-]/g, ''));
}

/** Creates the codes capability. */
export function createCodes(deps: AssessmentDeps) {
  const { db, store, audit, clock } = deps;

  async function make(
    round: AssessmentRoundsTable,
    count: number,
    group: RespondentGroup,
    ctx: AuditContext,
  ): Promise<string[]> {
    if (isClosed(round, dayOf(clock()))) {
      throw AppError.invalid('count', 'This round has closed, so it needs no more codes.');
    }
    const codes = Array.from({ length: count }, newCode);
    await audit.audited(db, ctx, async (trx, record) => {
      await store.insertCodes(
        trx,
        codes.map((code) => ({
          code_hash: codeHashOf(code),
          organisation_id: round.organisation_id,
          round_id: round.id,
          respondent_group: group,
          used: 0,
        })),
      );
      await record({
        organisationId: round.organisation_id,
        action: 'assessment.codes_made',
        recordType: 'assessment_round',
        recordId: round.id,
        detail: { count, group },
      });
    });
    return codes;
  }

  return {
    /** Makes codes for a round the actor manages; they are returned once and never again. */
    async make(
      actor: Actor,
      roundId: string,
      input: { count: number; group: RespondentGroup },
      ctx: AuditContext,
    ): Promise<string[]> {
      if (!mayAssessment(actor, { kind: 'manage' })) throw AppError.notFound();
      const round = await store.findRound(db, actor.organisationId, roundId);
      if (!round || !mayAssessment(actor, { kind: 'manage-round', unitId: round.unit_id })) {
        throw AppError.notFound();
      }
      return make(round, input.count, input.group, ctx);
    },

    /** For `hearth assessment codes`: the operator names the round by id. */
    async makeForCommandLine(roundId: string, count: number, group: RespondentGroup) {
      const round = await store.findRoundAnywhere(db, roundId);
      if (!round) throw new Error(`There is no round with the id ${roundId}.`);
      if (!Number.isInteger(count) || count < 1 || count > 1000) {
        throw new Error('--count must be a whole number from 1 to 1000');
      }
      return make(round, count, group, { actor: null, ip: null });
    },

    /** How many codes a round has and how many are used. */
    async counts(actor: Actor, roundId: string) {
      return store.codeCounts(db, actor.organisationId, roundId);
    },
  };
}

/** The codes functions. */
export type Codes = ReturnType<typeof createCodes>;
