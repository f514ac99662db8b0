/**
 * Synthetic data at national scale, for benchmarks and for trying the dashboards. The shape
 * follows the published national figures (docs/force.md): about 16 interventions per 1,000
 * occupied bed days on acute wards and more on intensive care, children's and learning
 * disability wards; the national mix of intervention types and durations; and the published
 * disparities (Black people restrained several times as often as White people). Everything is
 * invented: synthetic people exist only as ids with characteristics, never as sign-in accounts.
 * Rows go straight into the database in large batches, one organisation per transaction.
 */
import type { Db } from '../../db/index.ts';
import { newId, newTimeOrderedId } from '../../lib/tokens.ts';
import { ageBandAt, ethnicGroupOf } from './codes.ts';
import {
  addBedDays,
  addIncident,
  addPeople,
  emptyDeltas,
  groupOf,
  mergeDelta,
  widenUnitDeltas,
} from './rollups.ts';
import type { RollupDeltas } from './rollups.ts';
import type { ForceStore } from './store.ts';
import type {
  ForceIncidentsTable,
  ForceInterventionsTable,
  PersonCharacteristicsTable,
} from './tables.ts';
import { startMonthsOf as monthsOf } from './store/evidence-month.ts';
import { shiftPeriod } from './time.ts';
import { must } from './must.ts';
import { logNormal, pick, seededRandom, syntheticPerson } from './synthetic.ts';
import type { BedDaysRow, PopulationRow } from './synthetic.ts';

export { seededRandom };

/** The staff list every synthetic intervention carries. */
const SYNTHETIC_STAFF = JSON.stringify([
  { name: 'Synthetic staff', job_title: 'Nurse', role_code: 'lead' },
]);

// National type mix (share of interventions) and typical minutes.
const TYPE_MIX: readonly (readonly [string, number])[] = [
  ['01', 8],
  ['07', 10],
  ['08', 12],
  ['09', 15],
  ['10', 5],
  ['11', 10],
  ['12', 3],
  ['13', 7],
  ['14', 10],
  ['15', 3],
  ['16', 5],
  ['17', 1],
  ['04', 1],
  ['05', 9],
  ['06', 1],
];
const MEDIAN_MINUTES: Record<string, [number, number]> = {
  '05': [600, 0.9],
  '06': [4320, 0.8],
  '04': [30, 0.6],
  '14': [3, 0.4],
  '15': [3, 0.4],
  '16': [2, 0.4],
  '17': [3, 0.4],
};
const UNIT_KINDS: readonly (readonly [string, number, number])[] = [
  // kind, share of units, interventions per 1,000 occupied bed days
  ['acute', 55, 14],
  ['picu', 10, 60],
  ['camhs', 8, 45],
  ['ld_autism', 7, 40],
  ['older_adult', 15, 5],
  ['rehab', 5, 4],
];
/** Options for a run. */
export interface GenerateOptions {
  incidents: number;
  seed?: number;
  /** The last month to fill (YYYY-MM); the data run back `years` from it. */
  endPeriod: string;
  years?: number;
  /** Called after each organisation with the incidents written so far. */
  onProgress?: (done: number, total: number) => void;
}

/** What a run made. */
export interface GenerateResult {
  organisations: number;
  units: number;
  people: number;
  incidents: number;
  interventions: number;
}

