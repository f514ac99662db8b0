/**
 * The demo organisation: invented people and units so that anyone can try Hearth at once.
 * Never loaded in production. Everyone shares one demo password, printed at start.
 */
import type { Services } from './app.ts';
import type { Role } from './modules/accounts/index.ts';
import { hashPassword } from './modules/accounts/index.ts';

/** The password every demo account uses. */
export const DEMO_PASSWORD = 'kettle-harbour-lantern';

/** A demo account and what it is for. */
export interface DemoLogin {
  role: Role;
  email: string;
  displayName: string;
  about: string;
}

/** The demo accounts, in the order they are printed. */
export const demoLogins: DemoLogin[] = [
  {
    role: 'service_user',
    email: 'sam@demo.hearth.test',
    displayName: 'Sam Taylor',
    about: 'a person using services (Ward 3)',
  },
  {
    role: 'service_user',
    email: 'alex@demo.hearth.test',
    displayName: 'Alex Morgan',
    about: 'a person using services (community team)',
  },
  {
    role: 'practitioner',
    email: 'jo@demo.hearth.test',
    displayName: 'Jo Bennett',
    about: 'a nurse on Ward 3 and the community team',
  },
  {
    role: 'practitioner',
    email: 'dev@demo.hearth.test',
    displayName: 'Dev Patel',
    about: 'a nurse on Willow Ward',
  },
  {
    role: 'unit_manager',
    email: 'tom@demo.hearth.test',
    displayName: 'Tom Okafor',
    about: 'the manager of Ward 3',
  },
  {
    role: 'org_admin',
    email: 'priya@demo.hearth.test',
    displayName: 'Priya Shah',
    about: 'the organisation administrator',
  },
  {
    role: 'national_operator',
    email: 'nina@demo.hearth.test',
    displayName: 'Nina Hall',
    about: 'a national operator (sees figures for all organisations)',
  },
  {
    role: 'lived_experience_partner',
    email: 'morgan@demo.hearth.test',
    displayName: 'Morgan Reid',
    about: 'a lived-experience partner',
  },
];

/** True when the demo organisation is already in the database. */
export async function hasDemo(services: Services): Promise<boolean> {
  return (
    (await services.accounts.provisioning.findAccountByEmail('sam@demo.hearth.test')) !== undefined
  );
}

/**
 * Loads the demo organisation. Each module adds its own demo records after accounts exist.
 * @returns ids of the demo units and accounts, keyed by short names
 */
export async function loadDemo(services: Services) {
  const { accounts } = services;
  const org = await accounts.provisioning.provisionOrganisation(
    'Riverside Mental Health NHS Foundation Trust',
  );
  const ward3 = await accounts.provisioning.provisionUnit(org.id, 'Ward 3', 'ward');
  const willow = await accounts.provisioning.provisionUnit(org.id, 'Willow Ward', 'ward');
  const cmht = await accounts.provisioning.provisionUnit(
    org.id,
    'Community Mental Health Team North',
    'team',
  );
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const make = (login: DemoLogin, unitIds: string[], practitionerIds: string[] = []) =>
    accounts.provisioning.provisionAccount({
      organisationId: org.id,
      email: login.email,
      displayName: login.displayName,
      role: login.role,
      password: DEMO_PASSWORD,
      passwordHash,
      unitIds,
      practitionerIds,
    });
  const byEmail = (email: string): DemoLogin => {
    const login = demoLogins.find((l) => l.email === email);
    if (!login) throw new Error(`No demo login ${email}`);
    return login;
  };
  const jo = await make(byEmail('jo@demo.hearth.test'), [ward3.id, cmht.id]);
  const dev = await make(byEmail('dev@demo.hearth.test'), [willow.id]);
  const tom = await make(byEmail('tom@demo.hearth.test'), [ward3.id]);
  const priya = await make(byEmail('priya@demo.hearth.test'), []);
  const morgan = await make(byEmail('morgan@demo.hearth.test'), []);
  const national = await accounts.provisioning.provisionOrganisation('National reporting (demo)');
  const nina = await accounts.provisioning.provisionAccount({
    organisationId: national.id,
    email: 'nina@demo.hearth.test',
    displayName: 'Nina Hall',
    role: 'national_operator',
    password: DEMO_PASSWORD,
    passwordHash,
  });
  const sam = await make(byEmail('sam@demo.hearth.test'), [ward3.id], [jo.id]);
  const alex = await make(byEmail('alex@demo.hearth.test'), [cmht.id], [jo.id]);
  return {
    organisationId: org.id,
    units: { ward3: ward3.id, willow: willow.id, cmht: cmht.id },
    people: {
      sam: sam.id,
      alex: alex.id,
      jo: jo.id,
      dev: dev.id,
      tom: tom.id,
      priya: priya.id,
      morgan: morgan.id,
      nina: nina.id,
    },
  };
}

/** Demo ids, as loadDemo returns them. */
export type DemoIds = Awaited<ReturnType<typeof loadDemo>>;

/** A short table of demo sign-ins for the console. */
export function describeDemoLogins(publicUrl: string): string {
  const lines = demoLogins.map((l) => `  ${l.email.padEnd(26)} ${l.about}`);
  return [
    `Demo sign-ins at ${publicUrl}/sign-in (password for all: ${DEMO_PASSWORD}):`,
    ...lines,
  ].join('\n');
}
