/**
 * Organisation set-up, composed from one file per capability: units, staff roles and units, the
 * staff list import, and the set-up checklist. Every change is audited in its own transaction.
 */
import { createChecklist } from './checklist.ts';
import type { OrganisationDeps, SetupStep } from './deps.ts';
import { createStaff } from './staff.ts';
import { createStaffImport } from './staff-import.ts';
import { createUnits } from './units.ts';

/** Creates the set-up service; `steps` is the checklist in the order the home page shows it. */
export function createOrganisationService(
  deps: OrganisationDeps & { steps: readonly SetupStep[] },
) {
  return {
    /** Wards and community teams: add, rename, change beds, close. */
    units: createUnits(deps),
    /** A member of staff's role and units. */
    staff: createStaff(deps),
    /** Adding staff from an electronic staff record export (preview, then all or none). */
    staffImport: createStaffImport(deps),
    /** The set-up checklist on the administrator's home page. */
    checklist: createChecklist(deps.steps),
  };
}

/** The set-up service's functions. */
export type OrganisationService = ReturnType<typeof createOrganisationService>;
