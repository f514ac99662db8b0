/**
 * Writes that name another record: an id from another organisation, or one that was never made,
 * is refused and changes nothing (read back from the database).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acrossOrganisations } from '../src/db/tenancy.ts';
import { accessRules } from '../src/app.ts';
import type { Role } from '../src/modules/accounts/index.ts';
import { createTestContext, makeAccount, makeTeam, signedInAgent } from './factories.ts';
import type { Agent, TestContext } from './factories.ts';
import { paramFactories } from './access-fixtures.ts';
import type { Team } from './access-fixtures.ts';
import { tenantTables } from './tenant-guard.ts';
import { makeDisclosure } from './enquiry-fixtures.ts';
import { recordTeamIncident } from './force-fixtures.ts';
import { toLondonLocal } from '../src/modules/force/time.ts';
import { loadCourse } from '../src/modules/learning/index.ts';

describe('bed days name a unit of the caller’s organisation', () => {
  let t: TestContext;
  let mine: Team;
  let theirs: Team;
  before(async () => {
    t = await createTestContext();
    mine = await makeTeam(t.services);
    theirs = await makeTeam(t.services);
  });
  after(() => t.close());

  const bedDayRows = () =>
    acrossOrganisations('test: every bed-day row, whoever owns it', () =>
      t.services.db.selectFrom('force_bed_days').selectAll().orderBy('unit_id').execute(),
    );

  for (const [label, unitOf] of [
    ['a unit of another organisation', () => theirs.unitId],
    ['a made-up unit id', () => '00000000-0000-4000-8000-000000000000'],
  ] as const) {
    it(`an organisation admin entering bed days for ${label} gets 404 and nothing is saved`, async () => {
      const admin = await signedInAgent(t.app, mine.admin);
      const before = await bedDayRows();
      const res = await admin.post('/force/denominators', {
        unitId: unitOf(),
        year: '2026',
        'bd_2026-01': '900',
      });
      assert.equal(res.status, 404);
      assert.deepEqual(await bedDayRows(), before);
    });
  }
});

/** An id that no record has. */
const MADE_UP = '00000000-0000-4000-8000-00000000dead';

/** The ids a form may name, all from one organisation (or all made up). */
interface Ids {
  unitId: string;
  personId: string;
  accountId: string;
  serviceId: string;
}

type Form = Record<string, string | string[]>;

/**
 * How each state-changing route names other records:
 * - `url`: ids in the path. The caller posts with another organisation's ids and with made-up
 *   ones, and gets 404.
 * - `field`: ids in form fields (the path's own ids are the caller's). 404 where the field names
 *   the record the write is about (a person, a unit's figures); 400 with the form shown again
 *   where the field is a choice from a list on the form (units or staff to share with, a role's
 *   units, a service to refer to).
 * - `none`: the route names no other record (it writes the caller's own, or reads names within
 *   the caller's organisation only); `why` says which.
 */
type Case =
  | { kind: 'url'; role: Role; form?: (t: TestContext) => Form }
  | {
      kind: 'field';
      role: Role;
      status: 400 | 404;
      form: (ids: Ids, t: TestContext, own: Ids) => Form;
    }
  | { kind: 'none'; why: string };

const daysAhead = (t: TestContext, days: number) =>
  new Date(t.clock().getTime() + days * 86_400_000).toISOString().slice(0, 10);

const londonNow = (t: TestContext, minutesAgo: number) =>
  toLondonLocal(new Date(t.clock().getTime() - minutesAgo * 60_000));

