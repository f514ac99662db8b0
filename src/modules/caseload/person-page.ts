/**
 * The nurse's person page: one view model drawn from plans, enquiry and force, so a nurse
 * reaches a person's plan in two taps from home. Guarantees: 404 unless the accounts module
 * says the actor may see the person (each module checks again for its own part); the page is
 * audited as a read of the person's information, naming them, after everything on it was
 * gathered and before it is returned; nothing in the plan is read here (opening it is audited
 * by the plans module).
 */
import type { Actor } from '../accounts/index.ts';
import type { AuditContext } from '../audit/index.ts';
import type { EnquiryService } from '../enquiry/index.ts';
import type { ForceService } from '../force/index.ts';
import { AppError } from '../../lib/app-error.ts';
import { mayUseCaseload } from './policy.ts';
import type { CaseloadDeps } from './types.ts';

/** Everything the person page shows, ready for its template. */
export interface PersonPageView {
  person: { id: string; name: string; unitNames: string[] };
  /** The plan, when the person shares it with the actor now; null otherwise. */
  plan: { planId: string; updatedAt: string; reviewDue: boolean } | null;
  /** Where conversations stand; null for staff who do not lead them. */
  enquiry: Awaited<ReturnType<EnquiryService['personSummary']['forPerson']>>;
  incidents: Awaited<ReturnType<ForceService['personIncidents']['forPerson']>>;
  /** How many open tasks the actor has about this person (next steps and check-ins). */
  openTasks: number;
}

/** Creates the person-page capability. */
export function createPersonPage(deps: CaseloadDeps) {
  const { db, audit, people, plans, enquiry, force } = deps;
  return {
    /** The person page for a member of staff; 404 for anyone they may not see. */
    async open(actor: Actor, personId: string, ctx: AuditContext): Promise<PersonPageView> {
      if (!mayUseCaseload(actor)) throw AppError.notFound();
      const person = await people.requirePersonVisibleTo(actor, personId);
      const org = actor.organisationId;
      const unitIds = await people.unitIdsOfPerson(person.id, org);
      const units = await people.describeUnits(db, unitIds, org);
      const view: PersonPageView = {
        person: {
          id: person.id,
          name: person.display_name,
          unitNames: unitIds.map((u) => units.get(u)?.name ?? '').filter((n) => n !== ''),
        },
        plan: await plans.sharedPlanOf(actor, person.id),
        enquiry: await enquiry.forPerson(actor, person.id),
        incidents: await force.forPerson(actor, person.id),
        openTasks: 0,
      };
      view.openTasks = (view.enquiry?.tasks.length ?? 0) + (view.enquiry?.followUp ? 1 : 0);
      await audit.audited(db, ctx, async (_trx, record) => {
        await record({
          organisationId: org,
          action: 'caseload.view_person',
          recordType: 'account',
          recordId: person.id,
          subjectPersonId: person.id,
        });
      });
      return view;
    },
  };
}
