/**
 * Support after hard events: after a use of force a member of staff was named on, or a
 * conversation in which they heard a disclosure, they are offered a debrief, time out,
 * reflective space and the organisation's staff support services. Guarantees: only the staff
 * member sees their offers, and may accept, decline or leave them; an offer can be answered
 * only for an event they were part of; managers see counts only, with 1 to 4 not shown; the
 * directory is kept by administrators.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { HardEvent, LearningDeps } from './deps.ts';
import { addDays, londonDay } from './grid.ts';
import { mayLearning } from './policy.ts';
import type { StaffServiceInput, SupportAnswerInput } from './reflect-schema.ts';
import { suppressed } from './supervision.ts';

/** How long after a hard event its offer stays on the staff member's page. */
export const OFFER_DAYS = 28;

/** Creates the support capability. */
export function createSupport(deps: LearningDeps) {
  const { db, store, audit, clock } = deps;
  const today = () => londonDay(clock());

  /** The actor's hard events in the offer window, newest first. */
  async function recentEvents(actor: Actor): Promise<HardEvent[]> {
    if (!deps.hardEvents) return [];
    const since = new Date(clock().getTime() - OFFER_DAYS * 86_400_000);
    const events = await deps.hardEvents(actor, toIso(since));
    return [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }

  async function openOffers(actor: Actor): Promise<HardEvent[]> {
    const answered = await store.listOwnSupportAnswers(db, actor.organisationId, actor.id);
    const done = new Set(answered.map((a) => `${a.event_kind}:${a.event_id}`));
    return (await recentEvents(actor)).filter((e) => !done.has(`${e.kind}:${e.id}`));
  }

  return {
    /** The actor's open offers and the organisation's support directory. */
    async offers(actor: Actor) {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      const services = await store.listSupportServices(db, actor.organisationId);
      return {
        offers: (await openOffers(actor)).map((e) => ({
          kind: e.kind,
          id: e.id,
          day: e.at.slice(0, 10),
        })),
        services: services.map((s) => ({ name: s.name, offer: s.offer, contact: s.contact })),
      };
    },

    /** For the home page: how many offers are open (0 when none, or not a staff role). */
    async openCount(actor: Actor): Promise<number> {
      if (!mayLearning(actor, { kind: 'reflect' })) return 0;
      return (await openOffers(actor)).length;
    },

    /**
     * Accepts or declines the offer after one event.
     * @throws AppError not found when the actor was not part of that event (or it is too old)
     */
    async answer(actor: Actor, input: SupportAnswerInput, ctx: AuditContext): Promise<void> {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      const event = (await recentEvents(actor)).find(
        (e) => e.kind === input.kind && e.id === input.event,
      );
      if (!event) throw AppError.notFound();
      const id = newId();
      await audit.audited(db, ctx, async (trx, record) => {
        const saved = await store.insertSupportAnswer(trx, {
          id,
          organisation_id: actor.organisationId,
          account_id: actor.id,
          event_kind: event.kind,
          event_id: event.id,
          unit_id: event.unitId,
          answer: input.answer,
          choices: JSON.stringify(input.answer === 'accepted' ? [...new Set(input.choices)] : []),
          answered_on: today(),
        });
        if (!saved) return;
        await record({
          organisationId: actor.organisationId,
          action: 'learning.support_answer',
          recordType: 'learning_support_answer',
          recordId: id,
          detail: { answer: input.answer },
        });
      });
    },

    /** Offers on a unit's events answered in the last 8 weeks: counts, 1 to 4 not shown. */
    async unitCounts(organisationId: string, unitId: string) {
      const since = addDays(today(), -56);
      const counts = await store.supportAnswerCounts(db, organisationId, unitId, since);
      return {
        accepted: suppressed(counts.get('accepted') ?? 0),
        declined: suppressed(counts.get('declined') ?? 0),
        since,
      };
    },

    /** The whole directory, for administrators. */
    async directory(actor: Actor) {
      if (!mayLearning(actor, { kind: 'administer' })) throw AppError.notFound();
      return store.listSupportServices(db, actor.organisationId, true);
    },

    /** Adds an entry to the directory. */
    async addService(actor: Actor, input: StaffServiceInput, ctx: AuditContext): Promise<string> {
      if (!mayLearning(actor, { kind: 'administer' })) throw AppError.notFound();
      const id = newId();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertSupportService(trx, {
          id,
          organisation_id: actor.organisationId,
          name: input.name,
          offer: input.offer,
          contact: input.contact,
          active: 1,
          created_at: toIso(clock()),
        });
        await record({
          organisationId: actor.organisationId,
          action: 'learning.support_service_add',
          recordType: 'learning_support_service',
          recordId: id,
        });
      });
      return id;
    },

    /** Takes an entry off the directory. @throws AppError not found for another's */
    async retireService(actor: Actor, id: string, ctx: AuditContext): Promise<void> {
      if (!mayLearning(actor, { kind: 'administer' })) throw AppError.notFound();
      await audit.audited(db, ctx, async (trx, record) => {
        if (!(await store.retireSupportService(trx, actor.organisationId, id)))
          throw AppError.notFound();
        await record({
          organisationId: actor.organisationId,
          action: 'learning.support_service_retire',
          recordType: 'learning_support_service',
          recordId: id,
        });
      });
    },
  };
}
