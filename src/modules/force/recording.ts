/**
 * Recording a use of force across the form's pages. Everything typed is kept on the server as
 * a draft after each page (so Back, Change and a lost connection never lose it, with or without
 * JavaScript); the record itself is made once, from the draft, after the review page.
 * Guarantees: only staff who may record on the draft's unit may open or change it (404
 * otherwise); staff rows chosen from the list take name and job title from the account, never
 * from the form; the record and the draft's removal commit together, so finishing the same
 * draft twice makes one record (the second is a conflict).
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { FieldErrors } from '../../lib/app-error.ts';
import type { ForceDeps } from './deps.ts';
import type { DraftBody, createDrafts } from './drafts.ts';
import type { FormPage } from './form-pages.ts';
import { errorsOnPage, mergePage } from './form-pages.ts';
import type { createIncidents } from './incidents.ts';
import { mayForce } from './policy.ts';
import type { StaffMember } from './schema.ts';
import { parseIncidentForm } from './schema.ts';
import { toLondonLocal } from './time.ts';
import { checkIncident } from './validate.ts';

type Incidents = ReturnType<typeof createIncidents>;
type Drafts = ReturnType<typeof createDrafts>;

/** Creates the recording capability. */
export function createRecording(deps: ForceDeps, incidents: Incidents, drafts: Drafts) {
  const { clock, directory } = deps;

  /** The unit's staff, for the staff rows (none for a unit the actor may not record on). */
  async function staffFor(actor: Actor, unitId: unknown): Promise<StaffMember[]> {
    if (typeof unitId !== 'string' || !unitId) return [];
    if (!mayForce(actor, { kind: 'record', organisationId: actor.organisationId, unitId }))
      return [];
    return directory.staffOfUnit(actor.organisationId, unitId);
  }

  /** Everything the pages are drawn from: the person, the units, the plan and the staff. */
  async function pageContext(actor: Actor, values: DraftBody, ctx: AuditContext) {
    const personId = typeof values.personId === 'string' ? values.personId : '';
    const context = await incidents.formContext(actor, personId, ctx);
    const unitId = typeof values.unitId === 'string' ? values.unitId : '';
    return { context, staff: await staffFor(actor, unitId || context.units[0]?.id) };
  }

  /** The whole draft read as a record, with every problem keyed by field. */
  function problemsOf(values: DraftBody, staff: StaffMember[], hasPlan: boolean) {
    const { input, errors } = parseIncidentForm(values, new Map(staff.map((s) => [s.id, s])));
    return { input, errors: { ...checkIncident(input, clock(), hasPlan), ...errors } };
  }

  /** A new record, filled in with the moment, the unit and the actor as lead. */
  async function start(actor: Actor, personId: string, ctx: AuditContext) {
    const { context, staff } = await pageContext(actor, { personId }, ctx);
    const mine = staff.some((s) => s.id === actor.id);
    const values: DraftBody = {
      personId,
      unitId: context.units[0]?.id ?? '',
      startAt: toLondonLocal(clock()),
      harm: 'none',
      nonStaff: 'none',
      accountOffered: 'yes',
      ...(mine ? { i0_s0_account: actor.id, i0_s0_role: 'lead' } : {}),
    };
    return { context, staff, values };
  }

  return {
    /** A new record's first page, with sensible defaults so a typical record is quick. */
    start,

    /** A page of a draft as it was left. */
    async open(actor: Actor, draftId: string, ctx: AuditContext) {
      const { body, step } = await drafts.openWithStep(actor, draftId);
      return { ...(await pageContext(actor, body, ctx)), values: body, step };
    },

    /**
     * Keeps one page's answers in the draft (a new draft when `draftId` is null), whatever they
     * are, and returns the problems on that page for it to show.
     */
    async savePage(
      actor: Actor,
      draftId: string | null,
      page: FormPage,
      sent: DraftBody,
      ctx: AuditContext,
    ) {
      // A new draft starts from the defaults, so later pages open already filled in.
      const before: DraftBody = draftId
        ? await drafts.open(actor, draftId)
        : (await start(actor, typeof sent.personId === 'string' ? sent.personId : '', ctx)).values;
      const values = mergePage(before, page, sent);
      const { context, staff } = await pageContext(actor, values, ctx);
      const id = await drafts.save(actor, draftId, values, ctx, `page-${page}`);
      const { errors } = problemsOf(values, staff, context.plan !== null);
      return { draftId: id, values, context, staff, errors: errorsOnPage(errors, page) };
    },

    /** The review page: the draft read as a record, and any problem left on any page. */
    async review(actor: Actor, draftId: string, ctx: AuditContext) {
      const values = await drafts.open(actor, draftId);
      const { context, staff } = await pageContext(actor, values, ctx);
      const { input, errors } = problemsOf(values, staff, context.plan !== null);
      return { context, staff, values, input, errors: errors as FieldErrors };
    },

    /** Makes the record from the draft and removes the draft, in one transaction. */
    async finish(actor: Actor, draftId: string, ctx: AuditContext): Promise<string> {
      const values = await drafts.open(actor, draftId);
      const { context, staff } = await pageContext(actor, values, ctx);
      const { input, errors } = problemsOf(values, staff, context.plan !== null);
      if (Object.keys(errors).length) throw AppError.invalidFields(errors);
      return incidents.record(actor, input, ctx, (trx, record) =>
        drafts.discardIn(trx, actor, draftId, input.personId, record),
      );
    },
  };
}