const cases: Record<string, Case> = {
  'POST /sign-in': { kind: 'none', why: 'an email and password, no record' },
  'POST /sign-out': { kind: 'none', why: 'the caller’s own session' },
  'POST /invitations': {
    kind: 'field',
    role: 'org_admin',
    status: 400,
    form: (ids) => ({
      email: `foreign-${Math.random()}@example.test`,
      displayName: 'Sam',
      role: 'practitioner',
      unitId: ids.unitId,
    }),
  },
  'POST /invitations/:token': {
    kind: 'none',
    why: 'a one-time token, which works for whoever holds it, whatever their organisation',
  },
  'POST /account/job-title': { kind: 'none', why: 'the caller’s own job title' },
  'POST /people/:accountId/disable': { kind: 'url', role: 'org_admin' },
  'POST /people/:accountId/enable': { kind: 'url', role: 'org_admin' },
  'POST /my-plan': { kind: 'none', why: 'the caller’s own plan' },
  'POST /my-plan/sharing': {
    kind: 'field',
    role: 'service_user',
    status: 400,
    form: (ids) => ({ unitIds: [ids.unitId], accountIds: [ids.accountId] }),
  },
  'POST /my-plan/supporter-links': { kind: 'none', why: 'a new link on the caller’s own plan' },
  'POST /my-plan/supporter-links/:linkId/revoke': { kind: 'url', role: 'service_user' },
  'POST /my-plan/proposals/:proposalId/accept': { kind: 'url', role: 'service_user' },
  'POST /my-plan/proposals/:proposalId/decline': { kind: 'url', role: 'service_user' },
  'POST /my-plan/agreement': { kind: 'none', why: 'the caller’s own plan' },
  'POST /plans/emergency-access': {
    kind: 'field',
    role: 'practitioner',
    status: 404,
    form: (ids) => ({ personId: ids.personId, reason: 'Needed now for the person’s safety.' }),
  },
  'POST /plans/emergency-access/:accessId/review': { kind: 'url', role: 'unit_manager' },
  'POST /plans/:planId/proposals': { kind: 'url', role: 'practitioner' },
  'POST /plans/:planId/agreement': { kind: 'url', role: 'practitioner' },
  'POST /shared-plan/:linkToken': {
    kind: 'none',
    why: 'a supporter’s token, not a signed-in write',
  },
  'POST /check-my-writing': { kind: 'none', why: 'text checked and not kept' },
  'POST /admin/language/rules': { kind: 'none', why: 'a new rule in the caller’s organisation' },
  'POST /admin/language/allowed-terms': {
    kind: 'none',
    why: 'a new term in the caller’s organisation',
  },
  'POST /admin/language/:languageEntryId/remove': { kind: 'url', role: 'org_admin' },
  'POST /enquiry/people/:personId/start': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/prepare': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/not-asked': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/consent': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/ask': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/pause': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/stop': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/respond': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/close': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/record': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/follow-up': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/:enquiryId/referrals': { kind: 'url', role: 'practitioner' },
  'POST /referrals/:referralId/status': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/tasks/:taskId/done': { kind: 'url', role: 'practitioner' },
  'POST /enquiry/tasks/:taskId/supervision': { kind: 'url', role: 'practitioner' },
  'POST /disclosures/:disclosureId/sharing': { kind: 'url', role: 'service_user' },
  'POST /disclosures/:disclosureId/withdraw': { kind: 'url', role: 'service_user' },
  'POST /disclosures/:disclosureId/restore': { kind: 'url', role: 'service_user' },
  'POST /support-services': { kind: 'none', why: 'a new service in the caller’s organisation' },
  'POST /support-services/:serviceId': { kind: 'url', role: 'org_admin' },
  'POST /what-happened-to-you': { kind: 'none', why: 'the caller’s own reflection' },
  'POST /what-happened-to-you/saved/:reflectionId/delete': { kind: 'url', role: 'service_user' },
  'POST /force/incidents': {
    kind: 'field',
    role: 'practitioner',
    status: 404,
    form: (ids, t, own) => ({
      personId: ids.personId,
      unitId: own.unitId,
      rows: '1',
      startAt: londonNow(t, 30),
      reasonCode: '10',
      reasonNarrative: 'He was distressed after a phone call.',
      avoidanceCodes: ['deescalation'],
      i0_type: '07',
      i0_end: londonNow(t, 20),
      i0_staff: 'Jo Bennett, Staff nurse, lead',
      howForceUsed: 'A standing hold, talking throughout.',
      inCarePlan: 'no',
      action: 'continue',
    }),
  },
  'POST /force/incidents/drafts/:draftId/page-1': { kind: 'url', role: 'practitioner' },
  'POST /force/incidents/drafts/:draftId/page-2': { kind: 'url', role: 'practitioner' },
  'POST /force/incidents/drafts/:draftId/page-3': { kind: 'url', role: 'practitioner' },
  'POST /force/incidents/drafts/:draftId/review': { kind: 'url', role: 'practitioner' },
  'POST /force/incidents/:incidentId/amend': { kind: 'url', role: 'unit_manager' },
  'POST /force/incidents/:incidentId/delete': { kind: 'url', role: 'org_admin' },
  'POST /force/incidents/:incidentId/reviews/:reviewId': { kind: 'url', role: 'unit_manager' },
  'POST /force/incidents/:incidentId/account': { kind: 'url', role: 'practitioner' },
  'POST /force/incidents/:incidentId/learning': { kind: 'url', role: 'practitioner' },
  'POST /force/people/:personId': { kind: 'url', role: 'unit_manager' },
  'POST /force/observations': {
    kind: 'field',
    role: 'practitioner',
    status: 404,
    form: (ids, t, own) => ({
      personId: ids.personId,
      unitId: own.unitId,
      startAt: londonNow(t, 60),
      reason: 'A risk to their safety.',
      level: 'within_eyesight',
    }),
  },
  'POST /force/searches': {
    kind: 'field',
    role: 'practitioner',
    status: 404,
    form: (ids, t, own) => ({
      personId: ids.personId,
      unitId: own.unitId,
      kind: 'person',
      consent: 'agreed',
      occurredAt: londonNow(t, 30),
      reason: 'Concern about an item.',
      forceUsed: 'no',
    }),
  },
  'POST /force/denominators': {
    kind: 'field',
    role: 'org_admin',
    status: 404,
    form: (ids) => ({ unitId: ids.unitId, year: '2026', 'bd_2026-01': '900' }),
  },
  'POST /force/import': {
    kind: 'none',
    why: 'a CSV whose people and units are looked up by their identifiers within the caller’s organisation (see the import tests)',
  },
  'POST /my-incidents/:incidentId/account': { kind: 'url', role: 'service_user' },
  'POST /my-incidents/:incidentId/helper': { kind: 'url', role: 'service_user' },
  'POST /admin/units': { kind: 'none', why: 'a new unit in the caller’s organisation' },
  'POST /admin/units/:unitId': {
    kind: 'url',
    role: 'org_admin',
    form: () => ({ name: 'Renamed by someone else' }),
  },
  'POST /admin/units/:unitId/close': { kind: 'url', role: 'org_admin' },
  'POST /admin/staff/:accountId': {
    kind: 'url',
    role: 'org_admin',
    form: () => ({ role: 'unit_manager' }),
  },
  'POST /admin/staff-list': {
    kind: 'none',
    why: 'an uploaded list whose units are named, and looked up in the caller’s organisation only',
  },
  'POST /admin/staff-list/confirm': {
    kind: 'none',
    why: 'the same list, checked again the same way before anyone is invited',
  },
  'POST /organisation/sign-in': {
    kind: 'none',
    why: 'the identity provider of the caller’s own organisation',
  },
  'POST /organisation/sign-in/remove': {
    kind: 'none',
    why: 'the identity provider of the caller’s own organisation',
  },
  'POST /sign-in/code': { kind: 'none', why: 'a sign-in step held by the caller’s own cookie' },
  'POST /sign-in/set-up': { kind: 'none', why: 'a sign-in step held by the caller’s own cookie' },
  'POST /account/sign-in/authenticator': { kind: 'none', why: 'the caller’s own account' },
  'POST /account/sign-in/recovery-codes': { kind: 'none', why: 'the caller’s own account' },
  'POST /account/sign-in/sign-out-others': { kind: 'none', why: 'the caller’s own sessions' },
  'POST /account/sign-in/passkeys': {
    kind: 'none',
    why: 'a new passkey on the caller’s own account',
  },
  'POST /account/sign-in/passkeys/remove': {
    kind: 'none',
    why: 'a passkey looked up among the caller’s own only (another’s is 404: passkeys.test.ts)',
  },
  'POST /sign-in/code/passkey': {
    kind: 'none',
    why: 'a sign-in step held by the caller’s own cookie',
  },
  'POST /sign-in/passkey': { kind: 'none', why: 'a sign-in step held by the caller’s own cookie' },
  'POST /force/incidents/:incidentId/release': { kind: 'url', role: 'practitioner' },
  'POST /force/settings': { kind: 'none', why: 'the caller’s own organisation’s settings' },
  'POST /my-information/delete': { kind: 'none', why: 'the caller’s own plan and reflections' },
  'POST /admin/retention': { kind: 'none', why: 'the caller’s own organisation’s periods' },
  'POST /leave': { kind: 'none', why: 'the caller’s own session' },
  'POST /admin/help-numbers': { kind: 'none', why: 'a new number in the caller’s organisation' },
  'POST /admin/help-numbers/:helpNumberId': {
    kind: 'url',
    role: 'org_admin',
    form: () => ({ label: 'Crisis team', number: '0161 496 0000', kind: 'phone' }),
  },
  'POST /admin/help-numbers/:helpNumberId/remove': { kind: 'url', role: 'org_admin' },
  'POST /learning/records': {
    kind: 'none',
    why: 'the caller’s own training record; the course is looked up in the caller’s organisation only (see the learning tests)',
  },
  'POST /admin/learning/courses': {
    kind: 'none',
    why: 'a new course in the caller’s organisation',
  },
  'POST /admin/learning/import': {
    kind: 'none',
    why: 'a CSV whose staff and courses are looked up by email, employee number and name within the caller’s organisation only (see the learning tests)',
  },
  ...Object.fromEntries(
    loadCourse().sections.map((s): [string, Case] => [
      `POST /learning/course/${s.id}`,
      {
        kind: 'none',
        why: 'answers to a section of the built-in course (the same for everyone), saved as the caller’s own',
      },
    ]),
  ),
  'POST /wards/:unitId/shift-report': {
    kind: 'url',
    role: 'practitioner',
    form: (t) => ({ date: londonNow(t, 0).slice(0, 10), shift: 'early', c_verbal: '1' }),
  },
  'POST /wards/:unitId/safewards/in-place': {
    kind: 'url',
    role: 'unit_manager',
    form: () => ({ 'since_soft-words': '2026-01-05' }),
  },
  'POST /wards/:unitId/safewards/check': {
    kind: 'url',
    role: 'unit_manager',
    form: (t) => ({ month: londonNow(t, 0).slice(0, 7), 'sw-reason': 'seen' }),
  },
  'POST /wards/:unitId/mutual-help': {
    kind: 'url',
    role: 'practitioner',
    form: (t) => ({ heldOn: londonNow(t, 0).slice(0, 10), thanks: 'For the film night' }),
  },
  'POST /about-me': { kind: 'none', why: 'the caller’s own “about me”, for the wards they are on' },
  'POST /about-me/remove': { kind: 'none', why: 'removes the caller’s own “about me”' },
  'POST /wards/:unitId/expectations': {
    kind: 'url',
    role: 'practitioner',
    form: () => ({ body: 'We knock first.', basedOn: '0' }),
  },
  'POST /discharge-message': {
    kind: 'field',
    role: 'service_user',
    status: 404,
    form: (ids) => ({ unitId: ids.unitId, body: 'It gets better.' }),
  },
  'POST /discharge-message/:messageId/withdraw': { kind: 'url', role: 'service_user' },
  'POST /wards/:unitId/discharge-messages/:messageId': {
    kind: 'url',
    role: 'practitioner',
    form: () => ({ decision: 'approve' }),
  },
  'POST /wards/:unitId/display-tokens': {
    kind: 'url',
    role: 'unit_manager',
    form: () => ({ label: 'Day room' }),
  },
  'POST /wards/:unitId/display-tokens/:tokenId/revoke': { kind: 'url', role: 'unit_manager' },
  'POST /assessment/rounds': {
    kind: 'field',
    role: 'org_admin',
    status: 400,
    form: (ids, t) => ({ unitId: ids.unitId, closesOn: daysAhead(t, 30) }),
  },
  'POST /assessment/rounds/:roundId/extend': {
    kind: 'url',
    role: 'org_admin',
    form: (t) => ({ closesOn: daysAhead(t, 60) }),
  },
  'POST /assessment/rounds/:roundId/close': { kind: 'url', role: 'org_admin' },
  'POST /assessment/rounds/:roundId/codes': {
    kind: 'url',
    role: 'org_admin',
    form: () => ({ count: '2', group: 'people' }),
  },
  'POST /assessment/rounds/:roundId/answer': {
    kind: 'url',
    role: 'service_user',
    form: () => ({ 'trust.explain': '4' }),
  },
  'POST /learning/journal': { kind: 'none', why: 'a new entry in the caller’s own journal' },
  'POST /learning/journal/:entryId/share': {
    kind: 'url',
    role: 'practitioner',
    form: () => ({ supervisorId: '00000000-0000-4000-8000-000000000000' }),
  },
  'POST /learning/journal/:entryId/unshare': { kind: 'url', role: 'practitioner' },
  'POST /learning/journal/:entryId/delete': {
    kind: 'url',
    role: 'practitioner',
    form: () => ({ confirm: 'yes' }),
  },
  'POST /learning/supervision': {
    kind: 'field',
    role: 'practitioner',
    status: 400,
    form: (ids, t) => ({ heldOn: daysAhead(t, -3), supervisorId: ids.accountId, attended: 'yes' }),
  },
  'POST /learning/supervision/:supervisionId/delete': { kind: 'url', role: 'practitioner' },
  'POST /learning/support': {
    kind: 'none',
    why: 'an answer to an offer, looked up among the caller’s own hard events only (another’s is 404: see the learning tests)',
  },
  'POST /learning/wellbeing': { kind: 'none', why: 'an anonymous check-in, tied to no record' },
  'POST /admin/learning/support': {
    kind: 'none',
    why: 'a new staff support service in the caller’s organisation',
  },
  'POST /admin/learning/support/:staffServiceId/retire': { kind: 'url', role: 'org_admin' },
  // Partners' suggestions for the course text (issue 13 item 5).
  ...Object.fromEntries(
    loadCourse().sections.map((s): [string, Case] => [
      `POST /learning/course/${s.id}/suggest`,
      {
        kind: 'none',
        why: 'a suggestion for the built-in course; the part it names is looked up in the caller’s organisation’s own wording only (see the learning tests)',
      },
    ]),
  ),
  'POST /admin/learning/suggestions/:textProposalId': {
    kind: 'url',
    role: 'org_admin',
    form: () => ({ decision: 'accept' }),
  },
  'POST /improvement/plans': {
    kind: 'field',
    role: 'unit_manager',
    status: 404,
    form: (ids) => ({ subjectKind: 'ward_reduction', subjectId: ids.unitId }),
  },
  'POST /improvement/plans/:improvementPlanId/actions': {
    kind: 'url',
    role: 'unit_manager',
    form: (t) => ({ what: 'Someone else’s action', ownerId: 'x', dueOn: daysAhead(t, 30) }),
  },
  'POST /improvement/plans/:improvementPlanId/actions/:improvementActionId': {
    kind: 'url',
    role: 'unit_manager',
    form: (t) => ({ what: 'Changed by someone else', ownerId: 'x', dueOn: daysAhead(t, 30) }),
  },
  'POST /improvement/plans/:improvementPlanId/actions/:improvementActionId/progress': {
    kind: 'url',
    role: 'unit_manager',
    form: (t) => ({ onDate: daysAhead(t, 0), note: 'Progress from someone else' }),
  },
  'POST /improvement/plans/:improvementPlanId/goals': {
    kind: 'url',
    role: 'unit_manager',
    form: () => ({ text: 'A goal from someone else' }),
  },
  'POST /improvement/plans/:improvementPlanId/goals/:improvementGoalId': {
    kind: 'url',
    role: 'unit_manager',
    form: (t) => ({
      title: 'Changed by someone else',
      measure: 'prone',
      target: '0',
      targetOn: daysAhead(t, 60),
      status: 'met',
      version: '1',
    }),
  },
  'POST /improvement/plans/:improvementPlanId/review': {
    kind: 'url',
    role: 'lived_experience_partner',
    form: () => ({ stance: 'co-sign', words: 'Signed by someone else' }),
  },
  'POST /assessment/code': { kind: 'none', why: 'a one-time code, which names its own round' },
  // Local statements and suggested wording (issue 12 item 1).
  'POST /assessment/statements': {
    kind: 'none',
    why: 'a new local statement in the caller’s organisation, under a principle of the shared instrument',
  },
  'POST /assessment/statements/:itemId/suggest': {
    kind: 'url',
    role: 'lived_experience_partner',
    form: () => ({ text: 'Other words from someone else' }),
  },
  'POST /assessment/suggestions/:wordingProposalId': {
    kind: 'url',
    role: 'org_admin',
    form: () => ({ decision: 'accept' }),
  },
  'POST /assessment/code/answer': {
    kind: 'none',
    why: 'a one-time code, which names its own round',
  },
  'POST /assessment/peers/sharing': {
    kind: 'none',
    why: 'the caller’s own organisation’s sharing choice; an organisation id in the form is ignored (src/modules/assessment/national.test.ts)',
  },
};

