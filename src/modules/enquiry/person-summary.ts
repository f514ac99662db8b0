/**
 * One person's conversations as a nurse's person page shows them: where the latest stands and
 * the actor's own open next steps about that person. Guarantees: 404 unless the person is in
 * the actor's care; nothing the person said is read or decrypted here (states and dates only).
 */
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { EnquiryContext } from './context.ts';
import { statusOf } from './overview.ts';
import { leadsConversations } from './policy.ts';

/** What the person page shows about conversations; null when the actor leads none. */
export interface EnquiryPersonSummary {
  status: { text: string; returnOn?: string | null; due: boolean };
  /** The conversation still open, if any, and whether the actor leads it. */
  open: { id: string; mine: boolean } | null;
  /** The actor's open next steps about this person. */
  tasks: { id: string; kind: 'safety' | 'supervision'; enquiryId: string; createdAt: string }[];
  /** A check-in after a conversation that the actor has not done yet. */
  followUp: { enquiryId: string; on: string; overdue: boolean } | null;
}

/** Creates the person-summary capability. */
export function createPersonSummary(ctx: EnquiryContext) {
  const { db, store } = ctx;
  return {
    /** Where a person's conversations stand for the actor (404 if the person is not theirs to see). */
    async forPerson(actor: Actor, personId: string): Promise<EnquiryPersonSummary | null> {
      await ctx.ready();
      if (actor.id === personId || !(await ctx.personVisible(actor, personId))) {
        throw AppError.notFound();
      }
      if (!leadsConversations(actor)) return null;
      const org = actor.organisationId;
      const enquiries = await store.listEnquiriesForPeople(db, org, [personId]);
      const latest = enquiries[0];
      const tasks = (await store.listOpenTasks(db, org, actor.id)).filter(
        (t) => t.person_id === personId,
      );
      const today = ctx.today();
      const followUp = enquiries.find(
        (e) =>
          e.practitioner_id === actor.id &&
          e.disclosed === 1 &&
          e.follow_up_on !== null &&
          e.followed_up_at === null,
      );
      return {
        status: statusOf(latest, today),
        open:
          latest && latest.state !== 'done'
            ? { id: latest.id, mine: latest.practitioner_id === actor.id }
            : null,
        tasks: tasks.map((t) => ({
          id: t.id,
          kind: t.kind,
          enquiryId: t.enquiry_id,
          createdAt: t.created_at,
        })),
        followUp:
          followUp?.follow_up_on != null
            ? {
                enquiryId: followUp.id,
                on: followUp.follow_up_on,
                overdue: followUp.follow_up_on < today,
              }
            : null,
      };
    },
  };
}
