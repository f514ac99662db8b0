/** Plain words for this module's audit actions, as the person reads them in "Who has seen my information". */
export const caseloadActionLabels: Record<string, string> = {
  'caseload.view_person': 'Looked at the page that lists your plan, talks and records',
  'caseload.search': 'Found your name in a search',
};
