/** The wards service: shift reports and the ward's figures, one namespace per capability. */
import type { WardsDeps } from './deps.ts';
import { createWardFigures } from './figures.ts';
import { createShiftReports } from './shift-reports.ts';
import { createOrganisationFigures } from './org-figures.ts';
import { createDischargeMessages } from './discharge-messages.ts';
import { createExpectations } from './expectations.ts';
import { createWardScreen } from './screen.ts';

/** Creates the wards service. */
export function createWardsService(deps: WardsDeps) {
  return {
    /** The ward screen, expectations, discharge messages and the organisation chart. */
    screen: createWardScreenService(deps),
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

// --- Ward screen (issue 14): kept apart so the parts built in parallel merge cleanly. ---

/** Creates the ward screen's capabilities (organisation chart, expectations, messages, screen). */
export function createWardScreenService(deps: WardsDeps) {
  return {
    /** Every ward of the organisation on one chart, from the monthly rollup. */
    organisationFigures: createOrganisationFigures(deps),
    /** Clear mutual expectations, every version kept. */
    expectations: createExpectations(deps),
    /** Discharge messages and their staff check. */
    messages: createDischargeMessages(deps),
    /** Display tokens and the ward screen itself. */
    display: createWardScreen(deps),
  };
}

/** The ward screen service's functions. */
export type WardScreenService = ReturnType<typeof createWardScreenService>;
