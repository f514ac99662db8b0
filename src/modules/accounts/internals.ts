/**
 * What the accounts capabilities share: their dependencies, the timeouts, and the few helpers
 * that turn stored accounts into actors, people lists and sessions.
 */
import type { Db } from '../../db/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { AuditActor } from '../../lib/actor.ts';
import type { Clock } from '../../lib/clock.ts';
import type { CryptoBox } from '../../lib/crypto-box.ts';
import { DAY, HOUR, MINUTE, addMs, toIso } from '../../lib/clock.ts';
import { roleLabels } from '../../lib/roles.ts';
import type { Role } from '../../lib/roles.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import type { Actor } from './policy.ts';
import type { AccountsStore } from './store.ts';
import type { AccountsTable } from './tables.ts';

/** How long a session may sit unused. */
export const IDLE_TIMEOUT_MS = 30 * MINUTE;
/** How long a session may last in all. */
export const ABSOLUTE_TIMEOUT_MS = 12 * HOUR;
/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * DAY;
/** Failed sign-ins allowed per account, and per address, in one window. */
export const SIGN_IN_LIMITS = { account: 5, ip: 50, windowMs: 15 * MINUTE } as const;

/** What the app needs to run accounts. */
export interface AccountsDeps {
  db: Db;
  store: AccountsStore;
  audit: AuditLog;
  clock: Clock;
  publicUrl: string;
  /** Encrypts sign-in secrets (provider client secrets, authenticator-app secrets). */
  box?: CryptoBox;
  /** Allow an http:// provider on a loopback address: tests and local trials only, never production. */
  allowLoopbackHttpIssuer?: boolean;
  /** How long new staff may sign in with a password alone (7 days unless a test says otherwise). */
  secondFactorGraceMs?: number;
}

/** A person as staff lists show them. */
export interface PersonSummary {
  id: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  status: AccountsTable['status'];
  unitNames: string[];
}

/** The context of something the system does by itself (set-up, demo, tests). */
export const systemContext = { actor: null, ip: null };

/** Builds the actor every service sees for a stored account. */
export async function toActor(deps: AccountsDeps, account: AccountsTable): Promise<Actor> {
  return {
    id: account.id,
    organisationId: account.organisation_id,
    role: account.role,
    displayName: account.display_name,
    unitIds: await deps.store.unitIdsOf(deps.db, account.organisation_id, account.id),
  };
}

/** The audit trail's view of an actor. */
export function auditActor(actor: Actor): AuditActor {
  return {
    id: actor.id,
    role: actor.role,
    organisationId: actor.organisationId,
    unitId: actor.unitIds[0] ?? null,
  };
}

/** Starts a session for an account inside the caller's transaction; returns the cookie token. */
export async function startSession(
  deps: AccountsDeps,
  trx: Db,
  account: AccountsTable,
  device: string | null = null,
): Promise<string> {
  const token = newToken();
  const now = deps.clock();
  await deps.store.insertSession(trx, {
    id: hashToken(token),
    account_id: account.id,
    organisation_id: account.organisation_id,
    created_at: toIso(now),
    last_seen_at: toIso(now),
    expires_at: toIso(addMs(now, ABSOLUTE_TIMEOUT_MS)),
    device,
  });
  return token;
}

/** Describes accounts of one organisation as staff lists show them. */
export async function describePeople(
  deps: AccountsDeps,
  organisationId: string,
  accounts: AccountsTable[],
): Promise<PersonSummary[]> {
  const { db, store } = deps;
  const units = await store.listUnits(db, organisationId);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  // One statement for everyone's units, however long the list.
  const unitsOf = await store.unitIdsOfAccounts(
    db,
    organisationId,
    accounts.map((a) => a.id),
  );
  const result: PersonSummary[] = [];
  for (const a of accounts) {
    const ids = unitsOf.get(a.id) ?? [];
    result.push({
      id: a.id,
      displayName: a.display_name,
      role: a.role,
      roleLabel: roleLabels[a.role],
      status: a.status,
      unitNames: ids.map((id) => unitName.get(id) ?? '').filter(Boolean),
    });
  }
  return result;
}
