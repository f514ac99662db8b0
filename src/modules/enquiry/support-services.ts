/**
 * The support directory: services practitioners can offer after a conversation. Staff see it;
 * unit managers and organisation administrators keep it.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { newId } from '../../lib/tokens.ts';
import { serviceKindLabels } from './content.ts';
import type { EnquiryContext } from './context.ts';
import { mayEnquiry } from './policy.ts';
import type { ServiceInput } from './schema.ts';

/** Creates the support directory capability. */
export function createSupportServices(ctx: EnquiryContext) {
  const { db, store, audit } = ctx;

  function requireKeeper(actor: Actor): void {
    if (!mayEnquiry(actor, { kind: 'manage-directory' })) throw AppError.notFound();
  }

  return {
    /** The support directory. */
    async list(actor: Actor) {
      if (!mayEnquiry(actor, { kind: 'view-directory' })) throw AppError.notFound();
      const rows = await store.listServices(db, actor.organisationId, false);
      return {
        canManage: mayEnquiry(actor, { kind: 'manage-directory' }),
        services: rows.map((s) => ({ ...s, kindLabel: serviceKindLabels[s.kind] ?? s.kind })),
      };
    },

    /** The form for a new directory entry. */
    newForm(actor: Actor) {
      requireKeeper(actor);
      return {
        title: 'Add a support service',
        action: '/support-services',
        values: { active: 'yes' } as Record<string, unknown>,
      };
    },

    /** The form for changing a directory entry, filled in with what it says now. */
    async editForm(actor: Actor, id: string) {
      requireKeeper(actor);
      const s = await store.findService(db, actor.organisationId, id);
      if (!s) throw AppError.notFound();
      return {
        title: `Change ${s.name}`,
        action: `/support-services/${s.id}`,
        values: {
          name: s.name,
          kind: s.kind,
          offer: s.offer,
          forWhom: s.for_whom,
          howToRefer: s.how_to_refer,
          selfReferral: s.self_referral === 1 ? 'yes' : 'no',
          languages: s.languages,
          contact: s.contact,
          active: s.active === 1 ? 'yes' : 'no',
        } as Record<string, unknown>,
      };
    },

    /**
     * Adds (id null) or changes a directory entry.
     * @returns the entry's id
     */
    async save(
      actor: Actor,
      id: string | null,
      input: ServiceInput,
      auditCtx: AuditContext,
    ): Promise<string> {
      requireKeeper(actor);
      const at = ctx.now();
      const fields = {
        name: input.name,
        kind: input.kind,
        offer: input.offer,
        for_whom: input.forWhom,
        how_to_refer: input.howToRefer,
        self_referral: input.selfReferral === 'yes' ? 1 : 0,
        languages: input.languages,
        contact: input.contact,
        active: input.active === 'yes' ? 1 : 0,
        updated_at: at,
      };
      const serviceId = id ?? newId();
      await audit.audited(db, auditCtx, async (trx, write) => {
        if (id) {
          const existing = await store.findService(trx, actor.organisationId, id);
          if (!existing) throw AppError.notFound();
          await store.updateService(trx, actor.organisationId, id, fields);
        } else {
          await store.insertService(trx, {
            id: serviceId,
            organisation_id: actor.organisationId,
            created_at: at,
            ...fields,
          });
        }
        await write({
          organisationId: actor.organisationId,
          action: id ? 'enquiry.service_update' : 'enquiry.service_create',
          recordType: 'support_service',
          recordId: serviceId,
        });
      });
      return serviceId;
    },
  };
}
