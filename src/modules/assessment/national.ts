/**
 * The self-assessment across organisations (issue 12 item 7). An organisation administrator
 * chooses whether the organisation shares its principle scores (off until turned on, audited).
 * Which round counts: each sharing organisation's latest closed whole-organisation round whose
 * closing day falls in the chosen year. Guarantees: nothing is shown until at least
 * MIN_ORGANISATIONS organisations have a round that counts; only principle scores leave an
 * organisation (never a statement, a barrier or a comment); staff and people who use the service
 * are kept apart (partners are too few per organisation to compare); a principle an
 * organisation scored from fewer than MIN_GROUP people in a group leaves that organisation out
 * of that principle and group; a principle and group with fewer than MIN_ORGANISATIONS
 * organisations shows no distribution; no organisation is named (an administrator sees their
 * own position, the others are anonymous). Reads across organisations go through
 * acrossOrganisations.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import { AppError } from '../../lib/app-error.ts';
import type { AssessmentDeps } from './deps.ts';
import { dayOf, isClosed } from './deps.ts';
import { loadInstrument } from './instrument.ts';
import { createNationalStore } from './national-store.ts';
import type { RespondentGroup } from './policy.ts';
import { isNationalOperator, maySharePeers, respondentGroups } from './policy.ts';
import { computeResults, groupLabels } from './results.ts';

/** The fewest organisations with results before any comparison is shown. */
export const MIN_ORGANISATIONS = 5;

/** The groups compared across organisations, each on its own. */
export const comparedGroups = ['staff', 'people'] as const satisfies readonly RespondentGroup[];

/** The value at a share p (0–1) of sorted values, between neighbours (as spreadsheets do). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('quantile of nothing');
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] as number;
  const b = sorted[high] as number;
  return a + (b - a) * (at - low);
}

/** Lowest, quartiles, median and highest of some values. */
export interface Quantiles {
  lowest: number;
  q1: number;
  median: number;
  q3: number;
  highest: number;
}

/** One principle's scores across organisations for one group. */
export interface Distribution {
  principleId: string;
  title: string;
  group: (typeof comparedGroups)[number];
  groupLabel: string;
  /** Organisations with a score for this principle and group. */
  organisations: number;
  /** Sorted scores, no names; empty when fewer than MIN_ORGANISATIONS. */
  scores: number[];
  quantiles: Quantiles | null;
  /** The viewer's own organisation: its score and how many others score lower (admin only). */
  own: { score: number; lower: number; higher: number } | null;
}

/** Everything the comparison page shows. */
export interface NationalView {
  year: number;
  years: number[];
  /** Sharing organisations with a round that counts in the year. */
  organisationsWithResults: number;
  enough: boolean;
  minOrganisations: number;
  distributions: Distribution[];
}

/** Works out the distributions from each organisation's principle scores (pure, for tests). */
export function distributionsOf(
  scores: ReadonlyMap<string, Map<string, Partial<Record<RespondentGroup, number>>>>,
  principles: readonly { id: string; title: string }[],
  ownOrganisationId: string | null,
): Distribution[] {
  const out: Distribution[] = [];
  for (const group of comparedGroups) {
    for (const p of principles) {
      const values: { organisationId: string; score: number }[] = [];
      for (const [organisationId, byPrinciple] of scores) {
        const v = byPrinciple.get(p.id)?.[group];
        if (v !== undefined) values.push({ organisationId, score: v });
      }
      const enough = values.length >= MIN_ORGANISATIONS;
      const sorted = values.map((v) => v.score).sort((a, b) => a - b);
      const ownScore = values.find((v) => v.organisationId === ownOrganisationId)?.score;
      out.push({
        principleId: p.id,
        title: p.title,
        group,
        groupLabel: groupLabels[group],
        organisations: values.length,
        scores: enough ? sorted : [],
        quantiles: enough
          ? {
              lowest: sorted[0] as number,
              q1: quantile(sorted, 0.25),
              median: quantile(sorted, 0.5),
              q3: quantile(sorted, 0.75),
              highest: sorted[sorted.length - 1] as number,
            }
          : null,
        own:
          enough && ownScore !== undefined
            ? {
                score: ownScore,
                lower: sorted.filter((s) => s < ownScore).length,
                higher: sorted.filter((s) => s > ownScore).length,
              }
            : null,
      });
    }
  }
  return out;
}

