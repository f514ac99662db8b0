/**
 * Support offered after a conversation, with the person's agreement: the services on offer,
 * offering information or making a referral, and moving a referral on until it is closed.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/tokens.ts';
import { serviceKindLabels } from './content.ts';
import type { EnquiryContext } from './context.ts';
import { enquiryEvent } from './context.ts';
import type { ReferralInput } from './schema.ts';
import type { EnquiryReferralsTable } from './tables.ts';

/** Creates the referrals capability. */
export function createReferrals(ctx: EnquiryContext) {
  const { db, store, audit } = ctx;

  /** Loads a finished conversation the actor led, where support can be offered. */
  async function referable(actor: Actor, enquiryId: string) {
    const e = await ctx.loadEnquiry(actor, enquiryId, 'lead');
    if (e.outcome !== 'asked' || e.stage !== 'done') throw AppError.notFound();
    return e;
  }

  return {
    /** The support services a practitioner can offer for a conversation. */
    async options(actor: Actor, enquiryId: string) {
      const e = await referable(actor, enquiryId);
      const services = await store.listServices(db, e.organisation_id, true);
      return {
        enquiryId: e.id,
        personName: await ctx.nameOf(e.organisation_id, e.person_id),
        services: services.map((s) => ({
          id: s.id,
          name: s.name,
          kindLabel: serviceKindLabels[s.kind] ?? s.kind,
          offer: s.offer,
          forWhom: s.for_whom,
          selfReferral: s.self_referral === 1,
          languages: s.languages,
        })),
      };
    },

    /** Offers support or makes a referral, with the person's agreement. */
    async add(
      actor: Actor,
      enquiryId: string,
      input: ReferralInput,
      auditCtx: AuditContext,
    ): Promise<string> {
      const e = await referable(actor, enquiryId);
      const service = await store.findService(db, e.organisation_id, input.serviceId);
      if (!service || service.active !== 1) {
        throw AppError.invalid('serviceId', 'Choose a service from the list');
      }
      const id = newId();
      const at = ctx.now();
      const row: EnquiryReferralsTable = {
        id,
        organisation_id: e.organisation_id,
        person_id: e.person_id,
        enquiry_id: e.id,
        service_id: service.id,
        practitioner_id: actor.id,
        unit_id: e.unit_id,
        kind: input.kind,
        status: input.kind === 'referred' ? 'waiting' : 'offered',
        note_enc: input.note ? ctx.seal(input.note, 'enquiry_referrals', 'note_enc', id) : null,
        created_at: at,
        updated_at: at,
        closed_at: input.kind === 'offered' ? at : null,
      };
      await audit.audited(db, auditCtx, async (trx, write) => {
        await store.insertReferral(trx, row);
        await write(enquiryEvent(e, 'enquiry.refer', { kind: input.kind }));
      });
      return id;
    },

    /**
     * Moves a referral on (accepted, declined, waiting, seen) until it is closed.
     * @returns the conversation the referral belongs to
     */
    async updateStatus(
      actor: Actor,
      referralId: string,
      status: 'waiting' | 'accepted' | 'declined' | 'seen',
      auditCtx: AuditContext,
      badForm = false,
    ): Promise<string> {
      await ctx.ready();
      const r = await store.findReferral(db, actor.organisationId, referralId);
      if (!r) throw AppError.notFound();
      const e = await ctx.loadEnquiry(actor, r.enquiry_id, 'lead');
      if (badForm) throw AppError.invalid('status', 'Choose the new status');
      if (r.kind !== 'referred') throw AppError.conflict('This was information, not a referral.');
      await audit.audited(db, auditCtx, async (trx, write) => {
        await store.setReferralStatus(trx, r.organisation_id, r.id, status, ctx.now());
        await write(enquiryEvent(e, 'enquiry.referral_status', { status }));
      });
      return e.id;
    },
  };
}
