/** Plain words for the audit actions this module and accounts record. */
export const auditActionLabels: Record<string, string> = {
  'account.disable': 'Turned off your account',
  'account.enable': 'Turned your account back on',
  'account.job_title': 'Changed a job title',
};
