/**
 * People's rights over what they told us. Guarantees: the export holds only the person's own
 * records, decrypted for them alone (callers check who is asking and audit it); what a person
 * agreed to record is exported in their words, and a practitioner's own working notes are not
 * (they are part of the care record, which the organisation discloses on request); deleting
 * removes the person's reflections, which only they own; the sweep removes finished
 * conversations and reflections past the organisation's period, all rows of a conversation
 * together, and returns only counts and a digest.
 */
import type { Db } from '../../db/index.ts';
import type { PersonRef, Removal, RetentionCutoffs, SweepResult } from '../../lib/person-data.ts';
import { removalOf } from '../../lib/person-data.ts';
import { enquiryQuestions, outcomeLabels, referralStatusLabels } from './content.ts';
import type { EnquiryContext } from './context.ts';
import { createEnquiryRightsStore, enquiryRecordTables } from './store/rights.ts';

/** The retention categories enquiry records offer, in plain words. */
export const enquiryRetentionCategories = {
  enquiry_records:
    'Finished conversations about hard experiences, with what people agreed to record and the support offered',
  reflections: "People's own saved reflections",
} as const;

/** Creates the enquiry module's part of people's rights. */
export function createEnquiryRights(ctx: EnquiryContext) {
  const { db, store } = ctx;
  const rights = createEnquiryRightsStore();

  return {
    /** The person's conversations, what they agreed to record, support offered and reflections. */
    async exportForPerson(person: PersonRef, conn: Db = db) {
      await ctx.ready();
      const org = person.organisationId;
      const enquiries = await store.listEnquiriesOfPerson(conn, org, person.personId);
      const disclosures = await store.listDisclosuresOfPerson(conn, org, person.personId);
      const names = await ctx.accounts.describeAccounts(
        conn,
        enquiries.map((e) => e.practitioner_id),
        org,
      );
      const referrals = await rights.referralsOfPerson(conn, org, person.personId);
      const reflections = await rights.reflectionsOfPerson(conn, org, person.personId);
      return {
        conversations: [...enquiries].reverse().map((e) => ({
          startedAt: e.created_at,
          finishedAt: e.completed_at,
          with: names.get(e.practitioner_id)?.displayName ?? 'A member of staff',
          outcome: e.outcome ? (outcomeLabels[e.outcome] ?? e.outcome) : 'Not finished',
        })),
        recorded: [...disclosures].reverse().map((d) => ({
          recordedAt: d.created_at,
          yourWords: ctx.open<string>(d.record_enc, 'enquiry_disclosures', 'record_enc', d.id),
          areas: (
            ctx.open<{ id: string; words: string | null }[]>(
              d.areas_enc,
              'enquiry_disclosures',
              'areas_enc',
              d.id,
            ) ?? []
          ).map((a) => ({
            area: enquiryQuestions.find((q) => q.id === a.id)?.short ?? '',
            words: a.words,
          })),
          hiddenFromStaff: d.status === 'withdrawn',
        })),
        support: referrals.map((r) => ({
          service: r.name,
          kind: r.kind === 'referred' ? 'Referral made' : 'Information given',
          status: referralStatusLabels[r.status] ?? r.status,
          at: r.created_at,
        })),
        reflections: reflections.map((r) => {
          const data = ctx.open<{ way: string; answers: Record<string, string | undefined> }>(
            r.answers_enc,
            'enquiry_reflections',
            'answers_enc',
            r.id,
          );
          return { savedAt: r.created_at, way: data?.way ?? null, answers: data?.answers ?? {} };
        }),
      };
    },

    /** Deletes the person's reflections (only they own them), in the caller's transaction. */
    async deleteOwnedByPerson(trx: Db, person: PersonRef): Promise<Removal> {
      const rows = await rights.reflectionsOfPerson(trx, person.organisationId, person.personId);
      await rights.deleteReflectionsOfPerson(trx, person.organisationId, person.personId);
      return removalOf({ enquiry_reflections: rows });
    },

    /** Finds (dry run) or removes enquiry records and reflections past the organisation's period. */
    async sweepRetention(
      trx: Db,
      organisationId: string,
      cutoffs: RetentionCutoffs,
      dryRun: boolean,
    ): Promise<SweepResult[]> {
      const results: SweepResult[] = [];
      if (cutoffs.enquiry_records) {
        const found = await rights.oldEnquiries(trx, organisationId, cutoffs.enquiry_records);
        if (!dryRun) {
          for (const table of enquiryRecordTables) {
            await rights.deleteByIds(
              trx,
              table,
              organisationId,
              found[table].map((r) => r.id),
            );
          }
        }
        results.push({ category: 'enquiry_records', ...removalOf(found) });
      }
      if (cutoffs.reflections) {
        const found = await rights.oldReflections(trx, organisationId, cutoffs.reflections);
        if (!dryRun) {
          await rights.deleteByIds(
            trx,
            'enquiry_reflections',
            organisationId,
            found.map((r) => r.id),
          );
        }
        results.push({ category: 'reflections', ...removalOf({ enquiry_reflections: found }) });
      }
      return results;
    },
  };
}

/** The enquiry module's part of people's rights. */
export type EnquiryRights = ReturnType<typeof createEnquiryRights>;
