/**
 * A unit's own figures beside a course section (issue 13 item 2): the enquiry rate beside
 * asking about trauma, uses of force and plan choices beside working without power over people.
 * Guarantees: the figures come from the other modules' evidence functions (wired in src/app.ts),
 * so nothing here reads their tables or counts anything twice; counts only, no names; a figure
 * counted over fewer than 5 shows no value, and a count from 1 to 4 is never printed.
 */
import type { Actor } from '../accounts/index.ts';
import type { EvidenceFigure } from '../../lib/evidence.ts';
import { monthStartBefore } from '../../lib/evidence.ts';
import type { LearningDeps } from './deps.ts';
import { londonDay } from './grid.ts';
import { mayLearning } from './policy.ts';

/**
 * The figures a course file may name in its `figures:` front matter. A key must be one the
 * evidence functions wired in src/app.ts give (web.test.ts shows each on its section).
 */
export const SECTION_FIGURE_KEYS = [
  'enquiry.asked',
  'enquiry.support-offered',
  'force.rate',
  'force.plan-shown',
  'force.account-offered',
] as const;

/** How many whole months the figures cover: the same year the self-assessment uses. */
export const FIGURE_MONTHS = 12;

/** Below this, a count is not printed (and a figure over fewer than this has no value). */
const SMALL = 5;

/** One figure as a section shows it. */
export interface ShownUnitFigure {
  key: string;
  title: string;
  /** The figure in words, for example "40% (8 of 20)". */
  text: string;
  /** True when there is not enough yet to show a value. */
  notEnough: boolean;
  definition: string;
}

/** One unit's figures for a section. */
export interface UnitFigures {
  unitName: string;
  figures: ShownUnitFigure[];
}

const whole = (n: number) => n.toLocaleString('en-GB');
const small = (n: number) => n > 0 && n < SMALL;

/** A figure in plain words, leaving out any count from 1 to 4. */
export function describeFigure(f: EvidenceFigure): { text: string; notEnough: boolean } {
  if (f.notEnoughData || f.value === null)
    return {
      text: 'Not enough yet. This shows once at least 5 are counted, so the figure is fair and points at no one.',
      notEnough: true,
    };
  const denominator = f.denominator ?? 0;
  if (f.kind === 'share') {
    if (small(f.numerator))
      return { text: `Fewer than 5 of ${whole(denominator)}`, notEnough: false };
    return {
      text: `${Math.round(f.value * 100)}% (${whole(f.numerator)} of ${whole(denominator)})`,
      notEnough: false,
    };
  }
  if (f.kind === 'per1000') {
    if (small(f.numerator))
      return {
        text: `Fewer than 5 recorded in ${whole(denominator)} occupied bed days`,
        notEnough: false,
      };
    return {
      text: `${f.value.toFixed(1)} per 1,000 occupied bed days (${whole(f.numerator)} in ${whole(denominator)} bed days)`,
      notEnough: false,
    };
  }
  if (small(f.numerator)) return { text: 'Fewer than 5', notEnough: false };
  return { text: whole(f.value), notEnough: false };
}

/** Creates the unit-figures capability. */
export function createUnitFigures(deps: LearningDeps) {
  const { db, store, clock } = deps;
  return {
    /**
     * The learner's own units' figures for the keys a section names, over the 12 whole months
     * before this one. A learner linked to several units sees each; one linked to none sees
     * none. Empty when the section names no figures or none are wired.
     */
    async forSection(actor: Actor, keys: readonly string[]) {
      const today = londonDay(clock());
      const from = monthStartBefore(today, FIGURE_MONTHS);
      const to = monthStartBefore(today, 0);
      // The last day counted, for the page (the scope's `to` is the day after).
      const until = new Date(Date.parse(`${to}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const source = deps.unitFigures;
      if (keys.length === 0 || !source || !mayLearning(actor, { kind: 'own-record' }))
        return { from, until, units: [] as UnitFigures[] };
      const units = (await store.listUnits(db, actor.organisationId)).filter((u) =>
        actor.unitIds.includes(u.id),
      );
      const shown = await Promise.all(
        units.map(async (unit): Promise<UnitFigures> => {
          const all = await source({
            organisationId: actor.organisationId,
            unitId: unit.id,
            from,
            to,
          });
          const byKey = new Map(all.map((f) => [f.key, f]));
          return {
            unitName: unit.name,
            figures: keys.flatMap((k) => {
              const f = byKey.get(k);
              return f
                ? [{ key: f.key, title: f.title, definition: f.definition, ...describeFigure(f) }]
                : [];
            }),
          };
        }),
      );
      return { from, until, units: shown };
    },
  };
}

/** The unit-figures functions. */
export type UnitFiguresCapability = ReturnType<typeof createUnitFigures>;
