/**
 * The overviews: a practitioner's list of everyone in their care and where each conversation
 * stands, the home page panels, the staff guide, and enquiry rates for managers (counts only,
 * 1 to 4 shown as "fewer than 5", suppressed here so that no caller can show a small count).
 */
import type { Actor } from '../accounts/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { outcomeLabels, reflectionQuestions, referralStatusLabels } from './content.ts';
import type { EnquiryContext } from './context.ts';
import {
  isPersonInCare,
  isPractitioner,
  leadsConversations,
  mayEnquiry,
  seesEveryUnitsRates,
  seesReflectiveSpaceRequests,
} from './policy.ts';
import { countRates, displayCount, displayCounts, rateColumns } from './rates.ts';
import type { RateEnquiry, RateReferral } from './rates.ts';
import type { EnquiriesTable } from './tables.ts';

/** Where a person's latest conversation stands, as the overview shows it. */
export function statusOf(latest: EnquiriesTable | undefined, todayStr: string) {
  if (!latest) return { text: 'Not offered yet', tag: 'nhsuk-tag--grey', due: true };
  if (latest.state !== 'done') {
    return {
      text: latest.state === 'paused' ? 'Paused' : 'In progress',
      tag: 'nhsuk-tag--blue',
      due: false,
    };
  }
  if ((latest.outcome === 'not_now' || latest.outcome === 'not_asked') && latest.return_on) {
    const overdue = latest.return_on < todayStr;
    const due = latest.return_on <= todayStr;
    return {
      text: overdue
        ? 'Overdue to come back to'
        : due
          ? 'Due to come back to today'
          : `${outcomeLabels[latest.outcome]}`,
      returnOn: latest.return_on,
      tag: due ? 'nhsuk-tag--orange' : 'nhsuk-tag--grey',
      due,
    };
  }
  return {
    text: `${outcomeLabels[latest.outcome ?? 'asked']}`,
    tag: latest.outcome === 'declined' ? 'nhsuk-tag--grey' : 'nhsuk-tag--green',
    due: false,
  };
}

/** One person's row in the overview. */
function personRow(
  actor: Actor,
  p: { id: string; displayName: string },
  enquiries: EnquiriesTable[],
  todayStr: string,
) {
  const latest = enquiries.find((e) => e.person_id === p.id);
  const status = statusOf(latest, todayStr);
  const startLabel = !latest
    ? 'Start a conversation'
    : status.due
      ? 'Come back to this'
      : 'Start a new conversation';
  const followUp = enquiries.find(
    (e) =>
      e.person_id === p.id &&
      e.practitioner_id === actor.id &&
      e.disclosed === 1 &&
      e.follow_up_on !== null &&
      e.followed_up_at === null,
  );
  return {
    id: p.id,
    name: p.displayName,
    status,
    startLabel,
    open:
      latest && latest.state !== 'done'
        ? { id: latest.id, mine: latest.practitioner_id === actor.id }
        : null,
    latestId: latest && latest.practitioner_id === actor.id ? latest.id : null,
    followUp: followUp
      ? {
          enquiryId: followUp.id,
          on: followUp.follow_up_on,
          overdue: (followUp.follow_up_on ?? '') < todayStr,
        }
      : null,
  };
}

/** A practitioner's open next steps, supplied by the next-steps capability. */
type NextStepsOf = (actor: Actor) => Promise<
  {
    id: string;
    kind: string;
    enquiryId: string;
    personName: string;
    createdAt: string;
  }[]
>;

