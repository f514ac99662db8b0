/**
 * Safewards on a ward: which of the ten interventions are in place (since when), and the ward
 * manager's monthly fidelity check with its scores and trend. Guarantees: only the ward's own
 * manager records (404 otherwise; the organisation's administrator may read); one check per ward
 * per month, where a second is a change that keeps the earlier answers; no check for a month
 * that has not begun and no "in place since" in the future; every write is audited, all or nothing.
 */
import { AppError } from '../../lib/app-error.ts';
import type { Actor, AuditContext } from '../../lib/actor.ts';
import { toIso } from '../../lib/clock.ts';
import { describeVariation, xmrChart } from '../../lib/spc.ts';
import { VARIATION_TITLE, drawSpcChart } from '../../lib/spc-chart.ts';
import { newId } from '../../lib/tokens.ts';
import type { WardsDeps } from './deps.ts';
import { findWard } from './find-ward.ts';
import {
  fidelityAnswers,
  findIntervention,
  interventions,
  scoreCheck,
  scoreIntervention,
} from './interventions.ts';
import { calmDownByMonth } from './force-practice.ts';
import { mayWards } from './policy.ts';
import type { FidelityCheckInput } from './safewards-schema.ts';
import { londonText, londonWallClock } from './shifts.ts';
import { isUniqueViolation } from './store.ts';

/** How many months the Safewards page looks back. */
export const FIDELITY_MONTHS = 24;
/** Months with a score needed before the trend is drawn as an SPC chart. */
export const SPC_MIN_MONTHS = 6;

/** The month `n` months after `month` (YYYY-MM). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

const parseAnswers = (json: string): Record<string, string> =>
  JSON.parse(json) as Record<string, string>;

/** The answers given, in words ("nothing answered" when all were skipped). */
function summarise(answers: Record<string, string>): string {
  const said = interventions.flatMap((i) => {
    const score = scoreIntervention(i, answers);
    return score === null ? [] : [`${i.name}: ${score}`];
  });
  return said.length ? said.join('; ') : 'nothing answered';
}

