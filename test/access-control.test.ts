/**
 * The access-control table, tested from outside: every registered route is in the table; every
 * role the table does not allow, and every user of another organisation, is refused; and
 * signed-out callers are sent to sign in.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accessRules } from '../src/app.ts';
import { roles } from '../src/modules/accounts/index.ts';
import type { Role } from '../src/modules/accounts/index.ts';
import { Agent, createTestContext, makeTeam, signedInAgent } from './factories.ts';
import type { TestContext } from './factories.ts';
import { paramFactories } from './access-fixtures.ts';
import type { Team } from './access-fixtures.ts';

function accountFor(team: Team, role: Role) {
  switch (role) {
    case 'service_user':
      return team.person;
    case 'practitioner':
      return team.practitioner;
    case 'unit_manager':
      return team.manager;
    case 'org_admin':
      return team.admin;
    case 'lived_experience_partner':
      return team.partner;
    case 'national_operator':
      return team.national;
  }
}

describe('access-control table', () => {
  let t: TestContext;
  let teamA: Team;
  let teamB: Team;
  before(async () => {
    t = await createTestContext();
    teamA = await makeTeam(t.services);
    teamB = await makeTeam(t.services);
  });
  after(() => t.close());

  async function fill(url: string, team: Team): Promise<string> {
    let result = url;
    for (const match of url.matchAll(/:(\w+)|\*/g)) {
      const name = match[1] ?? '*';
      const factory = paramFactories[name];
      assert.ok(
        factory,
        `test/access-fixtures.ts needs a factory for route parameter "${name}" (${url})`,
      );
      const value = await factory(t.services, team);
      result =
        name === '*'
          ? result.replace('*', value)
          : result.replace(`:${name}`, encodeURIComponent(value));
    }
    return result;
  }

  it('lists every registered route, and every listed route is registered', () => {
    const table = new Set(accessRules.map((r) => `${r.method} ${r.url}`));
    const registered = new Set(t.app.registeredRoutes.map((r) => `${r.method} ${r.url}`));
    for (const route of registered)
      assert.ok(table.has(route), `${route} is missing from the access-control table`);
    for (const rule of table)
      assert.ok(registered.has(rule), `${rule} is in the table but no route is registered`);
  });

  it('refuses every role the table does not allow, with 404', async () => {
    const agents = new Map<Role, Agent>();
    for (const role of roles) agents.set(role, await signedInAgent(t.app, accountFor(teamA, role)));
    for (const rule of accessRules) {
      if (!Array.isArray(rule.access)) continue;
      for (const role of roles) {
        if (rule.access.includes(role)) continue;
        const url = await fill(rule.url, teamA);
        const agent = agents.get(role)!;
        const res = rule.method === 'GET' ? await agent.get(url) : await agent.post(url, {});
        assert.equal(
          res.status,
          404,
          `${role} should be refused ${rule.method} ${rule.url} (got ${res.status})`,
        );
      }
    }
  });

  it('refuses a user of another organisation every record of this one, with 404', async () => {
    for (const rule of accessRules) {
      if (!Array.isArray(rule.access) || !rule.url.includes(':')) continue;
      for (const role of rule.access as readonly Role[]) {
        const outsider = await signedInAgent(t.app, accountFor(teamB, role));
        const url = await fill(rule.url, teamA);
        const res = rule.method === 'GET' ? await outsider.get(url) : await outsider.post(url, {});
        assert.equal(
          res.status,
          404,
          `${role} of another organisation should get 404 for ${rule.method} ${url} (got ${res.status})`,
        );
      }
    }
  });

  it('sends signed-out callers to sign in, and never runs the route', async () => {
    const anonymous = new Agent(t.app);
    for (const rule of accessRules) {
      if (rule.access === 'public') continue;
      const url = await fill(rule.url, teamA);
      const res = rule.method === 'GET' ? await anonymous.get(url) : await anonymous.post(url, {});
      assert.equal(
        res.status,
        303,
        `${rule.method} ${rule.url} should need sign-in (got ${res.status})`,
      );
      assert.match(String(res.headers.location), /^\/sign-in/);
    }
  });

  it('lets allowed roles open pages without parameters', async () => {
    for (const rule of accessRules) {
      if (!Array.isArray(rule.access) || rule.method !== 'GET' || rule.url.includes(':')) continue;
      for (const role of rule.access as readonly Role[]) {
        const agent = await signedInAgent(t.app, accountFor(teamA, role));
        const res = await agent.get(rule.url);
        assert.equal(res.status, 200, `${role} should open ${rule.url} (got ${res.status})`);
      }
    }
  });
});
