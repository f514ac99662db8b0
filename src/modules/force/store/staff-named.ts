/** SQL for the uses of force that name a member of staff among those involved. */
import type { Db } from '../../../db/index.ts';
import { compiledOnce } from '../../../db/compiled.ts';
import type { ForceStaffEntry } from '../tables.ts';

/** A use of force a member of staff was named on: no content, only when and where. */
export interface ForceStaffNamed {
  id: string;
  unitId: string;
  at: string;
}

/** The statement, built once (compiled.ts): the learning panel runs it on every home page. */
const staffOfIncidentsSince = compiledOnce(
  (db: Db, v: { organisationId: string; sinceIso: string }) =>
    db
      .selectFrom('force_incidents')
      .innerJoin('force_interventions', 'force_interventions.incident_id', 'force_incidents.id')
      .select([
        'force_incidents.id as id',
        'force_incidents.unit_id as unit_id',
        'force_incidents.start_at as start_at',
        'force_interventions.staff as staff',
      ])
      .where('force_incidents.organisation_id', '=', v.organisationId)
      .where('force_interventions.organisation_id', '=', v.organisationId)
      .where('force_incidents.start_at', '>=', v.sinceIso)
      .orderBy('force_incidents.start_at', 'desc'),
);

const normal = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Uses of force starting at or after `sinceIso` whose interventions name this member of staff.
 * Records name staff as free text, so the match is on the display name, case and spaces
 * ignored; newest first. For support offered to the staff member.
 */
export async function listIncidentsNamingStaff(
  db: Db,
  organisationId: string,
  displayName: string,
  sinceIso: string,
): Promise<ForceStaffNamed[]> {
  const wanted = normal(displayName);
  if (wanted === '') return [];
  const rows = await staffOfIncidentsSince(db, { organisationId, sinceIso });
  const found = new Map<string, ForceStaffNamed>();
  for (const r of rows) {
    if (found.has(r.id)) continue;
    let staff: ForceStaffEntry[] = [];
    try {
      staff = JSON.parse(r.staff) as ForceStaffEntry[];
    } catch {
      continue;
    }
    if (staff.some((s) => typeof s.name === 'string' && normal(s.name) === wanted))
      found.set(r.id, { id: r.id, unitId: r.unit_id, at: r.start_at });
  }
  return [...found.values()];
}
