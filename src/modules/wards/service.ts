/** The wards service: shift reports and the ward's figures, one namespace per capability. */
import type { WardsDeps } from './deps.ts';
import { createWardFigures } from './figures.ts';
import { createShiftReports } from './shift-reports.ts';

/** Creates the wards service. */
export function createWardsService(deps: WardsDeps) {
  return {
    /** Conflict and containment counts, once per shift. */
    shiftReports: createShiftReports(deps),
    /** A ward's figures for its manager. */
    figures: createWardFigures(deps),
    /** The wards (not community teams) the actor works on, for the wards page. */
    async wardsOf(actor: Parameters<WardsDeps['directory']['unitsOf']>[0]) {
      return (await deps.directory.unitsOf(actor))
        .filter((u) => u.kind === 'ward')
        .map((u) => ({ id: u.id, name: u.name }));
    },
  };
}

/** The wards service's functions. */
export type WardsService = ReturnType<typeof createWardsService>;
