/**
 * Crisis numbers: the national ones everyone gets, and each organisation's own, kept by its
 * administrator. Guarantees: a person sees only their own organisation's numbers; every change
 * is audited in the same transaction; links carry digits only, so what the administrator typed
 * is never put into a link as it stands.
 */
import type { Db } from '../../db/index.ts';
import type { AuditContext, AuditLog } from '../audit/index.ts';
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { newId } from '../../lib/tokens.ts';
import { mayHelp } from './policy.ts';
import type { HelpNumberInput } from './schema.ts';
import type { HelpStore } from './store.ts';
import type { HelpNumbersTable } from './tables.ts';

/** The most numbers one organisation keeps: Help now must stay short enough to read in a hurry. */
export const MAX_HELP_NUMBERS = 10;

/** A number as pages show it, with its link. */
export interface HelpNumber {
  id: string | null;
  label: string;
  /** The number as shown. */
  number: string;
  kind: 'phone' | 'text';
  /** `tel:` or `sms:` link. */
  href: string;
  /** What to do, in a few words: "Call 111 and choose option 2". */
  action: string;
  /** A line of why or when, if any. */
  hint?: string;
  position: number;
}

/** The national numbers, shown to everyone, signed in or not. */
export const nationalHelpNumbers: readonly HelpNumber[] = [
  {
    id: null,
    label: 'NHS 111, mental health option',
    number: '111',
    kind: 'phone',
    href: 'tel:111',
    action: 'Call 111 and choose option 2',
    hint: 'Day or night, for urgent help with your mental health.',
    position: 1,
  },
  {
    id: null,
    label: 'Samaritans',
    number: '116 123',
    kind: 'phone',
    href: 'tel:116123',
    action: 'Call 116 123',
    hint: 'Free, day or night. You can talk about anything.',
    position: 2,
  },
  {
    id: null,
    label: 'Shout',
    number: '85258',
    kind: 'text',
    href: 'sms:85258?&body=SHOUT',
    action: 'Text SHOUT to 85258',
    hint: 'Free, day or night, if you would rather text than talk.',
    position: 3,
  },
  {
    id: null,
    label: 'Emergency',
    number: '999',
    kind: 'phone',
    href: 'tel:999',
    action: 'Call 999',
    hint: 'If your life or someone else’s is in danger now.',
    position: 4,
  },
];

/** The link for a number: digits (and a leading +) only. */
export function linkFor(kind: 'phone' | 'text', number: string): string {
  const digits = number.trim().replace(/(?!^\+)[^\d]/g, '');
  return `${kind === 'text' ? 'sms' : 'tel'}:${digits}`;
}

function shown(row: HelpNumbersTable): HelpNumber {
  return {
    id: row.id,
    label: row.label,
    number: row.number,
    kind: row.kind,
    href: linkFor(row.kind, row.number),
    action: `${row.kind === 'text' ? 'Text' : 'Call'} ${row.number}`,
    position: row.position,
  };
}

/** What the crisis-numbers capability needs. */
export interface HelpNumbersDeps {
  db: Db;
  store: HelpStore;
  audit: AuditLog;
  clock: Clock;
}

/** Creates the crisis-numbers capability. */
export function createHelpNumbers(deps: HelpNumbersDeps) {
  const { db, store, audit, clock } = deps;

  async function change(
    actor: Actor,
    ctx: AuditContext,
    action: string,
    id: string,
    write: (trx: Db) => Promise<void>,
  ): Promise<void> {
    await audit.audited(db, ctx, async (trx, record) => {
      await write(trx);
      await record({
        organisationId: actor.organisationId,
        action,
        recordType: 'help_number',
        recordId: id,
      });
    });
  }

  async function ownNumber(actor: Actor, id: string): Promise<HelpNumbersTable> {
    if (!mayHelp(actor, { kind: 'manage-numbers' })) throw AppError.notFound();
    const row = await store.findNumber(db, actor.organisationId, id);
    if (
      !row ||
      !mayHelp(actor, { kind: 'change-number', numberOrganisationId: row.organisation_id })
    )
      throw AppError.notFound();
    return row;
  }

  return {
    /** The organisation's own numbers for a signed-in person, in order (empty when none). */
    async forActor(actor: Actor): Promise<HelpNumber[]> {
      if (!mayHelp(actor, { kind: 'see-numbers' })) return [];
      return (await store.listNumbers(db, actor.organisationId)).map(shown);
    },

    /** The numbers for the administrator's page. */
    async listForAdmin(actor: Actor): Promise<HelpNumber[]> {
      if (!mayHelp(actor, { kind: 'manage-numbers' })) throw AppError.notFound();
      return (await store.listNumbers(db, actor.organisationId)).map(shown);
    },

    /** One number, for its change form. */
    async findForAdmin(actor: Actor, id: string): Promise<HelpNumber> {
      return shown(await ownNumber(actor, id));
    },

    /**
     * Adds a number; without a place it goes last.
     * @throws AppError invalid when the organisation already has the most it may keep
     */
    async add(actor: Actor, input: HelpNumberInput, ctx: AuditContext): Promise<{ id: string }> {
      if (!mayHelp(actor, { kind: 'manage-numbers' })) throw AppError.notFound();
      const existing = await store.listNumbers(db, actor.organisationId);
      if (existing.length >= MAX_HELP_NUMBERS) {
        throw AppError.invalid(
          'label',
          `Your organisation has ${MAX_HELP_NUMBERS} numbers, the most Help now shows. Remove one before adding another.`,
        );
      }
      const id = newId();
      const now = toIso(clock());
      const last = existing.reduce((max, row) => Math.max(max, row.position), 0);
      await change(actor, ctx, 'help.number_add', id, (trx) =>
        store.insertNumber(trx, {
          id,
          organisation_id: actor.organisationId,
          label: input.label,
          number: input.number,
          kind: input.kind,
          position: input.position ?? Math.min(last + 1, 99),
          created_at: now,
          updated_at: now,
        }),
      );
      return { id };
    },

    /** Changes a number; 404 when it is not the administrator's organisation's. */
    async update(actor: Actor, id: string, input: HelpNumberInput, ctx: AuditContext) {
      const row = await ownNumber(actor, id);
      await change(actor, ctx, 'help.number_change', id, async (trx) => {
        const changed = await store.updateNumber(trx, actor.organisationId, id, {
          label: input.label,
          number: input.number,
          kind: input.kind,
          position: input.position ?? row.position,
          updated_at: toIso(clock()),
        });
        if (!changed) throw AppError.notFound();
      });
    },

    /** Removes a number; 404 when it is not the administrator's organisation's. */
    async remove(actor: Actor, id: string, ctx: AuditContext): Promise<void> {
      await ownNumber(actor, id);
      await change(actor, ctx, 'help.number_remove', id, async (trx) => {
        if (!(await store.deleteNumber(trx, actor.organisationId, id))) throw AppError.notFound();
      });
    },

    /**
     * For an organisation set-up checklist: how many crisis numbers each organisation has set
     * (0 for none). Counts only, so it reads across no one's records.
     */
    async countsByOrganisation(organisationIds: readonly string[]): Promise<Map<string, number>> {
      return store.countByOrganisation(db, organisationIds);
    },
  };
}

/** The crisis-numbers functions. */
export type HelpNumbers = ReturnType<typeof createHelpNumbers>;
