/**
 * Amending a record, shared by the form and the import. Guarantees: the version before is kept
 * whole with the reason, the retention date never moves earlier, and the dashboards move from
 * the old figures to the new in the same transaction as the change and its audit event.
 */
import type { Db } from '../../db/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { ForceDeps } from './deps.ts';
import type { CharacteristicsSnapshot } from './records.ts';
import { FREE_TEXT_FIELDS } from './incident-details.ts';
import { RETENTION_YEARS, incidentRow, interventionRows } from './records.ts';
import { addIncident, emptyDeltas } from './rollups.ts';
import type { RollupDeltas } from './rollups.ts';
import { evidenceKeysOf } from './store/evidence-month.ts';
import type { ForceIncidentsTable } from './tables.ts';
import { addYears } from './time.ts';
import type { IncidentInput } from './validate.ts';

/**
 * Amends a record. With `deltas` (the import) it runs in the caller's transaction, adds to the
 * caller's deltas and leaves the audit to the caller; without, it runs and audits on its own.
 */
export type AmendInTransaction = (
  conn: Db,
  actorId: string | null,
  before: ForceIncidentsTable,
  input: IncidentInput,
  reason: string,
  ctx: AuditContext,
  deltas?: RollupDeltas,
) => Promise<void>;

/** Creates the amend step. */
export function createAmend(deps: ForceDeps): AmendInTransaction {
  const { store, audit, clock } = deps;

  return async function amendInTransaction(conn, actorId, before, input, reason, ctx, deltas) {
    const org = before.organisation_id;
    const oldInterventions = await store.interventionsOf(conn, org, [before.id]);
    const at = toIso(clock());
    const keepUntil = addYears(at, RETENTION_YEARS);
    const after = incidentRow(input, {
      id: before.id,
      organisationId: org,
      localId: before.local_id,
      snapshot: JSON.parse(before.characteristics) as CharacteristicsSnapshot,
      mentalDisorder: before.mental_disorder,
      legalStatus: before.legal_status,
      plan: before.plan_id ? { id: before.plan_id, version: before.plan_version ?? 0 } : null,
      recordedBy: before.recorded_by,
      recordedAt: before.recorded_at,
      updatedAt: at,
      version: before.version + 1,
      retainUntil: before.retain_until > keepUntil ? before.retain_until : keepUntil,
      source: before.source,
      accountStatus: before.account_status,
      accountHelperId: before.account_helper_id,
    });
    // A source that does not ask about calm-down methods (an older CSV) leaves the answers kept.
    if (input.calmDown === undefined) {
      after.calm_down_offered = before.calm_down_offered;
      after.calm_down_methods = before.calm_down_methods;
      after.others_reassured = before.others_reassured;
    }
    // A release for the person to read stands only while what staff wrote is unchanged.
    if (FREE_TEXT_FIELDS.every(([field]) => before[field] === after[field])) {
      after.person_view_released_at = before.person_view_released_at;
      after.person_view_released_by = before.person_view_released_by;
    }
    const children = interventionRows(
      org,
      before.id,
      input.reasonCode,
      input.interventions,
      oldInterventions,
    );
    const change = async (trx: Db, d: RollupDeltas) => {
      await store.insertAmendment(trx, {
        id: newId(),
        organisation_id: org,
        incident_id: before.id,
        version: before.version,
        amended_at: at,
        amended_by: actorId,
        reason,
        previous: JSON.stringify({ incident: before, interventions: oldInterventions }),
      });
      await store.deleteChildrenOf(trx, org, before.id);
      await store.updateIncident(trx, after);
      await store.insertInterventions(trx, children.interventions);
      addIncident(d, before, oldInterventions, -1);
      addIncident(d, after, children.interventions, 1);
    };
    if (deltas) {
      await change(conn, deltas);
      return;
    }
    await audit.audited(conn, ctx, async (trx, record) => {
      const d = emptyDeltas();
      await change(trx, d);
      await store.applyDeltas(trx, d);
      // An import recounts its months once at the end instead (see import-csv.ts).
      await store.recountEvidenceMonths(trx, org, evidenceKeysOf([before, after]));
      await record({
        organisationId: org,
        action: 'force.amend',
        recordType: 'force_incident',
        recordId: before.id,
        subjectPersonId: before.person_id,
        detail: { version: after.version },
      });
    });
  };
}
