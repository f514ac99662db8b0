/**
 * The shape of an "evidence" figure: a count from a module's own records that the
 * self-assessment shows beside a principle. Each module computes its own figures (through its
 * index.ts) so no module reads another's tables; this file only holds the shared shape and the
 * small-number rule, so every module suppresses in the same way.
 */

/**
 * The smallest denominator a figure needs before its value is shown. Below it the figure says
 * "not enough data": a share of 2 out of 3 says little and can point at one person.
 */
export const EVIDENCE_MIN_DENOMINATOR = 5;

/** Where and when evidence is counted: one unit (or the whole organisation), days [from, to). */
export interface EvidenceScope {
  organisationId: string;
  /** Null: the whole organisation. */
  unitId: string | null;
  /** First day counted (YYYY-MM-DD). */
  from: string;
  /** The day after the last day counted (YYYY-MM-DD). */
  to: string;
}

/**
 * Whether a scope starts on the first of a month and ends on the first of a later one, so
 * monthly rollups cover it exactly (every scope the assessment makes is whole months).
 */
export function isWholeMonths(scope: Pick<EvidenceScope, 'from' | 'to'>): boolean {
  const first = /^\d{4}-\d{2}-01$/;
  return first.test(scope.from) && first.test(scope.to) && scope.from < scope.to;
}

/** How a figure's value reads: a share (0–1), a rate per 1,000, a number of days, or a count. */
export type EvidenceKind = 'share' | 'per1000' | 'days' | 'count';

/** One figure from the records. */
export interface EvidenceFigure {
  /** Stable key, for example `force.prone`; the assessment's evidence map names figures by it. */
  key: string;
  title: string;
  kind: EvidenceKind;
  numerator: number;
  /** Null for a plain count, which has nothing to divide by. */
  denominator: number | null;
  /** Null when there is not enough data (or nothing to show). */
  value: number | null;
  /** True when the denominator is below EVIDENCE_MIN_DENOMINATOR. */
  notEnoughData: boolean;
  /** What is counted, in plain words, including what the records cannot tell us. */
  definition: string;
  /** A page in the module where the records behind the figure can be seen. */
  link: string;
  /** An extra line, for example what a trend chart shows. */
  note: string | null;
}

/** What a figure is, before it is counted. */
export interface FigureSpec {
  key: string;
  title: string;
  kind: EvidenceKind;
  definition: string;
  link: string;
}

/** Builds a figure that divides, applying the small-number rule. */
export function ratioFigure(
  spec: FigureSpec,
  numerator: number,
  denominator: number,
  note: string | null = null,
): EvidenceFigure {
  const notEnoughData = denominator < EVIDENCE_MIN_DENOMINATOR;
  const scale = spec.kind === 'per1000' ? 1000 : 1;
  return {
    ...spec,
    numerator,
    denominator,
    value: notEnoughData ? null : (numerator / denominator) * scale,
    notEnoughData,
    note,
  };
}

/** Builds a figure that is a plain count (no denominator, so nothing to suppress by size). */
export function countFigure(spec: FigureSpec, count: number, note: string | null = null) {
  return {
    ...spec,
    numerator: count,
    denominator: null,
    value: count,
    notEnoughData: false,
    note,
  } satisfies EvidenceFigure;
}

/**
 * A median from counts per whole value (for example days to close → referrals), read from an
 * aggregate query so no rows are loaded. The lower middle value for an even total.
 */
export function medianOfCounts(counts: readonly { value: number; count: number }[]): number | null {
  const sorted = [...counts].filter((c) => c.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, c) => s + c.count, 0);
  if (total === 0) return null;
  const middle = Math.ceil(total / 2);
  let seen = 0;
  for (const c of sorted) {
    seen += c.count;
    if (seen >= middle) return c.value;
  }
  return null;
}

/** The first day of the month `months` before the month of `day` (YYYY-MM-DD). */
export function monthStartBefore(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The people who use the service in a scope, as the accounts module knows them: their ids for a
 * unit (null for the whole organisation, where every person counts) and how many there are.
 */
export interface PeopleInScope {
  ids: readonly string[] | null;
  count: number;
}
