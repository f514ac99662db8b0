/**
 * Everything a plan's page (and its printable copy) shows: the subject, the partners' co-signs
 * and disagreements beside the plan, each action with its owner, due day, principle or goal,
 * measure, progress history and what partners said about it, what changed since a co-sign, the
 * change in each measure at a later round, and each goal's chart.
 */
import type { Actor } from '../../lib/actor.ts';
import { dayInWords, dayOf } from './days.ts';
import type { ImprovementDeps } from './deps.ts';
import { goalStatusText } from './goals.ts';
import type { createGoals } from './goals.ts';
import type { PlanAccess } from './plans.ts';
import { mayImprovement } from './policy.ts';
import { threadsOf } from './reviews.ts';
import { subjectKindLabels } from './subjects.ts';

const kindWords = { cosign: 'Co-signed', disagree: 'Disagrees', comment: 'Comment' } as const;

/** Creates the plan-page capability. */
export function createPlanPage(
  deps: ImprovementDeps,
  access: PlanAccess,
  goals: ReturnType<typeof createGoals>,
) {
  const { db, store, clock } = deps;
  return {
    /** The plan page's data (404 unless the actor may see the plan). */
    async view(actor: Actor, planId: string) {
      const plan = await access.planFor(actor, planId, 'view');
      const scope = access.scopeOf(plan);
      const subject = await access.subjectOf(actor, plan);
      const [actions, updates, reviews, goalRows] = await Promise.all([
        store.listActions(db, actor.organisationId, plan.id),
        store.listUpdates(db, actor.organisationId, plan.id),
        store.listReviews(db, actor.organisationId, plan.id),
        store.listGoals(db, actor.organisationId, plan.id),
      ]);
      const goalHistory = await store.listGoalVersions(
        db,
        actor.organisationId,
        goalRows.map((g) => g.id),
      );
      const today = dayOf(clock());
      const threads = threadsOf(reviews);
      const said = (about: string) =>
        (threads.get(about) ?? []).map((t) => ({
          partnerName: t.partnerName,
          kind: t.current.kind,
          kindText: kindWords[t.current.kind],
          text: t.current.text,
          on: dayInWords(t.current.created_at.slice(0, 10)),
          version: t.current.plan_version,
          earlier: t.earlier.map((e) => ({
            kindText: kindWords[e.kind],
            text: e.text,
            on: dayInWords(e.created_at.slice(0, 10)),
          })),
        }));
      // The latest plan-level co-sign: anything changed after it is marked.
      const lastSign = [...reviews]
        .reverse()
        .find((r) => r.about_kind === 'plan' && r.kind === 'cosign');
      const signedAt = lastSign?.created_at ?? null;
      const labels = new Map<string, string>([
        ...subject.links.map((l) => [l.key, l.label] as [string, string]),
        ...goalRows.map((g) => [`goal:${g.id}`, `Goal: ${g.title}`] as [string, string]),
      ]);
      const measureLabels = new Map<string, string>([
        ...subject.measures.map((m) => [`${m.kind}:${m.key}`, m.label] as [string, string]),
        ...goalRows.map((g) => [`goal:${g.id}`, `Goal: ${g.title}`] as [string, string]),
      ]);
      const measured = actions.flatMap((a) =>
        a.measure_kind && a.measure_key ? [{ kind: a.measure_kind, key: a.measure_key }] : [],
      );
      const comparison =
        measured.length &&
        deps.subjects.assessment_round?.compare &&
        plan.subject_kind === 'assessment_round'
          ? await deps.subjects.assessment_round
              .compare(actor, plan.subject_id, measured)
              .catch(() => null)
          : null;
      // A ward's plan shows the themes learned with people after force (counts only).
      const learningThemes =
        plan.subject_kind === 'ward_reduction' && deps.forceLearning
          ? await deps.forceLearning.themeFigures(actor, plan.subject_id)
          : null;
      return {
        learningThemes,
        plan: {
          id: plan.id,
          title: plan.title,
          kind: subjectKindLabels[plan.subject_kind],
          isReduction: plan.subject_kind !== 'assessment_round',
          version: plan.version,
          changedOn: dayInWords(plan.changed_at.slice(0, 10)),
        },
        subject: { title: subject.title, href: subject.href },
        may: {
          edit: mayImprovement(actor, { kind: 'edit', plan: scope }),
          review: mayImprovement(actor, { kind: 'review', plan: scope }),
        },
        signed: lastSign
          ? {
              partnerName: lastSign.partner_name,
              on: dayInWords(lastSign.created_at.slice(0, 10)),
              version: lastSign.plan_version,
              changedSince: plan.version > lastSign.plan_version,
            }
          : null,
        planSaid: said('plan'),
        comparison: comparison ? { title: comparison.title } : null,
        actions: actions.map((a) => {
          const key = a.measure_kind ? `${a.measure_kind}:${a.measure_key}` : null;
          return {
            id: a.id,
            what: a.what,
            ownerName: a.owner_name,
            ownerId: a.owner_id,
            dueOn: a.due_on,
            due: dayInWords(a.due_on),
            done: a.status === 'done',
            overdue: a.status === 'open' && a.due_on < today,
            link: a.link_key ? (labels.get(a.link_key) ?? 'A principle or goal') : null,
            linkKey: a.link_key,
            measure: key ? (measureLabels.get(key) ?? 'A measure from the self-assessment') : null,
            change: key ? (comparison?.changes.get(key) ?? null) : null,
            changedSinceSigned: signedAt !== null && a.changed_at > signedAt,
            mayProgress: mayImprovement(actor, {
              kind: 'progress',
              plan: scope,
              ownerId: a.owner_id,
            }),
            updates: updates
              .filter((u) => u.action_id === a.id)
              .map((u) => ({ on: dayInWords(u.on_date), note: u.note, by: u.author_name })),
            said: said(`action:${a.id}`),
          };
        }),
        goals: (await goals.withCharts(actor, plan, goalRows)).map((g) => {
          const row = goalRows.find((r) => r.id === g.id);
          const lastSaved = row?.changed_at ?? row?.created_at ?? '';
          return {
            ...g,
            targetOnWords: dayInWords(g.targetOn),
            changedSinceSigned: signedAt !== null && lastSaved > signedAt,
            // Added (version 1) or changed since the co-sign: the words on the mark differ.
            changedWords:
              (row?.version ?? 1) > 1 ? 'Changed since co-signed' : 'Added since co-signed',
            earlier: goalHistory
              .filter((h) => h.goal_id === g.id)
              .map((h) => ({
                version: h.version,
                title: h.title,
                target: h.target,
                targetOn: dayInWords(h.target_on),
                status: goalStatusText[h.status],
                replacedBy: h.replaced_by_name,
                replacedOn: dayInWords(h.replaced_at.slice(0, 10)),
              })),
            said: said(`goal:${g.id}`),
          };
        }),
        links: [
          ...subject.links.map((l) => ({ value: l.key, text: l.label })),
          ...goalRows.map((g) => ({ value: `goal:${g.id}`, text: `Goal: ${g.title}` })),
        ],
        measures: [
          ...subject.measures.map((m) => ({ value: `${m.kind}:${m.key}`, text: m.label })),
          ...goalRows.map((g) => ({ value: `goal:${g.id}`, text: `Goal: ${g.title}` })),
        ],
        today,
      };
    },
  };
}

/** The plan page's data. */
export type PlanView = Awaited<ReturnType<ReturnType<typeof createPlanPage>['view']>>;
