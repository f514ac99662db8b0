/**
 * Real records to put in URLs for the access-control test: for each route parameter, a
 * function that makes a record in the given team's organisation and returns its id or token.
 * Modules add their parameters here.
 */
import type { Services } from '../src/app.ts';
import type { makeTeam } from './factories.ts';
import { makeTeamDraft, makeTeamReview, recordTeamIncident } from './force-fixtures.ts';
import {
  ensureTeamPlan,
  makeEmergencyAccess,
  makeProposal,
  makeSupporterLink,
} from './plans-fixtures.ts';
import {
  ensureTeamEnquiry,
  makeDisclosure,
  makeReferral,
  makeReflection,
  makeSafetyTask,
  makeSupportService,
} from './enquiry-fixtures.ts';

import { makeLocalItem, makeOpenRound, makeWordingProposal } from './assessment-fixtures.ts';
import {
  makeImprovementAction,
  makeImprovementGoal,
  makeImprovementPlan,
} from './improvement-fixtures.ts';
import {
  makeJournalEntry,
  makeStaffService,
  makeSupervision,
  makeTextProposal,
} from './learning-fixtures.ts';

/** A team as makeTeam returns it. */
export type Team = Awaited<ReturnType<typeof makeTeam>>;

/** Makes a value for one route parameter. */
export type ParamFactory = (services: Services, team: Team) => Promise<string>;

/** Parameter name → factory. */
export const paramFactories: Record<string, ParamFactory> = {
  accountId: async (_services, team) => team.practitioner.id,
  token: async (services, team) => {
    const actor = await services.accounts.people.actorFor(team.admin.id);
    const { link } = await services.accounts.invitations.createInvitation(
      actor,
      {
        email: `fixture-${Date.now()}-${Math.random()}@example.test`,
        displayName: 'Fixture',
        role: 'lived_experience_partner',
      },
      { actor: null, ip: null },
    );
    return link.split('/').pop()!;
  },
  languageEntryId: async (services, team) => {
    const admin = await services.accounts.people.actorFor(team.admin.id);
    const { id } = await services.language.addAllowedTerm(
      admin,
      { term: `Fixture team ${Date.now()} ${Math.random()}` },
      { actor: null, ip: null },
    );
    return id;
  },
  planId: ensureTeamPlan,
  version: async () => '1',
  proposalId: makeProposal,
  linkId: async (services, team) => (await makeSupporterLink(services, team)).id,
  linkToken: async (services, team) => (await makeSupporterLink(services, team)).token,
  accessId: makeEmergencyAccess,
  personId: async (_services, team) => team.person.id,
  unitId: async (_services, team) => team.unitId,
  enquiryId: ensureTeamEnquiry,
  disclosureId: async (services, team) => (await makeDisclosure(services, team)).disclosureId,
  referralId: makeReferral,
  taskId: makeSafetyTask,
  serviceId: makeSupportService,
  reflectionId: makeReflection,
  incidentId: recordTeamIncident,
  draftId: makeTeamDraft,
  reviewId: makeTeamReview,
  helpNumberId: async (services, team) => {
    const admin = await services.accounts.people.actorFor(team.admin.id);
    const [existing] = await services.help.numbers.listForAdmin(admin);
    if (existing?.id) return existing.id;
    const { id } = await services.help.numbers.add(
      admin,
      { label: 'Fixture crisis team', number: '0161 496 0000', kind: 'phone' },
      { actor: null, ip: null },
    );
    return id;
  },
  roundId: makeOpenRound,
  improvementPlanId: makeImprovementPlan,
  improvementActionId: makeImprovementAction,
  improvementGoalId: makeImprovementGoal,
  // Ward screen (issue 14): a discharge message written by the team's person, a display token.
  messageId: async (services, team) => {
    const actor = await services.accounts.people.actorFor(team.person.id);
    const ctx = { actor: services.accounts.people.auditActor(actor), ip: null };
    const { id } = await services.wards.screen.messages.write(
      actor,
      team.unitId,
      { body: 'Fixture message', firstName: null },
      ctx,
    );
    return id;
  },
  tokenId: async (services, team) => {
    const actor = await services.accounts.people.actorFor(team.manager.id);
    const ctx = { actor: services.accounts.people.auditActor(actor), ip: null };
    return (await services.wards.screen.display.createToken(actor, team.unitId, 'Day room', ctx))
      .id;
  },
  entryId: makeJournalEntry,
  supervisionId: makeSupervision,
  staffServiceId: makeStaffService,
  textProposalId: makeTextProposal,
  itemId: makeLocalItem,
  wordingProposalId: makeWordingProposal,
  '*': async () => 'nhsuk-frontend.min.css',
};