/** Creates the comparison-across-organisations capability. */
export function createNational(deps: AssessmentDeps) {
  const { db, clock, audit } = deps;
  const store = createNationalStore();
  const thisYear = () => Number(dayOf(clock()).slice(0, 4));

  /** Each sharing organisation's principle scores from its round that counts in a year. */
  async function scoresIn(year: number) {
    const today = dayOf(clock());
    return acrossOrganisations(
      'self-assessment comparison: principle scores of the organisations that chose to share',
      async () => {
        const organisations = await store.sharingOrganisations(db);
        const rounds = await store.wholeOrganisationRounds(
          db,
          organisations,
          `${year}-01-01`,
          `${year}-12-31`,
        );
        const counting = new Map<string, (typeof rounds)[number]>();
        for (const r of rounds)
          if (isClosed(r, today) && !counting.has(r.organisation_id))
            counting.set(r.organisation_id, r);
        const scores = new Map<string, Map<string, Partial<Record<RespondentGroup, number>>>>();
        for (const [organisationId, r] of counting) {
          const rows = await deps.store.listResponses(db, organisationId, r.id);
          const parsed = rows.flatMap((x) =>
            (respondentGroups as readonly string[]).includes(x.respondent_group)
              ? [
                  {
                    group: x.respondent_group as RespondentGroup,
                    answers: JSON.parse(x.answers) as Record<string, string>,
                    barriers: [],
                    comment: null,
                  },
                ]
              : [],
          );
          const results = computeResults(
            {
              id: r.id,
              title: r.title,
              unitId: null,
              unitName: 'The whole organisation',
              opensOn: r.opens_on,
              closesOn: r.closes_on,
              closed: true,
              closedEarly: r.closed_at !== null,
              instrumentVersion: r.instrument_version,
            },
            loadInstrument(r.instrument_version),
            parsed,
          );
          const byPrinciple = new Map<string, Partial<Record<RespondentGroup, number>>>();
          for (const s of results.sections) {
            if (s.kind !== 'principle') continue;
            const g: Partial<Record<RespondentGroup, number>> = {};
            for (const group of comparedGroups) {
              const m = s.score[group];
              if (m) g[group] = m.mean;
            }
            byPrinciple.set(s.id, g);
          }
          scores.set(organisationId, byPrinciple);
        }
        return scores;
      },
    );
  }

  async function view(year: number, ownOrganisationId: string | null): Promise<NationalView> {
    const scores = await scoresIn(year);
    const enough = scores.size >= MIN_ORGANISATIONS;
    const principles = loadInstrument()
      .sections.filter((s) => s.kind === 'principle')
      .map((s) => ({ id: s.id, title: s.title }));
    const now = thisYear();
    return {
      year,
      years: [now, now - 1, now - 2, now - 3, now - 4],
      organisationsWithResults: scores.size,
      enough,
      minOrganisations: MIN_ORGANISATIONS,
      distributions: enough ? distributionsOf(scores, principles, ownOrganisationId) : [],
    };
  }

  function yearOf(text: string | undefined): number {
    if (text === undefined || text === '') return thisYear();
    if (!/^\d{4}$/.test(text)) throw AppError.notFound();
    return Number(text);
  }

  async function sharingOf(organisationId: string) {
    const row = await store.findSharing(db, organisationId);
    return { shared: row?.shared === 1, changedOn: row ? row.changed_at.slice(0, 10) : null };
  }

  return {
    /** Whether the actor's organisation shares (administrators only; 404 otherwise). */
    async sharing(actor: Actor) {
      if (!maySharePeers(actor)) throw AppError.notFound();
      return sharingOf(actor.organisationId);
    },

    /** Turns sharing on or off for the actor's own organisation (audited). */
    async setSharing(actor: Actor, shared: boolean, ctx: AuditContext): Promise<void> {
      if (!maySharePeers(actor)) throw AppError.notFound();
      await audit.audited(db, ctx, async (trx, record) => {
        await store.saveSharing(trx, {
          organisation_id: actor.organisationId,
          shared: shared ? 1 : 0,
          changed_by: actor.id,
          changed_at: clock().toISOString(),
        });
        await record({
          organisationId: actor.organisationId,
          action: shared ? 'assessment.sharing_on' : 'assessment.sharing_off',
          recordType: 'organisation',
          recordId: actor.organisationId,
        });
      });
    },

    /** The national operator's view: every sharing organisation, none named. */
    async forNational(actor: Actor, yearText?: string): Promise<NationalView> {
      if (!isNationalOperator(actor)) throw AppError.notFound();
      return view(yearOf(yearText), null);
    },

    /**
     * An administrator's view: where their own organisation stands among the others that share
     * (only when their own organisation shares too).
     */
    async forOrganisation(actor: Actor, yearText?: string) {
      if (!maySharePeers(actor)) throw AppError.notFound();
      const sharing = await sharingOf(actor.organisationId);
      if (!sharing.shared) return { sharing, view: null };
      return { sharing, view: await view(yearOf(yearText), actor.organisationId) };
    },

    /**
     * The distribution as CSV rows (no organisation named, own position left out; audited). Only
     * the header when there is nothing to compare (too few organisations, or an administrator
     * whose organisation does not share).
     */
    async csvRows(actor: Actor, yearText: string | undefined, ctx: AuditContext) {
      let v: NationalView | null;
      if (isNationalOperator(actor)) v = await view(yearOf(yearText), null);
      else if (maySharePeers(actor)) {
        const shared = (await sharingOf(actor.organisationId)).shared;
        v = shared ? await view(yearOf(yearText), null) : null;
      } else throw AppError.notFound();
      const year = v?.year ?? thisYear();
      await audit.audited(db, ctx, async (_trx, record) => {
        await record({
          organisationId: actor.organisationId,
          action: 'assessment.distribution_download',
          recordType: 'assessment_comparison',
          recordId: String(year),
        });
      });
      return distributionCsvRows(v?.enough ? v : null);
    },
  };
}

/** The distribution as CSV rows: one per principle and group; figures empty when too few. */
export function distributionCsvRows(v: NationalView | null): string[][] {
  const f = (x: number) => String(Math.round(x * 100) / 100);
  const rows: string[][] = [
    ['year', 'principle', 'group', 'organisations', 'lowest', 'q1', 'median', 'q3', 'highest'],
  ];
  for (const d of v?.distributions ?? []) {
    const q = d.quantiles;
    rows.push([
      String(v?.year),
      d.principleId,
      d.group,
      String(d.organisations),
      ...(q ? [q.lowest, q.q1, q.median, q.q3, q.highest].map(f) : ['', '', '', '', '']),
    ]);
  }
  return rows;
}

/** The comparison functions. */
export type National = ReturnType<typeof createNational>;
