/**
 * Recorded disclosures: the person and the staff allowed to see one read it (staff reads are
 * audited); only the person changes who may see it, withdraws it from every member of staff
 * at once, or lets staff see it again.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { enquiryQuestions, referralStatusLabels } from './content.ts';
import type { EnquiryContext } from './context.ts';
import { enquiryEvent } from './context.ts';
import { mayEnquiry } from './policy.ts';
import type { EnquiryDisclosuresTable } from './tables.ts';

/** Creates the disclosures capability. */
export function createDisclosures(ctx: EnquiryContext) {
  const { db, store, audit } = ctx;

  /** Loads a disclosure its person may manage; anything else is 404. */
  async function ownDisclosure(actor: Actor, id: string): Promise<EnquiryDisclosuresTable> {
    await ctx.ready();
    const d = await store.findDisclosure(db, actor.organisationId, id);
    if (
      !d ||
      !mayEnquiry(actor, { kind: 'manage-disclosure', disclosure: await ctx.disclosureFacts(d) })
    )
      throw AppError.notFound();
    return d;
  }

  return {
    /** A recorded disclosure, for the person or staff allowed to see it (audited for staff). */
    async view(actor: Actor, id: string, auditCtx: AuditContext) {
      await ctx.ready();
      const d = await store.findDisclosure(db, actor.organisationId, id);
      if (!d) throw AppError.notFound();
      const facts = await ctx.disclosureFacts(d);
      const visible = await ctx.personVisible(actor, d.person_id);
      if (
        !mayEnquiry(actor, { kind: 'view-disclosure', disclosure: facts, personVisible: visible })
      )
        throw AppError.notFound();
      const isPerson = actor.id === d.person_id;
      const shareOptions = isPerson
        ? await ctx.shareOptionsFor(d.organisation_id, d.person_id, d.practitioner_id)
        : [];
      const personName = await ctx.nameOf(d.organisation_id, d.person_id);
      const practitionerName = await ctx.nameOf(d.organisation_id, d.practitioner_id);
      return audit.audited(db, auditCtx, async (trx, write) => {
        const words =
          ctx.open<string>(d.record_enc, 'enquiry_disclosures', 'record_enc', d.id) ?? '';
        const areas =
          ctx.open<{ id: string; words: string | null }[]>(
            d.areas_enc,
            'enquiry_disclosures',
            'areas_enc',
            d.id,
          ) ?? [];
        if (!isPerson) {
          await write(enquiryEvent(d, 'enquiry.view_disclosure', undefined, 'disclosure'));
        }
        const chosen = facts.shares.map((s) =>
          s.unitId ? `unit:${s.unitId}` : `account:${s.accountId}`,
        );
        const referrals = await store.listReferralsOfEnquiry(trx, d.organisation_id, d.enquiry_id);
        const services = await store.listServices(trx, d.organisation_id, false);
        return {
          id: d.id,
          enquiryId: d.enquiry_id,
          isPerson,
          isLead: actor.id === d.practitioner_id,
          status: d.status,
          words,
          areas: areas.map((a) => ({
            short: enquiryQuestions.find((q) => q.id === a.id)?.short ?? '',
            words: a.words,
          })),
          createdAt: d.created_at,
          withdrawnAt: d.withdrawn_at,
          personName,
          practitionerName,
          shareOptions: shareOptions.map((o) => ({ ...o, checked: chosen.includes(o.value) })),
          sharedWith: shareOptions.filter((o) => chosen.includes(o.value)).map((o) => o.text),
          referrals: referrals.map((r) => ({
            serviceName: services.find((s) => s.id === r.service_id)?.name ?? '',
            kind: r.kind,
            statusLabel: referralStatusLabels[r.status],
          })),
        };
      });
    },

    /** What the "hide this from staff" page needs, for the person only (no content shown). */
    async confirmWithdraw(actor: Actor, id: string) {
      const d = await ownDisclosure(actor, id);
      return { id: d.id, practitionerName: await ctx.nameOf(d.organisation_id, d.practitioner_id) };
    },

    /** The person changes who may see their disclosure (checked again on every later read). */
    async updateSharing(actor: Actor, id: string, chosen: string[] | null, auditCtx: AuditContext) {
      const d = await ownDisclosure(actor, id);
      if (chosen === null)
        throw AppError.invalid('share', 'Choose from the people and teams listed');
      const options = await ctx.shareOptionsFor(d.organisation_id, d.person_id, d.practitioner_id);
      const rows = ctx.parseShares(chosen, options, d.organisation_id, d.id);
      await audit.audited(db, auditCtx, async (trx, write) => {
        await store.replaceShares(trx, d.organisation_id, d.id, rows);
        await write(enquiryEvent(d, 'enquiry.share', { shared: rows.length }, 'disclosure'));
      });
    },

    /**
     * The person withdraws consent for a recorded disclosure: staff stop seeing it at once
     * (sharing is removed too). The record itself is kept, for the person, as records law needs.
     */
    async withdraw(actor: Actor, id: string, auditCtx: AuditContext) {
      const d = await ownDisclosure(actor, id);
      if (d.status === 'withdrawn') return;
      await audit.audited(db, auditCtx, async (trx, write) => {
        await store.setDisclosureStatus(trx, d.organisation_id, d.id, 'withdrawn', ctx.now());
        await store.replaceShares(trx, d.organisation_id, d.id, []);
        await write(enquiryEvent(d, 'enquiry.withdraw', undefined, 'disclosure'));
      });
    },

    /** The person lets the practitioner who asked see their disclosure again. */
    async restore(actor: Actor, id: string, auditCtx: AuditContext) {
      const d = await ownDisclosure(actor, id);
      if (d.status === 'active') return;
      await audit.audited(db, auditCtx, async (trx, write) => {
        await store.setDisclosureStatus(trx, d.organisation_id, d.id, 'active', ctx.now());
        await write(enquiryEvent(d, 'enquiry.restore', undefined, 'disclosure'));
      });
    },
  };
}
