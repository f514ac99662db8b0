/**
 * What a unit manager sees of their staff's supervision, support and wellbeing: counts only,
 * for their own units (administrators: any unit of their organisation), with small numbers not
 * shown. Looking is audited.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { LearningDeps } from './deps.ts';
import { mayLearning } from './policy.ts';
import type { createSupervision } from './supervision.ts';
import type { createSupport } from './support.ts';
import type { createWellbeing } from './wellbeing.ts';

/** Creates the unit wellbeing summary. */
export function createUnitWellbeing(
  deps: LearningDeps,
  parts: {
    supervision: ReturnType<typeof createSupervision>;
    support: ReturnType<typeof createSupport>;
    wellbeing: ReturnType<typeof createWellbeing>;
  },
) {
  const { db, store, audit } = deps;
  return {
    /** The units the actor may look at. */
    async units(actor: Actor) {
      if (!mayLearning(actor, { kind: 'see-grid' })) throw AppError.notFound();
      const units = await store.listUnits(db, actor.organisationId);
      return units.filter((u) =>
        mayLearning(actor, {
          kind: 'see-unit',
          unitOrganisationId: actor.organisationId,
          unitId: u.id,
        }),
      );
    },

    /** One unit's counts. @throws AppError not found for a unit the actor may not see */
    async summary(actor: Actor, unitId: string, ctx: AuditContext) {
      const units = await this.units(actor);
      const unit = units.find((u) => u.id === unitId);
      if (!unit) throw AppError.notFound();
      const [supervision, support, trend] = await Promise.all([
        parts.supervision.unitCounts(actor.organisationId, unitId),
        parts.support.unitCounts(actor.organisationId, unitId),
        parts.wellbeing.trend(actor.organisationId, unitId),
      ]);
      await audit.audited(db, ctx, async (_trx, record) => {
        await record({
          organisationId: actor.organisationId,
          action: 'learning.wellbeing_view',
          recordType: 'unit',
          recordId: unitId,
        });
      });
      return { unit, units, supervision, support, trend };
    },
  };
}
