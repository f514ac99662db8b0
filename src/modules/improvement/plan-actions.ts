/**
 * A plan's actions and their progress. Guarantees: only someone who may change the plan adds or
 * changes an action, and the owner must be an account of the plan's organisation that may own
 * actions; a new or changed due day is today or later (an unchanged one may have passed); the
 * measure and principle must be ones the subject offers; progress is added by an editor or the
 * action's owner and never changed, so its history stays; every change makes the plan's version
 * go up, so a co-sign shows the plan has changed since; each write is audited, all or nothing.
 */
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { AppError } from '../../lib/app-error.ts';
import type { FieldErrors } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { dayOf } from './days.ts';
import type { ImprovementDeps } from './deps.ts';
import type { PlanAccess } from './plans.ts';
import { mayImprovement, mayOwnActions } from './policy.ts';
import type { ActionInput, ProgressInput } from './schema.ts';
import type { ImprovementPlansTable } from './tables.ts';

/** Creates the plan-actions capability. */
export function createPlanActions(deps: ImprovementDeps, access: PlanAccess) {
  const { db, store, audit, clock, directory } = deps;

  /** Who may own an action of this plan: the organisation's staff, and the person drafting. */
  async function ownerChoices(actor: Actor) {
    const owners = (await directory.ownersIn(actor.organisationId)).filter((o) =>
      mayOwnActions(o.role),
    );
    if (!owners.some((o) => o.id === actor.id))
      owners.push({ id: actor.id, displayName: actor.displayName, role: actor.role });
    return owners.sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** Checks an action against the plan's subject; field messages for anything not offered. */
  async function checked(
    actor: Actor,
    plan: ImprovementPlansTable,
    input: ActionInput,
    previousDue: string | null,
  ) {
    const errors: FieldErrors = {};
    const owner = (await ownerChoices(actor)).find((o) => o.id === input.ownerId);
    if (!owner) errors.ownerId = 'Choose who owns this action from the list';
    const today = dayOf(clock());
    if (input.dueOn !== previousDue && input.dueOn < today)
      errors.dueOn = 'Choose today or a later day for when it is due';
    const subject = await access.subjectOf(actor, plan);
    const goals = await store.listGoals(db, actor.organisationId, plan.id);
    const links = [...subject.links.map((l) => l.key), ...goals.map((g) => `goal:${g.id}`)];
    if (input.linkKey && !links.includes(input.linkKey))
      errors.linkKey = 'Choose a principle or goal from the list';
    const measures = [
      ...subject.measures.map((m) => `${m.kind}:${m.key}`),
      ...goals.map((g) => `goal:${g.id}`),
    ];
    if (input.measure && !measures.includes(input.measure))
      errors.measure = 'Choose a measure from the list';
    if (Object.keys(errors).length) throw AppError.invalidFields(errors);
    const [kind, ...rest] = (input.measure ?? '').split(':');
    return {
      owner: owner as { id: string; displayName: string },
      measure: input.measure ? { kind: kind as string, key: rest.join(':') } : null,
    };
  }

  return {
    ownerChoices,

    /** Adds an action to a plan. */
    async add(actor: Actor, planId: string, input: ActionInput, ctx: AuditContext) {
      const plan = await access.planFor(actor, planId, 'edit');
      const { owner, measure } = await checked(actor, plan, input, null);
      return audit.audited(db, ctx, async (trx, record) => {
        const id = newId();
        const now = toIso(clock());
        await store.insertAction(trx, {
          id,
          organisation_id: actor.organisationId,
          plan_id: plan.id,
          what: input.what,
          owner_id: owner.id,
          owner_name: owner.displayName,
          due_on: input.dueOn,
          link_key: input.linkKey ?? null,
          measure_kind: measure?.kind ?? null,
          measure_key: measure?.key ?? null,
          status: 'open',
          created_at: now,
          changed_at: now,
        });
        await store.bumpPlan(trx, actor.organisationId, plan.id, now);
        await record({
          organisationId: actor.organisationId,
          action: 'improvement.action_add',
          recordType: 'improvement_action',
          recordId: id,
        });
        return id;
      });
    },

    /** One action with what its edit form needs (404 unless the actor may change the plan). */
    async forEdit(actor: Actor, planId: string, actionId: string) {
      const plan = await access.planFor(actor, planId, 'edit');
      const action = await store.findAction(db, actor.organisationId, plan.id, actionId);
      if (!action) throw AppError.notFound();
      return { plan, action };
    },

    /** Changes an action (what, owner, due day, principle, measure, done or not). */
    async change(
      actor: Actor,
      planId: string,
      actionId: string,
      input: ActionInput,
      ctx: AuditContext,
    ) {
      const plan = await access.planFor(actor, planId, 'edit');
      const old = await store.findAction(db, actor.organisationId, plan.id, actionId);
      if (!old) throw AppError.notFound();
      const { owner, measure } = await checked(actor, plan, input, old.due_on);
      await audit.audited(db, ctx, async (trx, record) => {
        const now = toIso(clock());
        await store.updateAction(trx, actor.organisationId, old.id, {
          what: input.what,
          owner_id: owner.id,
          owner_name: owner.displayName,
          due_on: input.dueOn,
          link_key: input.linkKey ?? null,
          measure_kind: measure?.kind ?? null,
          measure_key: measure?.key ?? null,
          status: input.status ?? old.status,
          changed_at: now,
        });
        await store.bumpPlan(trx, actor.organisationId, plan.id, now);
        await record({
          organisationId: actor.organisationId,
          action: 'improvement.action_change',
          recordType: 'improvement_action',
          recordId: old.id,
        });
      });
    },

    /** Adds a dated progress note to an action (an editor of the plan, or the action's owner). */
    async progress(
      actor: Actor,
      planId: string,
      actionId: string,
      input: ProgressInput,
      ctx: AuditContext,
    ) {
      const plan = await access.planFor(actor, planId, 'view');
      const action = await store.findAction(db, actor.organisationId, plan.id, actionId);
      if (
        !action ||
        !mayImprovement(actor, {
          kind: 'progress',
          plan: access.scopeOf(plan),
          ownerId: action.owner_id,
        })
      )
        throw AppError.notFound();
      if (input.onDate > dayOf(clock()))
        throw AppError.invalid(
          'onDate',
          'Progress is about what has happened: choose today or an earlier day',
        );
      return audit.audited(db, ctx, async (trx, record) => {
        const id = newId();
        await store.insertUpdate(trx, {
          id,
          organisation_id: actor.organisationId,
          plan_id: plan.id,
          action_id: action.id,
          on_date: input.onDate,
          note: input.note,
          author_id: actor.id,
          author_name: actor.displayName,
          created_at: toIso(clock()),
        });
        await record({
          organisationId: actor.organisationId,
          action: 'improvement.progress',
          recordType: 'improvement_action',
          recordId: action.id,
        });
        return id;
      });
    },
  };
}
