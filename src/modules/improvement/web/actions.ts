/** Adding and changing a plan's actions, progress notes, and goals of reduction plans. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList, handleForm, parseForm } from '../../../web/forms.ts';
import { submitOnce } from '../../../web/form-once.ts';
import { actorOf, auditContextOf } from '../../../web/server.ts';
import { actionSchema, goalChangeSchema, goalSchema, progressSchema } from '../schema.ts';
import type { ImprovementService } from '../service.ts';
import { renderPlan } from './render.ts';

type Params = {
  improvementPlanId: string;
  improvementActionId?: string;
  improvementGoalId?: string;
};
const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

/** Registers the action, progress and goal routes. */
export function registerActionRoutes(
  app: FastifyInstance,
  deps: { improvement: ImprovementService },
) {
  const { improvement } = deps;
  const planUrl = (id: string) => `/improvement/plans/${encodeURIComponent(id)}`;

  /** A form on the plan page: the plan is checked first (404), then the form. */
  function planForm(
    form: (p: Params) => string,
    check: (request: FastifyRequest, p: Params) => Promise<unknown>,
    act: (request: FastifyRequest, p: Params) => Promise<string>,
  ) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const p = request.params as Params;
      await check(request, p);
      return submitOnce(request, reply, () =>
        handleForm(
          reply,
          async () => {
            const saved = await act(request, p);
            return reply.redirect(`${planUrl(p.improvementPlanId)}?saved=${saved}#${form(p)}`, 303);
          },
          {
            invalid: (errors) =>
              renderPlan(request, reply, improvement, p.improvementPlanId, {
                failed: { form: form(p), errors, values: bodyOf(request) },
              }),
          },
        ),
      );
    };
  }

  const viewPlan = (request: FastifyRequest, p: Params) =>
    improvement.plans.check(actorOf(request), p.improvementPlanId, 'view');
  const editPlan = (request: FastifyRequest, p: Params) =>
    improvement.plans.check(actorOf(request), p.improvementPlanId, 'edit');

  app.post(
    '/improvement/plans/:improvementPlanId/actions',
    planForm(
      () => 'action',
      editPlan,
      async (request, p) => {
        const input = parseForm(actionSchema, request.body);
        await improvement.actions.add(
          actorOf(request),
          p.improvementPlanId,
          input,
          auditContextOf(request),
        );
        return 'action';
      },
    ),
  );

  app.post(
    '/improvement/plans/:improvementPlanId/actions/:improvementActionId/progress',
    planForm(
      (p) => `progress-${p.improvementActionId}`,
      viewPlan,
      async (request, p) => {
        const input = parseForm(progressSchema, request.body);
        await improvement.actions.progress(
          actorOf(request),
          p.improvementPlanId,
          p.improvementActionId ?? '',
          input,
          auditContextOf(request),
        );
        return 'progress';
      },
    ),
  );

  app.post(
    '/improvement/plans/:improvementPlanId/goals',
    planForm(
      () => 'goal',
      editPlan,
      async (request, p) => {
        const input = parseForm(goalSchema, request.body);
        await improvement.goals.add(
          actorOf(request),
          p.improvementPlanId,
          input,
          auditContextOf(request),
        );
        return 'goal';
      },
    ),
  );

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    p: Params,
    failed: { errors: FieldErrors; values: Record<string, unknown> } | null,
  ) {
    const actor = actorOf(request);
    const { action } = await improvement.actions.forEdit(
      actor,
      p.improvementPlanId,
      p.improvementActionId ?? '',
    );
    const view = await improvement.page.view(actor, p.improvementPlanId);
    const owners = await improvement.actions.ownerChoices(actor);
    const errors = failed?.errors ?? {};
    return reply.page('improvement/views/action-edit.njk', {
      title: 'Change an action',
      view,
      actionId: action.id,
      owners: owners.map((o) => ({ value: o.id, text: o.displayName })),
      values: failed?.values ?? {
        what: action.what,
        ownerId: action.owner_id,
        dueOn: action.due_on,
        linkKey: action.link_key ?? '',
        measure: action.measure_kind ? `${action.measure_kind}:${action.measure_key}` : '',
        status: action.status,
      },
      errors,
      errorList: errorList(errors),
    });
  }

  async function renderGoalEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    p: Params,
    failed: { errors: FieldErrors; values: Record<string, unknown>; conflict?: string } | null,
  ) {
    const { plan, goal, history } = await improvement.goals.forEdit(
      actorOf(request),
      p.improvementPlanId,
      p.improvementGoalId ?? '',
    );
    const errors = failed?.errors ?? {};
    return reply.page('improvement/views/goal-edit.njk', {
      title: 'Change a goal',
      planId: plan.id,
      planTitle: plan.title,
      goalId: goal.id,
      // After a conflict the form names the stored version, so saving again is deliberate.
      version: goal.version,
      history,
      conflict: failed?.conflict ?? null,
      values:
        failed && !failed.conflict
          ? failed.values
          : {
              title: goal.title,
              measure: goal.measure,
              target: goal.target === null ? '' : String(goal.target),
              targetOn: goal.target_on,
              status: goal.status,
            },
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/improvement/plans/:improvementPlanId/goals/:improvementGoalId', (request, reply) =>
    renderGoalEdit(request, reply, request.params as Params, null),
  );

  app.post(
    '/improvement/plans/:improvementPlanId/goals/:improvementGoalId',
    async (request, reply) => {
      const p = request.params as Params;
      await improvement.goals.forEdit(
        actorOf(request),
        p.improvementPlanId,
        p.improvementGoalId ?? '',
      );
      return handleForm(
        reply,
        async () => {
          const input = parseForm(goalChangeSchema, request.body);
          await improvement.goals.change(
            actorOf(request),
            p.improvementPlanId,
            p.improvementGoalId ?? '',
            input,
            auditContextOf(request),
          );
          return reply.redirect(
            `${planUrl(p.improvementPlanId)}?saved=changed#goal-${encodeURIComponent(p.improvementGoalId ?? '')}`,
            303,
          );
        },
        {
          invalid: (errors) =>
            renderGoalEdit(request, reply, p, { errors, values: bodyOf(request) }),
          conflict: (message) =>
            renderGoalEdit(request, reply, p, { errors: {}, values: {}, conflict: message }),
        },
      );
    },
  );

  app.get('/improvement/plans/:improvementPlanId/actions/:improvementActionId', (request, reply) =>
    renderEdit(request, reply, request.params as Params, null),
  );

  app.post(
    '/improvement/plans/:improvementPlanId/actions/:improvementActionId',
    async (request, reply) => {
      const p = request.params as Params;
      await improvement.actions.forEdit(
        actorOf(request),
        p.improvementPlanId,
        p.improvementActionId ?? '',
      );
      return handleForm(
        reply,
        async () => {
          const input = parseForm(actionSchema, request.body);
          await improvement.actions.change(
            actorOf(request),
            p.improvementPlanId,
            p.improvementActionId ?? '',
            input,
            auditContextOf(request),
          );
          return reply.redirect(`${planUrl(p.improvementPlanId)}?saved=changed`, 303);
        },
        { invalid: (errors) => renderEdit(request, reply, p, { errors, values: bodyOf(request) }) },
      );
    },
  );
}
