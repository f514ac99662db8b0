/**
 * The reflective journal. Guarantees: an entry is encrypted at rest with the same key as
 * disclosures, bound to its row; only its writer reads, exports, shares or deletes it; a
 * supervisor reads only an entry shared with them, and only while it is shared; managers and
 * administrators have no way in; every write, share, export and supervisor's read is audited
 * in the same transaction, and audit events never carry what was written.
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import type { LearningDeps, StaffMember } from './deps.ts';
import { maySupervise, mayLearning, supervisorRoles } from './policy.ts';
import type { JournalInput, JournalPrompt } from './reflect-schema.ts';
import { journalParts, journalPrompts } from './reflect-schema.ts';
import type { LearningJournalTable } from './tables.ts';

/** The journal's encrypted columns, so key rotation re-encrypts them with the disclosures. */
export const learningEncryptedColumns = [
  { table: 'learning_journal', column: 'text_enc' },
  { table: 'learning_supervision', column: 'note_enc' },
] as const;

/** What an entry says, part by part. */
export type EntryText = Record<(typeof journalParts)[number], string>;

/** An entry as its reader sees it. */
export interface JournalEntry {
  id: string;
  prompt: JournalPrompt;
  text: EntryText;
  createdAt: string;
  sharedWith: { id: string; name: string } | null;
  mine: boolean;
  writerName: string | null;
}

/** The encryption context of a value: its table, column and row. */
export function sealContext(table: string, column: string, id: string): string {
  return `${table}.${column}:${id}`;
}

