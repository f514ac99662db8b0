/**
 * The monthly rollup behind the register's evidence for the self-assessment (issue 12, evidence
 * without a cache): plan choices known, debriefs and reviews on time, per unit and for the whole
 * organisation (unit ''), so a year's figures read a few rows instead of every incident and
 * review. Months are the UTC month of the incident's start and of the review's due time, the
 * same days the direct query counts. Filled here from the rows already stored; from then on the
 * force module recounts the months a write touches in the same transaction. Depends only on
 * migration 0005.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('force_evidence_month')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('with_plan', 'integer', (c) => c.notNull())
    .addColumn('plan_known_yes', 'integer', (c) => c.notNull())
    .addColumn('debriefs_due', 'integer', (c) => c.notNull())
    .addColumn('debriefs_on_time', 'integer', (c) => c.notNull())
    .addColumn('reviews_due', 'integer', (c) => c.notNull())
    .addColumn('reviews_on_time', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('force_evidence_month_pk', ['organisation_id', 'unit_id', 'month'])
    .execute();
  // The same counts as src/modules/force/store/evidence-month.ts, over every row (written out
  // here because a migration must not change when the module's code does).
  await sql`insert into force_evidence_month (organisation_id, unit_id, month, with_plan,
      plan_known_yes, debriefs_due, debriefs_on_time, reviews_due, reviews_on_time)
    select organisation_id, unit_id, month, sum(with_plan), sum(plan_known_yes),
      sum(debriefs_due), sum(debriefs_on_time), sum(reviews_due), sum(reviews_on_time)
    from (
      select organisation_id, unit_id, substr(start_at, 1, 7) as month,
        case when plan_known <> 'no_plan' then 1 else 0 end as with_plan,
        case when plan_known = 'yes' then 1 else 0 end as plan_known_yes,
        0 as debriefs_due, 0 as debriefs_on_time, 0 as reviews_due, 0 as reviews_on_time
      from force_incidents
      union all
      select organisation_id, unit_id, substr(due_at, 1, 7), 0, 0,
        case when kind in ('immediate_debrief', 'staff_debrief') then 1 else 0 end,
        case when kind in ('immediate_debrief', 'staff_debrief')
          and completed_at is not null and completed_at <= due_at then 1 else 0 end,
        case when kind in ('immediate_debrief', 'staff_debrief') then 0 else 1 end,
        case when kind not in ('immediate_debrief', 'staff_debrief')
          and completed_at is not null and completed_at <= due_at then 1 else 0 end
      from force_reviews
    ) counted
    group by organisation_id, unit_id, month`.execute(db);
  await sql`insert into force_evidence_month (organisation_id, unit_id, month, with_plan,
      plan_known_yes, debriefs_due, debriefs_on_time, reviews_due, reviews_on_time)
    select organisation_id, '', month, sum(with_plan), sum(plan_known_yes), sum(debriefs_due),
      sum(debriefs_on_time), sum(reviews_due), sum(reviews_on_time)
    from force_evidence_month
    group by organisation_id, month`.execute(db);
}
