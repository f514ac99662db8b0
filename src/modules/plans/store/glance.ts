/**
 * The reads of a plan at a glance, built once per database handle (src/db/compiled.ts): the page
 * is opened often at handover, and the SQL of each read is the same every time. store.ts keeps
 * the functions that call them, with their signatures unchanged.
 */
import type { Db } from '../../../db/index.ts';
import { compiledOnce } from '../../../db/compiled.ts';

/** One plan of an organisation by id. */
export const planById = compiledOnce((db: Db, v: { organisationId: string; id: string }) =>
  db
    .selectFrom('plans')
    .selectAll()
    .where('organisation_id', '=', v.organisationId)
    .where('id', '=', v.id),
);

/** A plan's shares, oldest first. */
export const sharesOfPlan = compiledOnce((db: Db, v: { organisationId: string; planId: string }) =>
  db
    .selectFrom('plan_shares')
    .selectAll()
    .where('organisation_id', '=', v.organisationId)
    .where('plan_id', '=', v.planId)
    .orderBy('created_at'),
);

/** Emergency access to a plan granted to one member of staff. */
export const grantsOfActor = compiledOnce(
  (db: Db, v: { organisationId: string; planId: string; actorId: string }) =>
    db
      .selectFrom('plan_emergency_access')
      .selectAll()
      .where('organisation_id', '=', v.organisationId)
      .where('plan_id', '=', v.planId)
      .where('actor_id', '=', v.actorId),
);

/** One version of a plan. */
export const versionOfPlan = compiledOnce(
  (db: Db, v: { organisationId: string; planId: string; version: number }) =>
    db
      .selectFrom('plan_versions')
      .selectAll()
      .where('organisation_id', '=', v.organisationId)
      .where('plan_id', '=', v.planId)
      .where('version', '=', v.version),
);

/** A plan's latest agreement (the highest sequence number). */
export const latestAgreementOf = compiledOnce(
  (db: Db, v: { organisationId: string; planId: string }) =>
    db
      .selectFrom('plan_agreements')
      .selectAll()
      .where('organisation_id', '=', v.organisationId)
      .where('plan_id', '=', v.planId)
      .orderBy('seq', 'desc')
      .limit(1),
);
