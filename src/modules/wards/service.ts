/** The wards service: shift reports and the ward's figures, one namespace per capability. */
import type { WardsDeps } from './deps.ts';
import { createWardFigures } from './figures.ts';
import { createShiftReports } from './shift-reports.ts';
import { createAboutMe } from './about-me.ts';
import { createFidelity } from './fidelity.ts';
import { createMutualHelp } from './mutual-help.ts';
import { createOrganisationFigures } from './org-figures.ts';
import { createDischargeMessages } from './discharge-messages.ts';
import { createExpectations } from './expectations.ts';
import { createWardScreen } from './screen.ts';

/** Creates the wards service. */
export function createWardsService(deps: WardsDeps) {
  const aboutMe = createAboutMe(deps);
  // The ward screen shows staff "about me" notes; Hearth has no rota, so it shows the ward's staff.
  const staffToday = async (organisationId: string, unitId: string) =>
    (await aboutMe.forWard(organisationId, unitId)).map((n) => ({
      name: n.displayName,
      text: n.about,
    }));
  return {
    /** The ward screen, expectations, discharge messages and the organisation chart. */
    screen: createWardScreenService({ ...deps, aboutMe: deps.aboutMe ?? { staffToday } }),
    /** Conflict and containment counts, once per shift. */
    shiftReports: createShiftReports(deps),
    /** A ward's figures for its manager. */
    figures: createWardFigures(deps),
    /** Safewards: interventions in place and the monthly fidelity check. */
    safewards: createFidelity(deps),
    /** Safewards: the mutual help meeting log. */
    mutualHelp: createMutualHelp(deps),
    /** Safewards: "about me" notes (know each other). */
    aboutMe,
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
