/**
 * The audit trail's rules. Guarantees: every event is written through `record`, inside the
 * caller's transaction, so a change or sensitive read and its audit event commit or fail
 * together; a person's "who has seen my information" list shows only events about them made by
 * someone else, and only to that person.
 */
import { createAuditEvidence } from './evidence.ts';
import type { Db } from '../../db/index.ts';
import type { AuditActor, AuditContext } from '../../lib/actor.ts';
import { acrossOrganisations } from '../../db/tenancy.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { AppError } from '../../lib/app-error.ts';
import type { AuditStore } from './store.ts';
import { hashEvent } from './chain.ts';
import type { AuditEventsTable } from './tables.ts';
import { isRole, roleLabels } from '../../lib/roles.ts';
import { accessKindOf, groupAccesses, kindsFor } from './who-has-seen.ts';
import type { AccessDay, AccessFilter, AccessKind } from './who-has-seen.ts';
export type { AccessDay, AccessFilter, AccessGroup, AccessKind } from './who-has-seen.ts';

export type { AuditActor, AuditContext };

/** What happened. `detail` must hold no free text typed by or about a person, except a reason shown back to that person. */
export interface AuditEventInput {
  organisationId: string | null;
  action: string;
  recordType?: string;
  recordId?: string;
  subjectPersonId?: string | null;
  outcome?: 'success' | 'denied' | 'failure';
  detail?: Record<string, string | number | boolean | null>;
}

/** The outcome of walking the chain. */
export type VerifyResult =
  | { ok: true; events: number; chains: number }
  | { ok: false; events: number; chain: string; seq: number; eventId: string; problem: string };

/** Names for people and units within one organisation, supplied by the accounts module. */
export interface Directory {
  describeAccounts(
    db: Db,
    ids: string[],
    organisationId: string,
  ): Promise<Map<string, { displayName: string }>>;
  describeUnits(
    db: Db,
    ids: string[],
    organisationId: string,
  ): Promise<Map<string, { name: string }>>;
}

/** One line of "Who has seen my information". */
export interface AccessEntry {
  when: string;
  who: string;
  role: string | null;
  /** The role in plain words, or empty when there is none. */
  roleLabel: string;
  unit: string | null;
  what: string;
  reason: string | null;
  /** The audit action, and whether it was a look, a change or an emergency look. */
  action: string;
  kind: AccessKind;
  /** Who acted, as a stable key for grouping. */
  whoKey: string;
}

/** The grouped "Who has seen my information" page: one section per kind the filter shows. */
export interface WhoHasSeenPage {
  filter: AccessFilter;
  sections: { kind: AccessKind; count: number; days: AccessDay[] }[];
  /** How many entries there are of each kind, whatever the filter. */
  totals: Record<AccessKind, number>;
}

/** Most looks written in one shared transaction. */
const MOST_LOOKS_TOGETHER = 100;

/** A look waiting for the next shared transaction, and its caller's promise. */
interface WaitingLook {
  ctx: AuditContext;
  input: AuditEventInput;
  done: () => void;
  failed: (error: unknown) => void;
}