/** Creates the journal capability. */
export function createJournal(deps: LearningDeps) {
  const { db, store, audit, clock, box } = deps;

  function openText(row: LearningJournalTable): EntryText {
    const parsed = JSON.parse(
      box.decrypt(row.text_enc, sealContext('learning_journal', 'text_enc', row.id)),
    ) as Partial<EntryText>;
    return Object.fromEntries(journalParts.map((p) => [p, parsed[p] ?? ''])) as EntryText;
  }

  /** Active staff of the organisation the writer may name as a supervisor (not themselves). */
  async function supervisorsFor(actor: Actor): Promise<StaffMember[]> {
    const staff = await store.listStaff(db, actor.organisationId, supervisorRoles);
    return staff
      .filter((s) => s.id !== actor.id)
      .map((s) => ({ id: s.id, name: s.display_name, role: s.role }));
  }

  async function namesOf(actor: Actor, ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = new Set(ids);
    if (wanted.size === 0) return new Map();
    const staff = await store.listStaff(db, actor.organisationId, supervisorRoles);
    return new Map(staff.filter((s) => wanted.has(s.id)).map((s) => [s.id, s.display_name]));
  }

  function toEntry(
    actor: Actor,
    row: LearningJournalTable,
    names: ReadonlyMap<string, string>,
  ): JournalEntry {
    const mine = row.account_id === actor.id;
    return {
      id: row.id,
      prompt: (journalPrompts as readonly string[]).includes(row.prompt)
        ? (row.prompt as JournalPrompt)
        : 'any',
      text: openText(row),
      createdAt: row.created_at,
      // The writer sees who they shared with; the supervisor sees who wrote it.
      sharedWith:
        mine && row.shared_with
          ? { id: row.shared_with, name: names.get(row.shared_with) ?? 'a colleague' }
          : null,
      mine,
      writerName: mine ? null : (names.get(row.account_id) ?? 'a colleague'),
    };
  }

  /** Loads an entry the actor may read; anything else is 404. */
  async function readable(actor: Actor, id: string): Promise<LearningJournalTable> {
    const row = await store.findEntryFor(db, actor.organisationId, actor.id, id);
    if (
      !row ||
      !mayLearning(actor, {
        kind: 'read-entry',
        organisationId: row.organisation_id,
        writerId: row.account_id,
        sharedWith: row.shared_with,
      })
    )
      throw AppError.notFound();
    return row;
  }

  /** Loads an entry the actor wrote; anything else (a shared one included) is 404. */
  async function own(actor: Actor, id: string): Promise<LearningJournalTable> {
    const row = await readable(actor, id);
    if (
      !mayLearning(actor, {
        kind: 'change-entry',
        organisationId: row.organisation_id,
        writerId: row.account_id,
      })
    )
      throw AppError.notFound();
    return row;
  }

  return {
    /** The writer's own entries, newest first, and entries others have shared with them. */
    async list(actor: Actor) {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      const rows = await store.listOwnEntries(db, actor.organisationId, actor.id);
      const shared = await store.listSharedWith(db, actor.organisationId, actor.id);
      const names = await namesOf(actor, [
        ...rows.flatMap((r) => (r.shared_with ? [r.shared_with] : [])),
        ...shared.map((r) => r.account_id),
      ]);
      return {
        entries: rows.map((r) => toEntry(actor, r, names)),
        sharedWithMe: shared.map((r) => ({
          id: r.id,
          writerName: names.get(r.account_id) ?? 'a colleague',
          sharedAt: r.shared_at,
        })),
      };
    },

    /** Saves a new entry, encrypted. @returns its id */
    async write(actor: Actor, input: JournalInput, ctx: AuditContext): Promise<string> {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      const id = newId();
      const text = Object.fromEntries(journalParts.map((p) => [p, input[p]]));
      await audit.audited(db, ctx, async (trx, record) => {
        await store.insertEntry(trx, {
          id,
          organisation_id: actor.organisationId,
          account_id: actor.id,
          prompt: input.prompt,
          text_enc: box.encrypt(
            JSON.stringify(text),
            sealContext('learning_journal', 'text_enc', id),
          ),
          shared_with: null,
          shared_at: null,
          created_at: toIso(clock()),
        });
        await record({
          organisationId: actor.organisationId,
          action: 'learning.journal_write',
          recordType: 'learning_journal',
          recordId: id,
        });
      });
      return id;
    },

    /**
     * One entry, for its writer or the supervisor it is shared with (whose reading is audited).
     * @throws AppError not found for anyone else
     */
    async read(actor: Actor, id: string, ctx: AuditContext) {
      const row = await readable(actor, id);
      const names = await namesOf(actor, [
        row.account_id,
        ...(row.shared_with ? [row.shared_with] : []),
      ]);
      const entry = toEntry(actor, row, names);
      if (!entry.mine) {
        await audit.audited(db, ctx, async (_trx, record) => {
          await record({
            organisationId: actor.organisationId,
            action: 'learning.journal_read_shared',
            recordType: 'learning_journal',
            recordId: id,
          });
        });
      }
      return { entry, supervisors: entry.mine ? await supervisorsFor(actor) : [] };
    },

    /**
     * Shares the writer's entry with one supervisor (replacing any before).
     * @throws AppError invalid when the supervisor is not an active colleague who may supervise
     */
    async share(actor: Actor, id: string, supervisorId: string, ctx: AuditContext) {
      await own(actor, id);
      const supervisors = await supervisorsFor(actor);
      const supervisor = supervisors.find((s) => s.id === supervisorId);
      if (!supervisor || !maySupervise(supervisor.role as Actor['role']))
        throw AppError.invalid('supervisorId', 'Choose someone from the list');
      await audit.audited(db, ctx, async (trx, record) => {
        await store.setShare(trx, actor.organisationId, actor.id, id, supervisorId, toIso(clock()));
        await record({
          organisationId: actor.organisationId,
          action: 'learning.journal_share',
          recordType: 'learning_journal',
          recordId: id,
          detail: { sharedWith: supervisorId },
        });
      });
    },

    /** Stops sharing the writer's entry. */
    async stopSharing(actor: Actor, id: string, ctx: AuditContext) {
      await own(actor, id);
      await audit.audited(db, ctx, async (trx, record) => {
        await store.setShare(trx, actor.organisationId, actor.id, id, null, null);
        await record({
          organisationId: actor.organisationId,
          action: 'learning.journal_unshare',
          recordType: 'learning_journal',
          recordId: id,
        });
      });
    },

    /** Deletes the writer's entry for good. */
    async remove(actor: Actor, id: string, ctx: AuditContext) {
      await own(actor, id);
      await audit.audited(db, ctx, async (trx, record) => {
        await store.deleteEntry(trx, actor.organisationId, actor.id, id);
        await record({
          organisationId: actor.organisationId,
          action: 'learning.journal_delete',
          recordType: 'learning_journal',
          recordId: id,
        });
      });
    },

    /** All the writer's own entries as plain text, for them to keep. Audited (no content). */
    async exportText(actor: Actor, ctx: AuditContext): Promise<string> {
      if (!mayLearning(actor, { kind: 'reflect' })) throw AppError.notFound();
      const rows = await store.listOwnEntries(db, actor.organisationId, actor.id);
      await audit.audited(db, ctx, async (_trx, record) => {
        await record({
          organisationId: actor.organisationId,
          action: 'learning.journal_export',
          recordType: 'learning_journal',
          recordId: actor.id,
          detail: { entries: rows.length },
        });
      });
      return journalAsText(rows.map((r) => ({ createdAt: r.created_at, text: openText(r) })));
    },

    /** Checks the actor wrote this entry. @throws AppError not found otherwise */
    async assertOwn(actor: Actor, id: string): Promise<void> {
      await own(actor, id);
    },

    supervisorsFor,
  };
}

const headings: Record<(typeof journalParts)[number], string> = {
  happened: 'What happened',
  felt: 'How it felt',
  noticed: 'What I noticed in myself',
  keep: 'What I would keep or change',
};

/** Writes entries as a plain text file, oldest first. */
export function journalAsText(entries: readonly { createdAt: string; text: EntryText }[]): string {
  const parts = ['Your reflective journal from Hearth', ''];
  for (const e of [...entries].reverse()) {
    parts.push(`== ${e.createdAt.slice(0, 10)} ==`, '');
    for (const p of journalParts) {
      if (e.text[p] === '') continue;
      parts.push(`${headings[p]}:`, e.text[p], '');
    }
  }
  if (entries.length === 0) parts.push('There are no entries.');
  return parts.join('\n') + '\n';
}
