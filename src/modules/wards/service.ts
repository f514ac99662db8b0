/** The wards service: shift reports and the ward's figures, one namespace per capability. */
import type { WardsDeps } from './deps.ts';
import { createWardFigures } from './figures.ts';
import { createShiftReports } from './shift-reports.ts';
import { createAboutMe } from './about-me.ts';
import { createFidelity } from './fidelity.ts';
import { createMutualHelp } from './mutual-help.ts';

/** Creates the wards service. */
export function createWardsService(deps: WardsDeps) {
  return {
    /** Conflict and containment counts, once per shift. */
    shiftReports: createShiftReports(deps),
    /** A ward's figures for its manager. */
    figures: createWardFigures(deps),
    /** Safewards: interventions in place and the monthly fidelity check. */
    safewards: createFidelity(deps),
    /** Safewards: the mutual help meeting log. */
    mutualHelp: createMutualHelp(deps),
    /** Safewards: "about me" notes (know each other). */
    aboutMe: createAboutMe(deps),
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