/** Creates the audit log: the writer every module uses, and the chain verifier. */
export function createAuditLog(deps: { store: AuditStore; clock: Clock }) {
  const { store, clock } = deps;
  /** Looks waiting to be written, per database handle, and whether a write is under way. */
  const looks = new Map<Db, { waiting: WaitingLook[]; writing: boolean }>();

  /**
   * Writes the looks waiting on `db` in one transaction, then the ones that arrived meanwhile,
   * until none wait. Each caller's promise settles when its own look has committed or failed.
   */
  async function writeLooks(
    db: Db,
    queue: { waiting: WaitingLook[]; writing: boolean },
  ): Promise<void> {
    queue.writing = true;
    try {
      while (queue.waiting.length > 0) {
        const batch = queue.waiting.splice(0, MOST_LOOKS_TOGETHER);
        try {
          await db.transaction().execute(async (trx) => {
            for (const look of batch) await log.record(trx, look.ctx, look.input);
          });
          for (const look of batch) look.done();
        } catch (error) {
          for (const look of batch) look.failed(error);
        }
      }
    } finally {
      queue.writing = false;
      looks.delete(db);
    }
  }

  const log = {
    /**
     * Runs a change or a sensitive read and the audit events it writes in one transaction, so
     * the two commit together or not at all. Every service writes through this.
     * @param work - does the change with `trx` and calls `audit(event)` for each event
     */
    async audited<T>(
      db: Db,
      ctx: AuditContext,
      work: (trx: Db, audit: (event: AuditEventInput) => Promise<void>) => Promise<T>,
    ): Promise<T> {
      return db.transaction().execute((trx) => work(trx, (event) => log.record(trx, ctx, event)));
    },

    /**
     * Appends one event inside the given transaction.
     * @param trx - the transaction of the change or read being recorded
     */
    async record(trx: Db, ctx: AuditContext, input: AuditEventInput): Promise<void> {
      const chain = input.organisationId ?? 'system';
      const head = await store.lockHead(trx, chain);
      const event: Omit<AuditEventsTable, 'hash'> = {
        id: newId(),
        chain,
        seq: head.seq + 1,
        organisation_id: input.organisationId,
        occurred_at: toIso(clock()),
        actor_id: ctx.actor?.id ?? null,
        actor_role: ctx.actor?.role ?? null,
        actor_unit_id: ctx.actor?.unitId ?? null,
        action: input.action,
        record_type: input.recordType ?? null,
        record_id: input.recordId ?? null,
        subject_person_id: input.subjectPersonId ?? null,
        ip: ctx.ip,
        outcome: input.outcome ?? 'success',
        detail: input.detail ? JSON.stringify(input.detail) : null,
        prev_hash: head.hash,
      };
      await store.append(trx, { ...event, hash: hashEvent(event) });
    },

    /**
     * Audits a look at a record that is already read (nothing changes with it), and settles
     * when the event has committed: the caller shows nothing before then. Looks that arrive
     * while another is being written share the next transaction, so a ward of nurses opening
     * plans costs one commit (one flush to disk) for several looks rather than one each. If
     * that transaction fails, every look in it fails, and none of those pages is shown.
     */
    recordLook(db: Db, ctx: AuditContext, input: AuditEventInput): Promise<void> {
      return new Promise((done, failed) => {
        let queue = looks.get(db);
        if (!queue) {
          queue = { waiting: [], writing: false };
          looks.set(db, queue);
        }
        queue.waiting.push({ ctx, input, done, failed });
        // The first look starts the writer once this turn of the event loop is done, so looks
        // of requests handled in the same turn share its first transaction; later ones join
        // whatever it writes next.
        if (!queue.writing) {
          queue.writing = true;
          setImmediate(() => void writeLooks(db, queue));
        }
      });
    },

    /** Walks every chain from its start and reports the first broken event, if any. */
    async verify(db: Db): Promise<VerifyResult> {
      return acrossOrganisations('walking every audit chain', () => verifyChains(db));
    },
  };

  /** Walks every chain from its start and reports the first broken event, if any. */
  async function verifyChains(db: Db): Promise<VerifyResult> {
    let events = 0;
    const chains = await store.listChains(db);
    for (const head of chains) {
      let prevHash = '0'.repeat(64);
      let expectedSeq = 1;
      for (;;) {
        const page = await store.pageOfChain(db, head.chain, expectedSeq - 1, 1000);
        if (page.length === 0) break;
        for (const event of page) {
          events++;
          const broken = (problem: string): VerifyResult => ({
            ok: false,
            events,
            chain: head.chain,
            seq: event.seq,
            eventId: event.id,
            problem,
          });
          if (event.seq !== expectedSeq) return broken(`expected event ${expectedSeq} here`);
          if (event.prev_hash !== prevHash) return broken('previous-hash link does not match');
          const { hash, ...rest } = event;
          if (hashEvent(rest) !== hash) return broken('contents do not match their hash');
          prevHash = hash;
          expectedSeq++;
        }
      }
      if (expectedSeq - 1 !== head.seq || prevHash !== head.hash) {
        return {
          ok: false,
          events,
          chain: head.chain,
          seq: expectedSeq,
          eventId: '(missing)',
          problem: `chain ends at ${expectedSeq - 1} but its head says ${head.seq}`,
        };
      }
    }
    return { ok: true, events, chains: chains.length };
  }
  return log;
}

/** The audit log's functions. */
export type AuditLog = ReturnType<typeof createAuditLog>;

/** Creates the read side: a person's own view of who has looked at their information. */
export function createAuditService(deps: {
  db: Db;
  store: AuditStore;
  directory: Directory;
  actionLabels: Record<string, string>;
}) {
  const { db, store, directory, actionLabels } = deps;
  const service = {
    /**
     * The person's list grouped by day and by who did what, looks apart from changes, for one
     * filter. Only the person may see their list.
     */
    async whoHasSeen(
      viewer: { id: string; organisationId: string },
      personId: string,
      filter: AccessFilter,
    ): Promise<WhoHasSeenPage> {
      const entries = await service.listWhoHasSeen(viewer, personId);
      const count = (kind: AccessKind) => entries.filter((e) => e.kind === kind).length;
      return {
        filter,
        sections: kindsFor(filter).map((kind) => ({
          kind,
          count: count(kind),
          days: groupAccesses(entries, kind),
        })),
        totals: { look: count('look'), change: count('change'), emergency: count('emergency') },
      };
    },

    /**
     * Lists accesses to a person's records by anyone else. Only the person may see their list.
     */
    async listWhoHasSeen(
      viewer: { id: string; organisationId: string },
      personId: string,
    ): Promise<AccessEntry[]> {
      if (viewer.id !== personId) throw AppError.notFound();
      const events = await store.accessesToPerson(db, viewer.organisationId, personId, 500);
      const people = await directory.describeAccounts(
        db,
        events.map((e) => e.actor_id).filter((id): id is string => id !== null),
        viewer.organisationId,
      );
      const units = await directory.describeUnits(
        db,
        events.map((e) => e.actor_unit_id).filter((id): id is string => id !== null),
        viewer.organisationId,
      );
      return events.map((e) => {
        const detail = e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : {};
        const supporterName = typeof detail.actorName === 'string' ? detail.actorName : null;
        return {
          action: e.action,
          kind: accessKindOf(e.action, detail),
          whoKey: supporterName ? `name:${supporterName}` : `id:${e.actor_id ?? 'system'}`,
          when: e.occurred_at,
          // Someone without an account (a supporter the person gave a link to) is named in detail.
          who:
            typeof detail.actorName === 'string'
              ? detail.actorName
              : e.actor_id
                ? (people.get(e.actor_id)?.displayName ?? 'A member of staff')
                : 'Hearth',
          role: e.actor_role,
          roleLabel: e.actor_role && isRole(e.actor_role) ? roleLabels[e.actor_role] : '',
          unit: e.actor_unit_id ? (units.get(e.actor_unit_id)?.name ?? null) : null,
          what: actionLabels[e.action] ?? e.action,
          reason: typeof detail.reason === 'string' ? detail.reason : null,
        };
      });
    },
    /** Figures for the self-assessment's evidence panels (no actor: the caller checks access). */
    evidence: createAuditEvidence({ db }),
  };
  return service;
}

/** The audit read service's functions. */
export type AuditService = ReturnType<typeof createAuditService>;
