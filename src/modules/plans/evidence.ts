/**
 * Evidence for the self-assessment: figures about plans for the people of one unit (or the
 * organisation). Plans have no unit, so the caller passes the people in scope (from the accounts
 * module's evidence). Guarantees: aggregate queries only, never a plan's words; every statement
 * names the organisation; a figure whose denominator is below EVIDENCE_MIN_DENOMINATOR has no
 * value.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { dialectOf } from '../../db/dialect.ts';
import type { EvidenceFigure, EvidenceScope, PeopleInScope } from '../../lib/evidence.ts';
import { ratioFigure } from '../../lib/evidence.ts';
import { sections } from './sections.ts';

/** An emergency look counts as reviewed on time when reviewed within this many days. */
export const EMERGENCY_REVIEW_DAYS = 7;

/** The plan section whose answers are the person's advance choices. */
const ADVANCE_SECTION = 'escalation';

/** What each plans figure counts (the assessment shows these words). */
export const plansFigureSpecs = {
  withPlan: {
    key: 'plans.with-plan',
    title: 'People with a plan',
    kind: 'share',
    definition:
      'Of the people who use the service with a Hearth account (on the unit, or in the organisation), the share who had started their own plan by the end of the period.',
    link: '/plans',
  },
  advanceChoices: {
    key: 'plans.advance-choices',
    title: 'Plans with advance choices',
    kind: 'share',
    definition:
      'Of those plans, the share whose latest version answers at least one question in "If things escalate: my choices" (medication, restraint, seclusion, searches, observation).',
    link: '/plans',
  },
  sharing: {
    key: 'plans.sharing',
    title: 'Plans shared with staff',
    kind: 'share',
    definition:
      'Of those plans, the share the person is sharing with a unit or a named member of staff today (sharing is always the person’s choice).',
    link: '/plans',
  },
  proposals: {
    key: 'plans.proposals-answered',
    title: 'Staff suggestions settled with the person',
    kind: 'share',
    definition:
      'Of the plans where staff suggested a change in the period, the share where the person accepted a suggestion or a difference of view was recorded in both voices.',
    link: '/plans',
  },
  emergencyReviewed: {
    key: 'plans.emergency-reviewed',
    title: 'Emergency looks reviewed on time',
    kind: 'share',
    definition: `Of the times in the period that staff opened a plan not shared with them (an emergency look), the share a unit manager marked reviewed within ${EMERGENCY_REVIEW_DAYS} days. Hearth sets no deadline for this review; ${EMERGENCY_REVIEW_DAYS} days is the measure used here.`,
    link: '/plans/emergency-access',
  },
} as const;

/** Creates the plans evidence functions. */
export function createPlansEvidence(deps: { db: Db }) {
  const { db } = deps;
  const advanceFields =
    sections.find((s) => s.key === ADVANCE_SECTION)?.fields.map((f) => f.name) ?? [];

  /** True (as SQL) when the version's content answers any advance-choice question. */
  function hasAdvanceChoices() {
    const postgres = dialectOf(db) === 'postgres';
    const answered = advanceFields.map((name) => {
      const value = postgres
        ? sql`(v.content::jsonb -> 'fields' ->> ${name})`
        : sql`json_extract(v.content, ${`$.fields.${name}`})`;
      return sql`coalesce(${value}, '') not in ('', '[]')`;
    });
    return answered.length > 0 ? sql.join(answered, sql` or `) : sql`1 = 0`;
  }

  return {
    /** The plans figures for the people in scope. */
    async figures(scope: EvidenceScope, people: PeopleInScope): Promise<EvidenceFigure[]> {
      const { organisationId, from, to } = scope;
      const ids = people.ids;
      const s = plansFigureSpecs;
      if (ids !== null && ids.length === 0) {
        return [
          ratioFigure(s.withPlan, 0, people.count),
          ratioFigure(s.advanceChoices, 0, 0),
          ratioFigure(s.sharing, 0, 0),
          ratioFigure(s.proposals, 0, 0),
          ratioFigure(s.emergencyReviewed, 0, 0),
        ];
      }
      const forPeople = ids === null ? sql`1 = 1` : sql`p.person_id in (${sql.join([...ids])})`;
      const plansQuery = sql<{ plans: number; advance: number; shared: number }>`
        select count(*) as plans,
          sum(case when ${hasAdvanceChoices()} then 1 else 0 end) as advance,
          sum(case when exists (select 1 from plan_shares "sh"
            where sh.organisation_id = ${organisationId} and sh.plan_id = p.id
              and sh.revoked_at is null) then 1 else 0 end) as shared
        from plans "p"
        join plan_versions "v" on v.organisation_id = p.organisation_id
          and v.plan_id = p.id and v.version = p.current_version
        where p.organisation_id = ${organisationId} and p.created_at < ${to} and ${forPeople}`;
      const proposalsQuery = sql<{ proposed: number; settled: number }>`
        select count(*) as proposed,
          sum(case when exists (select 1 from plan_proposals "a"
              where a.organisation_id = ${organisationId} and a.plan_id = p.id
                and a.status = 'accepted' and a.created_at >= ${from} and a.created_at < ${to})
            or exists (select 1 from plan_agreements "g"
              where g.organisation_id = ${organisationId} and g.plan_id = p.id
                and g.outcome = 'differ' and g.created_at >= ${from} and g.created_at < ${to})
            then 1 else 0 end) as settled
        from plans "p"
        where p.organisation_id = ${organisationId} and ${forPeople}
          and exists (select 1 from plan_proposals "q"
            where q.organisation_id = ${organisationId} and q.plan_id = p.id
              and q.created_at >= ${from} and q.created_at < ${to})`;
      const emergencyQuery = sql<{ looks: number; reviewed: number }>`
        select count(*) as looks,
          sum(case when p.reviewed_at is not null and p.reviewed_at <= p.review_due then 1 else 0 end) as reviewed
        from (select person_id, reviewed_at, ${reviewDue()} as review_due
          from plan_emergency_access
          where organisation_id = ${organisationId}
            and started_at >= ${from} and started_at < ${to}) p
        where ${forPeople}`;
      const [plans, proposals, emergency] = await Promise.all([
        plansQuery.execute(db),
        proposalsQuery.execute(db),
        emergencyQuery.execute(db),
      ]);
      const n = (v: unknown) => Number(v ?? 0);
      const pl = plans.rows[0];
      const pr = proposals.rows[0];
      const em = emergency.rows[0];
      const planCount = n(pl?.plans);
      return [
        ratioFigure(s.withPlan, planCount, people.count),
        ratioFigure(s.advanceChoices, n(pl?.advance), planCount),
        ratioFigure(s.sharing, n(pl?.shared), planCount),
        ratioFigure(s.proposals, n(pr?.settled), n(pr?.proposed)),
        ratioFigure(s.emergencyReviewed, n(em?.reviewed), n(em?.looks)),
      ];
    },
  };

  /** The instant a review falls due, as SQL text comparable with the stored ISO times. */
  function reviewDue() {
    return dialectOf(db) === 'postgres'
      ? sql`to_char((started_at::timestamptz + ${sql.raw(`interval '${EMERGENCY_REVIEW_DAYS} days'`)}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : sql`strftime('%Y-%m-%dT%H:%M:%fZ', started_at, ${`+${EMERGENCY_REVIEW_DAYS} days`})`;
  }
}

/** The plans evidence functions. */
export type PlansEvidence = ReturnType<typeof createPlansEvidence>;
