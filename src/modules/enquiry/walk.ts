/**
 * Walks a whole conversation through the service, as the web pages do: for demo data, the
 * access-control fixtures and tests. Every step goes through the same rules and audit.
 */
import type { Actor, AccountsService } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { AnswerValue } from './content.ts';
import { enquiryQuestions } from './content.ts';
import type { EnquiryService } from './service.ts';

/** How a walked conversation should go. */
export interface WalkPlan {
  choice: 'now' | 'not_now' | 'no' | 'not_asked';
  /** For not_now and not_asked. */
  returnOn?: string;
  /** Answers by question id; unlisted questions are answered "no". */
  answers?: Record<string, AnswerValue>;
  words?: string;
  share?: string[];
  safety?: Partial<Record<'ongoing' | 'contact' | 'others' | 'danger', 'yes' | 'no'>>;
  followUpOn?: string;
  /** Stop after this many answers. */
  stopAfter?: number;
  keepOnStop?: boolean;
}

/** What a walk produced. */
export interface WalkResult {
  enquiryId: string;
  disclosureId: string | null;
}

/** Runs a conversation from start to finish. */
export async function walkEnquiry(
  deps: { enquiry: EnquiryService; accounts: AccountsService },
  practitioner: Actor,
  personId: string,
  plan: WalkPlan,
): Promise<WalkResult> {
  const { enquiry } = deps;
  const ctx: AuditContext = { actor: deps.accounts.people.auditActor(practitioner), ip: null };
  const id = await enquiry.conversation.start(practitioner, personId, ctx);
  const version = async (stage: Parameters<EnquiryService['conversation']['openStep']>[2]) =>
    (await enquiry.conversation.openStep(practitioner, id, stage, ctx)).version;
  if (plan.choice === 'not_asked') {
    if (!plan.returnOn) throw new Error('A not-asked walk needs a date to come back');
    await enquiry.conversation.notAsked(
      practitioner,
      id,
      {
        version: await version('prepare'),
        reason: 'no_interpreter',
        note: undefined,
        returnOn: plan.returnOn,
      },
      ctx,
    );
    return { enquiryId: id, disclosureId: null };
  }
  await enquiry.conversation.prepare(
    practitioner,
    id,
    {
      version: await version('prepare'),
      checks: ['private', 'time', 'alone', 'language'],
      mode: 'together',
    },
    ctx,
  );
  await enquiry.conversation.consent(
    practitioner,
    id,
    { version: await version('consent'), choice: plan.choice, returnOn: plan.returnOn ?? null },
    ctx,
  );
  if (plan.choice !== 'now') return { enquiryId: id, disclosureId: null };
  let answered = 0;
  for (const q of enquiryQuestions) {
    if (plan.stopAfter !== undefined && answered >= plan.stopAfter) {
      const v = await version('ask');
      await enquiry.conversation.stop(
        practitioner,
        id,
        { version: v, keep: plan.keepOnStop ? 'yes' : 'no' },
        ctx,
      );
      break;
    }
    await enquiry.conversation.answer(
      practitioner,
      id,
      {
        version: await version('ask'),
        questionId: q.id,
        answer: plan.answers?.[q.id] ?? 'no',
        words: undefined,
        action: 'next',
      },
      ctx,
    );
    answered++;
  }
  let step = (await enquiry.conversation.openStep(practitioner, id, 'respond', ctx)).stage;
  if (step === 'respond') {
    await enquiry.conversation.respond(
      practitioner,
      id,
      {
        version: await version('respond'),
        'safety-ongoing': plan.safety?.ongoing ?? 'no',
        'safety-contact': plan.safety?.contact ?? 'no',
        'safety-others': plan.safety?.others ?? 'no',
        'safety-danger': plan.safety?.danger ?? 'no',
        support: 'now',
        toldBefore: undefined,
        meaning: undefined,
        notes: undefined,
      },
      ctx,
    );
    step = 'close';
  }
  const closed = await enquiry.conversation.close(
    practitioner,
    id,
    {
      version: await version('close'),
      grounding: 'offered',
      feeling: undefined,
      followUpOn: plan.followUpOn ?? null,
    },
    ctx,
  );
  if (!closed.disclosed) return { enquiryId: id, disclosureId: null };
  const { disclosureId } = await enquiry.conversation.recordDisclosure(
    practitioner,
    id,
    {
      version: await version('record'),
      words: plan.words ?? 'Talked about hard experiences.',
      keepAnswers: 'yes',
      share: plan.share ?? [],
      agreed: 'yes',
    },
    ctx,
  );
  return { enquiryId: id, disclosureId };
}