/** Form-field choices a route offers, tried with another organisation's and made-up ids (400). */
const fieldChoices: Record<
  string,
  {
    role: Role;
    param?: string;
    urlFor?: (t: TestContext, team: Team) => Promise<string>;
    form: (ids: Ids) => Form;
  }
> = {
  'POST /admin/staff/:accountId': {
    role: 'org_admin',
    param: 'accountId',
    form: (ids) => ({ role: 'practitioner', unitIds: [ids.unitId] }),
  },
  'POST /enquiry/:enquiryId/referrals': {
    role: 'practitioner',
    // A finished conversation with a disclosure: referrals are offered only then.
    urlFor: async (t, team) =>
      `/enquiry/${(await makeDisclosure(t.services, team)).enquiryId}/referrals`,
    form: (ids) => ({ serviceId: ids.serviceId, kind: 'offered', agreed: 'yes' }),
  },
};

function accountFor(team: Team, role: Role) {
  const byRole: Record<Role, { email: string }> = {
    service_user: team.person,
    practitioner: team.practitioner,
    unit_manager: team.manager,
    org_admin: team.admin,
    lived_experience_partner: team.partner,
    national_operator: team.national,
  };
  return byRole[role];
}

describe('every write that names another record refuses foreign and made-up ids', () => {
  let t: TestContext;
  let mine: Team;
  let theirs: Team;
  let tables: string[];
  const agents = new Map<Role, Agent>();
  before(async () => {
    t = await createTestContext();
    mine = await makeTeam(t.services);
    theirs = await makeTeam(t.services);
    await paramFactories.planId!(t.services, mine); // the person's plan, to share
    tables = [...(await tenantTables(t.services.db))].filter((name) => name !== 'sessions').sort();
  });
  after(() => t.close());

  async function agentFor(role: Role): Promise<Agent> {
    if (!agents.has(role)) agents.set(role, await signedInAgent(t.app, accountFor(mine, role)));
    return agents.get(role)!;
  }

  /** Every row of every organisation's tables (sessions aside: each request touches its own). */
  const everything = () =>
    acrossOrganisations('test: every row, to prove a refused write changed nothing', async () => {
      const out: Record<string, unknown[]> = {};
      for (const table of tables) {
        const rows = await t.services.db
          .selectFrom(table as 'units')
          .selectAll()
          .execute();
        out[table] = rows.map((r) => JSON.stringify(r)).sort();
      }
      return out;
    });

  async function idsOf(team: Team): Promise<Ids> {
    return {
      unitId: team.unitId,
      personId: team.person.id,
      accountId: team.practitioner.id,
      serviceId: await paramFactories.serviceId!(t.services, team),
    };
  }
  const madeUp: Ids = {
    unitId: MADE_UP,
    personId: MADE_UP,
    accountId: MADE_UP,
    serviceId: MADE_UP,
  };

  async function fill(url: string, team: Team | null): Promise<string> {
    let result = url;
    for (const match of url.matchAll(/:(\w+)/g)) {
      const name = match[1]!;
      const value =
        team === null
          ? name === 'version'
            ? '1'
            : MADE_UP
          : await paramFactories[name]!(t.services, team);
      result = result.replace(`:${name}`, encodeURIComponent(value));
    }
    return result;
  }

  async function expectRefused(label: string, role: Role, url: string, form: Form, status: number) {
    const agent = await agentFor(role);
    const before = await everything();
    const res = await agent.post(url, form);
    assert.equal(res.status, status, `${label}: POST ${url} gave ${res.status}, not ${status}`);
    assert.deepEqual(await everything(), before, `${label}: POST ${url} changed the database`);
  }

  it('classifies every state-changing route (a new route must be added here)', () => {
    const posts = accessRules.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`);
    for (const route of posts) assert.ok(cases[route], `${route} is missing from the cases`);
    for (const route of Object.keys(cases)) assert.ok(posts.includes(route), `${route} is gone`);
  });

  it('ids in the path: 404 and nothing changed', async () => {
    for (const [route, c] of Object.entries(cases)) {
      if (c.kind !== 'url') continue;
      const path = route.slice('POST '.length);
      const form = c.form?.(t) ?? {};
      await expectRefused(
        `${route} (another organisation)`,
        c.role,
        await fill(path, theirs),
        form,
        404,
      );
      await expectRefused(`${route} (made up)`, c.role, await fill(path, null), form, 404);
    }
  });

  it('ids in form fields: 404 or 400 as each case says, and nothing changed', async () => {
    const foreign = await idsOf(theirs);
    const own = await idsOf(mine);
    for (const [route, c] of Object.entries(cases)) {
      if (c.kind !== 'field') continue;
      const path = route.slice('POST '.length);
      const url = await fill(path, mine);
      await expectRefused(
        `${route} (another organisation)`,
        c.role,
        url,
        c.form(foreign, t, own),
        c.status,
      );
      await expectRefused(`${route} (made up)`, c.role, url, c.form(madeUp, t, own), c.status);
    }
    for (const [route, c] of Object.entries(fieldChoices)) {
      const path = route.slice('POST '.length);
      const url = c.urlFor
        ? await c.urlFor(t, mine)
        : c.param
          ? path.replace(`:${c.param}`, await paramFactories[c.param]!(t.services, mine))
          : path;
      await expectRefused(`${route} (another organisation)`, c.role, url, c.form(foreign), 400);
      await expectRefused(`${route} (made up)`, c.role, url, c.form(madeUp), 400);
    }
  });
});

describe('a person reads only their own words from the learning after force', () => {
  let t: TestContext;
  let mine: Awaited<ReturnType<typeof makeTeam>>;
  let theirs: Awaited<ReturnType<typeof makeTeam>>;
  let incidentId: string;
  const words = 'Let me have my headphones before anyone comes close.';
  before(async () => {
    t = await createTestContext();
    mine = await makeTeam(t.services);
    theirs = await makeTeam(t.services);
    incidentId = await recordTeamIncident(t.services, mine);
    const nurse = await t.services.accounts.people.actorFor(mine.practitioner.id);
    const ctx = { actor: null, ip: null };
    const learning = { words, recorderRole: 'chosen_staff', themes: ['noise'] };
    await t.services.force.learning.save(nurse, incidentId, learning, ctx);
  });
  after(() => t.close());

  it('gives 404 and no words to another person, here or in another organisation', async () => {
    const owner = await signedInAgent(t.app, mine.person);
    assert.match((await owner.get(`/my-incidents/${incidentId}`)).body, /my headphones/);
    const sameWard = await makeAccount(t.services, {
      organisationId: mine.organisationId,
      role: 'service_user',
      unitIds: [mine.unitId],
    });
    for (const who of [sameWard, theirs.person]) {
      const agent = await signedInAgent(t.app, who);
      for (const url of [`/my-incidents/${incidentId}`, '/my-incidents/not-a-number']) {
        const res = await agent.get(url);
        assert.equal(res.status, 404, `${url} for ${who.id}`);
        assert.doesNotMatch(res.body, /headphones/);
      }
    }
  });
});
