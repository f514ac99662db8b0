/** Shows a plan page, with one of its forms' errors and typed values when a sending failed. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../lib/app-error.ts';
import { errorList } from '../../../web/forms.ts';
import { actorOf } from '../../../web/server.ts';
import type { ImprovementService } from '../service.ts';

/** Which form on the page failed, its field messages and what was typed. */
export interface PageForm {
  /** 'action', 'goal', 'review' or `progress-${actionId}`: the prefix of its field ids. */
  form: string;
  errors: FieldErrors;
  values: Record<string, unknown>;
}

const savedWords: Record<string, string> = {
  drafted: 'The plan is ready for its first action.',
  action: 'The action is added.',
  changed: 'The action is changed.',
  progress: 'The progress note is added.',
  goal: 'The goal is added.',
  review: 'Thank you. What you said is kept beside the plan.',
};

/** Renders the plan page (or its printable copy) for the signed-in person. */
export async function renderPlan(
  request: FastifyRequest,
  reply: FastifyReply,
  improvement: ImprovementService,
  planId: string,
  options: { print?: boolean; failed?: PageForm; saved?: string } = {},
) {
  const actor = actorOf(request);
  const view = await improvement.page.view(actor, planId);
  const failed = options.failed;
  // Field ids carry the form's prefix, so the error summary's links land on the right field.
  const errors: FieldErrors = {};
  for (const [field, text] of Object.entries(failed?.errors ?? {}))
    errors[`${failed?.form}-${field}`] = text;
  const owners = view.may.edit ? await improvement.actions.ownerChoices(actor) : [];
  return reply.page(options.print ? 'improvement/views/print.njk' : 'improvement/views/plan.njk', {
    title: view.plan.title,
    view,
    owners: owners.map((o) => ({ value: o.id, text: o.displayName })),
    failedForm: failed?.form ?? null,
    values: failed?.values ?? {},
    errors,
    errorList: errorList(errors),
    notice: options.saved ? (savedWords[options.saved] ?? null) : null,
  });
}
