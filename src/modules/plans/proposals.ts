/**
 * Changes a practitioner suggests to a plan shared with them. Guarantees: only visible,
 * changed fields are kept; nothing changes until the person accepts, and accepting makes a new
 * version written by the person.
 */
import type { AuditContext } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { checkText } from '../language/index.ts';
import type { Finding } from '../language/index.ts';
import { mayProposeChanges, mayWorkOnPlan } from './policy.ts';
import type { PlanContent } from './schema.ts';
import { fieldByName } from './sections.ts';
import { changedFields, parseContent, visibleFields } from './present.ts';
import { privateOf } from './plan-reads.ts';
import type { PlanReads } from './plan-reads.ts';
import type { PlansDeps, ProposalView } from './types.ts';

/** Creates the proposals capability. */
export function createProposals(deps: PlansDeps, reads: PlanReads) {
  const { db, store, audit, clock } = deps;

  /** The current content a practitioner may suggest changes to (shared sections only). */
  async function contentFor(actor: Actor, planId: string) {
    if (!mayProposeChanges(actor)) throw AppError.notFound();
    const plan = await store.findPlan(db, actor.organisationId, planId);
    if (!plan) throw AppError.notFound();
    const access = await reads.accessTo(db, actor, plan);
    if (!mayWorkOnPlan(access)) throw AppError.notFound();
    const version = await reads.currentVersion(db, plan);
    const content = parseContent(version.content);
    const hidden = privateOf(plan);
    return {
      planId: plan.id,
      personName: await reads.nameOf(db, plan.organisation_id, plan.person_id),
      version: version.version,
      hiddenSections: hidden,
      content: { fields: visibleFields(content, hidden), declined: [] } as PlanContent,
    };
  }

  return {
    contentFor,

    /** A practitioner suggests changes; the person decides. Only changed, visible fields are kept. */
    async propose(
      actor: Actor,
      planId: string,
      input: { content: PlanContent; note: string },
      ctx: AuditContext,
    ): Promise<string> {
      const base = await contentFor(actor, planId);
      const changes: Record<string, string | string[]> = {};
      for (const name of changedFields(base.content, input.content)) {
        const field = fieldByName(name);
        if (!field || base.hiddenSections.includes(field.section)) continue;
        changes[name] = input.content.fields[name] ?? (field.kind === 'text' ? '' : []);
      }
      if (Object.keys(changes).length === 0) {
        throw AppError.invalid(
          'form',
          'You have not changed anything yet. Change the answers you want to suggest, then send them.',
        );
      }
      return audit.audited(db, ctx, async (trx, record) => {
        const id = newId();
        await store.insertProposal(trx, {
          id,
          organisation_id: actor.organisationId,
          plan_id: planId,
          base_version: base.version,
          changes: JSON.stringify(changes),
          note: input.note || null,
          proposed_by: actor.id,
          status: 'open',
          decided_at: null,
          created_at: toIso(clock()),
        });
        const plan = await store.findPlan(trx, actor.organisationId, planId);
        await record({
          organisationId: actor.organisationId,
          action: 'plan.propose',
          recordType: 'plan_proposal',
          recordId: id,
          subjectPersonId: plan?.person_id ?? null,
          detail: { fields: Object.keys(changes).length },
        });
        return id;
      });
    },

    /**
     * Language suggestions on the words of a change the actor has just suggested, with the
     * organisation's own rules and allowed terms; one entry per field with findings.
     * Only the practitioner who suggested it may ask (404 otherwise).
     */
    async languageSuggestions(actor: Actor, planId: string, proposalId: string) {
      const proposal = await store.findProposal(db, actor.organisationId, planId, proposalId);
      if (!proposal || proposal.proposed_by !== actor.id) throw AppError.notFound();
      const check =
        deps.checkLanguage ?? ((_: string, text: string) => Promise.resolve(checkText(text)));
      const changes = JSON.parse(proposal.changes) as Record<string, string | string[]>;
      const texts: [string, string, unknown][] = [
        ...Object.entries(changes).map(([name, value]): [string, string, unknown] => [
          name,
          fieldByName(name)?.label ?? name,
          value,
        ]),
        ['note', 'Your note', proposal.note],
      ];
      const out: { id: string; label: string; text: string; findings: Finding[] }[] = [];
      for (const [name, label, value] of texts) {
        if (typeof value !== 'string' || value === '') continue;
        const findings = await check(actor.organisationId, value);
        if (findings.length > 0) out.push({ id: `lang-${name}`, label, text: value, findings });
      }
      return out;
    },

    /** A suggested change to the person's own plan. */
    async getMine(actor: Actor, proposalId: string): Promise<ProposalView> {
      const plan = await reads.requireOwnPlan(db, actor);
      const proposal = await store.findProposal(db, plan.organisation_id, plan.id, proposalId);
      if (!proposal) throw AppError.notFound();
      return reads.describeProposal(db, plan, proposal);
    },

    /** The person accepts (a new version) or declines a suggested change. */
    async decide(
      actor: Actor,
      proposalId: string,
      decision: 'accept' | 'decline',
      ctx: AuditContext,
    ): Promise<void> {
      const plan = await reads.requireOwnPlan(db, actor);
      const org = plan.organisation_id;
      await audit.audited(db, ctx, async (trx, record) => {
        const fresh = await store.findPlan(trx, org, plan.id);
        const proposal = await store.findProposal(trx, org, plan.id, proposalId);
        if (!fresh || !proposal) throw AppError.notFound();
        const status = decision === 'accept' ? 'accepted' : 'declined';
        if (!(await store.decideProposal(trx, org, proposal.id, status, toIso(clock())))) {
          throw AppError.conflict('You have already answered this suggestion.');
        }
        if (decision === 'accept') {
          const current = parseContent((await reads.currentVersion(trx, fresh)).content);
          const changes = JSON.parse(proposal.changes) as Record<string, string | string[]>;
          const merged = { ...current.fields, ...changes };
          const fields = Object.fromEntries(
            Object.entries(merged).filter(
              ([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0),
            ),
          );
          const touched = new Set(Object.keys(changes).map((n) => fieldByName(n)?.section));
          const declined = current.declined.filter((k) => !touched.has(k));
          const who = await reads.nameOf(trx, proposal.organisation_id, proposal.proposed_by);
          await reads.writeVersion(
            trx,
            fresh,
            fresh.current_version,
            { fields, declined },
            actor.id,
            fresh.review_by,
            `Accepted a change suggested by ${who}`,
          );
        }
        await record({
          organisationId: org,
          action: decision === 'accept' ? 'plan.proposal_accept' : 'plan.proposal_decline',
          recordType: 'plan_proposal',
          recordId: proposal.id,
          subjectPersonId: plan.person_id,
        });
      });
    },
  };
}

/** The proposals functions. */
export type Proposals = ReturnType<typeof createProposals>;
