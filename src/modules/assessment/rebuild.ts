/**
 * `hearth assessment rebuild-aggregates`: counts every round's aggregates again from its
 * responses (aggregates.ts). Needed once for rounds answered before migration 0032; until then
 * their results are worked out from the raw responses, so nothing is wrong, only slower.
 */
import { acrossOrganisations } from '../../db/tenancy.ts';
import type { AssessmentDeps } from './deps.ts';

/** Creates the rebuild capability (command line only: no one is signed in). */
export function createAggregateRebuild(deps: AssessmentDeps) {
  const { db, store, audit } = deps;
  return {
    /** Rebuilds every round's counts, one round per transaction; returns how many rounds. */
    async rebuildAll(): Promise<number> {
      const rounds = await acrossOrganisations(
        'the operator rebuilds every organisation’s counts',
        () => db.selectFrom('assessment_rounds').select(['id', 'organisation_id']).execute(),
      );
      for (const round of rounds) {
        await audit.audited(db, { actor: null, ip: null }, async (trx, record) => {
          await store.rebuildAggregates(trx, round.organisation_id, round.id);
          await record({
            organisationId: round.organisation_id,
            action: 'assessment.aggregates_rebuilt',
            recordType: 'assessment_round',
            recordId: round.id,
            detail: {},
          });
        });
      }
      return rounds.length;
    },
  };
}