/** Creates the overview capability. */
export function createOverview(ctx: EnquiryContext, nextSteps: NextStepsOf) {
  const { db, store, accounts } = ctx;

  /**
   * The practitioner's overview: everyone in their care, and where each enquiry stands. The home
   * panel shows no disclosures shared with the practitioner, so it asks for none
   * (`withShared` false): two statements fewer a page.
   */
  async function hub(actor: Actor, withShared = true) {
    await ctx.ready();
    if (!mayEnquiry(actor, { kind: 'view-directory' })) throw AppError.notFound();
    const todayStr = ctx.today();
    const leads = leadsConversations(actor);
    const people = leads
      ? await accounts.caseloadOf(actor)
      : (await accounts.peopleInMyUnits(actor)).filter((p) => isPersonInCare(p));
    const enquiries = leads
      ? await store.listEnquiriesForPeople(
          db,
          actor.organisationId,
          people.map((p) => p.id),
        )
      : [];
    const rows = people.map((p) => personRow(actor, p, enquiries, todayStr));
    const shared = withShared
      ? await store.listDisclosuresSharedWith(db, actor.organisationId, actor.id, actor.unitIds)
      : [];
    const sharedNames = await accounts.describeAccounts(
      db,
      shared.map((s) => s.person_id),
      actor.organisationId,
    );
    const visibleShared = [];
    for (const s of shared) {
      if (await ctx.personVisible(actor, s.person_id)) {
        visibleShared.push({
          id: s.id,
          personName: sharedNames.get(s.person_id)?.displayName ?? '',
          createdAt: s.created_at,
        });
      }
    }
    return {
      people: rows,
      tasks: leads ? await nextSteps(actor) : [],
      shared: visibleShared,
      canLead: leads,
      canSeeRates: mayEnquiry(actor, { kind: 'view-rates' }),
    };
  }

  return {
    hub,

    /**
     * Enquiry rates per unit and per practitioner: counts only, 1 to 4 shown as "fewer than 5".
     * Unit managers see their own units; organisation administrators see every unit.
     */
    async rates(actor: Actor) {
      await ctx.ready();
      if (!mayEnquiry(actor, { kind: 'view-rates' })) throw AppError.notFound();
      const scope = seesEveryUnitsRates(actor) ? null : actor.unitIds;
      const units = await accounts.unitsOf(actor);
      const enquiries: RateEnquiry[] = (
        await store.listEnquiryMetadata(db, actor.organisationId, scope)
      ).map((r) => ({
        personId: r.person_id,
        practitionerId: r.practitioner_id,
        unitId: r.unit_id,
        outcome: r.outcome,
        returnOn: r.return_on,
        returnedAt: r.returned_at,
        disclosed: Number(r.disclosed) === 1,
        followUpOn: r.follow_up_on,
        followedUpAt: r.followed_up_at,
      }));
      const referrals: RateReferral[] = (
        await store.listReferralMetadata(db, actor.organisationId, scope)
      ).map((r) => ({
        personId: r.person_id,
        practitionerId: r.practitioner_id,
        unitId: r.unit_id,
        kind: r.kind,
        status: r.status,
      }));
      const everyone = await accounts.peopleInMyUnits(actor);
      const peopleUnits = new Map<string, string[]>();
      for (const p of everyone.filter((x) => isPersonInCare(x))) {
        peopleUnits.set(p.id, await accounts.unitIdsOfPerson(p.id, actor.organisationId));
      }
      const todayStr = ctx.today();
      const unitRows = units.map((u) => ({
        name: u.name,
        counts: displayCounts(
          countRates(
            enquiries.filter((e) => e.unitId === u.id),
            referrals.filter((r) => r.unitId === u.id),
            todayStr,
            [...peopleUnits.values()].filter((ids) => ids.includes(u.id)).length,
          ),
        ),
      }));
      const practitioners = everyone.filter((p) => isPractitioner(p));
      const practitionerRows = [];
      for (const p of practitioners) {
        const caseload = await accounts
          .actorFor(p.id)
          .then((a) => accounts.caseloadOf(a))
          .catch(() => []);
        practitionerRows.push({
          name: p.displayName,
          counts: displayCounts(
            countRates(
              enquiries.filter((e) => e.practitionerId === p.id),
              referrals.filter((r) => r.practitionerId === p.id),
              todayStr,
              caseload.length,
            ),
          ),
        });
      }
      const supervision = await store.listSupervisionRequests(
        db,
        actor.organisationId,
        practitioners.map((p) => p.id),
      );
      return {
        columns: rateColumns,
        units: unitRows,
        practitioners: practitionerRows,
        supervisionRequests: displayCount(supervision.length),
      };
    },

    /** The staff guide to "What happened to you?", for those who may see it. */
    guide(actor: Actor) {
      if (!mayEnquiry(actor, { kind: 'view-guide' })) throw AppError.notFound();
      return { reflectionQuestions };
    },

    /** What a practitioner's home page shows: next steps, follow-ups and returns due. */
    async practitionerPanel(actor: Actor) {
      if (!leadsConversations(actor)) return null;
      const overview = await hub(actor, false);
      const due = overview.people.filter(
        (p) => p.status.due && p.status.text !== 'Not offered yet',
      );
      const notOffered = overview.people.filter((p) => p.status.text === 'Not offered yet').length;
      const followUps = overview.people.filter((p) => p.followUp);
      return { tasks: overview.tasks, due, notOffered, followUps };
    },

    /** What a person's home page shows: questions waiting for them, their records, their support. */
    async personPanel(actor: Actor) {
      if (!isPersonInCare(actor)) return null;
      await ctx.ready();
      const org = actor.organisationId;
      const enquiries = await store.listEnquiriesOfPerson(db, org, actor.id);
      const waiting = enquiries.find(
        (e) => e.state !== 'done' && e.mode === 'own_device' && e.stage === 'ask',
      );
      const disclosures = await store.listDisclosuresOfPerson(db, org, actor.id);
      const referrals = await store.listReferralsOfPerson(db, org, actor.id);
      const services = await store.listServices(db, org, false);
      const reflections = await store.listReflections(db, org, actor.id);
      return {
        waiting: waiting ? { id: waiting.id } : null,
        disclosures: disclosures.map((d) => ({
          id: d.id,
          createdAt: d.created_at,
          status: d.status,
        })),
        referrals: referrals.map((r) => ({
          serviceName: services.find((s) => s.id === r.service_id)?.name ?? '',
          statusLabel: referralStatusLabels[r.status],
        })),
        reflections: reflections.length,
      };
    },

    /** What a unit manager's home page shows: requests for reflective space (no names of people). */
    async managerPanel(actor: Actor) {
      if (!seesReflectiveSpaceRequests(actor)) return null;
      const staff = (await accounts.peopleInMyUnits(actor)).filter((p) => isPractitioner(p));
      const requests = await store.listSupervisionRequests(
        db,
        actor.organisationId,
        staff.map((s) => s.id),
      );
      return {
        requests: requests.map((r) => ({
          name: staff.find((s) => s.id === r.practitioner_id)?.displayName ?? '',
          at: r.done_at,
        })),
      };
    },
  };
}