/** Makes organisations and units through the accounts module (passed in), then the data. */
export async function generateSyntheticData(
  deps: {
    db: Db;
    store: ForceStore;
    provisionOrganisation(name: string): Promise<{ id: string }>;
    provisionUnit(
      organisationId: string,
      name: string,
      kind: 'ward' | 'team',
    ): Promise<{ id: string }>;
  },
  options: GenerateOptions,
): Promise<GenerateResult> {
  const rand = seededRandom(options.seed ?? 20260601);
  const years = options.years ?? 10;
  const months = years * 12;
  const firstPeriod = shiftPeriod(options.endPeriod, -(months - 1));
  const periods = Array.from({ length: months }, (_, i) => shiftPeriod(firstPeriod, i));
  // About 150 providers and 1,500 wards hold 2 million incidents over ten years.
  const orgCount = Math.max(2, Math.round((150 * options.incidents) / 2_000_000));
  const plan: {
    orgIndex: number;
    units: { kind: string; beds: number; rate: number; silent: boolean }[];
  }[] = [];
  let totalWeight = 0;
  for (let o = 0; o < orgCount; o++) {
    const n = 4 + Math.floor(rand() * 13);
    const units = Array.from({ length: n }, () => {
      const kind = pick(
        rand,
        UNIT_KINDS.map(([k, share]) => [k, share] as const),
      );
      const rate = must(UNIT_KINDS.find(([k]) => k === kind))[2] * (0.5 + rand());
      const beds = 10 + Math.floor(rand() * 15);
      // A few wards record nothing at all, as the published data shows; the dashboards flag them.
      const silent = rand() < 0.03;
      if (!silent) totalWeight += beds * rate;
      return { kind, beds, rate, silent };
    });
    plan.push({ orgIndex: o, units });
  }
  const perWeight = options.incidents / totalWeight;
  const national = emptyDeltas();
  let written = 0;
  let remainingIncidents = options.incidents;
  let remainingWeight = totalWeight;
  const result: GenerateResult = {
    organisations: orgCount,
    units: 0,
    people: 0,
    incidents: 0,
    interventions: 0,
  };

  for (const org of plan) {
    const { id: organisationId } = await deps.provisionOrganisation(
      `Synthetic Mental Health Trust ${String(org.orgIndex + 1).padStart(3, '0')}`,
    );
    const deltas = emptyDeltas();
    const unitDeltas = emptyDeltas(); // incidents, spread to every scope once at the end
    const incidents: ForceIncidentsTable[] = [];
    const interventions: ForceInterventionsTable[] = [];
    const people: PersonCharacteristicsTable[] = [];
    const bedDays: BedDaysRow[] = [];
    const population: PopulationRow[] = [];
    let u = 0;
    for (const unit of org.units) {
      u++;
      const { id: unitId } = await deps.provisionUnit(
        organisationId,
        `Synthetic ward ${u} (${unit.kind})`,
        'ward',
      );
      result.units++;
      const weight = unit.beds * unit.rate;
      const unitIncidents = unit.silent
        ? 0
        : Math.min(remainingIncidents, Math.round((weight / remainingWeight) * remainingIncidents));
      if (!unit.silent) {
        remainingIncidents -= unitIncidents;
        remainingWeight -= weight;
      }
      void perWeight;
      // People on the ward: about six admissions per bed per year.
      const yearPeople = new Map<string, PersonCharacteristicsTable[]>();
      for (const year of [...new Set(periods.map((p) => p.slice(0, 4)))]) {
        const list: PersonCharacteristicsTable[] = [];
        const count = unit.beds * 6;
        for (let p = 0; p < count; p++) {
          const row = syntheticPerson(rand, unit.kind, year, organisationId);
          list.push(row);
          people.push(row);
        }
        yearPeople.set(year, list);
        // Denominators: people on the ward by group, counted from the people made.
        const counts = new Map<string, number>();
        for (const pr of list) {
          const grp = {
            grp_ethnicity: ethnicGroupOf(JSON.parse(pr.ethnic_codes) as string[]),
            grp_sex: pr.sex,
            grp_age_band: ageBandAt(pr.date_of_birth, `${year}-07-01T00:00:00.000Z`),
            grp_disability: pr.disability,
            grp_ld_autism: pr.ld_autism,
          };
          for (const dimension of ['ethnicity', 'sex', 'age_band', 'disability', 'ld_autism']) {
            const g = groupOf(grp as never, dimension);
            counts.set(`${dimension}|${g}`, (counts.get(`${dimension}|${g}`) ?? 0) + 1);
          }
        }
        for (const [k, n] of counts) {
          const [dimension, group_code] = k.split('|') as [string, string];
          population.push({
            organisation_id: organisationId,
            unit_id: unitId,
            year,
            dimension,
            group_code,
            people: n,
          });
          addPeople(deltas, organisationId, unitId, year, dimension, group_code, n);
        }
      }
      for (const period of periods) {
        const obd = Math.round(unit.beds * 30.4 * (0.85 + rand() * 0.1));
        bedDays.push({
          organisation_id: organisationId,
          unit_id: unitId,
          period,
          occupied_bed_days: obd,
          updated_at: `${period}-28T00:00:00.000Z`,
        });
        addBedDays(deltas, organisationId, unitId, period, obd);
      }
      for (let n = 0; n < unitIncidents; n++) {
        const period = must(periods[Math.floor(rand() * periods.length)]);
        const list = must(yearPeople.get(period.slice(0, 4)));
        // Published disparities: weight who is restrained.
        let person = must(list[Math.floor(rand() * list.length)]);
        for (let tries = 0; tries < 4; tries++) {
          const g = ethnicGroupOf(JSON.parse(person.ethnic_codes) as string[]);
          const w =
            (g === 'black' ? 3.5 : g === 'mixed' ? 2 : 1) * (person.ld_autism === 'yes' ? 2 : 1);
          if (rand() < w / 7) break;
          person = must(list[Math.floor(rand() * list.length)]);
        }
        const day = 1 + Math.floor(rand() * 28);
        const minute = Math.floor(rand() * 1440);
        const start = new Date(`${period}-${String(day).padStart(2, '0')}T00:00:00.000Z`);
        start.setUTCMinutes(minute);
        const startAt = start.toISOString();
        const k = pick(rand, [
          [1, 60],
          [2, 30],
          [3, 10],
        ] as const);
        const incidentId = newTimeOrderedId();
        let cursor = start.getTime();
        let endMs = cursor;
        const ivs: ForceInterventionsTable[] = [];
        const used = new Set<string>();
        for (let i = 0; i < k; i++) {
          let type = pick(rand, TYPE_MIX);
          if (used.has(type)) type = '13';
          if (used.has(type)) break;
          used.add(type);
          const [median, spread] = MEDIAN_MINUTES[type] ?? [8, 0.7];
          const minutes = Math.max(1, Math.round(logNormal(rand, median, spread)));
          const ivStart = cursor;
          const ivEnd = ivStart + minutes * 60_000;
          const ivId = newTimeOrderedId();
          ivs.push({
            id: ivId,
            organisation_id: organisationId,
            local_id: ivId,
            incident_id: incidentId,
            seq: i,
            type_code: type,
            reason_code: '',
            start_at: new Date(ivStart).toISOString(),
            end_at: new Date(ivEnd).toISOString(),
            duration_minutes: minutes,
            position_note: null,
            staff: SYNTHETIC_STAFF,
            medication: null,
          });
          cursor = ivEnd;
          endMs = Math.max(endMs, ivEnd);
        }
        const reason = pick(rand, [
          ['10', 40],
          ['11', 20],
          ['13', 15],
          ['17', 15],
          ['19', 4],
          ['16', 3],
          ['98', 3],
        ] as const);
        for (const iv of ivs) iv.reason_code = reason;
        const codes = JSON.parse(person.ethnic_codes) as string[];
        const snapshot = {
          recorded: true,
          nhsNumber: null,
          ethnicCodes: codes,
          sex: person.sex,
          ageBand: ageBandAt(person.date_of_birth, startAt),
          disability: person.disability,
          ldAutism: person.ld_autism,
        };
        const hasPlan = rand() < 0.3;
        const followed = hasPlan
          ? pick(rand, [
              ['yes', 70],
              ['partly', 15],
              ['no', 15],
            ] as const)
          : null;
        const police = rand() < 0.03;
        const offered = rand() < 0.8;
        const row: ForceIncidentsTable = {
          id: incidentId,
          organisation_id: organisationId,
          local_id: incidentId,
          unit_id: unitId,
          person_id: person.person_id,
          period,
          start_at: startAt,
          end_at: new Date(endMs).toISOString(),
          place: '',
          reason_code: reason,
          reason_narrative: 'Synthetic record',
          how_force_used: 'Synthetic record',
          in_care_plan: rand() < 0.2 ? 1 : 0,
          outcome: 'Synthetic record',
          harm: rand() < 0.005 ? 'serious_injury' : 'none',
          injury_person: rand() < 0.05 ? 1 : 0,
          injury_staff: rand() < 0.04 ? 1 : 0,
          injury_other: 0,
          avoidance_codes: '["deescalation"]',
          avoidance_narrative: '',
          notification: 'sent',
          non_staff: police ? 'police' : 'none',
          non_staff_reason: police ? 'Synthetic record' : null,
          police_requested_at: null,
          police_arrived_at: null,
          body_worn_camera: police ? 'yes' : null,
          mental_disorder: null,
          legal_status: null,
          characteristics: JSON.stringify(snapshot),
          grp_ethnicity: ethnicGroupOf(codes),
          grp_sex: person.sex,
          grp_age_band: snapshot.ageBand,
          grp_disability: person.disability,
          grp_ld_autism: person.ld_autism,
          plan_id: hasPlan ? newId() : null,
          plan_version: hasPlan ? 1 : null,
          plan_known: hasPlan ? 'yes' : 'no_plan',
          plan_followed: followed,
          plan_not_followed_reason: followed && followed !== 'yes' ? 'Synthetic record' : null,
          account_offered: offered ? 1 : 0,
          account_status: offered && rand() < 0.45 ? 'given' : 'none',
          account_helper_id: null,
          prone: ivs.some((i) => i.type_code === '01') ? 1 : 0,
          recorded_by: null,
          recorded_at: startAt,
          updated_at: startAt,
          version: 1,
          retain_until: `${Number(startAt.slice(0, 4)) + 3}${startAt.slice(4)}`,
          source: 'synthetic',
          person_view_released_at: null,
          person_view_released_by: null,
          calm_down_offered: null,
          calm_down_methods: null,
          others_reassured: null,
        };
        incidents.push(row);
        interventions.push(...ivs);
        addIncident(unitDeltas, row, ivs, 1, true);
      }
    }
    await deps.db.transaction().execute(async (trx) => {
      await deps.store.saveCharacteristics(trx, people);
      await deps.store.saveBedDays(trx, bedDays);
      await deps.store.savePopulation(trx, population);
      await deps.store.insertIncidents(trx, incidents);
      await deps.store.insertInterventions(trx, interventions);
      await deps.store.recountEvidenceForOrganisation(trx, organisationId, monthsOf(incidents));
      await deps.store.applyDeltas(
        trx,
        splitNational(widenUnitDeltas(unitDeltas, deltas), national),
      );
    });
    result.people += people.length;
    result.incidents += incidents.length;
    result.interventions += interventions.length;
    written += incidents.length;
    options.onProgress?.(written, options.incidents);
  }
  await deps.db.transaction().execute((trx) => deps.store.applyDeltas(trx, national));
  return result;
}

// National rows change with every organisation; hold them back and write them once at the end.
function splitNational(deltas: RollupDeltas, national: RollupDeltas): RollupDeltas {
  for (const table of ['month', 'type', 'group'] as const) {
    const map = deltas[table] as Map<string, object>;
    const target = national[table] as Map<string, object>;
    for (const [k, v] of map) {
      if (!k.startsWith('*\u0001')) continue;
      mergeDelta(target, k, v);
      map.delete(k);
    }
  }
  return deltas;
}