/** Creates the interventions and fidelity capability. */
export function createFidelity(deps: WardsDeps) {
  const { db, store, audit, clock, directory } = deps;

  async function wardFor(actor: Actor, unitId: string, kind: 'manage' | 'safewards') {
    if (!mayWards(actor, { kind, organisationId: actor.organisationId, unitId }))
      throw AppError.notFound();
    const ward = await findWard(directory, actor, unitId);
    if (!ward) throw AppError.notFound();
    return { id: ward.id, name: ward.name };
  }

  const thisMonth = () => londonWallClock(clock()).date.slice(0, 7);

  function trendOf(months: string[], scores: (number | null)[]) {
    const present = scores.filter((s) => s !== null).length;
    if (present < SPC_MIN_MONTHS) return { title: null, text: null, svg: null, present };
    const chart = xmrChart(scores, { better: 'up' });
    return {
      title: chart.latest ? VARIATION_TITLE[chart.latest] : null,
      text: describeVariation(chart.latest),
      svg: drawSpcChart(months, 'Fidelity score (0 to 100)', chart),
      present,
    };
  }

  return {
    /** The ward, or 404 when the actor may not manage its Safewards (checked before any form). */
    wardFor,

    /** The Safewards page: interventions in place, monthly scores, trend and meetings held. */
    async overview(actor: Actor, unitId: string, query: { show?: string }) {
      const ward = await wardFor(actor, unitId, 'safewards');
      const to = thisMonth();
      const from = addMonths(to, -(FIDELITY_MONTHS - 1));
      const inPlace = new Map(
        (await store.listInterventions(db, actor.organisationId, ward.id)).map((r) => [
          r.intervention_id,
          r.in_place_since,
        ]),
      );
      const checks = await store.listChecks(db, actor.organisationId, ward.id, from, to);
      const meetings = await store.meetingsPerMonth(
        db,
        actor.organisationId,
        ward.id,
        `${from}-01`,
        `${to}-31`,
      );
      // The months from the first check (or this month) to now, so the table has no long blank start.
      const first = checks[0]?.month ?? to;
      const months: string[] = [];
      for (let m = first; m <= to; m = addMonths(m, 1)) months.push(m);
      const byMonth = new Map(checks.map((c) => [c.month, parseAnswers(c.answers)]));
      const shown = query.show ? findIntervention(query.show) : undefined;
      const scoreOf = (m: string) => {
        const answers = byMonth.get(m);
        if (!answers) return null;
        return shown ? scoreIntervention(shown, answers) : scoreCheck(answers);
      };
      const scores = months.map(scoreOf);
      return {
        ward,
        mayManage: mayWards(actor, {
          kind: 'manage',
          organisationId: actor.organisationId,
          unitId: ward.id,
        }),
        thisMonth: to,
        interventions: interventions.map((i) => ({
          id: i.id,
          name: i.name,
          summary: i.summary,
          since: inPlace.get(i.id) ?? null,
        })),
        shown: shown ? { id: shown.id, name: shown.name } : null,
        months: months.map((m) => {
          const answers = byMonth.get(m);
          return {
            month: m,
            checked: Boolean(answers),
            overall: answers ? scoreCheck(answers) : null,
            scores: interventions.map((i) => (answers ? scoreIntervention(i, answers) : null)),
            meetings: meetings.get(m) ?? 0,
          };
        }),
        trend: trendOf(months, scores),
        calmDown: await calmDownByMonth(deps, actor, ward.id, months, (m, id) => {
          const answers = byMonth.get(m);
          const intervention = findIntervention(id);
          return answers && intervention ? scoreIntervention(intervention, answers) : undefined;
        }),
      };
    },

    /** Records which interventions are in place, and since when (empty for not in place). */
    async setInPlace(
      actor: Actor,
      unitId: string,
      since: Record<string, string>,
      ctx: AuditContext,
    ) {
      const ward = await wardFor(actor, unitId, 'manage');
      const today = londonWallClock(clock()).date;
      const future = Object.entries(since).find(([, date]) => date > today);
      if (future)
        throw AppError.invalid(
          `since_${future[0]}`,
          'Enter a date that has already passed. You can add an intervention once it has started.',
        );
      const now = toIso(clock());
      await audit.audited(db, ctx, async (trx, record) => {
        await store.replaceInterventions(
          trx,
          actor.organisationId,
          ward.id,
          Object.entries(since).map(([id, date]) => ({
            organisation_id: actor.organisationId,
            unit_id: ward.id,
            intervention_id: id,
            in_place_since: date,
            recorded_by: actor.id,
            recorded_at: now,
          })),
        );
        await record({
          organisationId: actor.organisationId,
          action: 'wards.safewards_in_place',
          recordType: 'unit',
          recordId: ward.id,
        });
      });
    },

    /** The check form for a month (this month unless another past month is chosen). */
    async checkForm(actor: Actor, unitId: string, chosen: { month?: string }) {
      const ward = await wardFor(actor, unitId, 'manage');
      const current = thisMonth();
      const month =
        chosen.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(chosen.month) && chosen.month <= current
          ? chosen.month
          : current;
      const check = await store.findCheck(db, actor.organisationId, ward.id, month);
      const history = check
        ? await store.listCheckVersions(db, actor.organisationId, check.id)
        : [];
      return {
        ward,
        month,
        answers: check ? parseAnswers(check.answers) : null,
        note: check?.note ?? null,
        check: check
          ? {
              version: check.version,
              recordedAt: londonText(check.recorded_at),
              recordedBy: check.recorded_by_name,
            }
          : null,
        history: history.map((h) => ({
          version: h.version,
          recordedAt: londonText(h.recorded_at),
          recordedBy: h.recorded_by_name,
          scored: summarise(parseAnswers(h.answers)),
        })),
        answerChoices: fidelityAnswers,
      };
    },

    /** Saves a month's check: the first, or a change that keeps the earlier answers. */
    async saveCheck(actor: Actor, unitId: string, input: FidelityCheckInput, ctx: AuditContext) {
      const ward = await wardFor(actor, unitId, 'manage');
      if (input.month > thisMonth())
        throw AppError.invalid(
          'month',
          'This month has not started yet. You can check it once it has begun.',
        );
      try {
        return await saveIn(actor, ward.id, input, ctx);
      } catch (error) {
        if (isUniqueViolation(error))
          throw AppError.conflict(
            'Someone else saved a check for this month just now. Their answers are shown; save again to change them.',
          );
        throw error;
      }
    },
  };

  async function saveIn(
    actor: Actor,
    wardId: string,
    input: FidelityCheckInput,
    ctx: AuditContext,
  ) {
    const common = {
      answers: JSON.stringify(input.answers),
      note: input.note,
      recorded_by: actor.id,
      recorded_by_name: actor.displayName,
      recorded_at: toIso(clock()),
    };
    return audit.audited(db, ctx, async (trx, record) => {
      const old = await store.findCheck(trx, actor.organisationId, wardId, input.month);
      if (!old) {
        const id = newId();
        await store.insertCheck(trx, {
          id,
          organisation_id: actor.organisationId,
          unit_id: wardId,
          month: input.month,
          version: 1,
          ...common,
        });
        await record({
          organisationId: actor.organisationId,
          action: 'wards.fidelity_check',
          recordType: 'ward_fidelity_check',
          recordId: id,
        });
        return { id, version: 1 };
      }
      await store.insertCheckVersion(trx, {
        organisation_id: actor.organisationId,
        check_id: old.id,
        version: old.version,
        answers: old.answers,
        note: old.note,
        recorded_by: old.recorded_by,
        recorded_by_name: old.recorded_by_name,
        recorded_at: old.recorded_at,
      });
      const moved = await store.updateCheck(trx, actor.organisationId, old.id, old.version, {
        ...common,
        version: old.version + 1,
      });
      if (!moved)
        throw AppError.conflict(
          'Someone else changed this month’s check just now. Look at their answers and save again if needed.',
        );
      await record({
        organisationId: actor.organisationId,
        action: 'wards.fidelity_check_change',
        recordType: 'ward_fidelity_check',
        recordId: old.id,
      });
      return { id: old.id, version: old.version + 1 };
    });
  }
}
