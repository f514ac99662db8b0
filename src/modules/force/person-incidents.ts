/**
 * One person's records of force, as a nurse's person page lists them. Guarantees: 404 unless the
 * person is in the actor's care; only records the actor may open (their units, or the whole
 * organisation for its administrator) are listed; dates, units and kinds only, no narrative.
 */
import type { Actor } from '../accounts/index.ts';
import { interventionTypes, labelOf } from './codes.ts';
import type { ForceDeps } from './deps.ts';
import { mayForce } from './policy.ts';

/** One line of the person page's list of records. */
export interface PersonIncidentLine {
  id: string;
  startAt: string;
  unitName: string;
  types: string;
}

/** Creates the person-incidents capability. */
export function createPersonIncidents(deps: ForceDeps) {
  const { db, store, directory } = deps;
  return {
    /** Records about a person the actor may open, newest first (404 if the person is not theirs to see). */
    async forPerson(actor: Actor, personId: string): Promise<PersonIncidentLine[]> {
      await directory.requirePersonVisibleTo(actor, personId);
      const org = actor.organisationId;
      const rows = (await store.incidentsOfPerson(db, org, personId)).filter((r) =>
        mayForce(actor, { kind: 'view-incident', organisationId: org, unitId: r.unit_id }),
      );
      const units = await directory.describeUnits(
        db,
        rows.map((r) => r.unit_id),
        org,
      );
      const interventions = await store.interventionsOf(
        db,
        org,
        rows.map((r) => r.id),
      );
      return rows.map((r) => ({
        id: r.id,
        startAt: r.start_at,
        unitName: units.get(r.unit_id)?.name ?? '',
        types: interventions
          .filter((i) => i.incident_id === r.id)
          .map((i) => labelOf(interventionTypes, i.type_code))
          .join('; '),
      }));
    },
  };
}
