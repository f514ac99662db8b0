/**
 * Rounds: an administrator (any unit, or the whole organisation) or a unit manager (their own
 * units) opens a round with a closing day, moves the day later, or closes it early. A closed round
 * is read-only. Guarantees: every change is audited in its transaction; a round outside the
 * actor's organisation or units is 404.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { AssessmentDeps } from './deps.ts';
import { dayOf, isClosed } from './deps.ts';
import { CURRENT_INSTRUMENT_VERSION } from './instrument.ts';
import { mayAssessment } from './policy.ts';
import { organisationInstrument } from './wording.ts';
import type { OpenRoundInput } from './schema.ts';
import type { AssessmentRoundsTable } from './tables.ts';

/** A round as pages show it. */
export interface RoundView {
  id: string;
  title: string;
  unitId: string | null;
  unitName: string;
  opensOn: string;
  closesOn: string;
  closed: boolean;
  closedEarly: boolean;
  instrumentVersion: number;
}

/** The longest a round stays open. */
const MAX_DAYS_OPEN = 366;

/** Creates the rounds capability. */
export function createRounds(deps: AssessmentDeps) {
  const { db, store, audit, clock } = deps;
  const today = () => dayOf(clock());

  async function view(organisationId: string, rows: AssessmentRoundsTable[]): Promise<RoundView[]> {
    const units = new Map(
      (await deps.unitsInOrganisation(organisationId)).map((u) => [u.id, u.name]),
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      unitId: r.unit_id,
      unitName: r.unit_id ? (units.get(r.unit_id) ?? 'A unit') : 'The whole organisation',
      opensOn: r.opens_on,
      closesOn: r.closes_on,
      closed: isClosed(r, today()),
      closedEarly: r.closed_at !== null,
      instrumentVersion: r.instrument_version,
    }));
  }

  function checkClosingDay(closesOn: string, after: string): void {
    if (closesOn <= after) throw AppError.invalid('closesOn', `Choose a date after ${after}`);
    const latest = dayOf(new Date(clock().getTime() + MAX_DAYS_OPEN * 86_400_000));
    if (closesOn > latest) throw AppError.invalid('closesOn', `Choose a date before ${latest}`);
  }

  /** A round the actor manages (404 otherwise). */
  async function managed(actor: Actor, roundId: string): Promise<AssessmentRoundsTable> {
    if (!mayAssessment(actor, { kind: 'manage' })) throw AppError.notFound();
    const round = await store.findRound(db, actor.organisationId, roundId);
    if (!round || !mayAssessment(actor, { kind: 'manage-round', unitId: round.unit_id })) {
      throw AppError.notFound();
    }
    return round;
  }

  async function change(
    actor: Actor,
    round: AssessmentRoundsTable,
    ctx: AuditContext,
    action: string,
    set: Partial<Pick<AssessmentRoundsTable, 'closes_on' | 'closed_at'>>,
  ): Promise<void> {
    if (isClosed(round, today())) {
      throw AppError.invalid('form', 'This round has closed, so it can no longer be changed.');
    }
    await audit.audited(db, ctx, async (trx, record) => {
      await store.updateRound(trx, actor.organisationId, round.id, set);
      await record({
        organisationId: actor.organisationId,
        action,
        recordType: 'assessment_round',
        recordId: round.id,
      });
    });
  }

  return {
    /** The rounds the actor manages, newest first, and the units they may open one for. */
    async listForManager(actor: Actor) {
      if (!mayAssessment(actor, { kind: 'manage' })) throw AppError.notFound();
      const rows = (await store.listRounds(db, actor.organisationId)).filter((r) =>
        mayAssessment(actor, { kind: 'manage-round', unitId: r.unit_id }),
      );
      return {
        rounds: await view(actor.organisationId, rows),
        units: await deps.unitsOf(actor),
        wholeOrganisation: mayAssessment(actor, { kind: 'whole-organisation' }),
        today: today(),
      };
    },

    /** One round the actor manages. */
    async findForManager(actor: Actor, roundId: string): Promise<RoundView> {
      const round = await managed(actor, roundId);
      const [shown] = await view(actor.organisationId, [round]);
      if (!shown) throw AppError.notFound();
      return shown;
    },

    /** A round the actor may read the results of (404 otherwise). */
    async findForResults(actor: Actor, roundId: string): Promise<RoundView> {
      const round = await store.findRound(db, actor.organisationId, roundId);
      if (!round || !mayAssessment(actor, { kind: 'see-results', unitId: round.unit_id })) {
        throw AppError.notFound();
      }
      const [shown] = await view(actor.organisationId, [round]);
      if (!shown) throw AppError.notFound();
      return shown;
    },

    /**
     * A round by its id alone, for the command line (which has no one signed in).
     * @throws Error when there is no such round
     */
    async findForCommandLine(
      roundId: string,
    ): Promise<{ organisationId: string; round: RoundView }> {
      const row = await store.findRoundAnywhere(db, roundId);
      if (!row) throw new Error(`There is no round with the id ${roundId}.`);
      const [shown] = await view(row.organisation_id, [row]);
      if (!shown) throw new Error(`There is no round with the id ${roundId}.`);
      return { organisationId: row.organisation_id, round: shown };
    },

    /** Opens a round, from today to its closing day. */
    async open(actor: Actor, input: OpenRoundInput, ctx: AuditContext): Promise<{ id: string }> {
      const unitId = input.unitId === '' ? null : input.unitId;
      if (!mayAssessment(actor, { kind: 'manage' })) throw AppError.notFound();
      if (unitId === null && !mayAssessment(actor, { kind: 'whole-organisation' })) {
        throw AppError.invalid('unitId', 'Choose one of your units');
      }
      const units = await deps.unitsOf(actor);
      const unit = units.find((u) => u.id === unitId);
      if (unitId !== null && (!unit || !mayAssessment(actor, { kind: 'manage-round', unitId }))) {
        throw AppError.invalid('unitId', 'Choose one of your units');
      }
      checkClosingDay(input.closesOn, today());
      const id = newId();
      const title =
        input.title ||
        `${unit?.name ?? 'Whole organisation'}, ${today().slice(0, 7)} to ${input.closesOn.slice(0, 7)}`;
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertRound(trx, {
          id,
          organisation_id: actor.organisationId,
          unit_id: unitId,
          instrument_version: CURRENT_INSTRUMENT_VERSION,
          title,
          opens_on: today(),
          closes_on: input.closesOn,
          closed_at: null,
          created_by: actor.id,
          created_at: toIso(clock()),
        });
        // The round keeps the wording it opens with (issue 12 item 1).
        await store.insertRoundInstrument(
          trx,
          actor.organisationId,
          id,
          JSON.stringify(await organisationInstrument(trx, store, actor.organisationId)),
        );
        await record({
          organisationId: actor.organisationId,
          action: 'assessment.round_open',
          recordType: 'assessment_round',
          recordId: id,
        });
      });
      return { id };
    },

    /** Moves an open round's closing day later. */
    async extend(actor: Actor, roundId: string, closesOn: string, ctx: AuditContext) {
      const round = await managed(actor, roundId);
      checkClosingDay(closesOn, round.closes_on);
      await change(actor, round, ctx, 'assessment.round_extend', { closes_on: closesOn });
    },

    /** Closes an open round now; its answers are kept and it becomes read-only. */
    async close(actor: Actor, roundId: string, ctx: AuditContext) {
      const round = await managed(actor, roundId);
      await change(actor, round, ctx, 'assessment.round_close', { closed_at: toIso(clock()) });
    },

    /** Open rounds the actor may answer and has not answered yet (for the home page). */
    async waitingFor(actor: Actor): Promise<RoundView[]> {
      const rows = await store.listRounds(db, actor.organisationId);
      const open = rows.filter(
        (r) =>
          !isClosed(r, today()) &&
          mayAssessment(actor, { kind: 'answer-round', unitId: r.unit_id }),
      );
      if (open.length === 0) return [];
      const answered = await store.answeredRoundIds(db, actor.organisationId, actor.id);
      return view(
        actor.organisationId,
        open.filter((r) => !answered.has(r.id)),
      );
    },
  };
}

/** The rounds functions. */
export type Rounds = ReturnType<typeof createRounds>;
